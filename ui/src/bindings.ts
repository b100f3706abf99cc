// Generated from the Rust commands and types (src-tauri/src/ipc.rs). Do not edit: run
// `UPDATE_BINDINGS=1 cargo test --test bindings` after changing a command or a type.

import { type Channel, invoke } from "@tauri-apps/api/core";

export type Acceptance = { id: string, risk_id: string, partnership_id: string, 
/**
 * The risk's reference (e.g. `FIN-002`).
 */
reference: string, requested_by: string, requested_at: string, approver: string, justification: string, expiry: string, state: AcceptanceState, 
/**
 * Who recorded the approval or rejection, and when.
 */
decided_by: string | null, decided_at: string | null, decision_note: string, revoked_by: string | null, revoked_at: string | null, revoke_reason: string, 
/**
 * The review that asked for it, when it came from a review.
 */
review_id: string | null, 
/**
 * Approved and past its expiry date (today excluded).
 */
expired: boolean, 
/**
 * The approver is the person who asked: a sign-off by oneself.
 */
self_approved: boolean, };

export type AcceptanceRequest = { approver: string, justification: string, expiry: string, };

export type AcceptanceState = "requested" | "approved" | "rejected" | "revoked";

export type Action = { id: string, risk_id: string, created_at: string, updated_at: string, title: string, detail: string, owner: string, due: string | null, status: ActionStatus, cost: Money | null, };

export type ActionFields = { title: string, detail: string, owner: string, due: string | null, status: ActionStatus, cost: Money | null, };

export type ActionStatus = "planned" | "in_progress" | "done" | "cancelled";

export type ActivityEntry = { 
/**
 * The partnership's name, while it exists.
 */
partnership: string | null, 
/**
 * The risk's reference, for a risk or an action of a risk that still exists.
 */
reference: string | null, seq: number, at: string, actor: string, entity: Entity, entity_id: string, partnership_id: string | null, operation: Operation, 
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
new_value: string | null, 
/**
 * Through what the change was made when not through the editor, e.g.
 * `workshop "Kick-off" item 3`.
 */
context: string | null, };

export type ActivityFilter = { partnership_id: string | null, 
/**
 * Who made the change (exact name, any case).
 */
actor: string | null, 
/**
 * From this day (inclusive, UTC).
 */
since: string | null, 
/**
 * Up to this day (inclusive, UTC).
 */
until: string | null, 
/**
 * The kind of record changed.
 */
entity: Entity | null, 
/**
 * The changed field (updates only), e.g. `residual`.
 */
field: string | null, 
/**
 * The page after the one that ended at this `seq` (from [`ActivityPage::next`]).
 */
before: number | null, 
/**
 * Rows per page: 1 to [`MAX_ACTIVITY_PAGE`], 100 by default.
 */
limit: number | null, };

export type ActivityPage = { entries: Array<ActivityEntry>, 
/**
 * Pass as `before` for the next (older) page; `None` on the last page.
 */
next: number | null, };

export type ActorSource = "explicit" | "workspace" | "os_user" | "fallback";

export type AddressKind = "private" | "public" | "loopback";

export type AgendaItem = { id: string, workshop_id: string, 
/**
 * 1-based place on the agenda.
 */
position: number, risk_id: string, 
/**
 * The risk's reference and title (kept with the item so that the minutes of a closed
 * workshop still name a risk deleted since).
 */
reference: string, title: string, 
/**
 * The current round, from 1.
 */
round: number, 
/**
 * Whether the current round's votes have been revealed.
 */
revealed: boolean, 
/**
 * The facilitator's notes on the discussion.
 */
notes: string, };

export type Agreement = { start: string | null, 
/**
 * The last day of the initial term.
 */
initial_term_end: string | null, renewal: Renewal, 
/**
 * The length of each automatic renewal, in months (required when the renewal is
 * automatic, absent otherwise).
 */
renewal_months: number | null, 
/**
 * Days of notice we must give before the end of a term to leave at its end.
 */
notice_days_ours: number | null, 
/**
 * Days of notice the partner must give.
 */
notice_days_partner: number | null, 
/**
 * Whether we may end the agreement early without cause.
 */
termination_for_convenience: boolean, 
/**
 * The fee for ending it early, in minor units of the plan's currency.
 */
termination_fee: number | null, 
/**
 * Whether a change of control of the partner lets us end the agreement.
 */
change_of_control: boolean, change_of_control_note: string, };

export type Alternative = { id: string, name: string, kind: AlternativeKind, readiness: AlternativeReadiness, notes: string, };

export type AlternativeKind = "provider" | "in_house";

export type AlternativeReadiness = "identified" | "evaluated" | "contracted" | "ready";

export type Anonymity = "named" | "room" | "anonymous";

export type Asset = { id: string, name: string, kind: AssetKind, disposition: AssetDisposition | null, notes: string, };

export type AssetDisposition = "joint_ownership" | "licence" | "assigned_to_us" | "assigned_to_partner";

export type AssetKind = "code" | "model" | "data" | "trademark" | "licence" | "escrowed_source" | "documentation" | "other";

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
new_value: string | null, 
/**
 * Through what the change was made when not through the editor, e.g.
 * `workshop "Kick-off" item 3`.
 */
context: string | null, };

export type AxisLevel = { label: string, description: string, 
/**
 * Optional numeric band as text, e.g. "20-50 % in 12 months" or "€100k-€1M".
 */
range: string | null, };

export type AxisSpread = { min: number, max: number, 
/**
 * The lower median: a real vote, so that it is a cell of the matrix.
 */
median: number, 
/**
 * `max - min`, in steps.
 */
range: number, 
/**
 * How many votes lie within the rule's window of the median.
 */
within: number, verdict: Verdict, };

export type BackupInfo = { path: string, 
/**
 * When it was taken (from its name, UTC).
 */
at: string, reason: BackupReason, 
/**
 * Size of the file in bytes.
 */
size: number, 
/**
 * Partnerships and risks in it; `None` when it cannot be read (see `problem`).
 */
partnerships: number | null, risks: number | null, 
/**
 * Its schema version (an older one is migrated when restored and opened).
 */
schema_version: number | null, 
/**
 * Why it cannot be restored, when it cannot.
 */
problem: string | null, };

export type BackupReason = "manual" | "session" | "migration" | "import" | "matrix_change" | "before_restore";

export type Ballot = { item_id: string, round: number, 
/**
 * The voter; `None` in an anonymous workshop once the round is revealed, and whenever
 * the caller may not see who voted what.
 */
participant_id: string | null, participant_name: string | null, score: Score, comment: string, source: BallotSource, cast_at: string | null, };

export type BallotFile = { format: string, version: number, fixed: BallotFixed, 
/**
 * HMAC-SHA256 of the fixed part (hex), keyed by the workshop's secret.
 */
seal: string, 
/**
 * What the voter filled in, one entry per risk at most.
 */
votes: Array<BallotVote>, };

export type BallotFixed = { workshop_id: string, workshop_title: string, partnership_name: string, participant_id: string, participant_name: string, sets: ScoreKind, round: number, matrix: Matrix, agenda: Array<BallotRisk>, exported_at: string, };

export type BallotImport = { file: string, votes: number | null, error: IpcError | null, };

export type BallotRisk = { item_id: string, reference: string, title: string, description: string, cause: string, consequence: string, 
/**
 * The risk's score of the kind the workshop sets, as it was at export.
 */
current: Score | null, };

export type BallotSource = "room" | "proxy" | "file" | "network";

export type BallotVote = { reference: string, score: Score, comment: string, filled_at: string, };

export type Category = { 
/**
 * Stable identifier, lowercase snake_case (e.g. `data_protection`).
 */
code: string, name: string, 
/**
 * Two to four capital letters that start the references of its risks (e.g. `TEC`).
 */
prefix: string, built_in: boolean, };

export type CellCheck = { stage: ScoreKind, chosen: Score | null, implied: Score | null, 
/**
 * The larger of the two axes' distances, when both cells are known.
 */
steps: number | null, 
/**
 * More than one step apart.
 */
disagrees: boolean, };

export type Change = "new" | "same" | "better" | "worse";

export type ChangeKind = "new" | "changed" | "deleted";

export type ColumnChoice = { 
/**
 * The column's index, from 0.
 */
column: number, taken_as: ColumnMeaning, 
/**
 * With [`ColumnMeaning::Readings`]: the indicator whose readings the column holds.
 */
indicator_id: string | null, };

export type ColumnMapping = { 
/**
 * 0-based position in the row.
 */
index: number, 
/**
 * The header as the file has it.
 */
header: string, target: ColumnTarget, 
/**
 * Why the column goes there, for people ("its header, in German"; "chosen").
 */
how: string, };

export type ColumnMeaning = "indicator" | "date" | "value" | "note" | "readings" | "ignored";

export type ColumnTarget = "skip" | "note" | "reference" | "title" | "title_from_text" | "category" | "description" | "cause" | "consequence" | "owner" | "status" | "treatment" | "treatment_rationale" | "inherent_likelihood" | "inherent_impact" | "residual_likelihood" | "residual_impact" | "target_likelihood" | "target_impact" | "tags" | "next_review" | "acceptance_approver" | "acceptance_expiry";

export type Conflict = { 
/**
 * Stable: the same file on the same workspace gives the same id.
 */
id: string, kind: ConflictKind, table: string, key: string, 
/**
 * The record in words, e.g. `risk TEC-004 "Vendor lock-in"`.
 */
record: string, field: string | null, base: unknown, mine: unknown, theirs: unknown, 
/**
 * The other record of a [`ConflictKind::SameTitle`] (theirs).
 */
other_key: string | null, 
/**
 * What may be chosen: `mine`, `theirs`, `both`, `value`.
 */
choices: Array<string>, 
/**
 * The resolution given, if any.
 */
resolution: Resolution | null, };

export type ConflictKind = "field" | "edit_delete" | "same_title" | "only_one_side";

export type ConsensusRule = { 
/**
 * Consensus when, on every axis, all votes lie within this many steps (default 1).
 */
consensus_range: number, 
/**
 * Near consensus when, on every axis, at least `near_share_percent` of the votes lie
 * within this many steps of the median (default 1)…
 */
near_window: number, 
/**
 * …and so at most the rest lie outside (default 75 %: one vote in four).
 */
near_share_percent: number, };

export type Contents = { partnerships: number, risks: number, version: number, };

export type Contribution = { risk_id: string, reference: string, title: string, 
/**
 * Its mean annual loss in the simulation.
 */
mean: number, 
/**
 * Its share of the total mean annual loss (0 to 1).
 */
share_of_mean: number, 
/**
 * Its share of the losses of the worst 1 % of years (0 to 1).
 */
share_of_tail: number, };

export type CostEstimate = { 
/**
 * The one-off cost of the exit: the low end of the range.
 */
one_off_low: number | null, 
/**
 * The one-off cost of the exit: the high end of the range.
 */
one_off_high: number | null, 
/**
 * The running cost per month during the transition (both services paid, say).
 */
running_monthly: number | null, };

