// Test data shaped exactly like the app's generated types.
import type { Matrix, Partnership, RegisterRow, RegisterTable, Requirement, Risk } from "../bindings";

export const matrix5: Matrix = {
  id: "preset-5x5",
  name: "Standard 5×5",
  description: "",
  preset: "5x5",
  likelihood: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"].map((label) => ({
    label,
    description: `${label} description`,
    range: null,
  })),
  impact: ["Insignificant", "Minor", "Moderate", "Major", "Severe"].map((label) => ({
    label,
    description: `${label} impact`,
    range: null,
  })),
  levels: [
    { name: "Low", description: "", colour: "#2E7D32", review_days: 365, within_appetite: true },
    { name: "Medium", description: "", colour: "#FBC02D", review_days: 180, within_appetite: true },
    { name: "High", description: "", colour: "#F57C00", review_days: 90, within_appetite: false },
    { name: "Critical", description: "", colour: "#C62828", review_days: 30, within_appetite: false },
  ],
  grid: [
    [0, 0, 0, 1, 1],
    [0, 0, 1, 1, 2],
    [0, 1, 1, 2, 2],
    [1, 1, 2, 2, 3],
    [1, 2, 2, 3, 3],
  ],
};

export const partnership: Partnership = {
  id: "p1",
  matrix_id: "preset-5x5",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  name: "Acme pilot",
  partner: "Acme",
  description: "",
  stage: "pilot",
  owner: "Dana",
  archived: false,
};

export function risk(n: number, overrides: Partial<Risk> = {}): Risk {
  return {
    id: `r${n}`,
    partnership_id: "p1",
    reference: `TEC-${String(n).padStart(3, "0")}`,
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-01T10:00:00Z",
    category: "technical",
    title: `Risk number ${n}`,
    description: "",
    cause: "",
    consequence: "",
    owner: n % 2 ? "Ana" : "Ben",
    status: "open",
    treatment: null,
    treatment_rationale: "",
    acceptance_approver: "",
    acceptance_expiry: null,
    inherent: { likelihood: (n % 5) + 1, impact: ((n + 2) % 5) + 1 },
    residual: null,
    target: null,
    tags: [],
    next_review: null,
    ...overrides,
  };
}

export function register(count: number): RegisterTable {
  const rows: RegisterRow[] = Array.from({ length: count }, (_, i) => {
    const r = risk(i + 1);
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      category: r.category,
      owner: r.owner,
      status: r.status,
      inherent: r.inherent,
      residual: r.residual,
      target: r.target,
      next_action_due: null,
      overdue_actions: 0,
    };
  });
  return { partnership, matrix: matrix5, rows };
}

export function requirement(n: number, overrides: Partial<Requirement> = {}): Requirement {
  return {
    id: `q${n}`,
    partnership_id: "p1",
    risk_ids: [],
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-01T10:00:00Z",
    code: `REQ-${n}`,
    title: `Requirement ${n}`,
    area: "Security",
    description: "",
    status: "not_started",
    evidence: "",
    ...overrides,
  };
}

/// What the store's full-text search answers for a register made by `register()`, for
/// mocks of `matching_risks`: the ids whose reference or title holds every word typed.
export function matchingIds(table: RegisterTable, text: string | null): string[] {
  const words = (text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return table.rows
    .filter((r) => words.every((w) => `${r.reference} ${r.title}`.toLowerCase().includes(w)))
    .map((r) => r.id);
}
