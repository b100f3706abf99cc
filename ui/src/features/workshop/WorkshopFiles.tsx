// The workshop's files, under its header: the minutes (a draft while it runs, the final
// minutes once closed) and ballot files for a first round at home (planned or running).
import { useId, useState } from "react";
import { api } from "../../api";
import { ballotMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { BallotImport, MinutesExport, Workshop } from "../../bindings";

/// The last part of a path, for people: "ann.prisk-ballot".
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

type Busy = "minutes" | "export" | "import" | null;

export function WorkshopFiles({ workshop, onImported }: { workshop: Workshop; onImported: () => void }) {
  const hintId = useId();
  const [busy, setBusy] = useState<Busy>(null);
  const [minutes, setMinutes] = useState<MinutesExport | null>(null);
  const [written, setWritten] = useState<string[] | null>(null);
  const [imported, setImported] = useState<BallotImport[] | null>(null);
  const files = useCommand();
  const { error, setError } = files;
  const status = workshop.status;
  const ballots = status === "planned" || status === "running";
  const hasMinutes = status === "running" || status === "closed";

  const run = async <T,>(what: Exclude<Busy, null>, work: () => Promise<T>, done: (result: T) => void) => {
    setBusy(what);
    setError(null);
    await files.run(async () => done(await work()));
    setBusy(null);
  };

  const exportMinutes = () =>
    run("minutes", () => api.exportMinutes(workshop.id), (result) => {
      if (result) setMinutes(result);
    });
  const exportBallots = () =>
    run("export", () => api.exportBallots(workshop.id), (paths) => {
      if (paths) setWritten(paths);
    });
  const importBallots = () =>
    run("import", () => api.importBallots(workshop.id), (results) => {
      if (results.length === 0) return; // cancelled
      setImported(results);
      if (results.some((r) => r.votes !== null)) onImported();
    });

  return (
    <section className="ws-files" aria-label="Workshop files">
      <div className="ws-files-row">
        {hasMinutes && (
          <span className="ws-files-action">
            <button type="button" disabled={busy !== null} onClick={exportMinutes} aria-describedby={`${hintId}-minutes`}>
              Export minutes…
            </button>
            <small id={`${hintId}-minutes`} className="muted">
              {status === "running"
                ? "A draft, marked DRAFT: the workshop is still running."
                : "The final minutes of the closed workshop."}
            </small>
          </span>
        )}
        {ballots && (
          <span className="ws-files-action">
            <button type="button" disabled={busy !== null} onClick={exportBallots} aria-describedby={`${hintId}-ballots`}>
              Export ballot files…
            </button>
            <button type="button" disabled={busy !== null} onClick={importBallots} aria-describedby={`${hintId}-ballots`}>
              Import ballot files…
            </button>
          </span>
        )}
      </div>
      {ballots && (
        <p id={`${hintId}-ballots`} className="muted ws-files-explain">
          Ballot files let voters give their first-round scores at home: export one file per voter, they fill it in with
          their own copy of Partner Risk and send it back, and importing counts it as their round 1.
        </p>
      )}
      {busy && (
        <p role="status" className="muted">
          {busy === "import" ? "Choose the filled ballot files…" : busy === "export" ? "Choose a folder…" : "Choose where to save…"}
        </p>
      )}
      {error && (
        <p className="banner-error" role="alert">
          {ballotMessage(error)}
        </p>
      )}
      {minutes && (
        <p role="status" className="ws-files-result">
          Minutes saved: {plural(minutes.pages, "page", "pages")}
          {status === "running" ? " (a draft: the workshop is still running)" : ""}, {plural(minutes.items, "item", "items")}, in{" "}
          <strong title={minutes.path}>{fileName(minutes.path)}</strong>.{" "}
          <button type="button" onClick={() => files.run(() => api.openLastExport(), { keepError: true })}>
            Open
          </button>
        </p>
      )}
      {written && (
        <div role="status" className="ws-files-result">
          {written.length === 0 ? (
            <p>No ballot file was written: the workshop has no voters yet.</p>
          ) : (
            <>
              <p>
                {plural(written.length, "ballot file", "ballot files")} written. Send each voter their own file; they open it
                with “Fill in a ballot file…” in their copy of Partner Risk.
              </p>
              <ul aria-label="Ballot files written">
                {written.map((path) => (
                  <li key={path} title={path}>
                    {fileName(path)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {imported && (
        <div className="ws-files-result">
          <p role="status">
            {plural(imported.filter((r) => r.votes !== null).length, "file", "files")} imported
            {imported.some((r) => r.votes === null) &&
              `, ${plural(imported.filter((r) => r.votes === null).length, "file", "files")} refused (nothing of a refused file was counted)`}
            .
          </p>
          <ul aria-label="Imported ballot files" className="ws-import-list">
            {imported.map((r) => (
              <li key={r.file} className={r.votes === null ? "refused" : "counted"} title={r.file}>
                <strong>{fileName(r.file)}</strong>:{" "}
                {r.votes !== null
                  ? plural(r.votes, "vote", "votes")
                  : `refused. ${r.error ? ballotMessage(r.error) : "The file could not be imported."}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
