// Importing readings from a spreadsheet: a long table (indicator, date, value, note) or a
// wide one (a date column and a column per indicator). The file is read and planned by the
// core (nothing written) each time an option changes; every problem is listed by row and
// column; the import writes everything or nothing. The columns found are listed with what
// each is taken as, and the user may change any of them (a file headed "Stichtag" or
// "Uptime (monthly)" imports as it is): the mapping then replaces the headers' words.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type {
  ColumnChoice,
  ColumnMeaning,
  DateOrder,
  Indicator,
  ReadingsAdded,
  ReadingsColumn,
  ReadingsPreview,
} from "../../bindings";
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
  const [mapping, setMapping] = useState<ColumnChoice[] | null>(null);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [preview, setPreview] = useState<ReadingsPreview | null>(null);
  const { run, error, running } = useCommand();

  useEffect(() => {
    let gone = false;
    void api.listIndicators(partnershipId).then(
      (list) => {
        if (!gone) setIndicators(list);
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [partnershipId]);

  const choose = () =>
    run(async () => {
      const chosen = await api.chooseImportFile();
      if (chosen) {
        setPath(chosen);
        setMapping(null);
      }
    });
  const options = { sheet: null, delimiter: null, encoding: null };
  const readings = { date_order: dateOrder, replace, mapping };

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
    [run, partnershipId, path, dateOrder, replace, mapping],
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

  /** Takes `column` as `value` ("readings:<id>" for an indicator's readings); a meaning
   * one column holds (the date, say) leaves the column that had it. */
  const retake = (column: number, value: string) => {
    if (!p) return;
    const choices: ColumnChoice[] = (mapping ?? p.columns).map((c) => ({
      column: c.column,
      taken_as: c.taken_as,
      indicator_id: c.indicator_id,
    }));
    const [takenAs, indicatorId] = value.startsWith("readings:")
      ? (["readings", value.slice("readings:".length)] as const)
      : ([value as ColumnMeaning, null] as const);
    const single = takenAs !== "readings" && takenAs !== "ignored";
    setMapping(
      choices.map((c) =>
        c.column === column
          ? { column, taken_as: takenAs, indicator_id: indicatorId }
          : single && c.taken_as === takenAs
            ? { ...c, taken_as: "ignored", indicator_id: null }
            : c,
      ),
    );
  };
  const blocked = !p || p.problems.length > 0 || preview.readings_total === 0;

  return (
    <Dialog title="Import readings" onClose={onClose} wide>
      <p className="muted">
        A long table with the columns indicator, date, value and note, or a wide one with a date column and a column
        per indicator, headed by its name. When a header says something else, choose what its column holds.
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
      {p && p.columns.length > 0 && (
        <ReadingColumns columns={p.columns} indicators={indicators} onChange={retake} />
      )}
      {mapping && (
        <div className="actions-row" style={{ justifyContent: "flex-start" }}>
          <button type="button" onClick={() => setMapping(null)}>
            Find the columns by their headers again
          </button>
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

const MEANINGS: [ColumnMeaning, string][] = [
  ["ignored", "Not imported"],
  ["indicator", "The indicator's name"],
  ["date", "The date"],
  ["value", "The value"],
  ["note", "A note"],
];

/** A column's name for people: its header, else its letter as a spreadsheet shows it. */
function columnName(c: ReadingsColumn): string {
  if (c.header.trim()) return c.header;
  let n = c.column + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `Column ${letters}`;
}

function ReadingColumns({
  columns,
  indicators,
  onChange,
}: {
  columns: ReadingsColumn[];
  indicators: Indicator[];
  onChange: (column: number, value: string) => void;
}) {
  return (
    <table className="plain reading-columns" aria-label="Columns">
      <caption>Columns of the file</caption>
      <thead>
        <tr>
          <th scope="col">In the file</th>
          <th scope="col">Holds</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.column}>
            <th scope="row">{columnName(c)}</th>
            <td>
              <select
                aria-label={`Column "${columnName(c)}" holds`}
                value={c.taken_as === "readings" ? `readings:${c.indicator_id ?? ""}` : c.taken_as}
                onChange={(e) => onChange(c.column, e.target.value)}
              >
                {MEANINGS.map(([meaning, label]) => (
                  <option key={meaning} value={meaning}>
                    {label}
                  </option>
                ))}
                {indicators.map((i) => (
                  <option key={i.id} value={`readings:${i.id}`}>
                    Readings of {i.name}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
