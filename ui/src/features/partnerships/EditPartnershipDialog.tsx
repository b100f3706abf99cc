// Edits a partnership's details, archives it, or moves it to another matrix.
import { useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { PartnershipSummary, Stage } from "../../bindings";
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
  const { run, error, errorAt } = useCommand();
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
    await run(async () => {
      await api.updatePartnership(partnership.id, fields);
      onSaved();
    });
  };

  return (
    <Dialog title="Edit partnership" onClose={onClose}>
      <form onSubmit={save}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label="Name" error={errorAt("name")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} />
            )}
          </Field>
          <Field label="Partner organisation" error={errorAt("partner")}>
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
          <Field label="Owner" error={errorAt("owner")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={fields.owner} onChange={(e) => setFields({ ...fields, owner: e.target.value })} />
            )}
          </Field>
          <div className="span-2">
            <Field label="Description" error={errorAt("description")}>
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
