// The ids of a partnership's risks that pass a filter, asked of the store (its full-text
// index and its columns), shared by the register and the agenda picker so both search alike.
import { useEffect, useState } from "react";
import { api } from "../api";
import type { RiskFilter } from "../bindings";
import type { Command } from "./useCommand";

/// `null` while no filter is given (every risk passes). The filter is compared by value, so
/// an equal filter arriving as a new object asks nothing again; a reply to an older filter
/// is dropped. The question is asked through the caller's `run`, which shows its error (and
/// clears it on success, unless `keepError`).
export function useMatchingRisks(
  partnershipId: string,
  filter: RiskFilter | null,
  version: number,
  run: Command["run"],
  keepError = false,
): Set<string> | null {
  const [matching, setMatching] = useState<Set<string> | null>(null);
  const key = filter ? JSON.stringify(filter) : null;
  useEffect(() => {
    if (key === null) {
      setMatching(null);
      return;
    }
    let live = true;
    void run(
      async () => {
        const ids = await api.matchingRisks(partnershipId, JSON.parse(key) as RiskFilter);
        if (live) setMatching(new Set(ids));
      },
      { stale: () => !live, keepError },
    );
    return () => {
      live = false;
    };
  }, [partnershipId, key, version, run, keepError]);
  return matching;
}
