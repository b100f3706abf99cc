// One row per column of the file: its header and the field it becomes.
import type { ColumnMapping, ColumnTarget } from "../../bindings";
import { TARGETS } from "./words";

/// A column's name for people: its header, else its letter as a spreadsheet shows it.
export function columnName(c: ColumnMapping): string {
  if (c.header.trim()) return c.header;
  let n = c.index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `Column ${letters}`;
}

export function ColumnMappingTable({
  columns,
  onTarget,
}: {
  columns: ColumnMapping[];
  onTarget: (index: number, target: ColumnTarget) => void;
}) {
  return (
    <table className="plain import-columns" aria-label="Columns">
      <thead>
        <tr>
          <th scope="col">In the file</th>
          <th scope="col">Becomes, and why</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.index} className={c.target === "skip" ? "skipped" : undefined}>
            <th scope="row">{columnName(c)}</th>
            <td>
              <select
                aria-label={`Column "${columnName(c)}" becomes`}
                value={c.target}
                onChange={(e) => onTarget(c.index, e.target.value as ColumnTarget)}
              >
                {TARGETS.map(([target, label]) => (
                  <option key={target} value={target}>
                    {label}
                  </option>
                ))}
              </select>
              {c.how && <small className="import-why muted">{c.how}</small>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
