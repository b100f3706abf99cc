// Generated from the Rust types by tests/bindings.rs (ts-rs). Do not edit:
// run `UPDATE_BINDINGS=1 cargo test --test bindings` after changing a type.

export type IpcError = { code: string, message: string, field?: string, };

export type WorkspaceInfo = { path: string, schema_version: number, recent: Array<string>, };

export type Stage = "exploring" | "pilot" | "limited_launch" | "full_launch" | "exiting" | "ended";

export type RiskStatus = "open" | "mitigating" | "accepted" | "closed";

export type Treatment = "avoid" | "reduce" | "transfer" | "share" | "accept";

export type ActionStatus = "planned" | "in_progress" | "done" | "cancelled";

export type RequirementStatus = "not_started" | "in_progress" | "in_place" | "verified" | "not_applicable";

export type ScoreKind = "inherent" | "residual" | "target";

export type Score = { likelihood: number, impact: number, };

export type AxisLevel = { label: string, description: string, 
/**
 * Optional numeric band as text, e.g. "20-50 % in 12 months" or "€100k-€1M".
 */
range: string | null, };

export type RiskLevel = { name: string, description: string, 
/**
 * `#RRGGBB`.
 */
colour: string, 
/**
 * How often a risk at this level is reviewed.
 */
review_days: number, 
/**
 * Whether a risk at this level is within the organisation's risk appetite.
 */
within_appetite: boolean, };

export type Matrix = { id: string, name: string, description: string, 
/**
 * The key of the built-in preset this matrix is (presets are read-only).
 */
preset: string | null, likelihood: Array<AxisLevel>, impact: Array<AxisLevel>, levels: Array<RiskLevel>, 
/**
 * `grid[likelihood - 1][impact - 1]` is the index in `levels` of that cell's level.
 */
grid: Array<Array<number>>, };

export type MatrixCheck = { warnings: Array<MatrixWarning>, 
/**
 * How many different levels the grid can actually give a risk.
 */
distinct_levels: number, };

export type MatrixWarning = { "kind": "not_monotonic", cell: Score, level: string, dominated: Score, dominated_level: string, } | { "kind": "unused_level", level: string, };

export type PartnershipFields = { name: string, partner: string, description: string, stage: Stage, owner: string, archived: boolean, };

export type Partnership = { id: string, 
/**
 * The scoring matrix every risk of the partnership is scored on.
 */
matrix_id: string, created_at: string, updated_at: string, name: string, partner: string, description: string, stage: Stage, owner: string, archived: boolean, };

export type PartnershipSummary = { matrix_name: string, risk_count: number, 
/**
 * Risks per level of the partnership's matrix, by their current (residual, else
 * inherent) score, lowest level first; unscored risks are not counted.
 */
risks_by_level: Array<LevelCount>, id: string, 
/**
 * The scoring matrix every risk of the partnership is scored on.
 */
matrix_id: string, created_at: string, updated_at: string, name: string, partner: string, description: string, stage: Stage, owner: string, archived: boolean, };

export type LevelCount = { level: string, colour: string, count: number, };

export type Category = { 
/**
 * Stable identifier, lowercase snake_case (e.g. `data_protection`).
 */
code: string, name: string, 
/**
 * Two to four capital letters that start the references of its risks (e.g. `TEC`).
 */
prefix: string, built_in: boolean, };

export type RiskFields = { 
/**
 * Category code.
 */
category: string, title: string, description: string, cause: string, consequence: string, owner: string, status: RiskStatus, treatment: Treatment | null, treatment_rationale: string, 
/**
 * Who accepted the risk; required when the treatment is `accept`.
 */
acceptance_approver: string, 
/**
 * Until when the acceptance holds; required when the treatment is `accept`.
 */
acceptance_expiry: string | null, inherent: Score | null, residual: Score | null, target: Score | null, tags: Array<string>, next_review: string | null, };

export type Risk = { id: string, partnership_id: string, 
/**
 * Category prefix and number, unique in the partnership and never changed (e.g. `TEC-004`).
 */
reference: string, created_at: string, updated_at: string, 
/**
 * Category code.
 */
category: string, title: string, description: string, cause: string, consequence: string, owner: string, status: RiskStatus, treatment: Treatment | null, treatment_rationale: string, 
/**
 * Who accepted the risk; required when the treatment is `accept`.
 */
acceptance_approver: string, 
/**
 * Until when the acceptance holds; required when the treatment is `accept`.
 */
acceptance_expiry: string | null, inherent: Score | null, residual: Score | null, target: Score | null, tags: Array<string>, next_review: string | null, };

export type Money = { minor: number, currency: string, };

export type ActionFields = { title: string, detail: string, owner: string, due: string | null, status: ActionStatus, cost: Money | null, };

