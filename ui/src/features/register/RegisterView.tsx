// The register: a sortable, filterable, virtualised table of a partnership's risks.
// Keyboard: ↑/↓ or j/k move, Enter opens, n adds a risk, / searches, Esc leaves search.
import { useEffect, useMemo, useRef, useState } from "react";
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { api, asIpcError } from "../../api";
import type { Category, IpcError, Matrix, RegisterRow, RegisterTable, RiskFilter, RiskStatus } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
import { humanise } from "../../lib/text";
import { isOpenRisks, OPEN_STATUSES } from "../../lib/riskFilter";

export type RegisterFilter = RiskFilter;

function isFiltered(f: RegisterFilter): boolean {
  return f.categories.length > 0 || f.statuses.length > 0 || f.min_level !== null || f.cell !== null || !!f.owner || !!f.text;
}

const STATUSES: RiskStatus[] = ["open", "mitigating", "accepted", "closed"];
const ROW_HEIGHT = 36;
const NO_ROWS: RegisterRow[] = [];

/// Sorts level columns by the level's rank, unscored last.
function levelRank(matrix: Matrix, entry: RegisterRow, kind: "inherent" | "residual" | "target"): number {
  const score = entry[kind];
  if (!score) return -1;
  return matrix.grid[score.likelihood - 1]?.[score.impact - 1] ?? -1;
}

