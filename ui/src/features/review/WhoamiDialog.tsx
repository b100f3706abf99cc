// Who is working: the display name recorded on every review and change made in this
// workspace. Asked once on first run (in the window's flow, dismissible with "Later", so it
// never blocks the window), and changed any time from "You: …" in the sidebar.
import { useState } from "react";
import { api } from "../../api";
import { plainMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { Whoami } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";

export function WhoamiDialog({
  current,
  firstRun = false,
  onSaved,
  onClose,
}: {
  current: Whoami | null;
  /// The first-run question: not modal, and "Later" instead of "Cancel".
  firstRun?: boolean;
  onSaved: (whoami: Whoami) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(current?.name ?? "");
  const { run, error, setError } = useCommand();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    if (!name.trim()) {
      setError({ code: "invalid", field: "name", message: "Type the name to record with your reviews and changes." });
      return;
    }
    setBusy(true);
    await run(async () => onSaved(await api.setWhoami(name.trim())));
    setBusy(false);
  };

  return (
    <Dialog title={firstRun ? "Who is working?" : "Your name"} onClose={onClose} modal={!firstRun}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="muted">
          Your name is recorded with every review and change you make in this workspace
          {current && !current.name ? ` (until you set it: "${current.actor}")` : ""}.
        </p>
        <Field label="Display name" error={error ? plainMessage(error) : undefined}>
          {(id, describedBy) => (
            <input
              id={id}
              autoFocus={!firstRun}
              aria-describedby={describedBy}
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            {firstRun ? "Later" : "Cancel"}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Save name
          </button>
        </div>
      </form>
    </Dialog>
  );
}