export type CriticalPath = { 
/**
 * The days from the first step's start to the last one's end.
 */
days: number, 
/**
 * The ids of the chain's steps, first to last.
 */
step_ids: Array<string>, 
/**
 * The day each step of the list ends, counted from the start, in the list's order (a
 * step starts on the day the step it waits for ends): the timeline of the scenario.
 */
step_ends: Array<number>, };

export type CurvePoint = { loss: number, probability: number, };

export type DamagedWorkspace = { path: string, 
/**
 * What the check found, in SQLite's words.
 */
detail: string, 
/**
 * The newest backup that passes the same check, to restore.
 */
newest_backup: BackupInfo | null, };

export type DataDisposition = "returned" | "deleted" | "transferred" | "bought_out";

export type DataSet = { id: string, name: string, personal_data: boolean, disposition: DataDisposition | null, 
/**
 * The format it leaves in (e.g. "CSV + attachments", "PostgreSQL dump").
 */
format: string, 
/**
 * Days to move or delete it after the end (a window under
 * [`readiness::MIN_DATA_WINDOW_DAYS`] is a gap).
 */
window_days: number | null, paid_by: Payer | null, 
/**
 * Whether the partner must prove the deletion (a certificate).
 */
deletion_evidence: boolean, };

export type DateOrder = "dmy" | "mdy";

export type DecidedHow = "consensus" | "near_consensus" | "facilitator" | "deferred";

export type Decision = { item_id: string, 
/**
 * The round whose votes the decision followed.
 */
round: number, decided_by: string, decided_at: string, 
/**
 * The agreed score; `None` only when the decision is deferred.
 */
score: Score | null, how: DecidedHow, rationale: string, 
/**
 * Views that disagree with the decision, as the room wants them minuted.
 */
dissent: string, };

export type DecisionFields = { 
/**
 * The agreed score; `None` only when the decision is deferred.
 */
score: Score | null, how: DecidedHow, rationale: string, 
/**
 * Views that disagree with the decision, as the room wants them minuted.
 */
dissent: string, };

export type DeviceInfo = { participant_id: string, name: string, 
/**
 * Seen in the last 30 seconds (the page keeps an event stream open).
 */
connected: boolean, 
/**
 * Has voted in the current round of the current item.
 */
voted: boolean, };

export type Direction = "higher_is_better" | "lower_is_better";

export type Disagreement = { risk_id: string, reference: string, title: string, 
/**
 * `inherent`, `residual` or `target`.
 */
kind: string, ours: Score, theirs: Score, 
/**
 * The larger of the two differences, in steps of the matrix.
 */
steps: number, author: string, at: string, };

export type DiscontinuingImpact = "low" | "medium" | "high" | "not_assessed";

export type Entity = "partnership" | "risk" | "action" | "requirement" | "matrix" | "category" | "workshop";

export type ExchangeCounts = { new: number, changed: number, deleted: number, };

export type ExchangeMode = "import" | "three_way" | "two_way" | "partner_view";

export type ExchangePreview = { file: string, mode: ExchangeMode, partnership_id: string, partnership: string, sender: Sender, sent_at: string, digest: string, 
/**
 * The common copy merged against (three-way).
 */
base: string | null, 
/**
 * When that copy was sent or merged here.
 */
base_at: string | null, 
/**
 * Changes since the base, per side and table.
 */
mine_counts: { [key in string]: ExchangeCounts }, theirs_counts: { [key in string]: ExchangeCounts }, mine: Array<SideChange>, theirs: Array<SideChange>, conflicts: Array<Conflict>, renumbered: Array<Renumbered>, 
/**
 * What applying writes here, per table.
 */
apply: { [key in string]: ExchangeCounts }, 
/**
 * The partner's views recorded (partner mode).
 */
partner_views?: Array<PartnerView>, };

export type ExchangeSide = "mine" | "theirs";

export type ExitPlan = { agreement: Agreement, 
/**
 * The ISO 4217 currency of every amount of the plan (the fee, the costs); required
 * once an amount is given.
 */
currency: string, substitutability: Substitutability | null, substitutability_reason: SubstitutabilityReason | null, reintegration: Reintegration | null, discontinuing_impact: DiscontinuingImpact | null, roles: Roles, 
/**
 * What a successful exit looks like, one criterion a line.
 */
success_criteria: Array<string>, 
/**
 * When the next exit test is due, when set; otherwise 12 months after the last.
 */
next_test_due: string | null, scenarios: Array<Scenario>, data_sets: Array<DataSet>, assets: Array<Asset>, alternatives: Array<Alternative>, 
/**
 * The ids of the partnership's risks the plan mitigates (its exit risks, say). A
 * risk deleted since drops out of the list.
 */
risk_ids: Array<string>, 
/**
 * The ids of the partnership's requirements the plan relies on or fulfils.
 */
requirement_ids: Array<string>, };

export type ExitPlanExport = { path: string, pages: number, bytes: number, };

export type ExitPlanView = { plan: ExitPlan, 
/**
 * Oldest first.
 */
tests: Array<ExitTest>, readiness: Readiness, 
/**
 * The day the readiness was computed on.
 */
today: string, };

export type ExitReminder = { partnership_id: string, partnership: string, kind: ReminderKind, 
/**
 * The last day to give notice, or the day the exit test is due.
 */
date: string, 
/**
 * Days from today to `date`; negative once it has passed.
 */
days_left: number, };

export type ExitStatus = { partnership_id: string, partnership: string, level: ReadinessLevel, 
/**
 * The gaps' codes, in the order readiness lists them.
 */
gaps: Array<GapCode>, 
/**
 * Our last day to give notice, when known.
 */
notice: NoticeDeadline | null, last_test: string | null, next_test_due: string | null, };

export type ExitTest = { id: string, 
/**
 * The scenario's name when the test was recorded (kept if it is renamed or removed).
 */
scenario: string, recorded_by: string, recorded_at: string, date: string, kind: TestKind, 
/**
 * The scenario tested (its id), if the test was about one.
 */
scenario_id: string | null, operational: OperationalResult, financial: FinancialResult, findings: string, };

export type ExitTestFields = { date: string, kind: TestKind, 
/**
 * The scenario tested (its id), if the test was about one.
 */
scenario_id: string | null, operational: OperationalResult, financial: FinancialResult, findings: string, };

export type ExportOptions = { 
/**
 * A share with the partner: only the chosen risks and fields, internal matters kept home.
 */
for_partner: boolean, 
/**
 * With `for_partner`: the references of the risks to share (all when empty).
 */
risks: Array<string>, 
/**
 * With `for_partner`: the risk fields to share beyond reference, category, title,
 * status and scores.
 */
fields: Array<string>, };

export type Exported = { partnership: string, bytes: number, digest: string, base: string | null, 
/**
 * Records per table.
 */
records: { [key in string]: number }, };

export type FileKind = "xlsx" | "xls" | "xlsb" | "ods" | "csv";

export type FinancialResult = "pass" | "fail" | "not_assessed";

export type FiredTrigger = { partnership_id: string, partnership: string, scenario_id: string, scenario: string, 
/**
 * The checklist code or the custom trigger's words, as linked.
 */
trigger: string, 
/**
 * The trigger in words.
 */
label: string, indicator_id: string, indicator: string, since: string | null, reason: string, };

export type Frequency = { "kind": "rate", per_year: number, } | { "kind": "rate_range", low: number, high: number, } | { "kind": "probability", p: number, };

export type Gap = { code: GapCode, severity: Severity, 
/**
 * The field that closes the gap, as a path in the plan (`scenarios[1].owner`), or
 * `tests` for the test log.
 */
field: string, 
/**
 * What is wrong, for people.
 */
reason: string, };

export type GapCode = "no_agreement_dates" | "no_notice_period" | "notice_deadline_passed" | "substitutability_not_assessed" | "no_exit_owner" | "no_success_criteria" | "no_planned_scenario" | "no_stressed_scenario" | "scenario_without_triggers" | "scenario_without_steps" | "scenario_without_owner" | "scenario_without_target" | "critical_path_over_target" | "data_set_without_disposition" | "data_set_without_window" | "data_window_too_short" | "no_alternative" | "no_test" | "test_overdue" | "last_test_failed" | "trigger_fired";

export type HealthCounts = { green: number, amber: number, red: number, stale: number, no_data: number, };

export type HealthFlags = { 
/**
 * By partnership, then by indicator as added, then by risk reference.
 */
risks: Array<RiskFlag>, triggers: Array<FiredTrigger>, };

export type HealthRow = { indicator: Indicator, status: IndicatorStatus, 
/**
 * The last [`SPARK_POINTS`] current readings, oldest first.
 */
recent: Array<Point>, };

export type HeatMap = { kind: ScoreKind, 
/**
 * `counts[likelihood - 1][impact - 1]`.
 */
counts: Array<Array<number>>, 
/**
 * Risks without this kind of score.
 */
unscored: number, };

export type ImportCounts = { rows: number, 
/**
 * Rows that hold no risk (only a reference, a heading of a group of rows, a stray
 * cell), left out and named in the warnings.
 */
skipped: number, valid: number, invalid: number, new: number, update: number, unchanged: number, };

export type ImportMapping = { 
/**
 * The header's row number as the spreadsheet shows it.
 */
header_row: number, columns: Array<ColumnMapping>, 
/**
 * For columns of categories, statuses, treatments and scores: each distinct value
 * and what it becomes.
 */
values: Array<ValueMapping>, 
/**
 * How numeric dates such as 03/04/2027 are read; asked when the file does not say.
 */
date_order: DateOrder | null, 
/**
 * The category of rows without one.
 */
default_category: string, 
/**
 * Categories the workspace lacks, for values of the file's category column that
 * name none of its own; created with the import when a row uses them.
 */
new_categories: Array<Category>, };

export type ImportOutcome = { created: number, updated: number, unchanged: number, 
/**
 * Rows with problems left out (only with "import the valid rows").
 */
skipped: number, 
/**
 * Categories the import added to the workspace.
 */
categories_created: number, };

export type ImportPlan = { partnership_id: string, 
/**
 * The file's name, as the audit log records it.
 */
file_name: string, source: SourceInfo, headers: Array<string>, mapping: ImportMapping, rows: Array<PlannedRow>, 
/**
 * Problems that keep rows (or, without a row, the whole file) from being imported.
 */
problems: Array<ImportProblem>, 
/**
 * Values read with a guess worth checking (e.g. "May 2027" as 1 May 2027).
 */
warnings: Array<ImportProblem>, counts: ImportCounts, 
/**
 * The file's numeric dates can be read day-first or month-first, or mix both: the
 * user must choose the date order (the problems say where).
 */
date_order_unclear: boolean, };

export type ImportPreview = { 
/**
 * The plan, its `rows` cut to the first `rows_shown` and its `problems` to the first
 * `problems_shown`; its `counts` are of the whole file.
 */
plan: ImportPlan, rows_shown: number, rows_total: number, problems_shown: number, problems_total: number, };

export type ImportProblem = { row: number | null, column: string | null, message: string, };

