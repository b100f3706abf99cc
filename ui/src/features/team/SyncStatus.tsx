// The sidebar's sync status of a workspace in a team: "Synced 2 min ago", "Syncing…",
// "Offline — last synced 10:42", what waits to be sent, the conflicts to settle, and
// *Sync now*. Nothing shows for a workspace that is not in a team.
import { useEffect, useState } from "react";
import type { TeamView } from "../../bindings";
import { syncWords } from "./words";
import "./team.css";

export function SyncStatus({
  view,
  syncing,
  onSync,
  onSettle,
}: {
  view: TeamView | null;
  syncing: boolean;
  onSync: () => void;
  onSettle: () => void;
}) {
  // "2 min ago" moves on by itself.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    setNow(new Date());
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, [view, syncing]);
  const words = syncWords(view, syncing, now);
  if (!words) return null;
  return (
    <section className={`team-status ${words.tone}`} aria-label="Team sync">
      <div className="team-status-line">
        <span className="team-dot" aria-hidden="true" />
        <span role="status" title={words.title}>
          {words.headline}
        </span>
      </div>
      <div className="team-status-line">
        <small className="muted">{words.waiting ?? "Nothing waiting"}</small>
        <button type="button" className="link" onClick={onSync} disabled={syncing}>
          Sync now
        </button>
      </div>
      {words.conflicts && (
        <div className="team-status-line team-settle">
          <span>{words.conflicts}</span>
          <button type="button" className="link" onClick={onSettle} aria-label="Settle conflicts" title="Ours is kept until they are settled">
            Settle…
          </button>
        </div>
      )}
    </section>
  );
}
