// The workshops of a partnership: the list (title, date, status, size, progress) with
// "New workshop…", and the open workshop.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type { WorkshopSummary } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";
import { WorkshopScreen } from "./WorkshopScreen";
import { blankWorkshop, STATUS_LABEL } from "./words";
import "./workshop.css";
import { DateInput } from "../../components/DateInput";

export function WorkshopsView({
  partnershipId,
  onRisksChanged,
}: {
  partnershipId: string;
  onRisksChanged: () => void;
}) {
  const [list, setList] = useState<WorkshopSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { run, error } = useCommand();

  const load = useCallback(async () => {
    await run(async () => {
      setList(await api.listWorkshops(partnershipId));
    });
  }, [partnershipId, run]);
  useEffect(() => {
    void load();
  }, [load]);

  if (open) {
    return (
      <WorkshopScreen
        workshopId={open}
        onBack={() => {
          setOpen(null);
          void load();
        }}
        onRisksChanged={onRisksChanged}
      />
    );
  }

  return (
    <div className="ws-list">
      <div className="ws-list-head">
        <p className="muted">
          Walk the register with the room: everyone scores privately, the spread is revealed at once, and the room agrees a
          score with a rationale.
        </p>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New workshop…
        </button>
      </div>
      <Problem error={error} />
      {list && list.length === 0 && (
        <div className="empty">
          <h2>No workshops yet</h2>
          <p>Plan one: pick the risks, name the people, declare the rule, then run it with one laptop and a projector.</p>
        </div>
      )}
      {list && list.length > 0 && (
        <table className="plain ws-table" aria-label="Workshops">
          <thead>
            <tr>
              <th>Title</th>
              <th>Date</th>
              <th>Status</th>
              <th>Participants</th>
              <th>Items</th>
              <th>Decided</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.workshop.id}>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(s.workshop.id)}>
                    {s.workshop.title}
                  </button>
                </td>
                <td>{s.workshop.date ?? <span className="muted">–</span>}</td>
                <td>
                  <span className={`ws-status ${s.workshop.status}`}>{STATUS_LABEL[s.workshop.status]}</span>
                </td>
                <td>{s.participants}</td>
                <td>{s.items}</td>
                <td>
                  {s.decided} of {s.items}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewWorkshopDialog
          partnershipId={partnershipId}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpen(id);
          }}
        />
      )}
    </div>
  );
}

function NewWorkshopDialog({
  partnershipId,
  onClose,
  onCreated,
}: {
  partnershipId: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const [title, setTitle] = useState("");
  const [date, setDate] = useState("");
  const { run, error } = useCommand();
  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const w = await api.createWorkshop(partnershipId, { ...blankWorkshop(title), date: date || null });
      onCreated(w.id);
    });
  };
  return (
    <Dialog title="New workshop" onClose={onClose}>
      <form onSubmit={create}>
        <div className="form-grid">
          <div className="span-2">
            <Field label="Workshop title" error={errorAt(error, "title")}>
              {(id, d) => <input id={id} aria-describedby={d} autoFocus value={title} onChange={(e) => setTitle(e.target.value)} />}
            </Field>
          </div>
          <Field label="Date" error={errorAt(error, "date")}>
            {(id, d) => <DateInput id={id} describedBy={d} value={date} onValue={setDate} />}
          </Field>
        </div>
        <p className="muted">Participants, the agenda, the anonymity mode and the rule come next.</p>
        <Problem error={error} shown={["title", "date"]} />
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Create workshop
          </button>
        </div>
      </form>
    </Dialog>
  );
}
