// Who takes part: name, role, side (ours, partner, third party), voter or observer.
// Latecomers can be added while the workshop runs.
import { useState } from "react";
import { api } from "../../api";
import type { IpcError, Participant, ParticipantFields, Side } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";
import { sideLabel, SIDES } from "./words";

const blank = (): ParticipantFields => ({ name: "", role: "", side: "ours", voter: true });

function ParticipantFieldsForm({
  value,
  onChange,
  error,
}: {
  value: ParticipantFields;
  onChange: (value: ParticipantFields) => void;
  error: IpcError | null;
}) {
  return (
    <>
      <Field label="Participant name" error={errorAt(error, "name")}>
        {(id, d) => <input id={id} aria-describedby={d} value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />}
      </Field>
      <Field label="Role" error={errorAt(error, "role")}>
        {(id, d) => <input id={id} aria-describedby={d} value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value })} />}
      </Field>
      <Field label="Side" error={errorAt(error, "side")}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={value.side} onChange={(e) => onChange({ ...value, side: e.target.value as Side })}>
            {SIDES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="ws-check">
        <input type="checkbox" checked={!value.voter} onChange={(e) => onChange({ ...value, voter: !e.target.checked })} />
        Observer (does not vote)
      </label>
    </>
  );
}

export function ParticipantsPanel({
  workshopId,
  participants,
  readOnly,
  onChanged,
}: {
  workshopId: string;
  participants: Participant[];
  readOnly: boolean;
  onChanged: () => void;
}) {
  const [draft, setDraft] = useState<ParticipantFields>(blank());
  const [editing, setEditing] = useState<{ id: string; fields: ParticipantFields } | null>(null);
  // The new participant's form, the row being edited and the rows' buttons each show
  // their own error.
  const adding = useCommand();
  const editingRow = useCommand();
  const rows = useCommand();
  const addError = adding.error;
  const editError = editingRow.error;

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    await adding.run(async () => {
      await api.addParticipant(workshopId, draft);
      setDraft({ ...blank(), side: draft.side });
      onChanged();
    });
  };
  const saveEdit = async () => {
    if (!editing) return;
    await editingRow.run(async () => {
      await api.updateParticipant(editing.id, editing.fields);
      setEditing(null);
      onChanged();
    });
  };
  const remove = async (p: Participant) => {
    await rows.run(async () => {
      await api.removeParticipant(p.id);
      onChanged();
    });
  };
  const voters = participants.filter((p) => p.voter).length;

  return (
    <section className="ws-card" aria-label="Participants">
      <h3>
        Participants <span className="muted">· {voters} {voters === 1 ? "voter" : "voters"}</span>
      </h3>
      {participants.length === 0 ? (
        <p className="muted">Nobody yet. A facilitator usually does not vote; observers never do.</p>
      ) : (
        <table className="plain" aria-label="Participants">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Side</th>
              <th>Votes</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {participants.map((p) =>
              editing?.id === p.id ? (
                <tr key={p.id} className="ws-editing">
                  <td>
                    <input
                      aria-label={`Name of ${p.name}`}
                      value={editing.fields.name}
                      onChange={(e) => setEditing({ id: p.id, fields: { ...editing.fields, name: e.target.value } })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Role of ${p.name}`}
                      value={editing.fields.role}
                      onChange={(e) => setEditing({ id: p.id, fields: { ...editing.fields, role: e.target.value } })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Side of ${p.name}`}
                      value={editing.fields.side}
                      onChange={(e) => setEditing({ id: p.id, fields: { ...editing.fields, side: e.target.value as Side } })}
                    >
                      {SIDES.map((s) => (
                        <option key={s.value} value={s.value}>
                          {s.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <label className="ws-check">
                      <input
                        type="checkbox"
                        checked={!editing.fields.voter}
                        onChange={(e) => setEditing({ id: p.id, fields: { ...editing.fields, voter: !e.target.checked } })}
                      />
                      Observer
                    </label>
                  </td>
                  <td className="ws-row-buttons">
                    <button type="button" className="primary" onClick={saveEdit}>
                      Save
                    </button>
                    <button type="button" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                    {editError && (
                      <small className="field-error" role="alert">
                        {editError.message}
                      </small>
                    )}
                  </td>
                </tr>
              ) : (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.role || <span className="muted">–</span>}</td>
                  <td>{sideLabel(p.side)}</td>
                  <td>{p.voter ? "Voter" : "Observer"}</td>
                  <td className="ws-row-buttons">
                    {!readOnly && (
                      <>
                        <button
                          type="button"
                          className="ghost"
                          aria-label={`Edit ${p.name}`}
                          onClick={() => {
                            editingRow.setError(null);
                            setEditing({ id: p.id, fields: { name: p.name, role: p.role, side: p.side, voter: p.voter } });
                          }}
                        >
                          Edit
                        </button>
                        <button type="button" className="ghost danger" aria-label={`Remove ${p.name}`} onClick={() => remove(p)}>
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <Problem error={rows.error} />
      {!readOnly && (
        <form className="ws-participant-form" aria-label="Add a participant" onSubmit={add}>
          <ParticipantFieldsForm value={draft} onChange={setDraft} error={addError} />
          <button type="submit">Add participant</button>
          <Problem error={addError} shown={["name", "role", "side"]} />
        </form>
      )}
    </section>
  );
}