export type Indicator = { id: string, partnership_id: string, created_at: string, updated_at: string, 
/**
 * Unique in the partnership (any case).
 */
name: string, unit: Unit, direction: Direction, 
/**
 * The value aimed at, when there is one: on the good side of the amber threshold.
 */
target: number | null, 
/**
 * A reading beyond it (below it when higher is better, above it when lower is better)
 * is amber; a reading equal to it is not.
 */
amber: number, 
/**
 * A reading beyond it is red; a reading equal to it is amber at worst.
 */
red: number, frequency: IndicatorFrequency, owner: string, source: Source, description: string, 
/**
 * The ids of the partnership's risks the indicator informs.
 */
risk_ids: Array<string>, 
/**
 * The exit triggers it fires when red.
 */
exit_triggers: Array<TriggerLink>, };

export type IndicatorChart = { indicator: Indicator, status: IndicatorStatus, 
/**
 * Oldest first; replaced readings are not drawn.
 */
readings: Array<Reading>, };

export type IndicatorFields = { 
/**
 * Unique in the partnership (any case).
 */
name: string, unit: Unit, direction: Direction, 
/**
 * The value aimed at, when there is one: on the good side of the amber threshold.
 */
target: number | null, 
/**
 * A reading beyond it (below it when higher is better, above it when lower is better)
 * is amber; a reading equal to it is not.
 */
amber: number, 
/**
 * A reading beyond it is red; a reading equal to it is amber at worst.
 */
red: number, frequency: IndicatorFrequency, owner: string, source: Source, description: string, 
/**
 * The ids of the partnership's risks the indicator informs.
 */
risk_ids: Array<string>, 
/**
 * The exit triggers it fires when red.
 */
exit_triggers: Array<TriggerLink>, };

export type IndicatorFrequency = "monthly" | "quarterly" | "half_yearly" | "yearly";

export type IndicatorStatus = { status: Status, 
/**
 * The level of the latest reading (also when stale).
 */
level: Level | null, latest: Point | null, 
/**
 * The first day of the run at the latest reading's level; for a stale indicator, the
 * first day it is stale.
 */
since: string | null, 
/**
 * The last day the latest reading keeps the indicator fresh.
 */
fresh_until: string | null, previous: Point | null, change: Change, 
/**
 * The levels before and after, when they differ.
 */
level_change: LevelChange | null, 
/**
 * The latest value minus the previous period's.
 */
delta: number | null, 
/**
 * The reason in words, for the review queue and the health table.
 */
reason: string, 
/**
 * The change in words ("newly red since last quarter"); empty without readings.
 */
change_words: string, };

export type IpcError = { 
/**
 * A stable machine-readable code (`invalid`, `not_found`, `conflict`, `internal`…).
 */
code: string, 
/**
 * The sentence the window shows.
 */
message: string, 
/**
 * The input field the error concerns, as a path (`title`, `votes[0].score`).
 */
field?: string, 
/**
 * The offending value as the user gave it (or the key of what was not found).
 */
value?: string, 
/**
 * The core's short reason, without field or value ("must not be empty").
 */
reason?: string, };

export type ItemView = { item: AgendaItem, 
/**
 * The risk as it is now (`None` when it was deleted after the workshop).
 */
risk: Risk | null, rounds: Array<RoundView>, 
/**
 * Who has voted in the current round.
 */
voted: Array<VoteStatus>, decision: Decision | null, };

export type Level = "green" | "amber" | "red";

export type LevelChange = { from: Level, to: Level, };

export type LevelCount = { level: string, colour: string, count: number, };

export type Library = { templates: Array<Template>, requirements: Array<LibraryRequirement>, };

export type LibraryEntry = { key: string, fields: IndicatorFields, };

export type LibraryRequirement = { code: string, title: string, area: string, description: string, 
/**
 * Codes of the templates this requirement mitigates.
 */
mitigates: Array<string>, };

export type LossEstimate = { frequency: Frequency | null, loss: LossPerEvent | null, };

export type LossPerEvent = { "kind": "range", low: number, high: number, } | { "kind": "pert", min: number, mode: number, max: number, };

export type Matrix = { id: string, name: string, description: string, 
/**
 * The key of the built-in preset this matrix is (presets are read-only).
 */
preset: string | null, likelihood: Array<AxisLevel>, impact: Array<AxisLevel>, levels: Array<RiskLevel>, 
/**
 * `grid[likelihood - 1][impact - 1]` is the index in `levels` of that cell's level.
 */
grid: Array<Array<number>>, };

export type MatrixChangePlan = { partnership_id: string, from_matrix_id: string, to_matrix_id: string, changes: Array<ScoreChange>, };

export type MatrixCheck = { warnings: Array<MatrixWarning>, 
/**
 * How many different levels the grid can actually give a risk.
 */
distinct_levels: number, };

export type MatrixWarning = { "kind": "not_monotonic", cell: Score, level: string, dominated: Score, dominated_level: string, } | { "kind": "unused_level", level: string, };

export type MergeChoices = { 
/**
 * Conflict id → `mine`, `theirs`, `both` or `{ value }`.
 */
resolutions: { [key in string]: Resolution }, 
/**
 * Every conflict not in `resolutions` settled with one side.
 */
take: ExchangeSide | null, 
/**
 * Compare two ways when the file's base is unknown here.
 */
two_way: boolean, };

export type MergeReport = { preview: ExchangePreview, written: boolean, backup: string | null, };

export type MinutesExport = { path: string, pages: number, items: number, bytes: number, };

export type MitigationPlanValue = { currency: string | null, cost_years: number, risks: Array<RiskValue>, avoided: number, annual_cost: number, net: number, return_on_cost: number | null, 
/**
 * References of open risks without both a current and a target estimate.
 */
without_estimates: Array<string>, };

export type Money = { minor: number, currency: string, };

export type Movement = { from: Score, to: Score, count: number, };

export type NextReviewSource = "level_interval" | "custom" | "snooze";

export type NoticeDeadline = { side: NoticeSide, 
/**
 * The last day of the term that the notice ends the agreement at.
 */
term_end: string, 
/**
 * The last day to give notice for the agreement to end at `term_end`.
 */
last_day: string, 
/**
 * Days from today to `last_day`: 0 on the day itself, negative once it has passed.
 */
days_left: number, 
/**
 * Whether the agreement renews at `term_end` when no notice is given.
 */
renews: boolean, };

export type NoticeSide = "ours" | "partner";

export type Operation = "create" | "update" | "delete";

export type OperationalResult = "pass" | "partial" | "fail";

export type Paper = "a4" | "letter";

export type Participant = { id: string, workshop_id: string, name: string, 
/**
 * Their job or function, e.g. "CISO" or "Partner's delivery lead".
 */
role: string, side: Side, 
/**
 * Observers (and usually the facilitator) do not vote.
 */
voter: boolean, };

export type ParticipantFields = { name: string, 
/**
 * Their job or function, e.g. "CISO" or "Partner's delivery lead".
 */
role: string, side: Side, 
/**
 * Observers (and usually the facilitator) do not vote.
 */
voter: boolean, };

export type PartnerView = { id: string, risk_id: string, reference: string, title: string, 
/**
 * Who sent it, and from which workspace.
 */
author: string, workspace: string, 
/**
 * When they sent it.
 */
at: string, inherent: Score | null, residual: Score | null, target: Score | null, 
/**
 * Their words: the rationale of their reviews, and the texts they changed.
 */
comment: string, };

export type Partnership = { id: string, 
/**
 * The scoring matrix every risk of the partnership is scored on.
 */
matrix_id: string, created_at: string, updated_at: string, name: string, partner: string, description: string, stage: Stage, owner: string, archived: boolean, };

export type PartnershipFields = { name: string, partner: string, description: string, stage: Stage, owner: string, archived: boolean, };

export type PartnershipHealth = { partnership_id: string, today: string, 
/**
 * In the order the indicators were added.
 */
rows: Array<HealthRow>, counts: HealthCounts, 
/**
 * The risks brought back for review and the exit triggers fired.
 */
flags: HealthFlags, };

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

export type PartnershipSync = { id: string, name: string, 
/**
 * Log entries pulled and merged.
 */
pulled: number, 
/**
 * Records pushed.
 */
pushed: number, position: number, 
/**
 * The partnership was new here and was imported.
 */
imported: boolean, 
/**
 * Conflicts met by this sync (kept, the local value stays).
 */
conflicts: number, 
/**
 * Why the server refused this partnership's push (nothing of it was applied).
 */
refused: string | null, };

export type Payer = "us" | "partner" | "shared";

export type PdfExport = { path: string, pages: number, risks: number, actions: number, bytes: number, };

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
confidentiality: string, 
/**
 * The review log lists the reviews from this day on (default: the last 12 months).
 */
review_since: string | null, 
/**
 * The register prints the partner's latest view of each risk (their scores, comment,
 * who and when) in a column beside ours; for a partnership with partner's views.
 */
partner_views: boolean, };

export type PlanGrouping = "owner" | "due_month" | "value";

export type PlannedReading = { 
/**
 * The row the spreadsheet shows.
 */
row: number, indicator_id: string, indicator: string, date: string, value: number, note: string, 
/**
 * Whether it replaces the reading the indicator has for that day.
 */
replaces: boolean, };

export type PlannedRow = { 
/**
 * The row number as the spreadsheet shows it.
 */
row: number, fields: RiskFields, change: RowChange, 
/**
 * The risk it updates (id and reference).
 */
existing_id: string | null, existing_reference: string | null, 
/**
 * Whether the row has no problem.
 */
valid: boolean, };

export type Point = { date: string, value: number, };

export type PortfolioExport = { path: string, pages: number, partnerships: number, bytes: number, };

export type PortfolioRow = { partnership_id: string, partnership: string, matrix_name: string, 
/**
 * Risks that are not closed.
 */
open_risks: number, 
/**
 * Open risks per level of the partnership's matrix (residual score, else
 * inherent), lowest level first.
 */
by_level: Array<LevelCount>, 
/**
 * Open risks without any score.
 */
unscored: number, 
/**
 * Open risks at a level outside the partnership's appetite.
 */
outside_appetite: number, unreviewed: number, past_due_reviews: number, due_soon_reviews: number, 
/**
 * Planned or in-progress actions of open risks whose due date has passed.
 */
overdue_actions: number, 
/**
 * Accepted risks whose acceptance expires within [`EXPIRING_DAYS`].
 */
acceptances_expiring: number, 
/**
 * Accepted risks whose acceptance has already expired.
 */
acceptances_expired: number, 
/**
 * Health indicators that are red, amber and stale.
 */
indicators_red: number, indicators_amber: number, indicators_stale: number, };

export type QuantResults = { scope: string, currency: string | null, tolerance: Tolerance | null, stages: Array<StageResult>, 
/**
 * Per stage, the references of open risks without a complete estimate for it.
 */
incomplete: Array<[ScoreKind, Array<string>]>, };

export type QuantSettings = { 
/**
 * ISO 4217 code of every amount of the partnership's estimates (e.g. `EUR`).
 */
currency: string | null, 
/**
 * The loss exceedance the partnership tolerates, through two points.
 */
tolerance: Tolerance | null, 
/**
 * P(annual loss > threshold) is reported with every run when set.
 */
threshold: number | null, 
/**
 * Simulated years of a run that names none.
 */
years: number, 
/**
 * The seed of a run that names none; a fresh one is drawn (and kept with the results)
 * when unset.
 */
seed: string | null, 
/**
 * Over how many years a mitigation action's cost is spread.
 */
cost_years: number, };

