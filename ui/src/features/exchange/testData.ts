// Test data for the exchange, shaped exactly like the generated types.
import type { Conflict, Disagreement, ExchangePreview, PartnerView, Resolution } from "../../bindings";

const risk = "01a250b1-040e-7423-aa2d-50ac3b205d7c";

export function conflicts(): Conflict[] {
  return [
    {
      id: "xtitle",
      kind: "field",
      table: "risks",
      key: risk,
      record: 'risk DPR-001 "Personal data leaves the EU without a DPA"',
      field: "title",
      base: "Personal data is shared before a DPA is signed",
      mine: "Personal data leaves the EU without a DPA",
      theirs: "Claims data sent abroad without a DPA",
      other_key: null,
      choices: ["mine", "theirs", "value"],
      resolution: null,
    },
    {
      id: "xresidual",
      kind: "field",
      table: "risks",
      key: risk,
      record: 'risk DPR-001 "Personal data leaves the EU without a DPA"',
      field: "residual",
      base: { residual_l: 2, residual_i: 5 },
      mine: { residual_l: 4, residual_i: 4 },
      theirs: { residual_l: 2, residual_i: 3 },
      other_key: null,
      choices: ["mine", "theirs", "value"],
      resolution: null,
    },
    {
      id: "xowner",
      kind: "field",
      table: "risks",
      key: risk,
      record: 'risk DPR-001 "Personal data leaves the EU without a DPA"',
      field: "owner",
      base: "Jonas Becker",
      mine: "Ada Analyst",
      theirs: "Ben Brook",
      other_key: null,
      choices: ["mine", "theirs", "value"],
      resolution: null,
    },
  ];
}

/// A three-way preview of Ben's file: each side changed and added risks, three conflicts
/// (unresolved unless `resolutions` says), one reference renumbered.
export function threeWay(resolutions: Record<string, Resolution> = {}): ExchangePreview {
  return {
    file: "ben.prisk-exchange",
    mode: "three_way",
    partnership_id: "p1",
    partnership: "Northwind Analytics – claims triage AI",
    sender: { name: "Ben Brook", workspace_id: "w2", workspace: "ben.prisk" },
    sent_at: "2026-12-07T13:28:00Z",
    digest: "d".repeat(64),
    base: "0f262b3a5b90528879d5",
    base_at: "2026-11-30T09:15:00Z",
    mine_counts: { risks: { new: 1, changed: 1, deleted: 0 }, audit_log: { new: 3, changed: 0, deleted: 0 } },
    theirs_counts: {
      risks: { new: 1, changed: 2, deleted: 0 },
      actions: { new: 0, changed: 0, deleted: 1 },
      audit_log: { new: 6, changed: 0, deleted: 0 },
    },
    mine: [],
    theirs: [],
    conflicts: conflicts().map((c) => ({ ...c, resolution: resolutions[c.id] ?? null })),
    renumbered: [{ table: "risks", key: "r9", from: "EXT-008", to: "EXT-009", title: "Key staff of the partner leave" }],
    apply: {
      risks: { new: 1, changed: 2, deleted: 0 },
      actions: { new: 0, changed: 0, deleted: 1 },
      reference_counters: { new: 0, changed: 1, deleted: 0 },
      audit_log: { new: 6, changed: 0, deleted: 0 },
    },
  };
}

export function view(n: number, overrides: Partial<PartnerView> = {}): PartnerView {
  return {
    id: `v${n}`,
    risk_id: `r${n}`,
    reference: `TEC-${String(n).padStart(3, "0")}`,
    title: `Risk number ${n}`,
    author: "Priya (Acme)",
    workspace: "acme.prisk",
    at: "2026-12-05T09:30:00Z",
    inherent: null,
    residual: { likelihood: 5, impact: 5 },
    target: null,
    comment: "",
    ...overrides,
  };
}

export function disagreement(n: number, overrides: Partial<Disagreement> = {}): Disagreement {
  return {
    risk_id: `r${n}`,
    reference: `TEC-${String(n).padStart(3, "0")}`,
    title: `Risk number ${n}`,
    kind: "residual",
    ours: { likelihood: 2, impact: 2 },
    theirs: { likelihood: 5, impact: 5 },
    steps: 3,
    author: "Priya (Acme)",
    at: "2026-12-05T09:30:00Z",
    ...overrides,
  };
}
