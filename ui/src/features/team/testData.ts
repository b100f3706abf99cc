// Test data for the team register, shaped exactly like the generated types.
import type { TeamConflictView, TeamStatus, TeamView } from "../../bindings";
import { conflicts } from "../exchange/testData";

export function status(patch: Partial<TeamStatus> = {}): TeamStatus {
  return {
    joined: true,
    server: "https://risk.example.org:8443",
    team_id: "0193a4c2-team",
    user: "ada",
    last_sync: null,
    last_error: null,
    pending_changes: 0,
    unanswered_pushes: 0,
    conflicts: 0,
    partnerships: [],
    ...patch,
  };
}

export function teamView(patch: Partial<TeamStatus> = {}, problem: TeamView["problem"] = null): TeamView {
  return { status: status(patch), problem };
}

/// Two conflicts a sync kept on one risk: its title and its residual score.
export function kept(): TeamConflictView[] {
  const [title, residual] = conflicts();
  return [
    { id: "k-title", partnership_id: "p1", position: 7, at: "2026-12-07T10:40:00Z", risk_id: title.key, conflict: title },
    {
      id: "k-residual",
      partnership_id: "p1",
      position: 7,
      at: "2026-12-07T10:40:00Z",
      risk_id: residual.key,
      // A kept conflict whose merge offered both records: a settled sync cannot keep both.
      conflict: { ...residual, choices: [...residual.choices, "both"] },
    },
  ];
}
