// Importing readings from a spreadsheet: a long table (indicator, date, value, note) or a
// wide one (a date column and a column per indicator). The file is read and planned by the
// core (nothing written) each time an option changes; every problem is listed by row and
// column; the import writes everything or nothing.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type { DateOrder, ReadingsAdded, ReadingsPreview } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { importMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";

export function ReadingImportDialog({
  partnershipId,
  onClose,
  onImported,
}: {
  partnershipId: string;
  onClose: () => void;
  onImported: (added: ReadingsAdded) => void;
}) {
  const [path, setPath] = useState<string | null>(null);
  const [dateOrder, setDateOrder] = useState<DateOrder | null>(null);
  const [replace, setReplace] = useState(false);
  const [preview, setPreview] = useState<ReadingsPreview | null>(null);
  const { run, error, running } = useCommand();

  const choose = () =>
    run(async () => {
      const chosen = await api.chooseImportFile();
      if (chosen) setPath(chosen);
    });
  const options = { sheet: null, delimiter: null, encoding: null };
  const readings = { date_order: dateOrder, replace };

  // biome-ignore lint/correctness/useExhaustiveDependencies: planned again when an option changes
  const plan = useCallback(
    (stale: () => boolean) =>
      path
        ? run(
            async () => {
              const p = await api.previewReadingImport(partnershipId, path, options, readings);
              if (!stale()) setPreview(p);
            },
            { stale },
          )
        : Promise.resolve(undefined),
    [run, partnershipId, path, dateOrder, replace],
  );
  useEffect(() => {
    let gone = false;
    void plan(() => gone);
    return () => {
      gone = true;
    };
  }, [plan]);

  const apply = async () => {
    if (!path || !preview) return;
    const added = await run(() => api.runReadingImport(partnershipId, path, options, readings, preview.digest));
    if (added) onImported(added);
  };
  const p = preview?.plan;
  const blocked = !p || p.problems.length > 0 || preview.readings_total === 0;

  return (
    <Dialog title="Import readings" onClose={onClose} wide>
      <p className="muted">
        A long table with the columns indicator, date, value and note, or a wide one with a date column and a column
        per indicator, headed by its name.
      </p>
      <div className="actions-row" style={{ justifyContent: "flex-start" }}>
        <button type="button" onClick={() => void choose()}>
          {path ? "Choose another file…" : "Choose a file…"}
        </button>
        {path && <span className="muted">{path}</span>}
      </div>
      {p && (
        <div className="form-grid">
          <Field label="Numeric dates are written">
            {(id) => (
              <select
                id={id}
                value={dateOrder ?? ""}
                onChange={(e) => setDateOrder(e.target.value === "" ? null : (e.target.value as DateOrder))}
              >
                <option value="">As the file shows</option>
                <option value="dmy">Day first (31/03/2027)</option>
                <option value="mdy">Month first (03/31/2027)</option>
              </select>
            )}
          </Field>
          <label className="replace-choice">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace readings
            of days that have one
          </label>
        </div>
      )}
      {error && (
        <p className="banner-error" role="alert">
          {importMessage(error)}
        </p>
      )}
      {p && preview && (
        <>
          <p role="status">
            {p.layout === "wide" ? "A wide table" : p.layout === "long" ? "A long table" : "No table found"}: {p.rows}{" "}
            rows, {preview.readings_total} readings to record
            {preview.replacing > 0 ? `, ${preview.replacing} replacing one` : ""}
            {preview.problems_total > 0
              ? `; ${preview.problems_total} ${preview.problems_total === 1 ? "problem stops" : "problems stop"} the import`
              : ""}
            .
          </p>
          {p.problems.length > 0 && (
            <table className="problems">
              <caption>Problems</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {p.problems.map((x, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never move
                  <tr key={n}>
                    <td>{x.row ?? "file"}</td>
                    <td>{x.column ?? ""}</td>
                    <td>{x.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.warnings.length > 0 && (
            <ul className="muted">
              {p.warnings.map((w, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id and never move
                <li key={n}>
                  Row {w.row}: {w.message}
                </li>
              ))}
            </ul>
          )}
          {p.readings.length > 0 && (
            <table className="readings">
              <caption>
                Readings to record
                {preview.readings_total > p.readings.length ? ` (first ${p.readings.length})` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Indicator</th>
                  <th scope="col">Date</th>
                  <th scope="col">Value</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {p.readings.map((r) => (
                  <tr key={`${r.indicator_id}:${r.date}`}>
                    <td>{r.row}</td>
                    <td>{r.indicator}</td>
                    <td>{r.date}</td>
                    <td className="num">{r.value}</td>
                    <td>
                      {r.note}
                      {r.replaces ? " (replaces the day's reading)" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <div className="actions-row">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={blocked || running} onClick={() => void apply()}>
          Import {preview?.readings_total ?? 0} readings
        </button>
      </div>
    </Dialog>
  );
}
