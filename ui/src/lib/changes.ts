// Audit-log rows in words: what a field is called, how its old and new values read,
// and a one-line summary of a created or deleted record (whose whole JSON is logged).
// Shared by a risk's history and the activity view.
import type { Entity, Operation, Score } from "../bindings";
import { shortTime } from "./dates";
import { exitFieldLabel, exitValue, isExitField } from "./exitChanges";
import { humanise, plural } from "./text";

export const ENTITY_LABEL: Record<Entity, string> = {
  partnership: "Partnership",
  risk: "Risk",
  action: "Action",
  requirement: "Requirement",
  matrix: "Scoring matrix",
  category: "Category",
  workshop: "Workshop",
};

export const ENTITIES = Object.keys(ENTITY_LABEL) as Entity[];

// The fields each kind of record logs (its serialised names), in the order its editor shows them.
const FIELDS: Record<Entity, Record<string, string>> = {
  risk: {
    title: "Title",
    category: "Category",
    description: "Description",
    cause: "Cause",
    consequence: "Consequence",
    owner: "Owner",
    status: "Status",
    inherent: "Inherent score",
    residual: "Residual score",
    target: "Target score",
    treatment: "Treatment",
    treatment_rationale: "Treatment rationale",
    acceptance_approver: "Acceptance approver",
    acceptance_expiry: "Acceptance expiry",
    tags: "Tags",
    next_review: "Next review",
  },
  action: { title: "Title", detail: "Detail", owner: "Owner", due: "Due date", status: "Status", cost: "Cost" },
  requirement: {
    code: "Code",
    title: "Title",
    area: "Area",
    description: "Description",
    status: "Status",
    evidence: "Evidence",
    risk_ids: "Linked risks",
  },
  partnership: {
    name: "Name",
    partner: "Partner",
    description: "Description",
    stage: "Stage",
    owner: "Owner",
    archived: "Archived",
    matrix_id: "Scoring matrix",
  },
  matrix: {
    name: "Name",
    description: "Description",
    likelihood: "Likelihood levels",
    impact: "Impact levels",
    levels: "Risk levels",
    grid: "Grid",
  },
  category: { name: "Name", prefix: "Prefix" },
  workshop: {
    title: "Title",
    date: "Date",
    place: "Place",
    facilitator: "Facilitator",
    sets: "Score set",
    anonymity: "Anonymity",
    rule: "Consensus rule",
    notes: "Notes",
    status: "Status",
    started_at: "Started",
    closed_at: "Closed",
    ballot_digest: "Ballot digest",
  },
};

// Values that are codes (snake_case words): shown humanised.
const CODED = new Set(["status", "treatment", "stage", "category", "sets", "anonymity"]);
// Values that are timestamps rather than days.
const TIMESTAMPS = new Set(["started_at", "closed_at"]);

// A merge logs the records of tables without a kind of their own on their partnership,
// as `table[key]` (a record that arrived or went, its whole JSON) or `table[key].field`.
const MERGED = /^([a-z_]+)\[([^\]]+)\](?:\.([a-z_]+))?$/;
const MERGED_TABLES: Record<string, string> = {
  reference_counters: "Reference counter",
  requirement_risks: "Link of a requirement to a risk",
  workshop_participants: "Workshop participant",
  workshop_items: "Workshop item",
  workshop_ballots: "Ballot",
  workshop_voted: "Vote cast",
  workshop_decisions: "Workshop decision",
  reviews: "Review",
  review_withdrawals: "Withdrawal of a review",
  acceptances: "Acceptance",
  exit_plans: "Exit plan",
  exit_tests: "Exit test",
  quant_settings: "Money settings",
  indicators: "Indicator",
  indicator_risks: "Link of an indicator to a risk",
  readings: "Reading",
  partner_views: "Partner's view",
};

/// `readings[0195…].replaced_by` → the table, the record's key and the field (null: the
/// whole record); null for a field of the record's own kind.
export function mergedField(field: string): { table: string; key: string; field: string | null } | null {
  const m = MERGED.exec(field);
  return m ? { table: m[1]!, key: m[2]!, field: m[3] ?? null } : null;
}

/// A field's label as the first kind of record that has it names it.
function anyFieldLabel(field: string): string {
  for (const e of ENTITIES) {
    const label = FIELDS[e][field];
    if (label) return label;
  }
  return humanise(field);
}

