// The next risk's context is read while the analyst judges the current one, so that a
// decision key shows the next risk whole at once rather than "Loading…" first.
import { api } from "../../api";
import type { ReviewContext } from "../../bindings";

const ready = new Map<string, ReviewContext>();
const pending = new Set<string>();

/// Starts reading a risk's context in the background (once; failures are left to the
/// screen's own read, which reports them).
export function prefetchContext(riskId: string): void {
  if (ready.has(riskId) || pending.has(riskId)) return;
  pending.add(riskId);
  api
    .reviewContext(riskId)
    .then((context) => {
      if (pending.has(riskId)) ready.set(riskId, context);
    })
    .catch(() => undefined)
    .finally(() => pending.delete(riskId));
}

/// The prefetched context of a risk, handed out once: a later visit reads it afresh.
export function takeContext(riskId: string): ReviewContext | null {
  const context = ready.get(riskId) ?? null;
  ready.delete(riskId);
  return context;
}

/// Drops everything read ahead (a new session may follow edits made elsewhere).
export function forgetPrefetched(): void {
  ready.clear();
  pending.clear();
}
