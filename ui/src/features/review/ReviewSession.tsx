// A run through the queue: the risk under review, progress, skipping with j/k (or ←/→)
// and undoing this session's reviews with z, newest first.
import { useEffect, useState } from "react";
import { api } from "../../api";
import { plainMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { QueueEntry, Review } from "../../bindings";
import { ShortcutHelp } from "../../components/ShortcutHelp";
import { useShortcut, useShortcutScope } from "../../lib/useShortcut";
import { ReviewScreen } from "./ReviewScreen";
import { forgetPrefetched, prefetchContext } from "./prefetch";

/// The first entry after `from` (wrapping round) that is not done; -1 when all are.
function nextOpen(entries: QueueEntry[], done: Set<string>, from: number): number {
  for (let step = 1; step <= entries.length; step++) {
    const i = (from + step) % entries.length;
    if (!done.has(entries[i]!.risk_id)) return i;
  }
  return -1;
}

export function ReviewSession({
  entries,
  start,
  onBack,
  onChanged,
}: {
  entries: QueueEntry[];
  start: number;
  onBack: () => void;
  /// A review or an acceptance changed the workspace (counts to refresh).
  onChanged: () => void;
}) {
  useShortcutScope("review");
  const [index, setIndex] = useState(start); // -1 once every entry is reviewed
  const [done, setDone] = useState<Set<string>>(new Set());
  const [made, setMade] = useState<Review[]>([]); // this session's reviews, newest last
  const [shown, setShown] = useState(0); // bumped to reload the risk after an undo
  const { run, error, setError } = useCommand();
  const [note, setNote] = useState("");
  const current = index >= 0 ? entries[index] : undefined;

  useEffect(() => forgetPrefetched, []);
  // While this risk is judged, read the one a decision will move to.
  useEffect(() => {
    if (!current) return;
    const next = nextOpen(entries, new Set(done).add(current.risk_id), index);
    if (next >= 0 && next !== index) prefetchContext(entries[next]!.risk_id);
  }, [current, done, entries, index]);

  const saved = (review: Review) => {
    const nowDone = new Set(done).add(review.risk_id);
    setDone(nowDone);
    setMade((m) => [...m, review]);
    setIndex(nextOpen(entries, nowDone, index));
    setError(null);
    setNote(`Saved the review of ${review.reference}.`);
    onChanged();
  };

  const undo = async () => {
    const last = made.at(-1);
    if (!last) {
      setNote("Nothing to undo: no review was made in this session.");
      return;
    }
    await run(async () => {
      await api.undoReview(last.id);
      const rest = made.slice(0, -1);
      setMade(rest);
      if (!rest.some((r) => r.risk_id === last.risk_id)) {
        setDone((d) => {
          const next = new Set(d);
          next.delete(last.risk_id);
          return next;
        });
      }
      setIndex(entries.findIndex((e) => e.risk_id === last.risk_id));
      setShown((n) => n + 1);
      setNote(`Undid the review of ${last.reference}.`);
      onChanged();
    });
  };

  const skip = (step: number) => {
    if (index < 0) return;
    setIndex(Math.min(Math.max(index + step, 0), entries.length - 1));
    setError(null);
    setNote("");
  };

  useShortcut("review.undo", () => void undo());
  useShortcut("review.next", () => skip(1), { enabled: index >= 0 });
  useShortcut("review.previous", () => skip(-1), { enabled: index >= 0 });
  useShortcut("review.cancel", onBack, { enabled: index < 0 });

  return (
    <div className="rv-session">
      <div className="rv-bar">
        <button type="button" onClick={onBack} aria-keyshortcuts="Escape">
          ← Queue
        </button>
        <p className="rv-progress" aria-live="polite">
          Reviewed {made.length} · left {entries.length - done.size}
          {current && <span className="muted"> · {index + 1} of {entries.length} in the queue</span>}
        </p>
        <small className="muted" role="status">
          {note}
        </small>
        <small className="muted rv-keys">n s a m e c p · z undo · j/k skip · ? keys</small>
      </div>
      {error && (
        <p className="banner-error" role="alert">
          {plainMessage(error)}
        </p>
      )}
      {current ? (
        <ReviewScreen
          key={`${current.risk_id}:${shown}`}
          entry={current}
          reviewedHere={done.has(current.risk_id)}
          onSaved={saved}
          onBack={onBack}
          onChanged={onChanged}
        />
      ) : (
        <div className="empty">
          <h2>Nothing is due for review</h2>
          <p>
            {made.length === 1 ? "You reviewed 1 risk" : `You reviewed ${made.length} risks`} in this session. Press z to undo
            the last one.
          </p>
          <button type="button" className="primary" autoFocus onClick={onBack}>
            Back to the queue
          </button>
        </div>
      )}
      <ShortcutHelp scope="review" />
    </div>
  );
}
