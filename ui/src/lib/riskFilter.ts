// The register's filter (the core's RiskFilter), shared by the register and the exports
// that can be limited to what the register shows.
import type { RiskFilter } from "../bindings";

/// A filter that lets every risk through.
export function emptyFilter(): RiskFilter {
  return { categories: [], statuses: [], min_level: null, kind: null, cell: null, owner: null, text: null };
}