export type QueueEntry = { risk_id: string, partnership_id: string, partnership: string, reference: string, title: string, category: string, owner: string, 
/**
 * The level of the residual score, else of the inherent one.
 */
level: string | null, review_days: number | null, last_reviewed: string | null, 
/**
 * The next review date; `None` when never reviewed.
 */
due: string | null, state: ReviewState, 
/**
 * The risk's approved acceptance expired before today: it is due again.
 */
acceptance_expired: boolean, 
/**
 * The health indicators that bring the risk back for review (amber, red or stale),
 * each with its reason in words; a risk they bring is queued whatever its due day.
 */
indicators: Array<QueueIndicator>, };

export type QueueFilter = { partnership_id: string | null, 
/**
 * Category code.
 */
category: string | null, 
/**
 * Keep risks whose level (residual, else inherent) is at this index or higher.
 */
min_level: number | null, owner: string | null, 
/**
 * At most this many entries (the first page of the queue).
 */
limit: number | null, };

export type QueueIndicator = { indicator_id: string, indicator: string, 
/**
 * Amber, red or stale.
 */
status: Status, 
/**
 * "Availability 98.7 % is below the red threshold 99.0 % since 31 Mar 2027".
 */
reason: string, };

export type ReadOptions = { sheet: string | null, delimiter: string | null, encoding: TextEncoding | null, };

export type Readiness = { level: ReadinessLevel, gaps: Array<Gap>, 
/**
 * Our last day to give notice, when the agreement's end and our notice are known.
 */
notice: NoticeDeadline | null, 
/**
 * The partner's last day to give notice, when known.
 */
partner_notice: NoticeDeadline | null, scenarios: Array<ScenarioTiming>, 
/**
 * The last exit test's day.
 */
last_test: string | null, 
/**
 * When the next exit test is due: the plan's date, else 12 months after the last.
 */
next_test_due: string | null, };

export type ReadinessLevel = "ready" | "gaps" | "not_ready";

export type Reading = { id: string, indicator_id: string, 
/**
 * Who recorded it.
 */
recorded_by: string, recorded_at: string, 
/**
 * The id of the reading of the same day this one replaced, if any.
 */
replaces: string | null, date: string, value: number, note: string, };

export type ReadingFields = { date: string, value: number, note: string, };

export type ReadingsAdded = { added: number, 
/**
 * Of them, those that replaced the reading of the same day.
 */
replaced: number, };

export type ReadingsColumn = { 
/**
 * The column's index, from 0.
 */
column: number, header: string, taken_as: ColumnMeaning, indicator_id: string | null, 
/**
 * The indicator's name, with `indicator_id`.
 */
indicator: string | null, };

export type ReadingsLayout = "long" | "wide";

export type ReadingsOptions = { 
/**
 * The order of numeric dates such as 03/04/2027, when the file does not tell.
 */
date_order: DateOrder | null, 
/**
 * Replace the reading of a day that has one (the old one is kept, marked replaced).
 */
replace: boolean, 
/**
 * What each column is taken as, overriding the headers' words: the columns not
 * listed are not imported. With an indicator or value column the table is long,
 * otherwise wide.
 */
mapping: Array<ColumnChoice> | null, };

export type ReadingsPlan = { partnership_id: string, file_name: string, layout: ReadingsLayout | null, options: ReadingsOptions, 
/**
 * Every column of the header row and what it was taken as.
 */
columns: Array<ReadingsColumn>, 
/**
 * The data rows read (below the header).
 */
rows: number, readings: Array<PlannedReading>, 
/**
 * What stops the import: by row and column, or about the whole file.
 */
problems: Array<ImportProblem>, 
/**
 * What the import would do that is worth a look (a month read as its first day).
 */
warnings: Array<ImportProblem>, };

export type ReadingsPreview = { plan: ReadingsPlan, 
/**
 * The digest of the file previewed: the import refuses a file changed since.
 */
digest: string, readings_total: number, replacing: number, problems_total: number, };

export type RegisterExport = { path: string, rows: number, };

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

export type RegisterTable = { partnership: Partnership, matrix: Matrix, rows: Array<RegisterRow>, };

export type Reintegration = "easy" | "difficult" | "highly_complex";

export type ReminderKind = "notice_deadline" | "test_due" | "test_failed";

export type Renewal = "none" | "automatic";

export type Renumbered = { table: string, key: string, from: string, to: string, title: string, };

export type ReportProgress = { stage: ReportStage, done: number, total: number, };

export type ReportStage = "reading" | "layout" | "writing";

export type Requirement = { id: string, partnership_id: string, 
/**
 * Ids of the risks this requirement mitigates.
 */
risk_ids: Array<string>, created_at: string, updated_at: string, code: string, title: string, area: string, 
/**
 * What "in place" looks like.
 */
description: string, status: RequirementStatus, evidence: string, };

export type RequirementFields = { code: string, title: string, area: string, 
/**
 * What "in place" looks like.
 */
description: string, status: RequirementStatus, evidence: string, };

export type RequirementStatus = "not_started" | "in_progress" | "in_place" | "verified" | "not_applicable";

export type Resolution = "mine" | "theirs" | "both" | { "value": unknown };

export type Restored = { 
/**
 * The workspace file, now holding the backup's content.
 */
workspace: string, 
/**
 * What it holds now.
 */
contents: Contents, 
/**
 * The copy of the file as it was before the restore (none when there was no file).
 */
previous: BackupInfo | null, };

export type Review = { id: string, risk_id: string, partnership_id: string, 
/**
 * The risk's reference (e.g. `TEC-004`).
 */
reference: string, reviewer: string, at: string, 
/**
 * The day of the review (the `today` it was made on).
 */
reviewed_on: string, decision: ReviewDecision, rationale: string, inherent_before: Score | null, residual_before: Score | null, inherent_after: Score | null, residual_after: Score | null, next_review: string, next_review_source: NextReviewSource, 
/**
 * SHA-256 of the risk's assessed fields as the review left them (see [`digest`]).
 */
digest: string, 
/**
 * The risk's scores, status or treatment changed since this review.
 */
outdated: boolean, 
/**
 * Who undid this review, when it was undone (it then no longer counts).
 */
withdrawn_by: string | null, withdrawn_at: string | null, };

export type ReviewContext = { 
/**
 * The risk with its actions, linked requirements and change history.
 */
detail: RiskDetail, partnership: string, matrix: Matrix, 
/**
 * The risk's reviews, oldest first (undone ones included, marked).
 */
reviews: Array<Review>, 
/**
 * The risk's acceptances, oldest first.
 */
acceptances: Array<Acceptance>, };

export type ReviewCounts = { partnership_id: string, partnership: string, unreviewed: number, past_due: number, due_soon: number, scheduled: number, 
/**
 * Risks not yet due that health indicators bring back for review (counted in
 * `scheduled` too; the others brought back are already due).
 */
brought_back: number, };

export type ReviewDecision = "no_change" | "rescore" | "accept" | "mitigate" | "escalate" | "close";

export type ReviewFields = { decision: ReviewDecision, 
/**
 * Required except for "no change" without a snooze.
 */
rationale: string, 
/**
 * Rescore: the new residual score.
 */
residual: Score | null, 
/**
 * Accept: who approved the acceptance.
 */
approver: string, 
/**
 * Accept: the day the acceptance expires (after the review's day).
 */
expiry: string | null, 
/**
 * Mitigate: the title of the action to add.
 */
action_title: string, 
/**
 * Mitigate: who owns the action (optional).
 */
action_owner: string, 
/**
 * Next review in this many days (1 to 365), with a rationale.
 */
snooze_days: number | null, 
/**
 * A custom next review date (after today) instead of the level's interval.
 */
next_review: string | null, };

export type ReviewState = "unreviewed" | "past_due" | "due_soon" | "scheduled";

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
acceptance_expiry: string | null, inherent: Score | null, residual: Score | null, target: Score | null, tags: Array<string>, next_review: string | null, 
/**
 * The money estimate of each stage beside its score (how often, how much per
 * event), in the partnership's currency; absent when none.
 */
inherent_loss?: LossEstimate, residual_loss?: LossEstimate, target_loss?: LossEstimate, };

export type RiskCells = { risk_id: string, reference: string, title: string, stages: Array<CellCheck>, 
/**
 * The chosen cell's bands as a first estimate, per stage that has a cell but no
 * estimate.
 */
suggestions: Array<[ScoreKind, LossEstimate]>, };

export type RiskDetail = { risk: Risk, actions: Array<Action>, 
/**
 * The requirements (controls) that mitigate the risk.
 */
requirements: Array<Requirement>, 
/**
 * The risk's change history, oldest first.
 */
history: Array<AuditEntry>, };

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
acceptance_expiry: string | null, inherent: Score | null, residual: Score | null, target: Score | null, tags: Array<string>, next_review: string | null, 
/**
 * The money estimate of each stage beside its score (how often, how much per
 * event), in the partnership's currency; absent when none.
 */
inherent_loss?: LossEstimate, residual_loss?: LossEstimate, target_loss?: LossEstimate, };

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

export type RiskFlag = { partnership_id: string, partnership: string, risk_id: string, reference: string, title: string, indicator_id: string, indicator: string, 
/**
 * Amber, red or stale.
 */
status: Status, since: string | null, 
/**
 * The indicator's reason ("Availability 98.7 % is below the red threshold 99.0 % since
 * 31 Mar 2027").
 */
reason: string, };

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

export type RiskStatus = "open" | "mitigating" | "accepted" | "closed";

export type RiskValue = { risk_id: string, reference: string, title: string, 
/**
 * The stage the loss is avoided from: residual, or inherent when it has no residual
 * estimate.
 */
from: ScoreKind, 
/**
 * Expected annual loss now and at the target.
 */
current_loss: number, target_loss: number, avoided: number, 
/**
 * The actions' costs (not cancelled) in the partnership's currency.
 */
cost: number, 
/**
 * `cost` spread over the settings' years.
 */
annual_cost: number, 
/**
 * `avoided − annual_cost`.
 */
net: number, 
/**
 * `(avoided − annual_cost) / annual_cost`; none without a cost.
 */
return_on_cost: number | null, 
/**
 * Actions whose cost is in another currency, left out of `cost`.
 */
other_currency: number, };

export type Roles = { exit_owner: string, decision_maker: string, communication_lead: string, };

export type RoundView = { number: number, revealed: boolean, votes: number, ballots: Array<Ballot>, spread: Spread | null, };

export type RowChange = "new" | "update" | "unchanged";

export type RunRequest = { stages: Array<ScoreKind>, years: number | null, seed: string | null, };

export type Scenario = { id: string, 
/**
 * Unique in the plan (the CLI names scenarios by it).
 */
name: string, kind: ScenarioKind, triggers: Array<Trigger>, 
/**
 * Triggers of the checklist's "other" line, in words.
 */
custom_triggers: Array<string>, 
/**
 * The days the exit must take at most, from the decision to leave.
 */
target_days: number | null, owner: string, steps: Array<Step>, cost: CostEstimate, notes: string, };

