// Test data for the team register, shaped exactly like the generated types.
import type { Conflict, TeamConflictView, TeamStatus, TeamView } from "../../bindings";

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

const risk = "01a250b1-040e-7423-aa2d-50ac3b205d7c";

function conflict(id: string, field: string, base: unknown, mine: unknown, theirs: unknown): Conflict {
  return {
    id,
    kind: "field",
    table: "risks",
    key: risk,
    record: 'risk DPR-001 "Personal data leaves the EU without a DPA"',
    field,
    base,
    mine,
    theirs,
    other_key: null,
    choices: ["mine", "theirs", "value"],
    resolution: null,
  };
}

/// Two conflicts a sync kept on one risk: its title and its residual score.
export function kept(): TeamConflictView[] {
  const title = conflict(
    "xtitle",
    "title",
    "Personal data is shared before a DPA is signed",
    "Personal data leaves the EU without a DPA",
    "Claims data sent abroad without a DPA",
  );
  const residual = conflict("xresidual", "residual", { residual_l: 2, residual_i: 5 }, { residual_l: 4, residual_i: 4 }, { residual_l: 2, residual_i: 3 });
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
