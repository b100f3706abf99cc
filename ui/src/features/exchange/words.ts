// The exchange in words: what each kind of record is called, how a file meets this
// workspace, what a conflict is about and how its values read.
import type { Conflict, ConflictKind, ExchangeCounts, ExchangeMode, ExchangePreview } from "../../bindings";
import { humanise, plural } from "../../lib/text";

/// The kinds of record of a partnership, in the order the core lists its tables, as people
/// call them (singular, plural). Reference counters are bookkeeping and not shown.
const TABLES: [string, string, string][] = [
  ["partnerships", "partnership's details", "partnership's details"],
  ["risks", "risk", "risks"],
  ["actions", "action", "actions"],
  ["requirements", "requirement", "requirements"],
  ["requirement_risks", "link of a requirement to a risk", "links of requirements to risks"],
  ["workshops", "workshop", "workshops"],
  ["workshop_participants", "workshop participant", "workshop participants"],
  ["workshop_items", "agenda item", "agenda items"],
  ["workshop_ballots", "ballot", "ballots"],
  ["workshop_voted", "vote cast", "votes cast"],
  ["workshop_decisions", "workshop decision", "workshop decisions"],
  ["reviews", "review", "reviews"],
  ["review_withdrawals", "withdrawal of a review", "withdrawals of reviews"],
  ["acceptances", "acceptance", "acceptances"],
  ["exit_plans", "exit plan", "exit plans"],
  ["exit_tests", "exit test", "exit tests"],
  ["quant_settings", "money settings", "money settings"],
  ["indicators", "health indicator", "health indicators"],
  ["indicator_risks", "link of an indicator to a risk", "links of indicators to risks"],
  ["readings", "reading", "readings"],
  ["partner_views", "partner's view", "partner's views"],
  ["audit_log", "row of history", "rows of history"],
];

/// Tables the window does not count for people (bookkeeping that follows from the rest).
const UNCOUNTED = new Set(["reference_counters"]);

/// "risks", "links of requirements to risks": a kind of record, plural.
export function tableName(table: string): string {
  return TABLES.find(([t]) => t === table)?.[2] ?? humanise(table).toLowerCase();
}

/// "1 risk", "3 risks".
export function records(count: number, table: string): string {
  const entry = TABLES.find(([t]) => t === table);
  return entry ? plural(count, entry[1], entry[2]) : `${count} ${humanise(table).toLowerCase()}`;
}

/// The tables of one or more counts, in the core's order, leaving out bookkeeping.
export function countedTables(...counts: { [table: string]: ExchangeCounts }[]): string[] {
  const present = new Set(counts.flatMap((c) => Object.keys(c)).filter((t) => !UNCOUNTED.has(t)));
  const known = TABLES.map(([t]) => t).filter((t) => present.has(t));
  return [...known, ...[...present].filter((t) => !known.includes(t)).sort()];
}

/// "1 new, 2 changed" ("–" when nothing).
export function countsText(c: ExchangeCounts | undefined): string {
  if (!c) return "–";
  const parts = [
    c.new ? `${c.new} new` : "",
    c.changed ? `${c.changed} changed` : "",
    c.deleted ? `${c.deleted} deleted` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "–";
}

/// Changes of the record kinds people edit (history rows left out: each is a change
/// counted already).
export function changeTotal(counts: { [table: string]: ExchangeCounts }): number {
  return countedTables(counts)
    .filter((t) => t !== "audit_log")
    .reduce((sum, t) => sum + (counts[t].new + counts[t].changed + counts[t].deleted), 0);
}

/// How the file meets this workspace, in a sentence.
export function modeWords(mode: ExchangeMode): { title: string; detail: string } {
  switch (mode) {
    case "import":
      return {
        title: "New partnership",
        detail: "This workspace does not have this partnership yet: it is imported as it is.",
      };
    case "three_way":
      return {
        title: "Three-way merge",
        detail:
          "Both sides' changes since the last copy both keep are merged field by field; only what both changed differently is asked.",
      };
    case "two_way":
      return {
        title: "Two-way comparison",
        detail:
          "There is no copy both sides keep, so the file cannot tell a new record from one deleted here: every difference is a conflict for you to settle.",
      };
    case "partner_view":
      return {
        title: "The partner's view",
        detail:
          "The partner's scores and comments are kept beside ours, dated and attributed; our scores do not change.",
      };
  }
}

/// "Sent by Ann (workspace ann.prisk) on 7 December 2026 at 13:28".
export function sentWords(preview: ExchangePreview): string {
  const workspace = preview.sender.workspace ? ` (workspace ${preview.sender.workspace})` : "";
  return `Sent by ${preview.sender.name || "someone unnamed"}${workspace} on ${when(preview.sent_at)}`;
}

/// The common copy a three-way merge starts from, by when it was exchanged.
export function baseWords(preview: ExchangePreview): string {
  if (!preview.base) return "";
  if (preview.base_at) return `(Against the copy both sides kept on ${when(preview.base_at)}.)`;
  return `(Common copy ${preview.base.slice(0, 12)}.)`;
}

/// A moment as people read it: "7 December 2026 at 13:28".
export function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  const time = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `${date} at ${time}`;
}