export type ScenarioKind = "planned" | "stressed";

export type ScenarioTiming = { scenario_id: string, name: string, kind: ScenarioKind, critical_path: CriticalPath, target_days: number | null, };

export type Score = { likelihood: number, impact: number, };

export type ScoreChange = { risk_id: string, reference: string, kind: ScoreKind, from: Score, from_level: string, to: Score, to_level: string, };

export type ScoreKind = "inherent" | "residual" | "target";

export type Section = "cover" | "summary" | "heat_maps" | "register" | "plan" | "loss" | "requirements" | "health" | "exit_plan" | "review_log" | "appendix";

export type Sender = { 
/**
 * The person (the workspace's actor when it was written).
 */
name: string, 
/**
 * The sending workspace's id (kept in its settings).
 */
workspace_id: string, 
/**
 * The sending workspace's file name.
 */
workspace: string, };

export type Sent = { path: string, exported: Exported, };

export type Severity = "blocking" | "gap";

export type Side = "ours" | "partner" | "third_party";

export type SideChange = { table: string, key: string, record: string, what: ChangeKind, 
/**
 * The fields changed (for `changed`).
 */
fields: Array<string>, };

export type Source = "entered" | "imported";

export type SourceInfo = { kind: FileKind, 
/**
 * The workbook's sheets, in order (empty for CSV).
 */
sheets: Array<string>, 
/**
 * The sheet read.
 */
sheet: string | null, encoding: TextEncoding | null, 
/**
 * The field separator of a text file.
 */
delimiter: string | null, 
/**
 * SHA-256 of the file, so that an import can check it reads what was previewed.
 */
digest: string, };

export type Spread = { votes: number, 
/**
 * The median likelihood and the median impact.
 */
median: Score, 
/**
 * The level index of the median cell.
 */
median_level: number, likelihood: AxisSpread, impact: AxisSpread, 
/**
 * On the level indices of the voted cells, ranked from 1.
 */
level: AxisSpread, 
/**
 * Votes per level index.
 */
histogram: Array<number>, 
/**
 * Votes per cell: `cells[likelihood - 1][impact - 1]`.
 */
cells: Array<Array<number>>, 
/**
 * Positions (in the order given) of the votes outside the window on some axis: the
 * people the room asks to explain first.
 */
outliers: Array<number>, 
/**
 * Share of votes within the window on all three axes, in per cent.
 */
share_within: number, verdict: Verdict, };

export type SpreadsheetExport = { path: string, risks: number, 
/**
 * Rows of the Actions sheet (0 for CSV, which holds the register only).
 */
actions: number, bytes: number, };

export type SpreadsheetFormat = "xlsx" | "csv";

export type Stage = "exploring" | "pilot" | "limited_launch" | "full_launch" | "exiting" | "ended";

export type StageFigures = { years: number, 
/**
 * As text: a 64-bit seed does not fit a JavaScript number.
 */
seed: string, 
/**
 * The risks simulated (those with a complete estimate for the stage).
 */
risks: number, 
/**
 * Mean annual loss.
 */
mean: number, 
/**
 * The standard error of the mean (standard deviation / √years).
 */
std_error: number, median: number, p90: number, p95: number, p99: number, 
/**
 * Expected shortfall at 99 %: the mean of the worst 1 % of years.
 */
es99: number, 
/**
 * The largest simulated annual loss.
 */
max: number, 
/**
 * P(annual loss > 0).
 */
p_any_loss: number, threshold: number | null, 
/**
 * P(annual loss > threshold), when a threshold is set.
 */
p_over_threshold: number | null, 
/**
 * The loss exceedance curve, at most [`CURVE_POINTS`] points on a log scale of loss.
 */
curve: Array<CurvePoint>, 
/**
 * Each risk's part, largest share of the mean first.
 */
contributions: Array<Contribution>, };

export type StageResult = { stage: ScoreKind, fingerprint: string, run_at: string, run_by: string, figures: StageFigures, 
/**
 * The inputs changed since the run: the figures are not the current ones.
 */
out_of_date: boolean, 
/**
 * The curve against the current tolerance, when one is set.
 */
tolerance: ToleranceCheck | null, };

export type Status = "green" | "amber" | "red" | "stale" | "no_data";

export type Step = { id: string, title: string, owner: string, 
/**
 * Days the step takes (0 for a milestone).
 */
duration_days: number, 
/**
 * The id of the step of the same scenario this one starts after, if any.
 */
waits_for: string | null, status: StepStatus, };

export type StepStatus = "not_started" | "in_progress" | "done";

export type Substitutability = "not_substitutable" | "highly_complex" | "medium" | "easy";

export type SubstitutabilityReason = "no_alternatives" | "difficult_migration" | "both";

export type SyncReport = { partnerships: Array<PartnershipSync>, pulled: number, pushed: number, conflicts: number, 
/**
 * Partnerships whose push the server refused.
 */
refused: number, };

export type TeamConflictView = { risk_id: string | null, id: string, partnership_id: string, 
/**
 * The server position whose changes met it.
 */
position: number, at: string, conflict: Conflict, };

export type TeamJoined = { server: string, team_id: string, user: string, 
/**
 * The user's role on the register: viewer, editor or admin.
 */
role: string, 
/**
 * Where the token was written (readable by this user only).
 */
token_file: string, };

export type TeamPartnershipStatus = { id: string, name: string, 
/**
 * The server's log position applied here (0: never synced).
 */
position: number, 
/**
 * Records changed here since, not pushed yet.
 */
pending_changes: number, conflicts: number, synced_at: string | null, };

export type TeamProblem = { kind: TeamProblemKind, 
/**
 * The error as the sync recorded it (for a tooltip and the log).
 */
detail: string, };

export type TeamProblemKind = "offline" | "token" | "certificate" | "other";

export type TeamStatus = { joined: boolean, server: string | null, team_id: string | null, user: string | null, last_sync: string | null, 
/**
 * Why the last sync failed, when it did (cleared by the next success).
 */
last_error: string | null, pending_changes: number, 
/**
 * Pushes sent without an answer, to be sent again (same change id) by the next sync.
 */
unanswered_pushes: number, conflicts: number, partnerships: Array<TeamPartnershipStatus>, };

export type TeamSyncOutcome = { report: SyncReport | null, view: TeamView, };

export type TeamView = { status: TeamStatus, problem: TeamProblem | null, };

export type Template = { code: string, category: string, title: string, description: string, cause: string, consequence: string, treatment: Treatment, 
/**
 * Suggested mitigation actions.
 */
actions: Array<string>, 
/**
 * Default inherent score on the standard 5×5 matrix, `[likelihood, impact]`.
 */
inherent: [number, number], tags: Array<string>, };

export type TemplateSelection = "none" | "all" | { "codes": Array<string> };

export type TestKind = "desk_review" | "tabletop" | "dry_run_migration" | "partial_live_exit";

export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export type Tolerance = { points: [TolerancePoint, TolerancePoint], };

export type ToleranceCheck = { 
/**
 * The curve rises above the tolerance somewhere.
 */
outside: boolean, 
/**
 * The loss where the curve is furthest above (or closest below) the tolerance.
 */
worst_loss: number, 
/**
 * The simulated probability of losing more than `worst_loss` in a year.
 */
probability: number, 
/**
 * The tolerated probability at `worst_loss`.
 */
tolerated: number, };

export type TolerancePoint = { probability: number, loss: number, };

export type Treatment = "avoid" | "reduce" | "transfer" | "share" | "accept";

export type Trigger = "breach_of_law_or_contract" | "provider_change" | "ict_risk_weakness" | "supervision_impeded" | "insolvency" | "change_of_control" | "sla_breach";

export type TriggerLink = { scenario_id: string, trigger: string, };

export type Unit = "percent" | "percent_of_plan" | "count" | "milliseconds" | "days" | "number";

export type ValueEntry = { 
/**
 * The value as the file has it (trimmed).
 */
value: string, 
/**
 * How many rows hold it.
 */
rows: number, 
/**
 * What it becomes: a position on the axis ("1".."7"), a category code, a status
 * or a treatment; none when it cannot be read (those rows are in error).
 */
to: string | null, 
/**
 * Why, e.g. "by rank in Rare…Almost certain".
 */
how: string, };

export type ValueMapping = { column: number, header: string, entries: Array<ValueEntry>, };

export type Verdict = "consensus" | "near_consensus" | "discuss";

export type VoteStatus = { participant_id: string, name: string, voted: boolean, };

export type VotingAddress = { address: string, interface: string, kind: AddressKind, };

export type VotingInfo = { workshop_id: string, join_url: string, 
/**
 * Where people who cannot scan type the code: `http://ADDR:PORT/`.
 */
code_url: string, 
/**
 * Eight digits to type there; the participant page shows it too, so that people can
 * check they joined this workshop.
 */
code: string, address: string, 
/**
 * The join link as a QR code (a whole SVG document).
 */
qr_svg: string, };

export type VotingStatus = { 
/**
 * `None` when voting is not open for this workshop.
 */
open: VotingInfo | null, devices: Array<DeviceInfo>, 
/**
 * The item the phones are on (`None`: every item is decided).
 */
item: AgendaItem | null, 
/**
 * Who has voted in its current round, from a phone or not (never how).
 */
voted: Array<string>, };

export type Whoami = { 
/**
 * The display name stored in the workspace; `None` until someone sets one.
 */
name: string | null, 
/**
 * The name recorded on changes and reviews now.
 */
actor: string, source: ActorSource, };

export type Workshop = { id: string, partnership_id: string, status: WorkshopStatus, started_at: string | null, closed_at: string | null, 
/**
 * SHA-256 over every ballot, stored when the workshop closes (hex).
 */
ballot_digest: string | null, created_at: string, updated_at: string, 
/**
 * The agenda item the facilitator has put before the room (phones vote on it); when
 * none is chosen, the first item without a decision.
 */
current_item: string | null, title: string, date: string | null, place: string, facilitator: string, 
/**
 * The score of each risk that the workshop's decisions set.
 */
sets: ScoreKind, anonymity: Anonymity, rule: ConsensusRule, 
/**
 * The purpose and scope, printed on the minutes' cover.
 */
notes: string, };

export type WorkshopDetail = { workshop: Workshop, partnership_name: string, matrix: Matrix, participants: Array<Participant>, items: Array<ItemView>, };

export type WorkshopFields = { title: string, date: string | null, place: string, facilitator: string, 
/**
 * The score of each risk that the workshop's decisions set.
 */
sets: ScoreKind, anonymity: Anonymity, rule: ConsensusRule, 
/**
 * The purpose and scope, printed on the minutes' cover.
 */
notes: string, };

export type WorkshopStatus = "planned" | "running" | "closed";

export type WorkshopSummary = { workshop: Workshop, participants: number, items: number, decided: number, };

export type WorkspaceInfo = { path: string, schema_version: number, recent: Array<string>, 
/**
 * Why the file's place is unsafe for SQLite (a network share, a synced folder).
 */
storage_warning: string | null, };

