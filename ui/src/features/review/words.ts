// Words for the review screens: decisions and queue states (the words for errors are in
// lib/errors.ts).
import type { AcceptanceState, QueueEntry, ReviewDecision } from "../../bindings";
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

