// Review test data shaped exactly like the generated types.
import type { Acceptance, QueueEntry, Review, ReviewContext, ReviewFields } from "../../bindings";
import { matrix5, partnership, risk } from "../../test/fixtures";

export function entry(n: number, overrides: Partial<QueueEntry> = {}): QueueEntry {
  const r = risk(n);
  return {
    risk_id: r.id,
    partnership_id: "p1",
    partnership: "Acme pilot",
    reference: r.reference,
    title: r.title,
    category: r.category,
    owner: r.owner,
    level: "Medium",
    review_days: 180,
    last_reviewed: null,
    due: null,
    state: "unreviewed",
    acceptance_expired: false,
    indicators: [],
    ...overrides,
  };
}

export function context(n: number, overrides: Partial<ReviewContext> = {}): ReviewContext {
  return {
    detail: { risk: risk(n), actions: [], requirements: [], history: [] },
    partnership: partnership.name,
    matrix: matrix5,
    reviews: [],
    acceptances: [],
    ...overrides,
  };
}

export function review(n: number, fields: Partial<ReviewFields> = {}, overrides: Partial<Review> = {}): Review {
  const r = risk(n);
  return {
    id: `rev-${n}`,
    risk_id: r.id,
    partnership_id: "p1",
    reference: r.reference,
    reviewer: "Dana",
    at: "2026-11-20T10:00:00.000000Z",
    reviewed_on: "2026-11-20",
    decision: fields.decision ?? "no_change",
    rationale: fields.rationale ?? "",
    inherent_before: r.inherent,
    residual_before: null,
    inherent_after: r.inherent,
    residual_after: fields.residual ?? null,
    next_review: "2027-05-19",
    next_review_source: "level_interval",
    digest: "d",
    outdated: false,
    withdrawn_by: null,
    withdrawn_at: null,
    ...overrides,
  };
}

export function acceptance(overrides: Partial<Acceptance> = {}): Acceptance {
  return {
    id: "acc1",
    risk_id: "r1",
    partnership_id: "p1",
    reference: "TEC-001",
    requested_by: "Dana",
    requested_at: "2026-11-10T09:00:00Z",
    approver: "Olu",
    justification: "Cheaper to carry than to fix",
    expiry: "2027-06-30",
    state: "requested",
    decided_by: null,
    decided_at: null,
    decision_note: "",
    revoked_by: null,
    revoked_at: null,
    revoke_reason: "",
    review_id: null,
    expired: false,
    self_approved: false,
    ...overrides,
  };
}
