// Editing a plan in the window: each change is made on a copy of the plan, which is then
// saved whole (the core validates it and logs each changed field). Fields are known by
// their path in the plan (`scenarios[1].owner`), the same path the core's errors and the
// readiness gaps name, so a gap's link and an error find the control that closes them.
import type { ExitPlan, IpcError, Scenario, Step } from "../../bindings";

/// The DOM id of the control for a field of the plan.
export function fieldId(path: string): string {
  return `exit-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/// The path of the nearest control a gap's field leads to: a gap may name a list
/// (`tests`, `alternatives`) or a field, possibly one inside an item.
export function focusField(path: string): boolean {
  let at = path;
  for (;;) {
    const el = document.getElementById(fieldId(at));
    if (el) {
      el.scrollIntoView?.({ block: "center" });
      el.focus();
      return true;
    }
    const cut = Math.max(at.lastIndexOf("."), at.lastIndexOf("["));
    if (cut <= 0) return false;
    at = at.slice(0, cut);
  }
}

/// A copy of the plan changed by `edit`.
export function changed(plan: ExitPlan, edit: (copy: ExitPlan) => void): ExitPlan {
  const copy = structuredClone(plan);
  edit(copy);
  return copy;
}

/// An error found in the window before asking the core, shaped like the core's.
export function localError(field: string, value: string, reason: string, message: string): IpcError {
  return { code: "invalid", field, value, reason, message };
}

/// Days typed in a field: a whole number, or nothing. `undefined` when it is not one.
export function readDays(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  if (!/^\d+$/.test(t)) return undefined;
  return Number(t);
}

/// An amount typed in the plan's currency ("12500", "12,500.50") as minor units, or
/// nothing. `undefined` when it is not an amount.
export function readAmount(text: string): number | null | undefined {
  const t = text.trim().replace(/[,\s]/g, "");
  if (t === "") return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -minor : minor;
}

/// Minor units as the user types them ("12500.50"; "" for nothing).
export function showAmount(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return "";
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${cents ? `.${String(cents).padStart(2, "0")}` : ""}`;
}

/// A new scenario, its id given by the core on saving.
export function newScenario(name: string, kind: Scenario["kind"]): Scenario {
  return {
    id: "",
    name,
    kind,
    triggers: [],
    custom_triggers: [],
    target_days: null,
    owner: "",
    steps: [],
    cost: { one_off_low: null, one_off_high: null, running_monthly: null },
    notes: "",
  };
}

export function newStep(title: string, waitsFor: string | null): Step {
  return { id: "", title, owner: "", duration_days: 1, waits_for: waitsFor, status: "not_started" };
}

/// Whether a control on screen shows errors about this path (or a part of it).
export function hasControl(path: string): boolean {
  return !!path && !!document.getElementById(fieldId(path));
}
