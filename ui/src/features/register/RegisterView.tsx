// The register: a sortable, filterable, virtualised table of a partnership's risks.
// Keyboard: ↑/↓ or j/k move, PageUp/PageDown move a screen, Enter opens, n adds a risk,
// / searches, Esc leaves search.
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { Category, RegisterRow, RegisterTable, RiskFilter, RiskStatus } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { humanise } from "../../lib/text";
import { isOpenRisks, OPEN_STATUSES } from "../../lib/riskFilter";
import { useMatchingRisks } from "../../lib/useMatchingRisks";
import { healthMarks, nextSort, registerColumns, sortRows, type Column, type ConflictMarks, type HealthMarks, type Sort } from "./columns";

export type RegisterFilter = RiskFilter;

function isFiltered(f: RegisterFilter): boolean {
  return f.categories.length > 0 || f.statuses.length > 0 || f.min_level !== null || f.cell !== null || !!f.owner || !!f.text;
}

const STATUSES: RiskStatus[] = ["open", "mitigating", "accepted", "closed"];
const ROW_HEIGHT = 36;
const NO_ROWS: RegisterRow[] = [];
const NO_MARKS: ConflictMarks = new Map();

export function RegisterView({
  partnershipId,
  version,
  filter,
  onFilter,
  onOpen,
  onNew,
  conflicts = NO_MARKS,
}: {
  partnershipId: string;
  version: number;
  filter: RegisterFilter;
  onFilter: (filter: RegisterFilter) => void;
  onOpen: (riskId: string) => void;
  onNew: () => void;
  /// The risks with a team conflict waiting (ours kept until it is settled), marked.
  conflicts?: ConflictMarks;
}) {
  const [register, setRegister] = useState<RegisterTable | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const { run, error } = useCommand();
  const [text, setText] = useState(filter.text ?? "");
  const [sort, setSort] = useState<Sort>(null);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The parent's callbacks change on each of its renders; the rows keep stable ones so
  // that a re-render above them does not re-render them.
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const open = useCallback((id: string) => openRef.current(id), []);

  useEffect(() => {
    void run(async () => setCategories(await api.categories()), { keepError: true });
  }, [run]);

  // Every keystroke searches at once with the text typed (the index answers in a few
  // milliseconds; a reply to an older keystroke is dropped by the effect below). The
  // window, which keeps the filter for the exports, hears of it at low priority, so
  // that its re-render never delays the rows.
  const searchText = text.trim() === "" ? null : text;
  const shown = useMemo(() => ({ ...filter, text: searchText }), [filter, searchText]);
  useEffect(() => {
    if (searchText !== filter.text) startTransition(() => onFilter({ ...filter, text: searchText }));
  }, [searchText, filter, onFilter]);

  // The whole register is loaded once per partnership and change; filtering only asks
  // the store which rows match, so a keystroke moves ids, not risks.
  useEffect(() => {
    let live = true;
    void run(
      async () => {
        const r = await api.register(partnershipId);
        if (live) setRegister(r);
      },
      { stale: () => !live },
    );
    return () => {
      live = false;
    };
  }, [partnershipId, version, run]);

  // The risks health indicators bring back for review, marked beside their titles (a
  // help: the register works without it).
  const [flags, setFlags] = useState<HealthMarks>(new Map());
  useEffect(() => {
    let live = true;
    api.healthFlags(partnershipId).then(
      (f) => live && setFlags(healthMarks(f?.risks ?? [])),
      () => live && setFlags(new Map()),
    );
    return () => {
      live = false;
    };
  }, [partnershipId, version]);

  const filtered = isFiltered(shown);
  const matching = useMatchingRisks(partnershipId, filtered ? shown : null, version, run);

  const matrix = register?.matrix ?? null;
  const columns = useMemo(() => registerColumns(matrix, flags, conflicts), [matrix, flags, conflicts]);
  // Sorted once per register and sort; a filter only picks among the sorted rows, so a
  // keystroke never sorts again.
  const sorted = useMemo(() => sortRows(register?.rows ?? NO_ROWS, columns, sort), [register, columns, sort]);
  const rows = useMemo(() => (matching ? sorted.filter((risk) => matching.has(risk.id)) : sorted), [sorted, matching]);
  // The selection stays on the last row when fewer rows are shown.
  const current = Math.min(selected, Math.max(0, rows.length - 1));

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The header row sits above the rows inside the scrolled box, and stays over the
    // top of it: a row moved to by keyboard must clear both.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    // Before the first measurement, assume a typical window so rows show at once.
    initialRect: { width: 1200, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  // Item offsets count from the top of the box (the header included); spacers from the rows.
  const top = items.length ? items[0].start - ROW_HEIGHT : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - (items[items.length - 1].end - ROW_HEIGHT) : 0;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };
  /// Rows that fit in the visible part of the table: how far PageUp/PageDown move.
  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 720) / ROW_HEIGHT) - 2);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
    if (typing) {
      if (event.key === "Escape" && target === searchRef.current) {
        searchRef.current?.blur();
        scrollRef.current?.focus();
      }
      if (event.key === "ArrowDown" && target === searchRef.current) {
        event.preventDefault();
        scrollRef.current?.focus();
      }
      return;
    }
    const key = event.key;
    if (key === "ArrowDown" || key === "j") move(current + 1);
    else if (key === "ArrowUp" || key === "k") move(current - 1);
    else if (key === "PageDown") move(current + pageRows());
    else if (key === "PageUp") move(current - pageRows());
    else if (key === "Home") move(0);
    else if (key === "End") move(rows.length - 1);
    else if (key === "Enter" && rows[current]) onOpen(rows[current].id);
    else if (key === "n") onNew();
    else if (key === "/") searchRef.current?.focus();
    else return;
    event.preventDefault();
  };

  const set = (patch: Partial<RegisterFilter>) => onFilter({ ...shown, ...patch });
  const owners = useMemo(
    () => [...new Set((register?.rows ?? []).map((e) => e.owner).filter(Boolean))].sort(),
    [register],
  );

  return (
    <div onKeyDown={onKeyDown} style={{ display: "flex", flexDirection: "column", minHeight: 0, flex: 1 }}>
      <ErrorBanner error={error} />
      <div className="filters">
        <input
          ref={searchRef}
          type="search"
          placeholder="Search risks  ( / )"
          aria-label="Search risks"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          aria-label="Category"
          value={filter.categories[0] ?? ""}
          onChange={(e) => set({ categories: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Minimum residual level"
          value={filter.min_level ?? ""}
          onChange={(e) => set({ min_level: e.target.value === "" ? null : Number(e.target.value), kind: null })}
        >
          <option value="">Any level</option>
          {matrix?.levels.map((l, i) => (
            <option key={l.name} value={i}>
              {l.name} or higher
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          value={isOpenRisks(filter) ? "not_closed" : (filter.statuses[0] ?? "")}
          onChange={(e) =>
            set({
              statuses:
                e.target.value === "not_closed" ? [...OPEN_STATUSES] : e.target.value ? [e.target.value as RiskStatus] : [],
            })
          }
        >
          <option value="">Any status</option>
          <option value="not_closed">Not closed</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanise(s)}
            </option>
          ))}
        </select>
        <select aria-label="Owner" value={filter.owner ?? ""} onChange={(e) => set({ owner: e.target.value || null })}>
          <option value="">Any owner</option>
          {[...new Set([...owners, ...(filter.owner ? [filter.owner] : [])])].map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {filter.cell && (
          <button type="button" onClick={() => set({ cell: null, kind: null })} aria-label="Clear the heat-map cell filter">
            {humanise(filter.kind ?? "residual")} cell L{filter.cell.likelihood} I{filter.cell.impact} ×
          </button>
        )}
        <span className="count" aria-live="polite">
          {register ? `${rows.length} risks` : "Loading…"}
        </span>
        <button type="button" className="primary" onClick={onNew}>
          New risk
        </button>
      </div>
      {register && rows.length === 0 ? (
        <div className="empty">
          <h2>{filtered ? "No risks match" : "No risks yet"}</h2>
          <p>Add a risk with “New risk” (n), or loosen the filters.</p>
        </div>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling register takes focus so that its arrow keys work
        <div className="grid-wrap" role="region" ref={scrollRef} tabIndex={0} aria-label="Risk register, use arrow keys to move">
          <table className="register" aria-rowcount={rows.length + 1}>
            <colgroup>
              {columns.map((c) => (
                // The title takes whatever width the other columns leave.
                <col key={c.id} style={{ width: c.width }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {columns.map((c) => {
                  const direction = sort?.column === c.id ? (sort.descending ? "descending" : "ascending") : "none";
                  return (
                    <th key={c.id} aria-sort={direction}>
                      <button type="button" onClick={() => setSort((was) => nextSort(was, c))}>
                        {c.header}
                        {direction === "ascending" ? " ▲" : direction === "descending" ? " ▼" : ""}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {top > 0 && (
                <tr className="spacer" aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: top }} />
                </tr>
              )}
              {items.map((item, slot) => {
                const risk = rows[item.index];
                return (
                  // Keyed by its place on screen, not by risk: scrolling and filtering
                  // rewrite the text of the rows already in the page instead of taking
                  // rows out and building new ones.
                  <RegisterRowView
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows recycled by their place on screen, as said above
                    key={slot}
                    risk={risk}
                    columns={columns}
                    index={item.index}
                    selected={item.index === current}
                    onSelect={setSelected}
                    onOpen={open}
                  />
                );
              })}
              {bottom > 0 && (
                <tr className="spacer" aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: bottom }} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/// One row of the register. Memoised: a re-render above the table (the window's, or the
/// search box's own) does not reach the rows whose risk, place and selection are unchanged.
const RegisterRowView = memo(function RegisterRowView({
  risk,
  columns,
  index,
  selected,
  onSelect,
  onOpen,
}: {
  risk: RegisterRow;
  columns: Column[];
  index: number;
  selected: boolean;
  onSelect: (index: number) => void;
  onOpen: (riskId: string) => void;
}) {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(risk.id)}
    >
      {columns.map((c) => (
        <td key={c.id}>
          {c.id === "reference" ? (
            <button
              type="button"
              className="ghost"
              style={{ padding: 0 }}
              aria-label={`Open ${risk.reference} ${risk.title}`}
              onClick={() => onOpen(risk.id)}
            >
              {risk.reference}
            </button>
          ) : (
            c.cell(risk)
          )}
        </td>
      ))}
    </tr>
  );
});
