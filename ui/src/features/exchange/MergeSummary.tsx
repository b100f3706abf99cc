// Before applying: what will be written, how the conflicts were settled, and that a
// backup is taken first. After: what was written.
import type { ExchangePreview, MergeReport, Resolution } from "../../bindings";
import { plural } from "../../lib/text";
import { changeTotal, countedTables, countsText, records, tableName } from "./words";

/// "54 risks, 47 requirements": what an import brings, by kind of record.
function importedLine(preview: ExchangePreview): string {
  return countedTables(preview.apply)
    .filter((t) => t !== "audit_log" && t !== "partnerships")
    .map((t) => records(preview.apply[t].new, t))
    .join(", ");
}

/// "12 changes will be written: risks 1 new, 2 changed; …".
function changesLine(preview: ExchangePreview): string {
  const parts = countedTables(preview.apply)
    .filter((t) => t !== "audit_log")
    .map((t) => `${tableName(t)} ${countsText(preview.apply[t])}`);
  return parts.join("; ");
}

export function resolutionCounts(preview: ExchangePreview, resolutions: Record<string, Resolution>) {
  const chosen = preview.conflicts.map((c) => resolutions[c.id]).filter((r) => r !== undefined);
  return {
    total: chosen.length,
    mine: chosen.filter((r) => r === "mine").length,
    theirs: chosen.filter((r) => r === "theirs").length,
    both: chosen.filter((r) => r === "both").length,
    edited: chosen.filter((r) => typeof r === "object").length,
  };
}

export function MergeSummary({ preview, resolutions }: { preview: ExchangePreview; resolutions: Record<string, Resolution> }) {
  const changes = changeTotal(preview.apply);
  const history = preview.apply.audit_log?.new ?? 0;
  const settled = resolutionCounts(preview, resolutions);
  const views = preview.partner_views?.length ?? 0;
  const how = [
    settled.mine ? `${settled.mine} ours` : "",
    settled.theirs ? `${settled.theirs} theirs` : "",
    settled.edited ? `${settled.edited} edited` : "",
    settled.both ? `${settled.both} both kept` : "",
  ].filter(Boolean);
  return (
    <div className="xch-summary" role="region" aria-label="Summary before merging">
      {preview.mode === "partner_view" ? (
        <p>
          <strong>{plural(views, "partner's view", "partner's views")}</strong> will be recorded beside our risks, dated and
          attributed to {preview.sender.name || "the partner"}; our scores do not change.
        </p>
      ) : preview.mode === "import" ? (
        <p>
          <strong>The partnership "{preview.partnership}" is added</strong> with {plural(changes, "record")}:{" "}
          {importedLine(preview) || "no risks yet"}.
        </p>
      ) : changes === 0 ? (
        <p>
          <strong>Nothing changes here:</strong> this workspace has everything in the file already. Merging it remembers
          the file's copy as the common one for the next exchange.
        </p>
      ) : (
        <p>
          <strong>{plural(changes, "change")} will be written</strong>: {changesLine(preview)}.
        </p>
      )}
      {settled.total > 0 && (
        <p>
          <strong>{plural(settled.total, "conflict")} resolved</strong> ({how.join(", ")}).
        </p>
      )}
      {history > 0 && <p className="muted">The history gets {plural(history, "row")} from the other side.</p>}
      <p>A backup of the workspace is taken first; everything is written in one go, or nothing.</p>
    </div>
  );
}

export function MergeDone({ report, resolutions }: { report: MergeReport; resolutions: Record<string, Resolution> }) {
  const preview = report.preview;
  const settled = resolutionCounts(preview, resolutions).total;
  if (!report.written) {
    return (
      <p role="status">
        <strong>Nothing was written:</strong> this workspace already has everything in {preview.file}.
      </p>
    );
  }
  const changes = changeTotal(preview.apply);
  const views = preview.partner_views?.length ?? 0;
  return (
    <div role="status">
      <p>
        <strong>{preview.mode === "import" ? "Imported" : "Merged"} {preview.file}</strong>
        {preview.mode === "import" ? `: the partnership ${preview.partnership} with ` : ` into ${preview.partnership}: `}
        {preview.mode === "partner_view"
          ? `${plural(views, "partner's view", "partner's views")} recorded`
          : preview.mode === "import"
            ? plural(changes, "record")
            : `${plural(changes, "change")} written`}
        {settled ? `, ${plural(settled, "conflict")} resolved` : ""}.
      </p>
      {report.backup && (
        <p className="muted">
          The workspace as it was is kept in the backup <span className="xch-path">{report.backup}</span>.
        </p>
      )}
    </div>
  );
}
