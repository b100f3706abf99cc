// The sidebar: every partnership with its spread of risk levels.
import type { ReactNode } from "react";
import type { PartnershipSummary, Whoami } from "../bindings";

export function PartnershipNav({
  partnerships,
  selectedId,
  workspacePath,
  onSelect,
  onNew,
  onMatrices,
  matricesActive,
  onBallot,
  onRestore,
  storageWarning,
  ballotActive,
  onPortfolio,
  portfolioActive,
  onActivity,
  activityActive,
  dueCounts,
  onReview,
  reviewActive,
  whoami,
  onWhoami,
  namePrompt,
  teamStatus,
}: {
  partnerships: PartnershipSummary[] | null;
  selectedId: string | null;
  workspacePath: string;
  onSelect: (id: string) => void;
  onNew: () => void;
  onMatrices: () => void;
  matricesActive: boolean;
  /// A participant's own copy: fill in a ballot file the facilitator sent (no partnership needed).
  onBallot: () => void;
  /// Restore from backup… (also in the File menu).
  onRestore: () => void;
  /// Why the workspace's folder is unsafe (a network share, a synced folder), if it is.
  storageWarning: string | null;
  ballotActive: boolean;
  /// Workspace-wide screens: every partnership's figures, and who changed what.
  onPortfolio: () => void;
  portfolioActive: boolean;
  onActivity: () => void;
  activityActive: boolean;
  /// Risks due for review (unreviewed, past due, due soon) per partnership id.
  dueCounts: Record<string, number>;
  onReview: () => void;
  reviewActive: boolean;
  whoami: Whoami | null;
  onWhoami: () => void;
  /// The first-run "who is working?" question, shown above the footer.
  namePrompt?: ReactNode;
  /// The team register's sync status (nothing when the workspace is not in a team).
  teamStatus?: ReactNode;
}) {
  const totalDue = (partnerships ?? [])
    .filter((p) => !p.archived)
    .reduce((sum, p) => sum + (dueCounts[p.id] ?? 0), 0);
  const active = partnerships?.filter((p) => !p.archived) ?? [];
  const archived = partnerships?.filter((p) => p.archived) ?? [];
  const item = (p: PartnershipSummary) => {
    const scored = p.risks_by_level.reduce((sum, l) => sum + l.count, 0);
    const due = dueCounts[p.id] ?? 0;
    return (
      <li key={p.id}>
        <button
          type="button"
          className="nav-item"
          aria-current={p.id === selectedId}
          onClick={() => onSelect(p.id)}
          title={p.name}
        >
          <span className="name">{p.name}</span>
          {due > 0 && (
            <span className="nav-due" role="img" title={`${due} due for review`} aria-label={`${due} due for review`}>
              {due}
            </span>
          )}
          <small className="muted">
            {p.risk_count} risks · {p.matrix_name}
          </small>
          <span
            className="level-bar"
            role="img"
            aria-label={p.risks_by_level.map((l) => `${l.level} ${l.count}`).join(", ")}
          >
            {scored > 0 &&
              p.risks_by_level.map((l) =>
                l.count > 0 ? (
                  <span key={l.level} style={{ background: l.colour, width: `${(100 * l.count) / scored}%` }} />
                ) : null,
              )}
          </span>
        </button>
      </li>
    );
  };
  return (
    <aside className="sidebar">
      <div className="brand">
        <img src="/icon.png" alt="" />
        <h1>Partner Risk</h1>
      </div>
      <nav aria-label="Partnerships">
        <button type="button" className="nav-item" aria-current={reviewActive} onClick={onReview}>
          <span className="name">Review queue</span>
          {totalDue > 0 && (
            <span className="nav-due" role="img" title={`${totalDue} due for review`} aria-label={`${totalDue} due`}>
              {totalDue}
            </span>
          )}
        </button>
        <button type="button" className="nav-item" aria-current={portfolioActive} onClick={onPortfolio}>
          <span className="name">Portfolio</span>
        </button>
        <button type="button" className="nav-item" aria-current={activityActive} onClick={onActivity}>
          <span className="name">Activity</span>
        </button>
        <div className="section-title">
          <span>Partnerships</span>
          <button type="button" className="ghost" onClick={onNew} aria-label="New partnership">
            ＋
          </button>
        </div>
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>{active.map(item)}</ul>
        {archived.length > 0 && (
          <>
            <div className="section-title">
              <span>Archived</span>
            </div>
            <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>{archived.map(item)}</ul>
          </>
        )}
        <div className="section-title">
          <span>Settings</span>
        </div>
        <button type="button" className="nav-item" onClick={onWhoami} title="The name recorded with your reviews and changes">
          <span className="name">You: {whoami?.name ?? (whoami ? `${whoami.actor} (not set)` : "…")}</span>
        </button>
        <button type="button" className="nav-item" aria-current={matricesActive} onClick={onMatrices}>
          <span className="name">Scoring matrices</span>
        </button>
        <button
          type="button"
          className="nav-item"
          aria-current={ballotActive}
          onClick={onBallot}
          aria-labelledby="nav-ballot-name"
          aria-describedby="nav-ballot-hint"
        >
          <span className="name" id="nav-ballot-name">
            Fill in a ballot file…
          </span>
          <small className="muted" id="nav-ballot-hint">
            Score a workshop's risks at home
          </small>
        </button>
        <button type="button" className="nav-item" onClick={onRestore} title="Go back to a backup of this workspace">
          <span className="name">Restore from backup…</span>
        </button>
      </nav>
      {teamStatus}
      {namePrompt}
      {storageWarning && (
        <p role="alert" className="storage-warning">
          {storageWarning}
        </p>
      )}
      <footer className="muted" title={workspacePath}>
        {workspacePath}
      </footer>
    </aside>
  );
}
