// Export spreadsheet…: the register as an Excel workbook (Register, Actions,
// Requirements and Matrix sheets) or as CSV, for colleagues who work in a spreadsheet.
import { useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { SpreadsheetExport, SpreadsheetFormat } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";

const FORMATS: [SpreadsheetFormat, string, string][] = [
  [
    "xlsx",
    "Excel workbook (.xlsx)",
    "Register, Actions, Requirements and Matrix sheets; levels in their colours, filters and dropdowns.",
  ],
  ["csv", "CSV (.csv)", "The register only, as UTF-8 text that Excel and other tools open."],
];

export function ExportSpreadsheetDialog({ partnershipId, onClose }: { partnershipId: string; onClose: () => void }) {
  const [format, setFormat] = useState<SpreadsheetFormat>("xlsx");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SpreadsheetExport | null>(null);
  const command = useCommand();
  const { error, setError } = command;

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    await command.run(async () => {
      // null: the user cancelled the save dialog.
      setDone(await api.exportSpreadsheet(partnershipId, format));
    });
    setBusy(false);
  };

  return (
    <Dialog title="Export spreadsheet" onClose={onClose}>
      <ErrorBanner error={error} />
      <fieldset>
        <legend>Format</legend>
        {FORMATS.map(([key, label, hint]) => (
          <label key={key} style={{ display: "block", marginBottom: "0.5rem" }}>
            <input type="radio" name="format" checked={format === key} onChange={() => setFormat(key)} /> {label}
            <br />
            <small className="muted">{hint}</small>
          </label>
        ))}
      </fieldset>
      {busy && (
        <p role="status" className="muted">
          Choose where to save…
        </p>
      )}
      {done && (
        <p role="status" style={{ marginTop: "1rem" }}>
          Saved {done.risks} risks{format === "xlsx" ? ` and ${done.actions} actions` : ""} to <strong>{done.path}</strong>.{" "}
          <button type="button" onClick={() => command.run(() => api.openLastExport(), { keepError: true })}>
            Open the file
          </button>
        </p>
      )}
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={busy} onClick={run}>
          Export…
        </button>
      </div>
    </Dialog>
  );
}