export function RegisterView({
  partnershipId,
  version,
  filter,
  onFilter,
  onOpen,
  onNew,
}: {
  partnershipId: string;
  version: number;
  filter: RegisterFilter;
  onFilter: (filter: RegisterFilter) => void;
  onOpen: (riskId: string) => void;
  onNew: () => void;
}) {
  const [register, setRegister] = useState<RegisterTable | null>(null);
  // Ids of the rows that pass the filter; null when nothing is filtered.
  const [matching, setMatching] = useState<Set<string> | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<IpcError | null>(null);
  const [text, setText] = useState(filter.text ?? "");
  const [sorting, setSorting] = useState<SortingState>([]);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.categories().then(setCategories, (e) => setError(asIpcError(e)));
  }, []);

  // Every keystroke searches at once (the index answers in a few milliseconds); a reply
  // to an older keystroke is dropped by the effect below.
  useEffect(() => {
    const wanted = text.trim() === "" ? null : text;
    if (wanted !== filter.text) onFilter({ ...filter, text: wanted });
  }, [text, filter, onFilter]);

  // The whole register is loaded once per partnership and change; filtering only asks
  // the store which rows match, so a keystroke moves ids, not risks.
  useEffect(() => {
    let live = true;
    api.register(partnershipId).then(
      (r) => {
        if (!live) return;
        setRegister(r);
        setError(null);
      },
      (e) => live && setError(asIpcError(e)),
    );
    return () => {
      live = false;
    };
  }, [partnershipId, version]);

  const filtered = isFiltered(filter);
  useEffect(() => {
    if (!filtered) {
      setMatching(null);
      return;
    }
    let live = true;
    api.matchingRisks(partnershipId, filter).then(
      (ids) => {
        if (!live) return;
        setMatching(new Set(ids));
        setError(null);
      },
      (e) => live && setError(asIpcError(e)),
    );
    return () => {
      live = false;
    };
  }, [partnershipId, filter, filtered, version]);

  const matrix = register?.matrix ?? null;
  const columns = useMemo(() => {
    const col = createColumnHelper<RegisterRow>();
    const level = (kind: "inherent" | "residual" | "target", header: string) =>
      col.accessor((e) => (matrix ? levelRank(matrix, e, kind) : -1), {
        id: kind,
        header,
        size: 92,
        cell: (c) => (matrix ? <LevelChip level={levelOf(matrix, c.row.original[kind])} score={c.row.original[kind]} /> : null),
      });
    return [
      col.accessor("reference", { header: "Ref", size: 84 }),
      col.accessor("title", { header: "Title", size: 360 }),
      col.accessor("category", { header: "Category", size: 112, cell: (c) => humanise(c.getValue()) }),
      col.accessor("owner", { header: "Owner", size: 118 }),
      level("inherent", "Inherent"),
      level("residual", "Residual"),
      level("target", "Target"),
      col.accessor("status", { header: "Status", size: 96, cell: (c) => humanise(c.getValue()) }),
      col.accessor((e) => e.next_action_due ?? "9999", {
        id: "next_action_due",
        header: "Next due",
        size: 112,
        cell: (c) => {
          const e = c.row.original;
          if (!e.next_action_due) return <span className="muted">–</span>;
          return e.overdue_actions > 0 ? (
            <span className="overdue" title={`${e.overdue_actions} overdue action(s)`}>
              {e.next_action_due}
            </span>
          ) : (
            e.next_action_due
          );
        },
      }),
    ];
  }, [matrix]);

  const table = useReactTable({
    data: register?.rows ?? NO_ROWS,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  // The table's rows are built and sorted once per register; a filter only picks among
  // them, so a keystroke never rebuilds ten thousand row objects.
  const sortedRows = table.getRowModel().rows;
  const rows = useMemo(
    () => (matching ? sortedRows.filter((row) => matching.has(row.original.id)) : sortedRows),
    [sortedRows, matching],
  );
  useEffect(() => setSelected((s) => Math.min(s, Math.max(0, rows.length - 1))), [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the first measurement, assume a typical window so rows show at once.
    initialRect: { width: 1200, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

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
    if (key === "ArrowDown" || key === "j") move(selected + 1);
    else if (key === "ArrowUp" || key === "k") move(selected - 1);
    else if (key === "Home") move(0);
    else if (key === "End") move(rows.length - 1);
    else if (key === "Enter" && rows[selected]) onOpen(rows[selected].original.id);
    else if (key === "n") onNew();
    else if (key === "/") searchRef.current?.focus();
    else return;
    event.preventDefault();
  };

  const set = (patch: Partial<RegisterFilter>) => onFilter({ ...filter, ...patch });
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
          <h2>{isFiltered(filter) ? "No risks match" : "No risks yet"}</h2>
          <p>Add a risk with “New risk” (n), or loosen the filters.</p>
        </div>
      ) : (
        <div className="grid-wrap" ref={scrollRef} tabIndex={0} aria-label="Risk register, use arrow keys to move">
          <table className="register" aria-rowcount={rows.length + 1}>
            <colgroup>
              {table.getAllLeafColumns().map((c) => (
                // The title takes whatever width the other columns leave.
                <col key={c.id} style={{ width: c.id === "title" ? undefined : c.getSize() }} />
              ))}
            </colgroup>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((h) => {
                    const sorted = h.column.getIsSorted();
                    return (
                      <th
                        key={h.id}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                      >
                        <button type="button" onClick={h.column.getToggleSortingHandler()}>
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                        </button>
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {top > 0 && (
                <tr className="spacer" aria-hidden="true">
                  <td colSpan={columns.length} style={{ height: top }} />
                </tr>
              )}
              {items.map((item) => {
                const row = rows[item.index];
                return (
                  <tr
                    key={row.id}
                    aria-rowindex={item.index + 2}
                    aria-selected={item.index === selected}
                    onClick={() => setSelected(item.index)}
                    onDoubleClick={() => onOpen(row.original.id)}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>
                        {cell.column.id === "reference" ? (
                          <button
                            type="button"
                            className="ghost"
                            style={{ padding: 0 }}
                            aria-label={`Open ${row.original.reference} ${row.original.title}`}
                            onClick={() => onOpen(row.original.id)}
                          >
                            {row.original.reference}
                          </button>
                        ) : (
                          flexRender(cell.column.columnDef.cell, cell.getContext())
                        )}
                      </td>
                    ))}
                  </tr>
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
