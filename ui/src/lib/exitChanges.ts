// The exit plan's audit rows in words. The core logs a plan's changes on the partnership,
// each under its path in the plan: `exit.agreement.notice_days_ours`,
// `exit.scenarios[<id>].steps[<id>].status`, an item added or removed as
// `exit.data_sets[<id>]` (its JSON on one side), a new order as `exit.scenarios[<id>].steps.order`,
// an exit test recorded as `exit.tests[<id>]`.
import { humanise, plural } from "./text";

const LISTS: Record<string, string> = {
  scenarios: "scenario",
  steps: "step",
  data_sets: "data set",
  assets: "asset",
  alternatives: "alternative",
  tests: "exit test",
};

const NAMES: Record<string, string> = {
  agreement: "agreement",
  start: "start date",
  initial_term_end: "end of the initial term",
  renewal_months: "renewal period (months)",
  notice_days_ours: "our notice period (days)",
  notice_days_partner: "the partner's notice period (days)",
  termination_for_convenience: "termination for convenience",
  termination_fee: "early termination fee",
  change_of_control: "change of control clause",
  change_of_control_note: "change of control note",
  substitutability_reason: "reason it is hard to substitute",
  discontinuing_impact: "impact of discontinuing",
  roles: "roles",
  exit_owner: "exit owner",
  decision_maker: "decision maker",
  communication_lead: "communication lead",
  success_criteria: "success criteria",
  next_test_due: "next test due",
  custom_triggers: "other triggers",
  target_days: "target time to exit (days)",
  duration_days: "duration (days)",
  waits_for: "starts after",
  cost: "cost",
  one_off_low: "one-off cost, low",
  one_off_high: "one-off cost, high",
  running_monthly: "running cost a month",
  personal_data: "personal data",
  window_days: "window (days)",
  paid_by: "who pays",
  deletion_evidence: "deletion certificate required",
  risk_ids: "linked risks",
  requirement_ids: "linked requirements",
  order: "order",
};

const AMOUNTS = new Set(["termination_fee", "one_off_low", "one_off_high", "running_monthly"]);
// Fields whose values are codes (shown humanised); other text is shown as typed.
const CODED = new Set([
  "renewal",
  "kind",
  "status",
  "substitutability",
  "substitutability_reason",
  "reintegration",
  "discontinuing_impact",
  "disposition",
  "paid_by",
  "readiness",
]);

/// The parts of a path: each a key, with the id of an item when it names one.
function parts(path: string): { key: string; id: string | null }[] {
  return path
    .split(".")
    .slice(1)
    .map((p) => {
      const m = /^([a-z_]+)\[(.+)\]$/.exec(p);
      return m ? { key: m[1]!, id: m[2]! } : { key: p, id: null };
    });
}

/// Whether an audit field is one of an exit plan's.
export function isExitField(field: string): boolean {
  return field === "exit" || field.startsWith("exit.");
}

/// "Exit plan · scenario · step · duration (days)"; "Exit plan · scenario · order of steps".
export function exitFieldLabel(field: string): string {
  const ps = parts(field);
  const words = ps.map((p, n) => {
    if (p.id !== null) return LISTS[p.key] ?? humanise(p.key).toLowerCase();
    if (p.key === "order" && n > 0) return `order of ${(LISTS[ps[n - 1]!.key] ?? ps[n - 1]!.key).replace(/$/, "s")}`;
    return NAMES[p.key] ?? humanise(p.key).toLowerCase();
  });
  // "order of steps" replaces the list's own name before it.
  const shown = words.filter((_, n) => !(ps[n + 1]?.key === "order" && ps[n]?.id === null));
  return ["Exit plan", ...shown].join(" · ");
}

function record(value: Record<string, unknown>): string {
  const text = (k: string) => (typeof value[k] === "string" ? (value[k] as string) : "");
  if (text("kind") && text("date") && text("operational")) {
    return `${humanise(text("kind"))} of ${text("date")}: operational ${text("operational").replace(/_/g, " ")}, financial ${text("financial").replace(/_/g, " ")}`;
  }
  const name = text("name") || text("title");
  return name ? `“${name}”` : "an item";
}

/// A logged value of an exit plan as people read it.
export function exitValue(field: string, raw: string | null): string {
  if (raw === null || raw === "") return "–";
  const last = parts(field).at(-1)?.key ?? "";
  let value: unknown = raw;
  if (/^[[{]|^-?\d+$|^(true|false)$/.test(raw)) {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      value = raw;
    }
  }
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return AMOUNTS.has(last) ? (value / 100).toLocaleString(undefined, { minimumFractionDigits: 2 }) : String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    if (last === "order") return plural(value.length, "item");
    if (last === "risk_ids") return plural(value.length, "risk");
    if (last === "requirement_ids") return plural(value.length, "requirement");
    if (last === "triggers") return value.map((v) => humanise(String(v))).join(", ");
    return value.map(String).join("; ");
  }
  if (value && typeof value === "object") return record(value as Record<string, unknown>);
  const text = String(value);
  return CODED.has(last) && /^[a-z_]+$/.test(text) ? humanise(text) : text;
}
