// The dry run's first rows as they would be imported, then its problems and warnings.
import type { Category, ImportPreview, Matrix, PlannedRow, RowChange, Score } from "../../bindings";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
import { humanise } from "../../lib/text";
import { problemText } from "./words";

const CHANGES: Record<RowChange, string> = { new: "New", update: "Update", unchanged: "Unchanged" };

function ScoreCell({ matrix, score }: { matrix: Matrix | null; score: Score | null }) {
  if (!score) return <span className="muted">–</span>;
  return (
    <span className="import-score">
      {matrix && <LevelChip level={levelOf(matrix, score)} score={score} />}
      <small className="muted">
        {score.likelihood}×{score.impact}
      </small>
    </span>
  );
}

function change(row: PlannedRow): string {
  if (!row.valid) return "Problem";
  const base = CHANGES[row.change];
  return row.change === "update" && row.existing_reference ? `${base} ${row.existing_reference}` : base;
}

export function PreviewRows({
  preview,
  matrix,
  categories,
}: {
  preview: ImportPreview;
  matrix: Matrix | null;
  categories: Category[];
}) {
  const { plan } = preview;
  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? humanise(code);
  return (
    <div className="import-rows">
      <table className="plain" aria-label="Rows to import">
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Title</th>
            <th scope="col">Category</th>
            <th scope="col">Inherent</th>
            <th scope="col">Residual</th>
            <th scope="col">Status</th>
            <th scope="col">Import</th>
          </tr>
        </thead>
        <tbody>
          {plan.rows.map((r) => (
            <tr key={r.row} className={r.valid ? undefined : "has-problem"}>
              <td className="num">{r.row}</td>
              <td className="import-title">{r.fields.title || <span className="muted">(no title)</span>}</td>
              <td>{categoryName(r.fields.category)}</td>
              <td>
                <ScoreCell matrix={matrix} score={r.fields.inherent} />
              </td>
              <td>
                <ScoreCell matrix={matrix} score={r.fields.residual} />
              </td>
              <td>{humanise(r.fields.status)}</td>
              <td
                className={`import-change ${r.valid ? r.change : "problem"}`}
                title={r.valid ? undefined : plan.problems.filter((p) => p.row === r.row).map(problemText).join("\n")}
              >
                {change(r)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rows_shown < preview.rows_total && (
        <p className="muted">
          The first {preview.rows_shown} of {preview.rows_total} rows are shown; the counts are of all rows.
        </p>
      )}
    </div>
  );
}

/// The problems that keep rows (or the file) from being imported, and the guesses worth
/// checking, in people's words.
export function ProblemList({ preview }: { preview: ImportPreview }) {
  const { plan } = preview;
  return (
    <>
      {plan.problems.length > 0 && (
        <section className="import-problems" aria-label="Problems">
          <h3>Problems</h3>
          <ul>
            {plan.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one plan's problems, replaced whole by the next read
              <li key={i}>{problemText(p)}</li>
            ))}
          </ul>
          {preview.problems_shown < preview.problems_total && (
            <p className="muted">
              {preview.problems_total - preview.problems_shown} more problems are not listed.
            </p>
          )}
        </section>
      )}
      {plan.warnings.length > 0 && (
        <section className="import-warnings" aria-label="Warnings">
          <h3>Worth checking</h3>
          <ul>
            {plan.warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one plan's warnings, replaced whole by the next read
              <li key={i}>{problemText(w)}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