/** The app's commands; each rejects with an IpcError. */
export const commands = {
  workspaceInfo: () => invoke<WorkspaceInfo>("workspace_info"),
  /** SQLite's `data_version` of the workspace: it changes when another program (`prisk`,
   * another window) commits to it, so the window knows to show the file as it is now. */
  workspaceVersion: () => invoke<number>("workspace_version"),
  listPartnerships: (includeArchived: boolean) => invoke<Array<PartnershipSummary>>("list_partnerships", { includeArchived }),
  createPartnership: (fields: PartnershipFields, matrix: string, templates: TemplateSelection) => invoke<Partnership>("create_partnership", { fields, matrix, templates }),
  updatePartnership: (id: string, fields: PartnershipFields) => invoke<Partnership>("update_partnership", { id, fields }),
  createDemo: () => invoke<Partnership>("create_demo"),
  library: () => invoke<Library>("library"),
  categories: () => invoke<Array<Category>>("categories"),
  addCategory: (category: Category) => invoke<Category>("add_category", { category }),
  register: (partnershipId: string) => invoke<RegisterTable>("register", { partnershipId }),
  matchingRisks: (partnershipId: string, filter: RiskFilter) => invoke<Array<string>>("matching_risks", { partnershipId, filter }),
  riskDetail: (id: string) => invoke<RiskDetail>("risk_detail", { id }),
  createRisk: (partnershipId: string, fields: RiskFields) => invoke<Risk>("create_risk", { partnershipId, fields }),
  updateRisk: (id: string, fields: RiskFields) => invoke<Risk>("update_risk", { id, fields }),
  deleteRisk: (id: string) => invoke<null>("delete_risk", { id }),
  addAction: (riskId: string, fields: ActionFields) => invoke<Action>("add_action", { riskId, fields }),
  updateAction: (id: string, fields: ActionFields) => invoke<Action>("update_action", { id, fields }),
  deleteAction: (id: string) => invoke<null>("delete_action", { id }),
  requirements: (partnershipId: string) => invoke<Array<Requirement>>("requirements", { partnershipId }),
  addRequirement: (partnershipId: string, fields: RequirementFields, riskIds: Array<string>) => invoke<Requirement>("add_requirement", { partnershipId, fields, riskIds }),
  updateRequirement: (id: string, fields: RequirementFields, riskIds: Array<string>) => invoke<Requirement>("update_requirement", { id, fields, riskIds }),
  linkRequirement: (requirementId: string, riskId: string, linked: boolean) => invoke<Requirement>("link_requirement", { requirementId, riskId, linked }),
  heatMap: (partnershipId: string, kind: ScoreKind) => invoke<HeatMap>("heat_map", { partnershipId, kind }),
  movement: (partnershipId: string) => invoke<Array<Movement>>("movement", { partnershipId }),
  matrices: () => invoke<Array<Matrix>>("matrices"),
  cloneMatrix: (source: string, name: string) => invoke<Matrix>("clone_matrix", { source, name }),
  updateMatrix: (matrix: Matrix) => invoke<Matrix>("update_matrix", { matrix }),
  deleteMatrix: (id: string) => invoke<null>("delete_matrix", { id }),
  /** Checks a matrix being edited (not yet saved): structure errors, then warnings. */
  checkMatrix: (matrix: Matrix) => invoke<MatrixCheck>("check_matrix", { matrix }),
  planMatrixChange: (partnershipId: string, matrixId: string) => invoke<MatrixChangePlan>("plan_matrix_change", { partnershipId, matrixId }),
  applyMatrixChange: (plan: MatrixChangePlan) => invoke<Partnership>("apply_matrix_change", { plan }),
  /** Asks where to save, then writes the partnership's PDF report there, reporting
   * progress on `on_progress`; `None` when the user cancels the dialog. */
  exportPdf: (partnershipId: string, options: PdfOptions, onProgress: Channel<ReportProgress>) => invoke<PdfExport | null>("export_pdf", { partnershipId, options, onProgress }),
  /** Asks where to save the register as a spreadsheet (XLSX workbook or CSV) and writes it;
   * `None` when the user cancels the dialog. */
  exportSpreadsheet: (partnershipId: string, format: SpreadsheetFormat) => invoke<SpreadsheetExport | null>("export_spreadsheet", { partnershipId, format }),
  /** Opens the PDF written by the last export in the system's viewer. Only that file:
   * the page cannot ask the shell to open arbitrary paths. */
  openLastExport: () => invoke<null>("open_last_export"),
  /** The partnership's exit plan, its test log and readiness today (the notice deadlines,
   * each scenario's critical path, the gaps). */
  exitPlan: (partnershipId: string) => invoke<ExitPlanView>("exit_plan", { partnershipId }),
  /** Saves the whole plan (the agreement, the plan-wide fields, every list: items added,
   * changed or removed), when the stored plan is still `expected`; one audit row per field
   * changed. Items without an id get one. */
  saveExitPlan: (partnershipId: string, expected: ExitPlan, plan: ExitPlan) => invoke<ExitPlanView>("save_exit_plan", { partnershipId, expected, plan }),
  /** Moves a step to a 1-based position in its scenario's list. */
  moveExitStep: (partnershipId: string, scenarioId: string, stepId: string, position: number) => invoke<ExitPlanView>("move_exit_step", { partnershipId, scenarioId, stepId, position }),
  /** Fills a plan without scenarios from the library's starting plan for leaving a SaaS
   * provider (a planned and a stressed scenario with the usual steps). */
  startExitPlan: (partnershipId: string) => invoke<ExitPlanView>("start_exit_plan", { partnershipId }),
  /** Records an exit test in the plan's log. */
  addExitTest: (partnershipId: string, fields: ExitTestFields) => invoke<ExitPlanView>("add_exit_test", { partnershipId, fields }),
  /** Turns an exit test's findings into an open action on a risk the plan is linked to. */
  exitFindingAction: (partnershipId: string, testId: string, riskId: string, owner: string) => invoke<Action>("exit_finding_action", { partnershipId, testId, riskId, owner }),
  /** Notice deadlines and exit tests due within 90 days (overdue tests included) and last
   * exit tests that failed, soonest first; of one partnership when given. They stand in the
   * review queue beside the risks. */
  exitReminders: (partnershipId: string | null) => invoke<Array<ExitReminder>>("exit_reminders", { partnershipId }),
  /** Every partnership's exit plan at a glance (readiness level, gaps, notice deadline,
   * tests), for the portfolio's column; by name, archived ones left out. */
  exitStatuses: () => invoke<Array<ExitStatus>>("exit_statuses"),
  /** Asks where to save the partnership's exit plan PDF and writes it; `None` when the user
   * cancels the dialog. */
  exportExitPlanPdf: (partnershipId: string) => invoke<ExitPlanExport | null>("export_exit_plan_pdf", { partnershipId }),
  /** Asks where to save DORA's Register of Information (template B_07.01, one row per
   * partnership that is not archived) as CSV and writes it; `None` when the user cancels. */
  exportRegisterOfInformation: () => invoke<RegisterExport | null>("export_register_of_information"),
  /** The common indicators to start from, with their defaults. */
  indicatorLibrary: () => invoke<Array<LibraryEntry>>("indicator_library"),
  listIndicators: (partnershipId: string) => invoke<Array<Indicator>>("list_indicators", { partnershipId }),
  addIndicator: (partnershipId: string, fields: IndicatorFields) => invoke<Indicator>("add_indicator", { partnershipId, fields }),
  /** Replaces an indicator's fields (one audit row per changed field). */
  updateIndicator: (id: string, fields: IndicatorFields) => invoke<Indicator>("update_indicator", { id, fields }),
  /** Removes an indicator with its readings. */
  removeIndicator: (id: string) => invoke<Indicator>("remove_indicator", { id }),
  /** Records a reading; a day that has one is refused unless `replace`. */
  addReading: (indicatorId: string, fields: ReadingFields, replace: boolean) => invoke<Reading>("add_reading", { indicatorId, fields, replace }),
  /** The readings of one indicator, oldest first (`withReplaced`: the replaced ones too). */
  listReadings: (indicatorId: string, withReplaced: boolean) => invoke<Array<Reading>>("list_readings", { indicatorId, withReplaced }),
  /** The Health tab: every indicator with its status, reason, latest value and last
   * readings, the counts, and the risks and exit triggers the statuses flag. */
  partnershipHealth: (partnershipId: string) => invoke<PartnershipHealth>("partnership_health", { partnershipId }),
  /** One indicator's chart: thresholds, status and every current reading. */
  indicatorChart: (indicatorId: string) => invoke<IndicatorChart>("indicator_chart", { indicatorId }),
  /** The indicators that inform a risk, for the review screen. */
  riskIndicators: (riskId: string) => invoke<Array<HealthRow>>("risk_indicators", { riskId }),
  /** The risks brought back for review and the exit triggers fired, for one partnership or
   * every partnership. */
  healthFlags: (partnershipId: string | null) => invoke<HealthFlags>("health_flags", { partnershipId }),
  /** Reads the file and plans its readings: writes nothing. */
  previewReadingImport: (partnershipId: string, path: string, options: ReadOptions, readings: ReadingsOptions) => invoke<ReadingsPreview>("preview_reading_import", { partnershipId, path, options, readings }),
  /** Reads the file again and, if it is the one previewed, writes its readings in one
   * transaction; with any problem, nothing. */
  runReadingImport: (partnershipId: string, path: string, options: ReadOptions, readings: ReadingsOptions, digest: string) => invoke<ReadingsAdded>("run_reading_import", { partnershipId, path, options, readings, digest }),
  quantSettings: (partnershipId: string) => invoke<QuantSettings>("quant_settings", { partnershipId }),
  /** Replaces a partnership's settings (one audit row per changed setting). */
  saveQuantSettings: (partnershipId: string, settings: QuantSettings) => invoke<QuantSettings>("save_quant_settings", { partnershipId, settings }),
  /** Sets or clears one stage's money estimate of a risk, keeping its other fields. */
  setLossEstimate: (riskId: string, stage: ScoreKind, estimate: LossEstimate | null) => invoke<Risk>("set_loss_estimate", { riskId, stage, estimate }),
  /** Simulates a partnership (its id) or the portfolio (`portfolio`): the inputs are read
   * under the store's lock, the years simulated without it (reporting the share done on
   * `on_progress`, at most once a percent), and the figures kept under it again. */
  runQuant: (scope: string, request: RunRequest, onProgress: Channel<number>) => invoke<QuantResults>("run_quant", { scope, request, onProgress }),
  /** The kept results of a partnership or of the portfolio, marked out of date when the
   * inputs changed since. */
  quantResults: (scope: string) => invoke<QuantResults>("quant_results", { scope }),
  /** Each risk's chosen and implied cells per stage, with first estimates from the bands. */
  riskCells: (partnershipId: string) => invoke<Array<RiskCells>>("risk_cells", { partnershipId }),
  /** What the mitigation plan is worth, best value first. */
  mitigationValue: (partnershipId: string) => invoke<MitigationPlanValue>("mitigation_value", { partnershipId }),
  /** The workspace's backups, newest first, each with what it holds. */
  listBackups: () => invoke<Array<BackupInfo>>("list_backups"),
  /** Restores one of the workspace's backups over it, after keeping the current file as a
   * `before_restore` backup; then every view reloads. */
  restoreBackup: (backup: string) => invoke<Restored>("restore_backup", { backup }),
  /** The damaged workspace the window was started on, if it was (the window then shows it
   * with the way back instead of the register). */
  damagedWorkspace: () => invoke<DamagedWorkspace | null>("damaged_workspace"),
  /** Restores the damaged workspace's newest good backup over it (the damaged file is
   * kept as a `before_restore` backup) and opens it. */
  restoreDamaged: () => invoke<Restored>("restore_damaged"),
  /** Asks for another workspace file to open, as File → Open Workspace… does. */
  openAnotherWorkspace: () => invoke<null>("open_another_workspace"),
  /** Asks where to save, then writes the partnership's exchange file (a share with the
   * partner when `options.for_partner`); `None` when the user cancels. */
  sendPartnership: (partnershipId: string, options: ExportOptions) => invoke<Sent | null>("send_partnership", { partnershipId, options }),
  /** Asks which exchange file to merge; `None` when the user cancels. */
  chooseExchangeFile: () => invoke<string | null>("choose_exchange_file"),
  /** What merging the file would do with the choices made so far; nothing is written. */
  previewExchange: (path: string, choices: MergeChoices) => invoke<ExchangePreview>("preview_exchange", { path, choices }),
  /** Merges the file (refused while a conflict has no resolution: nothing is written); the
   * window then reloads what it shows. */
  mergeExchange: (path: string, choices: MergeChoices) => invoke<MergeReport>("merge_exchange", { path, choices }),
  /** The partner's views of a partnership's risks, newest first. */
  partnerViews: (partnershipId: string) => invoke<Array<PartnerView>>("partner_views", { partnershipId }),
  /** Where the partner's latest view of a risk lies more than one step from our score,
   * largest first (*Where we disagree*). */
  disagreements: (partnershipId: string) => invoke<Array<Disagreement>>("disagreements", { partnershipId }),
  /** Where this workspace stands with its team (read here; the server is not asked). */
  teamStatus: () => invoke<TeamView>("team_status"),
  /** Connects this workspace to the team at `server` with `token` (checked with the server;
   * the token is kept in the user's config folder, not in the workspace). */
  teamJoin: (server: string, token: string) => invoke<TeamJoined>("team_join", { server, token }),
  /** Pushes this workspace's changes and pulls the team's. A server that does not answer
   * (or refuses the token) is reported in the outcome's status, not as an error; the window
   * is told to reload when the sync wrote something. */
  teamSync: () => invoke<TeamSyncOutcome>("team_sync"),
  /** The conflicts the syncs kept, of one partnership or all, each with its risk. */
  teamConflicts: (partnershipId: string | null) => invoke<Array<TeamConflictView>>("team_conflicts", { partnershipId }),
  /** Settles a kept conflict: `mine` keeps our value (the next sync sends it), `theirs` or a
   * merged value writes it here. */
  teamResolve: (conflictId: string, resolution: Resolution) => invoke<null>("team_resolve", { conflictId, resolution }),
  /** Asks for the spreadsheet to import; `None` when the user cancels. */
  chooseImportFile: () => invoke<string | null>("choose_import_file"),
  /** The dry run: reads the file as `options` say and plans its import into the
   * partnership with `mapping` (or the one the core proposes). Writes nothing. */
  previewImport: (partnershipId: string, path: string, options: ReadOptions, mapping: ImportMapping | null, headerRow: number | null, dateOrder: DateOrder | null) => invoke<ImportPreview>("preview_import", { partnershipId, path, options, mapping, headerRow, dateOrder }),
  /** Reads the file again and, if it is the one previewed (same digest), imports it with
   * the mapping the user saw, in one transaction. */
  runImport: (partnershipId: string, path: string, options: ReadOptions, mapping: ImportMapping, digest: string, skipInvalid: boolean) => invoke<ImportOutcome>("run_import", { partnershipId, path, options, mapping, digest, skipInvalid }),
  whoami: () => invoke<Whoami>("whoami"),
  setWhoami: (name: string) => invoke<Whoami>("set_whoami", { name }),
  reviewQueue: (filter: QueueFilter) => invoke<Array<QueueEntry>>("review_queue", { filter }),
  reviewCounts: () => invoke<Array<ReviewCounts>>("review_counts"),
  reviewContext: (riskId: string) => invoke<ReviewContext>("review_context", { riskId }),
  addReview: (riskId: string, fields: ReviewFields) => invoke<Review>("add_review", { riskId, fields }),
  undoReview: (reviewId: string) => invoke<Review>("undo_review", { reviewId }),
  requestAcceptance: (riskId: string, request: AcceptanceRequest) => invoke<Acceptance>("request_acceptance", { riskId, request }),
  approveAcceptance: (id: string, note: string) => invoke<Acceptance>("approve_acceptance", { id, note }),
  rejectAcceptance: (id: string, note: string) => invoke<Acceptance>("reject_acceptance", { id, note }),
  revokeAcceptance: (id: string, reason: string) => invoke<Acceptance>("revoke_acceptance", { id, reason }),
  activity: (filter: ActivityFilter) => invoke<ActivityPage>("activity", { filter }),
  activityActors: () => invoke<Array<string>>("activity_actors"),
  portfolio: () => invoke<Array<PortfolioRow>>("portfolio"),
  /** Asks where to save, then writes the one-page portfolio summary there. `None` when
   * the user cancels the dialog. */
  exportPortfolioPdf: (preparedBy: string) => invoke<PortfolioExport | null>("export_portfolio_pdf", { preparedBy }),
  listWorkshops: (partnershipId: string) => invoke<Array<WorkshopSummary>>("list_workshops", { partnershipId }),
  workshopDetail: (id: string) => invoke<WorkshopDetail>("workshop_detail", { id }),
  createWorkshop: (partnershipId: string, fields: WorkshopFields) => invoke<Workshop>("create_workshop", { partnershipId, fields }),
  updateWorkshop: (id: string, fields: WorkshopFields) => invoke<Workshop>("update_workshop", { id, fields }),
  deleteWorkshop: (id: string) => invoke<null>("delete_workshop", { id }),
  addParticipant: (workshopId: string, fields: ParticipantFields) => invoke<Participant>("add_participant", { workshopId, fields }),
  updateParticipant: (id: string, fields: ParticipantFields) => invoke<Participant>("update_participant", { id, fields }),
  removeParticipant: (id: string) => invoke<null>("remove_participant", { id }),
  addAgendaItems: (workshopId: string, riskIds: Array<string>) => invoke<Array<AgendaItem>>("add_agenda_items", { workshopId, riskIds }),
  /** Creates a risk proposed in the room and appends it to the agenda. */
  proposeRisk: (workshopId: string, fields: RiskFields) => invoke<AgendaItem>("propose_risk", { workshopId, fields }),
  moveAgendaItem: (itemId: string, position: number) => invoke<Array<AgendaItem>>("move_agenda_item", { itemId, position }),
  removeAgendaItem: (itemId: string) => invoke<null>("remove_agenda_item", { itemId }),
  startWorkshop: (id: string) => invoke<Workshop>("start_workshop", { id }),
  /** Closes the workshop, and its voting with it. */
  closeWorkshop: (id: string) => invoke<Workshop>("close_workshop", { id }),
  itemView: (itemId: string) => invoke<ItemView>("item_view", { itemId }),
  /** A vote entered on this laptop: by the participant, or by the facilitator as a proxy.
   * The reply says only who has voted. */
  castBallot: (itemId: string, participantId: string, score: Score, comment: string, proxy: boolean) => invoke<ItemView>("cast_ballot", { itemId, participantId, score, comment, proxy }),
  revealVotes: (itemId: string) => invoke<ItemView>("reveal_votes", { itemId }),
  revote: (itemId: string) => invoke<ItemView>("revote", { itemId }),
  decideItem: (itemId: string, fields: DecisionFields) => invoke<ItemView>("decide_item", { itemId, fields }),
  setItemNotes: (itemId: string, notes: string) => invoke<AgendaItem>("set_item_notes", { itemId, notes }),
  /** Asks where to save the minutes, writes them and remembers the file for "Open". */
  exportMinutes: (id: string) => invoke<MinutesExport | null>("export_minutes", { id }),
  /** Asks for a folder and writes one sealed ballot file per voter into it. */
  exportBallots: (id: string) => invoke<Array<string> | null>("export_ballots", { id }),
  /** Asks for filled ballot files and imports each as its voter's round 1; each file is
   * taken whole or refused whole. */
  importBallots: (id: string) => invoke<Array<BallotImport>>("import_ballots", { id }),
  /** A participant's own copy of the app: asks for a ballot file and opens it to fill in.
   * Needs nothing of the workspace. */
  openBallot: () => invoke<BallotFile | null>("open_ballot"),
  /** Records a vote in the open ballot file and saves it at once. */
  fillBallot: (reference: string, score: Score, comment: string) => invoke<BallotFile>("fill_ballot", { reference, score, comment }),
  /** Puts an item before the room (the phones vote on it); `None` follows the agenda. */
  setCurrentItem: (workshopId: string, itemId: string | null) => invoke<Workshop>("set_current_item", { workshopId, itemId }),
  votingAddresses: () => invoke<Array<VotingAddress>>("voting_addresses"),
  /** Opens voting for a running workshop on one of this machine's addresses, on a free
   * port; for the workshop already open it returns the running server. */
  openVoting: (workshopId: string, address: string) => invoke<VotingInfo>("open_voting", { workshopId, address }),
  votingStatus: (workshopId: string) => invoke<VotingStatus>("voting_status", { workshopId }),
  /** Frees a claimed name so that another device can take it; false when nobody held it. */
  releaseVoter: (participantId: string) => invoke<boolean>("release_voter", { participantId }),
  closeVoting: () => invoke<null>("close_voting"),
};

