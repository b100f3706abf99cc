// Picks the agenda from the partnership's register: a text filter and a category filter,
// a checkbox per risk, "Add to agenda". Risks already on the agenda are marked. The list
// is virtualised: a register of 10,000 risks puts only the rows in view in the page.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { api } from "../../api";
import type { Category, RegisterRow } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { emptyFilter } from "../../lib/riskFilter";
import { useMatchingRisks } from "../../lib/useMatchingRisks";
import { Problem } from "./Problem";

/// Every row is one line high (a long title ends in an ellipsis; hovering shows it all).
const PICK_ROW_HEIGHT = 30;

export function AgendaPicker({
  partnershipId,
  workshopId,
  onAgenda,
  onChanged,
}: {
  partnershipId: string;
  workshopId: string;
  /// Ids of the risks already on the agenda.
  onAgenda: Set<string>;
  onChanged: () => void;
}) {
  const [rows, setRows] = useState<RegisterRow[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [text, setText] = useState("");
  const [category, setCategory] = useState("");
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const { run, error } = useCommand();

  useEffect(() => {
    void run(async () => setRows((await api.register(partnershipId)).rows), { keepError: true });
    api.categories().then(setCategories, () => setCategories([]));
  }, [partnershipId, run]);

  // The text is searched by the store, as in the register (every field, the same
  // words), so "gdpr" finds here what it finds there.
  const wanted = text.trim();
  const matching = useMatchingRisks(partnershipId, wanted ? { ...emptyFilter(), text: wanted } : null, 0, run, true);
  const shown = useMemo(
    () => rows.filter((r) => (!category || r.category === category) && (!matching || matching.has(r.id))),
    [rows, category, matching],
  );

  const setPickedOf = useCallback(
    (ids: string[], on: boolean) =>
      setPicked((was) => {
        const next = new Set(was);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );
  const toggle = useCallback((id: string, on: boolean) => setPickedOf([id], on), [setPickedOf]);
  const selectable = shown.filter((r) => !onAgenda.has(r.id));
  const allPicked = selectable.length > 0 && selectable.every((r) => picked.has(r.id));

  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => PICK_ROW_HEIGHT,
    overscan: 20,
    initialRect: { width: 800, height: 340 },
  });

  const add = async () => {
    // In register order, so that the agenda follows the register.
    const ids = rows.filter((r) => picked.has(r.id) && !onAgenda.has(r.id)).map((r) => r.id);
    if (ids.length === 0) return;
    await run(async () => {
      await api.addAgendaItems(workshopId, ids);
      setPicked(new Set());
      onChanged();
    });
  };
  const count = [...picked].filter((id) => !onAgenda.has(id)).length;
  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

  return (
    <section className="ws-card" aria-label="Pick risks from the register">
      <h3>Add risks from the register</h3>
      <div className="filters">
        <input
          type="search"
          aria-label="Filter risks"
          placeholder="Search risks"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <label className="ws-check">
          <input
            type="checkbox"
            checked={allPicked}
            disabled={selectable.length === 0}
            onChange={(e) =>
              setPickedOf(
                selectable.map((r) => r.id),
                e.target.checked,
              )
            }
          />
          Select all shown
        </label>
        <span className="muted ws-shown">
          {shown.length === rows.length ? `${rows.length} risks` : `${shown.length} of ${rows.length} risks`}
        </span>
        <span className="muted" role="status">
          {count > 0 ? `${count} selected` : ""}
        </span>
        <button type="button" className="primary" disabled={count === 0} onClick={add}>
          Add to agenda
        </button>
      </div>
      <div className="ws-pick-list" ref={listRef}>
        {shown.length === 0 ? (
          <p className="muted">{rows.length === 0 ? "The register is empty." : "No risk matches the filter."}</p>
        ) : (
          <ul style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const r = shown[item.index];
              const already = onAgenda.has(r.id);
              return (
                <PickRow
                  key={r.id}
                  risk={r}
                  top={item.start}
                  already={already}
                  checked={already || picked.has(r.id)}
                  categoryName={categoryName(r.category)}
                  onToggle={toggle}
                />
              );
            })}
          </ul>
        )}
      </div>
      <Problem error={error} />
    </section>
  );
}

/// One risk of the list, placed at its offset; re-rendered only when it moves or its tick changes.
const PickRow = memo(function PickRow({
  risk,
  top,
  already,
  checked,
  categoryName,
  onToggle,
}: {
  risk: RegisterRow;
  top: number;
  already: boolean;
  checked: boolean;
  categoryName: string;
  onToggle: (id: string, on: boolean) => void;
}) {
  return (
    <li style={{ transform: `translateY(${top}px)` }}>
      <label className={already ? "muted" : undefined} title={`${risk.reference} ${risk.title}`}>
        <input type="checkbox" checked={checked} disabled={already} onChange={(e) => onToggle(risk.id, e.target.checked)} />
        {/* The spaces make the checkbox's name read "TEC-002 Title · Category"; the flex gap spaces the view. */}
        <span className="ws-ref">{risk.reference}</span>{" "}
        <span className="ws-pick-title">{risk.title}</span>{" "}
        <small className="muted">
          · {categoryName}
          {already ? " · on the agenda" : ""}
        </small>
      </label>
    </li>
  );
});
