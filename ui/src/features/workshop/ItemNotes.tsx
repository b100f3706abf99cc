// The facilitator's notes on an item's discussion, and the actions the room agreed for the
// risk (ordinary actions of the risk, added through the same command as in the editor).
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { Action, AgendaItem } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";
import { DateInput } from "../../components/DateInput";

export function ItemNotes({
  item,
  readOnly,
  onSaved,
}: {
  item: AgendaItem;
  readOnly: boolean;
  onSaved: (item: AgendaItem) => void;
}) {
  const [notes, setNotes] = useState(item.notes);
  const { run, error } = useCommand();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setNotes(item.notes);
    setSaved(false);
  }, [item.id, item.notes]);

  const save = async () => {
    await run(async () => {
      onSaved(await api.setItemNotes(item.id, notes));
      setSaved(true);
    });
  };

  return (
    <div className="ws-notes">
      <Field label="Notes on this item" error={errorAt(error, "notes")}>
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            rows={3}
            readOnly={readOnly}
            value={notes}
            onChange={(e) => {
              setNotes(e.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <Problem error={error} shown={["notes"]} />
      {!readOnly && (
        <div className="ws-inline">
          <button type="button" onClick={save} disabled={notes === item.notes}>
            Save notes
          </button>
          {saved && (
            <span className="muted" role="status">
              Notes saved
            </span>
          )}
        </div>
      )}
    </div>
  );
}

export function ItemActions({ riskId, readOnly }: { riskId: string; readOnly: boolean }) {
  const [actions, setActions] = useState<Action[]>([]);
  const [draft, setDraft] = useState({ title: "", owner: "", due: "" });
  const { run, error } = useCommand();

  useEffect(() => {
    if (!riskId) return;
    let live = true;
    api.riskDetail(riskId).then(
      (d) => live && setActions(d?.actions ?? []),
      () => live && setActions([]),
    );
    return () => {
      live = false;
    };
  }, [riskId]);

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const action = await api.addAction(riskId, {
        title: draft.title,
        detail: "",
        owner: draft.owner,
        due: draft.due || null,
        status: "planned",
        cost: null,
      });
      setActions((list) => [...list, action]);
      setDraft({ title: "", owner: "", due: "" });
    });
  };

  return (
    <div className="ws-actions">
      <h3>Actions for this risk</h3>
      {actions.length === 0 ? (
        <p className="muted">No actions yet.</p>
      ) : (
        <ul aria-label="Actions of the risk">
          {actions.map((a) => (
            <li key={a.id}>
              {a.title}
              <span className="muted">
                {a.owner && ` · ${a.owner}`}
                {a.due && ` · due ${a.due}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && riskId && (
        <form className="ws-action-form" aria-label="Add an action" onSubmit={add}>
          <Field label="Action" error={errorAt(error, "title")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
            )}
          </Field>
          <Field label="Action owner" error={errorAt(error, "owner")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} />
            )}
          </Field>
          <Field label="Due" error={errorAt(error, "due")}>
            {(id, d) => (
              <DateInput id={id} describedBy={d} value={draft.due} onValue={(due) => setDraft({ ...draft, due })} />
            )}
          </Field>
          <button type="submit">Add action</button>
        </form>
      )}
      <Problem error={error} shown={["title", "owner", "due"]} />
    </div>
  );
}
