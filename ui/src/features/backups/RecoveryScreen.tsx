// What the window shows instead of the register when the workspace it was started on
// failed its integrity check: nothing was written to it; the way back is its newest good
// backup, or another workspace.
import { useState } from "react";
import { useCommand } from "../../lib/useCommand";
import type { DamagedWorkspace } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { api } from "../../api";
import { holds, when } from "./words";
import "./backups.css";

export function RecoveryScreen({ damaged, onRecovered }: { damaged: DamagedWorkspace; onRecovered: () => void }) {
  const [busy, setBusy] = useState(false);
  const { run, error, setError } = useCommand();
  const backup = damaged.newest_backup;

  const restore = async () => {
    setBusy(true);
    setError(null);
    await run(async () => {
      await api.restoreDamaged();
      onRecovered();
    });
    setBusy(false);
  };

  return (
    <main className="recovery" aria-labelledby="recovery-title">
      <h1 id="recovery-title">This workspace is damaged</h1>
      <p>
        <strong>{damaged.path}</strong> did not pass its integrity check, so Partner Risk has not opened it and has written nothing
        to it.
      </p>
      <p className="muted">What the check found: {damaged.detail}</p>
      <ErrorBanner error={error} />
      {backup ? (
        <p>
          The newest good backup is from <strong>{when(backup.at)}</strong> and holds {holds(backup)}. Restoring it replaces the
          damaged file, which is kept beside the backups.
        </p>
      ) : (
        <p>There is no good backup of this workspace. Open another workspace, or keep the file for a specialist to look at.</p>
      )}
      <div className="actions-row">
        <button type="button" onClick={() => run(() => api.openAnotherWorkspace())} disabled={busy}>
          Open another workspace…
        </button>
        {backup && (
          <button type="button" className="primary" onClick={restore} disabled={busy}>
            {busy ? "Restoring…" : "Restore the newest backup"}
          </button>
        )}
      </div>
    </main>
  );
}
