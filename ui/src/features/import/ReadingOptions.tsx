// What was read from the file (kind, sheet, encoding, separator, header row, date order),
// each with a control to read it another way.
import type { DateOrder, ImportPlan, IpcError, ReadOptions, TextEncoding } from "../../bindings";
import { Field } from "../../components/Field";
import { fieldPath, importMessage } from "../../lib/errors";
import { ENCODINGS, SEPARATORS, kindText } from "./words";

/// Whether the user should be asked how numeric dates are written.
export function asksDateOrder(plan: ImportPlan, chosen: DateOrder | null): boolean {
  return chosen !== null || plan.mapping.date_order !== null || plan.date_order_unclear;
}

export function ReadingOptions({
  plan,
  error,
  dateOrder,
  onOptions,
  onHeaderRow,
  onDateOrder,
}: {
  plan: ImportPlan;
  error: IpcError | null;
  dateOrder: DateOrder | null;
  onOptions: (patch: Partial<ReadOptions>) => void;
  onHeaderRow: (row: number) => void;
  onDateOrder: (order: DateOrder) => void;
}) {
  const source = plan.source;
  const about = (field: string) => (error && fieldPath(error) === field ? importMessage(error) : undefined);
  const separators = SEPARATORS.some(([s]) => s === source.delimiter)
    ? SEPARATORS
    : [...SEPARATORS, [source.delimiter ?? "", `“${source.delimiter ?? ""}”`] as [string, string]];
  const order = dateOrder ?? plan.mapping.date_order;
  return (
    <div className="import-reading">
      <p className="import-file">
        <strong>{plan.file_name}</strong>{" "}
        <span className="muted">{kindText(source.kind)}</span>
      </p>
      <div className="import-reading-fields">
        {source.kind !== "csv" && source.sheets.length > 1 && (
          <Field label="Sheet" error={about("sheet")}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={source.sheet ?? ""} onChange={(e) => onOptions({ sheet: e.target.value })}>
                {source.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {source.kind === "csv" && (
          <>
            <Field label="Encoding" error={about("encoding")}>
              {(id, d) => (
                <select
                  id={id}
                  aria-describedby={d}
                  value={source.encoding ?? "utf-8"}
                  onChange={(e) => onOptions({ encoding: e.target.value as TextEncoding })}
                >
                  {ENCODINGS.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Separator" error={about("delimiter")}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={source.delimiter ?? ","} onChange={(e) => onOptions({ delimiter: e.target.value })}>
                  {separators.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        <Field label="Header row" error={about("header_row")}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="number"
              min={1}
              // Uncontrolled, so that typing "12" does not jump back after "1"; a new
              // plan with another header row resets it.
              key={plan.mapping.header_row}
              defaultValue={plan.mapping.header_row}
              onChange={(e) => {
                const row = Number.parseInt(e.target.value, 10);
                if (row >= 1) onHeaderRow(row);
              }}
            />
          )}
        </Field>
        {asksDateOrder(plan, dateOrder) && (
          <Field label="Dates such as 03/04/2027 are">
            {(id, d) => (
              <select id={id} aria-describedby={d} value={order ?? ""} onChange={(e) => onDateOrder(e.target.value as DateOrder)}>
                {order === null && <option value="">Choose…</option>}
                <option value="dmy">Day first: 3 April 2027</option>
                <option value="mdy">Month first: March 4, 2027</option>
              </select>
            )}
          </Field>
        )}
      </div>
    </div>
  );
}
