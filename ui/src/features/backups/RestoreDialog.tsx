// File → Restore from Backup…: the workspace's backups with their time and what they
// hold; restoring one asks first and keeps the current file as a backup.
import { useEffect, useState } from "react";
import { useCommand } from "../../lib/useCommand";
import type { BackupInfo, Restored } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { api } from "../../api";
import { holds, reasonLabel, size, when } from "./words";
import "./backups.css";

export function RestoreDialog({ onClose, onRestored }: { onClose: () => void; onRestored: () => void }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const [done, setDone] = useState<Restored | null>(null);
  const [busy, setBusy] = useState(false);
  const { run, error, setError } = useCommand();

  useEffect(() => {
    void run(async () => setBackups(await api.listBackups()));
  }, [run]);

  const restore = async (backup: BackupInfo) => {
    setBusy(true);
    setError(null);
    await run(async () => {
      setDone(await api.restoreBackup(backup.path));
      setChosen(null);
      onRestored();
    });
    setBusy(false);
  };

  return (
    <Dialog title="Restore from backup" onClose={onClose} wide>
      <ErrorBanner error={error} />
      {done ? (
        <p role="status">
          Restored. The workspace now holds {done.contents.partnerships} partnerships and {done.contents.risks} risks.
          {done.previous && " The file as it was before is kept as a backup."}
        </p>
      ) : backups === null ? (
        <p className="muted">Reading the backups…</p>
      ) : backups.length === 0 ? (
        <p className="muted">There are no backups of this workspace yet. One is taken during work, before imports and upgrades.</p>
      ) : chosen ? (
        <div role="alertdialog" aria-label="Confirm the restore">
          <p>
            Restore the backup of <strong>{when(chosen.at)}</strong> ({holds(chosen)})?
          </p>
          <p className="muted">
            Everything changed since then is replaced. The workspace as it is now is kept as a backup first, so this can be undone.
          </p>
          <div className="actions-row">
            <button type="button" onClick={() => setChosen(null)} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => restore(chosen)} disabled={busy}>
              {busy ? "Restoring…" : "Restore"}
            </button>
          </div>
        </div>
      ) : (
        <table className="backups-table">
          <thead>
            <tr>
              <th>Taken</th>
              <th>Why</th>
              <th>Holds</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.path}>
                <td>{when(b.at)}</td>
                <td>{reasonLabel(b.reason)}</td>
                <td className={b.problem ? "backup-problem" : undefined}>{holds(b)}</td>
                <td>{size(b.size)}</td>
                <td>
                  <button type="button" disabled={!!b.problem} onClick={() => setChosen(b)}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!chosen && (
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </Dialog>
  );
}