export type Action = { id: string, risk_id: string, created_at: string, updated_at: string, title: string, detail: string, owner: string, due: string | null, status: ActionStatus, cost: Money | null, };

export type RequirementFields = { code: string, title: string, area: string, 
/**
 * What "in place" looks like.
 */
description: string, status: RequirementStatus, evidence: string, };

export type Requirement = { id: string, partnership_id: string, 
/**
 * Ids of the risks this requirement mitigates.
 */
risk_ids: Array<string>, created_at: string, updated_at: string, code: string, title: string, area: string, 
/**
 * What "in place" looks like.
 */
description: string, status: RequirementStatus, evidence: string, };

export type RiskFilter = { categories: Array<string>, statuses: Array<RiskStatus>, 
/**
 * Keep risks whose score (of `kind`) is at this level index or higher.
 */
min_level: number | null, 
/**
 * Which score `min_level` and `cell` apply to (residual when absent).
 */
kind: ScoreKind | null, 
/**
 * Keep only risks in this cell.
 */
cell: Score | null, owner: string | null, 
/**
 * Full-text search over title, description, owner and tags.
 */
text: string | null, };

export type RegisterTable = { partnership: Partnership, matrix: Matrix, rows: Array<RegisterRow>, };

export type RegisterRow = { id: string, reference: string, title: string, 
/**
 * Category code.
 */
category: string, owner: string, status: RiskStatus, inherent: Score | null, residual: Score | null, target: Score | null, 
/**
 * The earliest due date of the risk's open actions.
 */
next_action_due: string | null, 
/**
 * Open actions whose due date has passed.
 */
overdue_actions: number, };

export type RiskDetail = { risk: Risk, actions: Array<Action>, 
/**
 * The requirements (controls) that mitigate the risk.
 */
requirements: Array<Requirement>, 
/**
 * The risk's change history, oldest first.
 */
history: Array<AuditEntry>, };

export type HeatMap = { kind: ScoreKind, 
/**
 * `counts[likelihood - 1][impact - 1]`.
 */
counts: Array<Array<number>>, 
/**
 * Risks without this kind of score.
 */
unscored: number, };

export type Movement = { from: Score, to: Score, count: number, };

export type MatrixChangePlan = { partnership_id: string, from_matrix_id: string, to_matrix_id: string, changes: Array<ScoreChange>, };

export type ScoreChange = { risk_id: string, reference: string, kind: ScoreKind, from: Score, from_level: string, to: Score, to_level: string, };

export type AuditEntry = { seq: number, at: string, actor: string, entity: Entity, entity_id: string, partnership_id: string | null, operation: Operation, 
/**
 * The changed field, for an update.
 */
field: string | null, 
/**
 * The value before (an update) or the whole record (a deletion), as text or JSON.
 */
old_value: string | null, 
/**
 * The value after (an update) or the whole record (a creation), as text or JSON.
 */
new_value: string | null, };

export type Entity = "partnership" | "risk" | "action" | "requirement" | "matrix" | "category";

export type Operation = "create" | "update" | "delete";

export type Template = { code: string, category: string, title: string, description: string, cause: string, consequence: string, treatment: Treatment, 
/**
 * Suggested mitigation actions.
 */
actions: Array<string>, 
/**
 * Default inherent score on the standard 5×5 matrix, `[likelihood, impact]`.
 */
inherent: [number, number], tags: Array<string>, };

export type LibraryRequirement = { code: string, title: string, area: string, description: string, 
/**
 * Codes of the templates this requirement mitigates.
 */
mitigates: Array<string>, };

export type Library = { templates: Array<Template>, requirements: Array<LibraryRequirement>, };

export type TemplateSelection = "none" | "all" | { "codes": Array<string> };

export type PdfOptions = { paper: Paper, 
/**
 * Sections to include; they are printed in their fixed order whatever the order here.
 */
sections: Array<Section>, 
/**
 * Which risks the report covers (and so which actions the plan lists).
 */
filter: RiskFilter, 
/**
 * A mitigation plan on its own: the cover (when selected) and the plan.
 */
plan_only: boolean, plan_grouping: PlanGrouping, 
/**
 * Shown on the cover and in the footer.
 */
prepared_by: string, 
/**
 * A label such as "Confidential", printed on the cover and on every page.
 */
confidentiality: string, };

export type Paper = "a4" | "letter";

export type Section = "cover" | "summary" | "heat_maps" | "register" | "plan" | "requirements" | "appendix";

export type PlanGrouping = "owner" | "due_month";

export type ReportProgress = { stage: ReportStage, done: number, total: number, };

export type ReportStage = "reading" | "layout" | "writing";

export type PdfExport = { path: string, pages: number, risks: number, actions: number, bytes: number, };