/// "residual" → "Residual score"; a field the app does not know yet is humanised; a merged
/// record's field reads "Reading · Replaced by".
export function fieldLabel(entity: Entity, field: string): string {
  if (entity === "partnership" && isExitField(field)) return exitFieldLabel(field);
  const merged = mergedField(field);
  if (merged) {
    const noun = MERGED_TABLES[merged.table] ?? humanise(merged.table);
    return merged.field ? `${noun} · ${anyFieldLabel(merged.field)}` : noun;
  }
  return FIELDS[entity][field] ?? humanise(field);
}

/// The fields worth filtering on: those of one kind of record, or of every kind
/// (each field name once, labelled by the first kind that has it).
export function knownFields(entity: Entity | null): { field: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const e of entity ? [entity] : ENTITIES) {
    for (const [field, label] of Object.entries(FIELDS[e])) if (!seen.has(field)) seen.set(field, label);
  }
  return [...seen].map(([field, label]) => ({ field, label }));
}

/// "L3 × I4": likelihood and impact of a score.
export function formatScore(score: Score): string {
  return `L${score.likelihood} × I${score.impact}`;
}

function isScore(v: unknown): v is Score {
  return typeof v === "object" && v !== null && "likelihood" in v && "impact" in v && Object.keys(v).length === 2;
}

function isMoney(v: unknown): v is { minor: number; currency: string } {
  return typeof v === "object" && v !== null && "minor" in v && "currency" in v;
}

/// Strings are logged as they are, everything else as JSON: read JSON back only when
/// the text looks like a JSON object, array, number or boolean.
function parsed(raw: string): unknown {
  if (!/^[[{]|^-?\d+(\.\d+)?$|^(true|false)$/.test(raw)) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/// A whole record a merge brought or removed, in a few words: its title or name, a
/// reading's day and value, a review's decision.
function mergedRecord(raw: string): string {
  const value = parsed(raw);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return raw;
  const record = value as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === "string" && record[key] ? (record[key] as string) : null);
  const day = text("read_on");
  if (day) {
    const note = text("note");
    return `${day}: ${String(record.value ?? "–")}${note ? ` (“${clip(note, 40)}”)` : ""}`;
  }
  const name = text("title") ?? text("name") ?? text("code") ?? text("reference");
  if (name) return `“${clip(name, 60)}”`;
  const decision = text("decision");
  if (decision) return `${humanise(decision)}${text("reviewed_on") ? ` on ${text("reviewed_on")}` : ""}`;
  return "a record";
}

/// A logged value as people read it: "L3 × I4", "Yes", "In progress", "3 linked risks".
export function formatValue(field: string, raw: string | null): string {
  if (isExitField(field)) return exitValue(field, raw);
  const merged = mergedField(field);
  if (merged) {
    if (merged.field) return formatValue(merged.field, raw);
    if (raw === null || raw === "") return "–";
    return mergedRecord(raw);
  }
  if (raw === null || raw === "") return "–";
  const value = parsed(raw);
  if (typeof value === "string") {
    if (CODED.has(field) && /^[a-z_]+$/.test(value)) return humanise(value);
    if (TIMESTAMPS.has(field)) return shortTime(value);
    return value;
  }
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (isScore(value)) return formatScore(value);
  if (isMoney(value)) {
    return `${(value.minor / 100).toLocaleString(undefined, { minimumFractionDigits: 2 })} ${value.currency}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    if (field === "tags") return value.join(", ");
    if (field === "risk_ids") return plural(value.length, "risk");
    if (field === "grid") return `${value.length} × ${(value[0] as unknown[] | undefined)?.length ?? 0} cells`;
    return plural(value.length, "level");
  }
  return raw;
}

/// Long text cut to a table cell, with an ellipsis.
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/// 'created risk TEC-004 “Partner cannot pay”' from the JSON of the whole record.
export function recordSummary(entity: Entity, operation: Operation, json: string | null, reference: string | null): string {
  const verb = operation === "create" ? "created" : operation === "delete" ? "deleted" : "changed";
  let record: Record<string, unknown> = {};
  try {
    const value = json ? (JSON.parse(json) as unknown) : null;
    if (value && typeof value === "object" && !Array.isArray(value)) record = value as Record<string, unknown>;
  } catch {
    // A value that is not a record still gets the verb and the kind.
  }
  const text = (key: string) => (typeof record[key] === "string" && record[key] ? (record[key] as string) : null);
  // An action's logged reference is its risk's: say so rather than pass it off as the action's.
  const ref = entity === "action" ? null : (text("reference") ?? (entity === "requirement" ? text("code") : reference));
  const name = text("title") ?? text("name");
  const kind = ENTITY_LABEL[entity].toLowerCase();
  const of = entity === "action" && reference ? ` of ${reference}` : "";
  return [verb, kind, ref, name ? `“${clip(name, 60)}”` : null].filter(Boolean).join(" ") + of;
}
