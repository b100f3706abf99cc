// For each column of categories, statuses, treatments or scores: every distinct value,
// how many rows hold it, and what it becomes.
import type { Category, ColumnMapping, Matrix, ValueMapping } from "../../bindings";
import { humanise, plural } from "../../lib/text";
import { columnName } from "./ColumnMappingTable";
import { targetLabel } from "./words";

/// Values listed per column; a column of thousands of distinct values is mapped wrongly.
const SHOWN = 50;

const STATUSES = ["open", "mitigating", "accepted", "closed"];
const TREATMENTS = ["avoid", "reduce", "transfer", "share", "accept"];

/// What the values of a column can become: `[to, label]`.
function choices(column: ColumnMapping, matrix: Matrix | null, categories: Category[]): [string, string][] {
  switch (column.target) {
    case "category":
      return categories.map((c) => [c.code, c.name]);
    case "status":
      return STATUSES.map((s) => [s, humanise(s)]);
    case "treatment":
      return TREATMENTS.map((t) => [t, humanise(t)]);
    default: {
      const axis = column.target.endsWith("_likelihood") ? matrix?.likelihood : matrix?.impact;
      return (axis ?? []).map((level, i) => [String(i + 1), `${i + 1} · ${level.label}`]);
    }
  }
}

export function ValueMappings({
  values,
  columns,
  matrix,
  categories,
  onValue,
}: {
  values: ValueMapping[];
  columns: ColumnMapping[];
  matrix: Matrix | null;
  categories: Category[];
  onValue: (mapping: ValueMapping, value: string, to: string | null) => void;
}) {
  const shown = values.filter((v) => v.entries.length > 0);
  if (shown.length === 0) return null;
  return (
    <div className="import-values">
      {shown.map((v) => {
        const column = columns.find((c) => c.index === v.column);
        if (!column) return null;
        const options = choices(column, matrix, categories);
        const name = columnName(column);
        return (
          <table key={v.column} className="plain" aria-label={`Values of "${name}"`}>
            <caption>
              Values of “{name}” <span className="muted">→ {targetLabel(column.target)}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">In the file</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Becomes</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {v.entries.slice(0, SHOWN).map((e) => (
                <tr key={e.value} className={e.to === null ? "unrecognised" : undefined}>
                  <th scope="row">{e.value}</th>
                  <td className="num">{e.rows}</td>
                  <td>
                    <select
                      aria-label={`"${e.value}" in "${name}" becomes`}
                      value={e.to ?? ""}
                      onChange={(ev) => onValue(v, e.value, ev.target.value === "" ? null : ev.target.value)}
                    >
                      <option value="">Not recognised</option>
                      {options.map(([to, label]) => (
                        <option key={to} value={to}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{e.how}</td>
                </tr>
              ))}
              {v.entries.length > SHOWN && (
                <tr>
                  <td colSpan={4} className="muted">
                    and {plural(v.entries.length - SHOWN, "more value")}: is this column mapped to the right field?
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
