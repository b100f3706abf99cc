// Edits a partnership's details, archives it, or moves it to another matrix.
import { useState } from "react";
import { api } from "../../api";
import { asIpcError, errorFor } from "../../lib/errors";
import type { IpcError, PartnershipSummary, Stage } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { humanise } from "../../lib/text";
import { STAGES } from "./NewPartnershipDialog";
import { ChangeMatrixDialog } from "./ChangeMatrixDialog";

export function EditPartnershipDialog({
  partnership,
  onClose,
  onSaved,
}: {
  partnership: PartnershipSummary;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [fields, setFields] = useState({
    name: partnership.name,
    partner: partnership.partner,
    description: partnership.description,
    stage: partnership.stage,
    owner: partnership.owner,
    archived: partnership.archived,
  });
  const [error, setError] = useState<IpcError | null>(null);
  const [changingMatrix, setChangingMatrix] = useState(false);

  if (changingMatrix) {
    return (
      <ChangeMatrixDialog
        partnershipId={partnership.id}
        currentMatrixId={partnership.matrix_id}
        onClose={() => setChangingMatrix(false)}
        onApplied={onSaved}
      />
    );
  }

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api.updatePartnership(partnership.id, fields);
      onSaved();
    } catch (e) {
      setError(asIpcError(e));
    }
  };

  return (
    <Dialog title="Edit partnership" onClose={onClose}>
      <form onSubmit={save}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label="Name" error={errorFor(error, "name")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} />
            )}
          </Field>
          <Field label="Partner organisation" error={errorFor(error, "partner")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={fields.partner} onChange={(e) => setFields({ ...fields, partner: e.target.value })} />
            )}
          </Field>
          <Field label="Stage">
            {(id) => (
              <select id={id} value={fields.stage} onChange={(e) => setFields({ ...fields, stage: e.target.value as Stage })}>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {humanise(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Owner" error={errorFor(error, "owner")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={fields.owner} onChange={(e) => setFields({ ...fields, owner: e.target.value })} />
            )}
          </Field>
          <div className="span-2">
            <Field label="Description" error={errorFor(error, "description")}>
              {(id, d) => (
                <textarea
                  id={id}
                  aria-describedby={d}
                  value={fields.description}
                  onChange={(e) => setFields({ ...fields, description: e.target.value })}
                />
              )}
            </Field>
          </div>
          <label className="span-2">
            <input
              type="checkbox"
              checked={fields.archived}
              onChange={(e) => setFields({ ...fields, archived: e.target.checked })}
            />{" "}
            Archived (hidden from the active list, kept with its history)
          </label>
        </div>
        <p className="muted">
          Scored on <strong>{partnership.matrix_name}</strong>.{" "}
          <button type="button" onClick={() => setChangingMatrix(true)}>
            Change matrix…
          </button>
        </p>
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
