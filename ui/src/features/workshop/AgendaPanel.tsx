// The ordered agenda: reorder with Alt+↑/↓ on a row, the Move up/down buttons, or by
// dragging; take an item off (unless someone voted on it).
import { useEffect, useRef, useState } from "react";
import { api } from "../../api";
import type { AgendaItem } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { Problem } from "./Problem";

export function AgendaPanel({
  items,
  readOnly,
  onChanged,
}: {
  items: AgendaItem[];
  readOnly: boolean;
  onChanged: () => void;
}) {
  const [order, setOrder] = useState<AgendaItem[]>(items);
  const { run, error } = useCommand();
  const [dragging, setDragging] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  useEffect(() => setOrder(items), [items]);
  useEffect(() => {
    if (focusId) rows.current.get(focusId)?.focus();
  }, [order, focusId]);

  const move = async (item: AgendaItem, position: number) => {
    if (position < 1 || position > order.length || position === item.position) return;
    // Show the new order at once; the store renumbers and the reply confirms it.
    const next = order.filter((i) => i.id !== item.id);
    next.splice(position - 1, 0, item);
    setOrder(next.map((i, n) => ({ ...i, position: n + 1 })));
    await run(
      async () => {
        setOrder(await api.moveAgendaItem(item.id, position));
        onChanged();
      },
      { onError: () => setOrder(items) },
    );
  };
  const remove = async (item: AgendaItem) => {
    await run(async () => {
      await api.removeAgendaItem(item.id);
      onChanged();
    });
  };

  return (
    <section className="ws-card" aria-label="Agenda">
      <h3>
        Agenda <span className="muted">· {order.length} {order.length === 1 ? "risk" : "risks"}</span>
      </h3>
      {order.length === 0 ? (
        <p className="muted">No risks on the agenda yet. Pick them from the register below.</p>
      ) : (
        <>
          {!readOnly && <p className="muted ws-hint">Reorder with Alt+↑ / Alt+↓ on a row, the arrow buttons, or by dragging.</p>}
          <ol className="ws-agenda" aria-label="Agenda items">
            {order.map((item, n) => (
              <li
                key={item.id}
                ref={(el) => {
                  if (el) rows.current.set(item.id, el);
                  else rows.current.delete(item.id);
                }}
                tabIndex={readOnly ? undefined : 0}
                aria-label={`${item.position}. ${item.reference} ${item.title}`}
                className={dragging === item.id ? "dragging" : undefined}
                draggable={!readOnly}
                onKeyDown={(e) => {
                  if (readOnly || !e.altKey || e.target !== e.currentTarget) return;
                  if (e.key === "ArrowUp" || e.key === "ArrowDown") {
                    e.preventDefault();
                    setFocusId(item.id);
                    void move(item, n + 1 + (e.key === "ArrowUp" ? -1 : 1));
                  }
                }}
                onDragStart={(e) => {
                  setDragging(item.id);
                  e.dataTransfer.effectAllowed = "move";
                  e.dataTransfer.setData("text/plain", item.id);
                }}
                onDragEnd={() => setDragging(null)}
                onDragOver={(e) => {
                  if (dragging) e.preventDefault();
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  const moved = order.find((i) => i.id === dragging);
                  setDragging(null);
                  if (moved) void move(moved, n + 1);
                }}
              >
                {!readOnly && (
                  <span className="ws-grip" aria-hidden="true">
                    ⋮⋮
                  </span>
                )}
                <span className="ws-pos">{n + 1}</span>
                <span className="ws-ref">{item.reference}</span>
                <span className="ws-item-title">{item.title}</span>
                {!readOnly && (
                  <span className="ws-row-buttons">
                    <button
                      type="button"
                      className="ghost"
                      aria-label={`Move ${item.reference} up`}
                      aria-keyshortcuts="Alt+ArrowUp"
                      disabled={n === 0}
                      onClick={() => move(item, n)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="ghost"
                      aria-label={`Move ${item.reference} down`}
                      aria-keyshortcuts="Alt+ArrowDown"
                      disabled={n === order.length - 1}
                      onClick={() => move(item, n + 2)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="ghost danger"
                      aria-label={`Remove ${item.reference} from the agenda`}
                      onClick={() => remove(item)}
                    >
                      Remove
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <Problem error={error} />
    </section>
  );
}
