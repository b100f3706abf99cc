// Who changed what, field by field: the audit log of the workspace or of one partnership,
// newest first, filtered by person, days, kind of record and field, a page at a time.
import { useEffect, useRef, useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { ActivityEntry, ActivityFilter, PartnershipSummary } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { ActivityFilters } from "./ActivityFilters";
import { ActivityTable } from "./ActivityTable";
import "./activity.css";

/// Rows per page (the core's default; it allows up to 1000).
export const PAGE = 100;

function firstPage(partnershipId: string | null): ActivityFilter {
  return {
    partnership_id: partnershipId,
    actor: null,
    since: null,
    until: null,
    entity: null,
    field: null,
    before: null,
    limit: PAGE,
  };
}

export function ActivityView({
  partnershipId = null,
  version = 0,
  onOpenRisk,
}: {
  /// One partnership's activity; the whole workspace's when absent.
  partnershipId?: string | null;
  /// Bumped by the shell after every change, to show it.
  version?: number;
  onOpenRisk?: (partnershipId: string, riskId: string) => void;
}) {
  const [filter, setFilter] = useState<ActivityFilter>(() => firstPage(partnershipId));
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [actors, setActors] = useState<string[]>([]);
  const [partnerships, setPartnerships] = useState<PartnershipSummary[] | null>(null);
  const { run, error } = useCommand();
  // Answers to an older filter are dropped: only the latest request may fill the table.
  const request = useRef(0);

  // The shell reuses the view for another partnership: start over on its log.
  const [shownFor, setShownFor] = useState(partnershipId);
  if (shownFor !== partnershipId) {
    setShownFor(partnershipId);
    setFilter(firstPage(partnershipId));
  }

  useEffect(() => {
    void run(async () => setActors(await api.activityActors()), { keepError: true });
    if (partnershipId === null) void run(async () => setPartnerships(await api.listPartnerships(true)), { keepError: true });
  }, [partnershipId, version, run]);

  useEffect(() => {
    const mine = ++request.current;
    setLoadingMore(false);
    const stale = () => mine !== request.current;
    void run(
      async () => {
        const page = await api.activity({ ...filter, before: null });
        if (stale()) return;
        setEntries(page.entries);
        setNext(page.next);
      },
      {
        stale,
        onError: () => {
          setEntries([]);
          setNext(null);
        },
      },
    );
  }, [filter, version, run]);

  const showOlder = async () => {
    if (next === null) return;
    const mine = request.current;
    setLoadingMore(true);
    const stale = () => mine !== request.current;
    await run(
      async () => {
        const page = await api.activity({ ...filter, before: next });
        if (stale()) return;
        setEntries((shown) => [...(shown ?? []), ...page.entries]);
        setNext(page.next);
      },
      { stale },
    );
    if (!stale()) setLoadingMore(false);
  };

  const filtered = !!(filter.actor || filter.since || filter.until || filter.entity || filter.field) ||
    (partnershipId === null && !!filter.partnership_id);

  return (
    <div className="activity-view">
      <ErrorBanner error={error} />
      <ActivityFilters
        filter={filter}
        onFilter={setFilter}
        actors={actors}
        partnerships={partnershipId === null ? (partnerships ?? []) : null}
        error={error}
      />
      {entries === null ? (
        <p className="muted" aria-live="polite">
          Loading…
        </p>
      ) : entries.length === 0 ? (
        <div className="empty">
          <h2>{filtered ? "No changes match" : "No changes yet"}</h2>
          <p>
            {filtered
              ? "Loosen the filters to see more of the log."
              : "Every change to a partnership, its risks, actions and requirements is listed here with who made it."}
          </p>
        </div>
      ) : (
        <>
          <ActivityTable entries={entries} showPartnership={partnershipId === null} onOpenRisk={onOpenRisk} />
          <div className="activity-more">
            <span className="muted" aria-live="polite">
              {entries.length} {entries.length === 1 ? "change" : "changes"}
              {next === null ? ", the oldest included" : ""}
            </span>
            {next !== null && (
              <button type="button" onClick={() => void showOlder()} disabled={loadingMore}>
                {loadingMore ? "Loading…" : "Show older"}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