/// A moment, short: "7 Dec 2026, 13:28".
export function shortWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/// What a conflict is about.
export function kindWords(kind: ConflictKind, field: string | null): string {
  switch (kind) {
    case "field":
      return `Both sides changed ${fieldName(field ?? "").toLowerCase()} differently`;
    case "edit_delete":
      return "Changed on one side, deleted on the other";
    case "same_title":
      return "Two different records with the same title";
    case "only_one_side":
      return "Only one side has it (without a common copy, new and deleted look alike)";
  }
}

const FIELD_NAMES: Record<string, string> = {
  inherent: "Inherent score",
  residual: "Residual score",
  target: "Target score",
  treatment_rationale: "Treatment rationale",
  acceptance_approver: "Acceptance approver",
  acceptance_expiry: "Acceptance expiry",
  next_review: "Next review",
  inherent_loss: "Inherent money estimate",
  residual_loss: "Residual money estimate",
  target_loss: "Target money estimate",
};

export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? humanise(field);
}

type Json = unknown;

/// A score as the file holds it: `{ residual_l: 4, residual_i: 2 }`.
export function scoreParts(value: Json): { likelihood: number; impact: number } | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, Json>);
  const l = entries.find(([k]) => k.endsWith("_l"))?.[1];
  const i = entries.find(([k]) => k.endsWith("_i"))?.[1];
  if (entries.length !== 2 || typeof l !== "number" || typeof i !== "number") return null;
  return { likelihood: l, impact: i };
}

/// One side's value of a conflict in words. `record`: the values are whole records.
export function valueWords(value: Json, record: boolean): string {
  if (value === null || value === undefined) return record ? "Not there (deleted, or never had it)" : "(nothing)";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const score = scoreParts(value);
  if (score) return `Likelihood ${score.likelihood}, impact ${score.impact}`;
  if (typeof value === "object" && !Array.isArray(value)) {
    const row = value as Record<string, Json>;
    const text = (k: string) => (typeof row[k] === "string" ? (row[k] as string) : "");
    const name = [text("reference"), text("title") || text("name") || text("code")].filter(Boolean).join(" ");
    if (name) return name;
  }
  return JSON.stringify(value);
}

/// Whether a conflict's values are whole records (not one field's).
export function isRecordConflict(conflict: Conflict): boolean {
  return conflict.kind !== "field";
}

/// What stays home in a share with the partner (the core's partner filter).
export const STAYS_HOME = [
  "internal rationale (the treatment rationale)",
  "costs and actions",
  "reviews and their notes",
  "acceptances",
  "workshops with their ballots",
  "the exit plan",
  "the history of changes",
  "people's names and contact details (owners, approvers, requirement evidence)",
];

/// Risk fields a share may carry beyond reference, category, title, status and scores,
/// and whether they go by default.
export const SHARE_FIELDS: { fields: string[]; label: string; checked: boolean }[] = [
  { fields: ["description"], label: "Description", checked: true },
  { fields: ["cause"], label: "Cause", checked: true },
  { fields: ["consequence"], label: "Consequence", checked: true },
  { fields: ["treatment"], label: "Treatment (avoid, reduce, transfer…)", checked: false },
  { fields: ["tags"], label: "Tags", checked: true },
  { fields: ["acceptance_expiry"], label: "Until when an acceptance holds", checked: false },
  { fields: ["inherent_loss", "residual_loss", "target_loss"], label: "Money estimates (frequency and loss)", checked: false },
];

/// "58.9 kB".
export function sizeWords(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