/** What each command sends over IPC, by its wrapper's name. */
export type CommandArgs = {
  workspaceInfo: Record<string, never>;
  workspaceVersion: Record<string, never>;
  listPartnerships: { includeArchived: boolean };
  createPartnership: { fields: PartnershipFields; matrix: string; templates: TemplateSelection };
  updatePartnership: { id: string; fields: PartnershipFields };
  createDemo: Record<string, never>;
  library: Record<string, never>;
  categories: Record<string, never>;
  addCategory: { category: Category };
  register: { partnershipId: string };
  matchingRisks: { partnershipId: string; filter: RiskFilter };
  riskDetail: { id: string };
  createRisk: { partnershipId: string; fields: RiskFields };
  updateRisk: { id: string; fields: RiskFields };
  deleteRisk: { id: string };
  addAction: { riskId: string; fields: ActionFields };
  updateAction: { id: string; fields: ActionFields };
  deleteAction: { id: string };
  requirements: { partnershipId: string };
  addRequirement: { partnershipId: string; fields: RequirementFields; riskIds: Array<string> };
  updateRequirement: { id: string; fields: RequirementFields; riskIds: Array<string> };
  linkRequirement: { requirementId: string; riskId: string; linked: boolean };
  heatMap: { partnershipId: string; kind: ScoreKind };
  movement: { partnershipId: string };
  matrices: Record<string, never>;
  cloneMatrix: { source: string; name: string };
  updateMatrix: { matrix: Matrix };
  deleteMatrix: { id: string };
  checkMatrix: { matrix: Matrix };
  planMatrixChange: { partnershipId: string; matrixId: string };
  applyMatrixChange: { plan: MatrixChangePlan };
  exportPdf: { partnershipId: string; options: PdfOptions; onProgress: Channel<ReportProgress> };
  exportSpreadsheet: { partnershipId: string; format: SpreadsheetFormat };
  openLastExport: Record<string, never>;
  exitPlan: { partnershipId: string };
  saveExitPlan: { partnershipId: string; expected: ExitPlan; plan: ExitPlan };
  moveExitStep: { partnershipId: string; scenarioId: string; stepId: string; position: number };
  startExitPlan: { partnershipId: string };
  addExitTest: { partnershipId: string; fields: ExitTestFields };
  exitFindingAction: { partnershipId: string; testId: string; riskId: string; owner: string };
  exitReminders: { partnershipId: string | null };
  exitStatuses: Record<string, never>;
  exportExitPlanPdf: { partnershipId: string };
  exportRegisterOfInformation: Record<string, never>;
  indicatorLibrary: Record<string, never>;
  listIndicators: { partnershipId: string };
  addIndicator: { partnershipId: string; fields: IndicatorFields };
  updateIndicator: { id: string; fields: IndicatorFields };
  removeIndicator: { id: string };
  addReading: { indicatorId: string; fields: ReadingFields; replace: boolean };
  listReadings: { indicatorId: string; withReplaced: boolean };
  partnershipHealth: { partnershipId: string };
  indicatorChart: { indicatorId: string };
  riskIndicators: { riskId: string };
  healthFlags: { partnershipId: string | null };
  previewReadingImport: { partnershipId: string; path: string; options: ReadOptions; readings: ReadingsOptions };
  runReadingImport: { partnershipId: string; path: string; options: ReadOptions; readings: ReadingsOptions; digest: string };
  quantSettings: { partnershipId: string };
  saveQuantSettings: { partnershipId: string; settings: QuantSettings };
  setLossEstimate: { riskId: string; stage: ScoreKind; estimate: LossEstimate | null };
  runQuant: { scope: string; request: RunRequest; onProgress: Channel<number> };
  quantResults: { scope: string };
  riskCells: { partnershipId: string };
  mitigationValue: { partnershipId: string };
  listBackups: Record<string, never>;
  restoreBackup: { backup: string };
  damagedWorkspace: Record<string, never>;
  restoreDamaged: Record<string, never>;
  openAnotherWorkspace: Record<string, never>;
  sendPartnership: { partnershipId: string; options: ExportOptions };
  chooseExchangeFile: Record<string, never>;
  previewExchange: { path: string; choices: MergeChoices };
  mergeExchange: { path: string; choices: MergeChoices };
  partnerViews: { partnershipId: string };
  disagreements: { partnershipId: string };
  teamStatus: Record<string, never>;
  teamJoin: { server: string; token: string };
  teamSync: Record<string, never>;
  teamConflicts: { partnershipId: string | null };
  teamResolve: { conflictId: string; resolution: Resolution };
  chooseImportFile: Record<string, never>;
  previewImport: { partnershipId: string; path: string; options: ReadOptions; mapping: ImportMapping | null; headerRow: number | null; dateOrder: DateOrder | null };
  runImport: { partnershipId: string; path: string; options: ReadOptions; mapping: ImportMapping; digest: string; skipInvalid: boolean };
  whoami: Record<string, never>;
  setWhoami: { name: string };
  reviewQueue: { filter: QueueFilter };
  reviewCounts: Record<string, never>;
  reviewContext: { riskId: string };
  addReview: { riskId: string; fields: ReviewFields };
  undoReview: { reviewId: string };
  requestAcceptance: { riskId: string; request: AcceptanceRequest };
  approveAcceptance: { id: string; note: string };
  rejectAcceptance: { id: string; note: string };
  revokeAcceptance: { id: string; reason: string };
  activity: { filter: ActivityFilter };
  activityActors: Record<string, never>;
  portfolio: Record<string, never>;
  exportPortfolioPdf: { preparedBy: string };
  listWorkshops: { partnershipId: string };
  workshopDetail: { id: string };
  createWorkshop: { partnershipId: string; fields: WorkshopFields };
  updateWorkshop: { id: string; fields: WorkshopFields };
  deleteWorkshop: { id: string };
  addParticipant: { workshopId: string; fields: ParticipantFields };
  updateParticipant: { id: string; fields: ParticipantFields };
  removeParticipant: { id: string };
  addAgendaItems: { workshopId: string; riskIds: Array<string> };
  proposeRisk: { workshopId: string; fields: RiskFields };
  moveAgendaItem: { itemId: string; position: number };
  removeAgendaItem: { itemId: string };
  startWorkshop: { id: string };
  closeWorkshop: { id: string };
  itemView: { itemId: string };
  castBallot: { itemId: string; participantId: string; score: Score; comment: string; proxy: boolean };
  revealVotes: { itemId: string };
  revote: { itemId: string };
  decideItem: { itemId: string; fields: DecisionFields };
  setItemNotes: { itemId: string; notes: string };
  exportMinutes: { id: string };
  exportBallots: { id: string };
  importBallots: { id: string };
  openBallot: Record<string, never>;
  fillBallot: { reference: string; score: Score; comment: string };
  setCurrentItem: { workshopId: string; itemId: string | null };
  votingAddresses: Record<string, never>;
  openVoting: { workshopId: string; address: string };
  votingStatus: { workshopId: string };
  releaseVoter: { participantId: string };
  closeVoting: Record<string, never>;
};

