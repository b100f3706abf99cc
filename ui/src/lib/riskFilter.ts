// The register's filter (the core's RiskFilter), shared by the register and the exports
// that can be limited to what the register shows.
import type { RiskFilter, RiskStatus } from "../bindings";

/// A filter that lets every risk through.
export function emptyFilter(): RiskFilter {
  return { categories: [], statuses: [], min_level: null, kind: null, cell: null, owner: null, text: null };
}

/// The statuses of a risk that is not closed (what the portfolio counts as open).
export const OPEN_STATUSES: RiskStatus[] = ["open", "mitigating", "accepted"];

/// The filter keeps exactly the risks that are not closed.
export function isOpenRisks(filter: RiskFilter): boolean {
  return filter.statuses.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => filter.statuses.includes(s));
}
