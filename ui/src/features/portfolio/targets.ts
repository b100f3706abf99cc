// Where each portfolio figure leads: a register filter or a review-queue filter. The
// register's filter cannot say everything the portfolio counts; each function says
// where it is only the closest filter.
import type { Matrix, QueueFilter, RiskFilter } from "../../bindings";
import { emptyFilter, OPEN_STATUSES } from "../../lib/riskFilter";

/// Risks that are not closed: exactly the portfolio's open risks.
export function openRisks(): RiskFilter {
  return { ...emptyFilter(), statuses: [...OPEN_STATUSES] };
}

/// Open risks at level `index`. Closest only: the register's level filter keeps this
/// level *or higher*, and reads the residual score alone, where the portfolio counts
/// the residual score, else the inherent one. Exact for the top level of residual scores.
export function atLevel(index: number): RiskFilter {
  return { ...openRisks(), min_level: index, kind: null };
}

/// Open risks outside appetite: from the lowest level outside the appetite up, or null
/// when every level is within it. Closest only, as for `atLevel`; and if a matrix put a
/// level within appetite above one outside it, that level would be listed too.
export function outsideAppetite(matrix: Matrix | undefined): RiskFilter | null {
  const lowest = matrix?.levels.findIndex((l) => !l.within_appetite) ?? -1;
  return lowest < 0 ? null : atLevel(lowest);
}

/// Overdue actions: the register has no filter on actions, so this lists the open risks;
/// its "Next due" column shows an overdue date in red and sorts by it.
export function overdueActions(): RiskFilter {
  return openRisks();
}

/// The review queue of one partnership (or of all of them). The queue has no filter on a
/// review state: unreviewed, past-due and due-soon risks are its first rows, by due date.
/// Acceptances lead there too: an acceptance that ends before the next review brings that
/// review forward to its expiry, and an expired one makes the risk due again.
export function queue(partnershipId: string | null): QueueFilter {
  return { partnership_id: partnershipId, category: null, min_level: null, owner: null, limit: null };
}