/** Each command's IPC name, by its wrapper's name. */
export const commandNames = {
  workspaceInfo: "workspace_info",
  workspaceVersion: "workspace_version",
  listPartnerships: "list_partnerships",
  createPartnership: "create_partnership",
  updatePartnership: "update_partnership",
  createDemo: "create_demo",
  library: "library",
  categories: "categories",
  addCategory: "add_category",
  register: "register",
  matchingRisks: "matching_risks",
  riskDetail: "risk_detail",
  createRisk: "create_risk",
  updateRisk: "update_risk",
  deleteRisk: "delete_risk",
  addAction: "add_action",
  updateAction: "update_action",
  deleteAction: "delete_action",
  requirements: "requirements",
  addRequirement: "add_requirement",
  updateRequirement: "update_requirement",
  linkRequirement: "link_requirement",
  heatMap: "heat_map",
  movement: "movement",
  matrices: "matrices",
  cloneMatrix: "clone_matrix",
  updateMatrix: "update_matrix",
  deleteMatrix: "delete_matrix",
  checkMatrix: "check_matrix",
  planMatrixChange: "plan_matrix_change",
  applyMatrixChange: "apply_matrix_change",
  exportPdf: "export_pdf",
  exportSpreadsheet: "export_spreadsheet",
  openLastExport: "open_last_export",
  exitPlan: "exit_plan",
  saveExitPlan: "save_exit_plan",
  moveExitStep: "move_exit_step",
  startExitPlan: "start_exit_plan",
  addExitTest: "add_exit_test",
  exitFindingAction: "exit_finding_action",
  exitReminders: "exit_reminders",
  exitStatuses: "exit_statuses",
  exportExitPlanPdf: "export_exit_plan_pdf",
  exportRegisterOfInformation: "export_register_of_information",
  indicatorLibrary: "indicator_library",
  listIndicators: "list_indicators",
  addIndicator: "add_indicator",
  updateIndicator: "update_indicator",
  removeIndicator: "remove_indicator",
  addReading: "add_reading",
  listReadings: "list_readings",
  partnershipHealth: "partnership_health",
  indicatorChart: "indicator_chart",
  riskIndicators: "risk_indicators",
  healthFlags: "health_flags",
  previewReadingImport: "preview_reading_import",
  runReadingImport: "run_reading_import",
  quantSettings: "quant_settings",
  saveQuantSettings: "save_quant_settings",
  setLossEstimate: "set_loss_estimate",
  runQuant: "run_quant",
  quantResults: "quant_results",
  riskCells: "risk_cells",
  mitigationValue: "mitigation_value",
  listBackups: "list_backups",
  restoreBackup: "restore_backup",
  damagedWorkspace: "damaged_workspace",
  restoreDamaged: "restore_damaged",
  openAnotherWorkspace: "open_another_workspace",
  sendPartnership: "send_partnership",
  chooseExchangeFile: "choose_exchange_file",
  previewExchange: "preview_exchange",
  mergeExchange: "merge_exchange",
  partnerViews: "partner_views",
  disagreements: "disagreements",
  teamStatus: "team_status",
  teamJoin: "team_join",
  teamSync: "team_sync",
  teamConflicts: "team_conflicts",
  teamResolve: "team_resolve",
  chooseImportFile: "choose_import_file",
  previewImport: "preview_import",
  runImport: "run_import",
  whoami: "whoami",
  setWhoami: "set_whoami",
  reviewQueue: "review_queue",
  reviewCounts: "review_counts",
  reviewContext: "review_context",
  addReview: "add_review",
  undoReview: "undo_review",
  requestAcceptance: "request_acceptance",
  approveAcceptance: "approve_acceptance",
  rejectAcceptance: "reject_acceptance",
  revokeAcceptance: "revoke_acceptance",
  activity: "activity",
  activityActors: "activity_actors",
  portfolio: "portfolio",
  exportPortfolioPdf: "export_portfolio_pdf",
  listWorkshops: "list_workshops",
  workshopDetail: "workshop_detail",
  createWorkshop: "create_workshop",
  updateWorkshop: "update_workshop",
  deleteWorkshop: "delete_workshop",
  addParticipant: "add_participant",
  updateParticipant: "update_participant",
  removeParticipant: "remove_participant",
  addAgendaItems: "add_agenda_items",
  proposeRisk: "propose_risk",
  moveAgendaItem: "move_agenda_item",
  removeAgendaItem: "remove_agenda_item",
  startWorkshop: "start_workshop",
  closeWorkshop: "close_workshop",
  itemView: "item_view",
  castBallot: "cast_ballot",
  revealVotes: "reveal_votes",
  revote: "revote",
  decideItem: "decide_item",
  setItemNotes: "set_item_notes",
  exportMinutes: "export_minutes",
  exportBallots: "export_ballots",
  importBallots: "import_ballots",
  openBallot: "open_ballot",
  fillBallot: "fill_ballot",
  setCurrentItem: "set_current_item",
  votingAddresses: "voting_addresses",
  openVoting: "open_voting",
  votingStatus: "voting_status",
  releaseVoter: "release_voter",
  closeVoting: "close_voting",
} as const;

/** The events the shell sends to the window. */
export const events = {
  workspaceChanged: "workspace-changed",
  openRestore: "open-restore",
  openExchange: "open-exchange",
  openTeam: "open-team",
  teamSynced: "team-synced",
} as const;
