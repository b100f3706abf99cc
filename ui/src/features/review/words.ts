// Words for the review screens: decisions, queue states, and the core's errors turned into
// sentences that say what to do.
import { plainMessage } from "../../lib/errors";
import type { AcceptanceState, IpcError, QueueEntry, ReviewDecision } from "../../bindings";
import { daysBetween } from "../../lib/dates";
import type { ShortcutId } from "../../lib/shortcuts";

/// What the analyst chooses: a decision of the core, or a snooze (a "no change" with a
/// number of days until the next review).
export type Choice = ReviewDecision | "snooze";

export const CHOICES: { value: Choice; label: string; shortcut: ShortcutId }[] = [
  { value: "no_change", label: "No change", shortcut: "review.no_change" },
  { value: "rescore", label: "Rescore", shortcut: "review.rescore" },
  { value: "accept", label: "Accept", shortcut: "review.accept" },
  { value: "mitigate", label: "Mitigate", shortcut: "review.mitigate" },
  { value: "escalate", label: "Escalate", shortcut: "review.escalate" },
  { value: "close", label: "Close", shortcut: "review.close" },
  { value: "snooze", label: "Snooze", shortcut: "review.snooze" },
];

export const DECISION_LABEL: Record<ReviewDecision, string> = {
  no_change: "No change",
  rescore: "Rescore",
  accept: "Accept",
  mitigate: "Mitigate",
  escalate: "Escalate",
  close: "Close",
};

export const ACCEPTANCE_LABEL: Record<AcceptanceState, string> = {
  requested: "Requested",
  approved: "Approved",
  rejected: "Rejected",
  revoked: "Revoked",
};

/// The queue's badge for an entry: "Unreviewed", "Past due · 3 days", "Due soon".
export function stateBadge(entry: QueueEntry, today: string): { text: string; tone: string } {
  switch (entry.state) {
    case "unreviewed":
      return { text: "Unreviewed", tone: "unreviewed" };
    case "past_due": {
      const late = entry.due ? daysBetween(entry.due, today) : 0;
      const days = late === 1 ? "1 day" : `${late} days`;
      return { text: late > 0 ? `Past due · ${days}` : "Past due", tone: "past-due" };
    }
    case "due_soon":
      return { text: "Due soon", tone: "due-soon" };
    default:
      return { text: "Scheduled", tone: "scheduled" };
  }
}

/// The error of a review in words, for the field it concerns (or none).
export function reviewMessage(error: IpcError, choice: Choice | null): string {
  switch (error.field) {
    case "rationale":
      return choice === "snooze"
        ? "Give a reason for the snooze: why this risk can wait."
        : "Give a rationale for this decision.";
    case "residual":
      return error.message.includes("needs")
        ? "Pick the new residual score on the matrix (arrow keys, then Enter)."
        : plainMessage(error);
    case "approver":
      return error.message.includes("needs") ? "Name who approved the acceptance." : plainMessage(error);
    case "expiry":
      return error.message.includes("needs")
        ? "Give the date the acceptance expires."
        : "The acceptance must expire after today: pick a later date.";
    case "action_title":
      return error.message.includes("required") ? "Give the action a title." : plainMessage(error);
    case "snooze_days":
      return "Give the number of days until the next review: 1 to 365.";
    default:
      return plainMessage(error);
  }
}

/// The form field an error belongs to on the review screen; null for one shown on its own.
export function fieldOf(error: IpcError | null): string | null {
  const field = error?.field ?? null;
  return field && ["rationale", "residual", "approver", "expiry", "action_title", "action_owner", "snooze_days"].includes(field)
    ? field
    : null;
}
