// The review queue: every risk due for review, in the core's order (unreviewed, past due,
// due soon), filtered by partnership, category, level and owner; "Start reviewing" (focused
// when the queue opens) or a row starts the keyboard-first review session.
import { useEffect, useState } from "react";
import { api } from "../../api";
import { plainMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { ExitReminder, QueueEntry, QueueFilter } from "../../bindings";
import { ExitReminders } from "./ExitReminders";
import { QueueFilters } from "./QueueFilters";
import { QueueTable } from "./QueueTable";
import { ReviewSession } from "./ReviewSession";
import { useQueueOptions } from "./useQueueOptions";
import "./review.css";

export const ALL_DUE: QueueFilter = { partnership_id: null, category: null, min_level: null, owner: null, limit: null };

/// The queue is read a page at a time: a session of a few hundred reviews is a long day,
/// and a first page costs the same whatever the size of the workspace.
export const QUEUE_PAGE = 500;

export function ReviewQueueView({
  initialFilter,
  onChanged,
  onOpenExit,
}: {
  /// Opens the queue filtered (from the portfolio, or a partnership's "N due" link).
  initialFilter?: QueueFilter;
  /// A review or an acceptance changed the workspace: counts elsewhere are stale.
  onChanged?: () => void;
  /// Opens a partnership's exit plan (from a notice deadline or an exit test due).
  onOpenExit?: (partnershipId: string) => void;
}) {
  const [filter, setFilter] = useState<QueueFilter>({ ...ALL_DUE, ...initialFilter });
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [owners, setOwners] = useState<string[]>([]);
  const [session, setSession] = useState<{ entries: QueueEntry[]; start: number } | null>(null);
  const [version, setVersion] = useState(0);
  const [exits, setExits] = useState<ExitReminder[]>([]);
  const { run, error } = useCommand();
  const options = useQueueOptions();

  useEffect(() => {
    if (session) return;
    let live = true;
    void run(
      async () => {
        // Exit plans stand beside the risks, unless the queue is narrowed to risks' own fields.
        const narrowed = filter.category || filter.min_level !== null || filter.owner;
        const [list, due] = await Promise.all([
          api.reviewQueue({ ...filter, limit: QUEUE_PAGE }),
          narrowed ? Promise.resolve([]) : api.exitReminders(filter.partnership_id),
        ]);
        if (!live) return;
        setExits(due ?? []);
        const found = list ?? [];
        setEntries(found);
        setOwners((seen) => [...new Set([...seen, ...found.map((e) => e.owner).filter(Boolean)])]);
      },
      { stale: () => !live },
    );
    return () => {
      live = false;
    };
  }, [filter, version, session, run]);

  if (session) {
    return (
      <ReviewSession
        entries={session.entries}
        start={session.start}
        onBack={() => {
          setSession(null);
          setVersion((v) => v + 1);
        }}
        onChanged={() => onChanged?.()}
      />
    );
  }

  const count = entries?.length ?? 0;
  return (
    <div className="rv-queue-view">
      <QueueFilters filter={filter} onFilter={setFilter} options={options} owners={owners} />
      {error && (
        <p className="banner-error" role="alert">
          {plainMessage(error)}
        </p>
      )}
      <ExitReminders reminders={exits} onOpen={onOpenExit} />
      {entries === null ? (
        !error && <p className="muted">Loading the queue…</p>
      ) : count === 0 ? (
        <div className="empty">
          <h2>{exits.length ? "No risk is due for review" : "Nothing is due for review"}</h2>
          <p>
            {filter.partnership_id || filter.category || filter.min_level !== null || filter.owner
              ? "No risk matching these filters is unreviewed, past due or due soon."
              : "Every risk has been reviewed and none is due soon."}
          </p>
        </div>
      ) : (
        <>
          <div className="rv-start">
            <button type="button" className="primary" autoFocus onClick={() => setSession({ entries, start: 0 })}>
              Start reviewing
            </button>
            <span className="muted">
              {count >= QUEUE_PAGE
                ? `The first ${QUEUE_PAGE} risks due; the rest follow once these are reviewed`
                : count === 1
                  ? "1 risk is due"
                  : `${count} risks are due`}
            </span>
          </div>
          <QueueTable entries={entries} options={options} onOpen={(start) => setSession({ entries, start })} />
        </>
      )}
    </div>
  );
}
