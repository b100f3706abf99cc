// What the analyst has typed for the decision on screen, and the ReviewFields it becomes:
// only the fields the decision uses are filled (the core refuses the others).
import type { ReviewFields, Score } from "../../bindings";
import type { Choice } from "./words";

export interface Draft {
  rationale: string;
  residual: Score | null;
  approver: string;
  expiry: string;
  actionTitle: string;
  actionOwner: string;
  days: string;
}

export function emptyDraft(rationale = ""): Draft {
  return { rationale, residual: null, approver: "", expiry: "", actionTitle: "", actionOwner: "", days: "" };
}

export function fieldsFor(choice: Choice, draft: Draft): ReviewFields {
  const fields: ReviewFields = {
    decision: choice === "snooze" ? "no_change" : choice,
    rationale: draft.rationale.trim(),
    residual: null,
    approver: "",
    expiry: null,
    action_title: "",
    action_owner: "",
    snooze_days: null,
    next_review: null,
  };
  switch (choice) {
    case "rescore":
      return { ...fields, residual: draft.residual };
    case "accept":
      return { ...fields, approver: draft.approver.trim(), expiry: draft.expiry || null };
    case "mitigate":
      return { ...fields, action_title: draft.actionTitle.trim(), action_owner: draft.actionOwner.trim() };
    case "snooze":
      return { ...fields, snooze_days: Number(draft.days) };
    default:
      return fields;
  }
}

/// The snooze's days when they are a whole number, else null (the core would read a
/// missing number as "no snooze", a different decision).
export function snoozeDays(draft: Draft): number | null {
  const text = draft.days.trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}
