// The ids of a partnership's risks that pass a filter, asked of the store (its full-text
// index and its columns), shared by the register and the agenda picker so both search alike.
import { useEffect, useState } from "react";
import { api } from "../api";
import { asIpcError } from "./errors";
import type { IpcError, RiskFilter } from "../bindings";

/// `null` while no filter is given (every risk passes). The filter is compared by value, so
/// an equal filter arriving as a new object asks nothing again; a reply to an older filter
/// is dropped. `onReply` hears each reply: `null` on success, the error on failure.
export function useMatchingRisks(
  partnershipId: string,
  filter: RiskFilter | null,
  version: number,
  onReply: (error: IpcError | null) => void,
): Set<string> | null {
  const [matching, setMatching] = useState<Set<string> | null>(null);
  const key = filter ? JSON.stringify(filter) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onReply is left out, a new callback each render must not ask again
  useEffect(() => {
    if (key === null) {
      setMatching(null);
      return;
    }
    let live = true;
    api.matchingRisks(partnershipId, JSON.parse(key) as RiskFilter).then(
      (ids) => {
        if (!live) return;
        setMatching(new Set(ids));
        onReply(null);
      },
      (e) => live && onReply(asIpcError(e)),
    );
    return () => {
      live = false;
    };
  }, [partnershipId, key, version]);
  return matching;
}
