// Picks the agenda from the partnership's register: a text filter and a category filter,
// a checkbox per risk, "Add to agenda". Risks already on the agenda are marked.
import { useEffect, useMemo, useState } from "react";
import { api, asIpcError } from "../../api";
import type { Category, IpcError, RegisterRow } from "../../bindings";
import { Problem } from "./Problem";

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
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    api.register(partnershipId).then((t) => setRows(t.rows), (e) => setError(asIpcError(e)));
    api.categories().then(setCategories, () => setCategories([]));
  }, [partnershipId]);

  const shown = useMemo(() => {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return rows.filter((r) => {
      if (category && r.category !== category) return false;
      const hay = `${r.reference} ${r.title} ${r.owner}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [rows, text, category]);

  const toggle = (id: string, on: boolean) =>
    setPicked((was) => {
      const next = new Set(was);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectable = shown.filter((r) => !onAgenda.has(r.id));
  const allPicked = selectable.length > 0 && selectable.every((r) => picked.has(r.id));

  const add = async () => {
    // In register order, so that the agenda follows the register.
    const ids = rows.filter((r) => picked.has(r.id) && !onAgenda.has(r.id)).map((r) => r.id);
    if (ids.length === 0) return;
    try {
      await api.addAgendaItems(workshopId, ids);
      setPicked(new Set());
      setError(null);
      onChanged();
    } catch (e) {
      setError(asIpcError(e));
    }
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
          placeholder="Filter by reference, title or owner"
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
            onChange={(e) => selectable.forEach((r) => toggle(r.id, e.target.checked))}
          />
          Select all shown
        </label>
        <span className="muted" role="status">
          {count > 0 ? `${count} selected` : ""}
        </span>
        <button type="button" className="primary" disabled={count === 0} onClick={add}>
          Add to agenda
        </button>
      </div>
      <div className="ws-pick-list">
        {shown.length === 0 ? (
          <p className="muted">{rows.length === 0 ? "The register is empty." : "No risk matches the filter."}</p>
        ) : (
          <ul>
            {shown.map((r) => {
              const already = onAgenda.has(r.id);
              return (
                <li key={r.id}>
                  <label className={already ? "muted" : undefined}>
                    <input
                      type="checkbox"
                      checked={already || picked.has(r.id)}
                      disabled={already}
                      onChange={(e) => toggle(r.id, e.target.checked)}
                    />
                    <span className="ws-ref">{r.reference}</span> {r.title}
                    <small className="muted">
                      {" "}
                      · {categoryName(r.category)}
                      {already ? " · on the agenda" : ""}
                    </small>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <Problem error={error} />
    </section>
  );
}
