// Editing a custom scoring matrix: names, axis levels, risk levels and the grid, with
// the core's consistency check run as the user types.
import { useEffect, useState, type FormEvent } from "react";
import type { AxisLevel, IpcError, Matrix, MatrixCheck, MatrixWarning, RiskLevel } from "../../bindings";
import { api } from "../../api";
import { errorAt as errorOf } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { LevelChip } from "../../components/LevelChip";
import { textOn } from "../../lib/levels";
import "./matrices.css";

type Axis = "likelihood" | "impact";

const CHECK_DELAY_MS = 200;

function cellKey(likelihood: number, impact: number): string {
  return `${likelihood},${impact}`;
}

function axisName(matrix: Matrix, axis: Axis, position: number): string {
  const label = matrix[axis][position - 1]?.label ?? "";
  return `${position} ${label}`.trim();
}

/// The field paths the editor shows errors at (the core's paths: axes 1-based, levels 0-based).
function fieldPaths(matrix: Matrix): Set<string> {
  const paths = new Set(["name", "description"]);
  for (const axis of ["likelihood", "impact"] as const) {
    matrix[axis].forEach((_, i) => {
      for (const part of ["label", "description", "range"]) paths.add(`${axis}[${i + 1}].${part}`);
    });
  }
  matrix.levels.forEach((_, i) => {
    for (const part of ["name", "description", "colour", "review_days"]) paths.add(`levels[${i}].${part}`);
  });
  return paths;
}

/// One warning of the consistency check, in words.
function describeWarning(matrix: Matrix, warning: MatrixWarning): string {
  if (warning.kind === "unused_level") return `Level ${warning.level} is not used by any cell.`;
  const cell = `likelihood ${axisName(matrix, "likelihood", warning.cell.likelihood)}, impact ${axisName(matrix, "impact", warning.cell.impact)}`;
  const lower = `likelihood ${axisName(matrix, "likelihood", warning.dominated.likelihood)}, impact ${axisName(matrix, "impact", warning.dominated.impact)}`;
  return `Cell ${cell} is ${warning.level}, lower than the less severe cell ${lower} (${warning.dominated_level}).`;
}

/// The grid, highest likelihood on top, impact left to right. With `onCell`, every cell
/// is a button that changes the cell's level (a click goes up a level, Shift+click or a
/// right click goes down).
export function MatrixGrid({
  matrix,
  caption,
  onCell,
  flagged,
}: {
  matrix: Matrix;
  caption: string;
  onCell?: (likelihood: number, impact: number, step: 1 | -1) => void;
  flagged?: ReadonlySet<string>;
}) {
  const rows = matrix.likelihood.map((_, i) => matrix.likelihood.length - i);
  return (
    <div className="mx-grid-wrap">
      <span className="mx-axis-title mx-axis-y" aria-hidden="true">
        Likelihood →
      </span>
      <table className={onCell ? "mx-grid editable" : "mx-grid"}>
        <caption className="mx-caption">{caption}</caption>
        <tbody>
          {rows.map((l) => {
            const axisLevel = matrix.likelihood[l - 1];
            return (
              <tr key={l}>
                <th scope="row" title={axisLevel?.description || undefined}>
                  <span className="mx-axis-label">{axisName(matrix, "likelihood", l)}</span>
                  {axisLevel?.range && <small className="mx-range">{axisLevel.range}</small>}
                </th>
                {matrix.impact.map((_, index) => {
                  const i = index + 1;
                  const level = matrix.levels[matrix.grid[l - 1]?.[i - 1] ?? -1];
                  const warn = flagged?.has(cellKey(l, i)) ?? false;
                  const style = level ? { background: level.colour, color: textOn(level.colour) } : undefined;
                  const name = level?.name ?? "?";
                  const className = warn ? "mx-cell mx-flag" : "mx-cell";
                  if (!onCell) {
                    return (
                      <td key={i} className={className} style={style}>
                        {name}
                      </td>
                    );
                  }
                  return (
                    <td key={i} className="mx-cell-slot">
                      <button
                        type="button"
                        className={className}
                        style={style}
                        data-warning={warn || undefined}
                        title={warn ? "Lower than a less severe neighbour" : "Click for the next level, Shift+click for the previous"}
                        aria-label={`Likelihood ${axisName(matrix, "likelihood", l)}, impact ${axisName(matrix, "impact", i)}: ${name}`}
                        onClick={(e) => onCell(l, i, e.shiftKey ? -1 : 1)}
                        onContextMenu={(e) => {
                          e.preventDefault();
                          onCell(l, i, -1);
                        }}
                      >
                        {name}
                        {warn && (
                          <span className="mx-flag-mark" aria-hidden="true">
                            !
                          </span>
                        )}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td />
            {matrix.impact.map((axisLevel, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an axis level is its position on the axis
              <th key={index} scope="col" title={axisLevel.description || undefined}>
                <span className="mx-axis-label">{axisName(matrix, "impact", index + 1)}</span>
                {axisLevel.range && <small className="mx-range">{axisLevel.range}</small>}
              </th>
            ))}
          </tr>
        </tfoot>
      </table>
      <span className="mx-axis-title mx-axis-x" aria-hidden="true">
        Impact →
      </span>
    </div>
  );
}

/// What the consistency check says about the draft.
function CheckPanel({
  matrix,
  check,
  checkError,
}: {
  matrix: Matrix;
  check: MatrixCheck | null;
  checkError: IpcError | null;
}) {
  return (
    <section className="mx-check" aria-labelledby="mx-check-title" aria-live="polite">
      <h3 id="mx-check-title">Check</h3>
      {checkError ? (
        <p className="mx-check-error">Fix the error first: {checkError.message}</p>
      ) : !check ? (
        <p className="muted">Checking…</p>
      ) : (
        <>
          <p className="mx-reachable">
            {check.distinct_levels} of {matrix.levels.length} levels reachable
          </p>
          {check.warnings.length === 0 ? (
            <p className="muted">No warnings: every cell is at least as high as its less severe neighbours.</p>
          ) : (
            <ul className="mx-warnings" aria-label="Warnings">
              {check.warnings.map((warning, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one check's warnings, replaced whole by the next check
                <li key={i} className={`mx-warning ${warning.kind}`}>
                  {describeWarning(matrix, warning)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function LevelFields({
  index,
  level,
  count,
  errorAt,
  onChange,
}: {
  index: number;
  level: RiskLevel;
  count: number;
  errorAt: (path: string) => string | undefined;
  onChange: (patch: Partial<RiskLevel>) => void;
}) {
  const path = (part: string) => `levels[${index}].${part}`;
  const position = index === 0 ? " (lowest)" : index === count - 1 ? " (highest)" : "";
  const validColour = /^#[0-9a-fA-F]{6}$/.test(level.colour);
  return (
    <fieldset className="mx-level">
      <legend>
        Level {index + 1}
        {position}
      </legend>
      <div className="mx-level-preview" aria-hidden="true">
        {validColour ? <LevelChip level={level} /> : <span className="muted">–</span>}
      </div>
      <Field label="Name" error={errorAt(path("name"))}>
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={!!errorAt(path("name"))}
            value={level.name}
            onChange={(e) => onChange({ name: e.target.value })}
          />
        )}
      </Field>
      <Field label="Colour" error={errorAt(path("colour"))}>
        {(id, describedBy) => (
          <div className="mx-colour">
            <input
              type="color"
              aria-label={`Pick the colour of level ${index + 1}`}
              value={validColour ? level.colour.toLowerCase() : "#000000"}
              onChange={(e) => onChange({ colour: e.target.value.toUpperCase() })}
            />
            <input
              id={id}
              className="mx-hex"
              aria-describedby={describedBy}
              aria-invalid={!!errorAt(path("colour"))}
              value={level.colour}
              spellCheck={false}
              onChange={(e) => onChange({ colour: e.target.value.trim() })}
            />
          </div>
        )}
      </Field>
      <Field label="Review every (days)" error={errorAt(path("review_days"))}>
        {(id, describedBy) => (
          <input
            id={id}
            type="number"
            min={1}
            max={3650}
            className="mx-days"
            aria-describedby={describedBy}
            aria-invalid={!!errorAt(path("review_days"))}
            value={level.review_days}
            onChange={(e) => {
              const days = Math.floor(Number(e.target.value));
              onChange({ review_days: Number.isFinite(days) && days > 0 ? days : 0 });
            }}
          />
        )}
      </Field>
      <label className="mx-check-label">
        <input
          type="checkbox"
          checked={level.within_appetite}
          onChange={(e) => onChange({ within_appetite: e.target.checked })}
        />
        Within appetite
      </label>
      <Field label="Description" error={errorAt(path("description"))}>
        {(id, describedBy) => (
          <input
            id={id}
            className="mx-wide"
            aria-describedby={describedBy}
            aria-invalid={!!errorAt(path("description"))}
            value={level.description}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

function AxisFields({
  axis,
  levels,
  errorAt,
  onChange,
}: {
  axis: Axis;
  levels: AxisLevel[];
  errorAt: (path: string) => string | undefined;
  onChange: (position: number, patch: Partial<AxisLevel>) => void;
}) {
  const title = axis === "likelihood" ? "Likelihood" : "Impact";
  return (
    <section className="mx-axis" aria-label={`${title} levels`}>
      <h3>{title} (lowest first)</h3>
      {levels.map((level, index) => {
        const position = index + 1;
        const path = (part: string) => `${axis}[${position}].${part}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: an axis level is its position on the axis (the grid refers to it so)
          <fieldset key={index} className="mx-axis-level">
            <legend>
              {title} {position}
            </legend>
            <Field label="Label" error={errorAt(path("label"))}>
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={!!errorAt(path("label"))}
                  value={level.label}
                  onChange={(e) => onChange(position, { label: e.target.value })}
                />
              )}
            </Field>
            <Field label="Range" error={errorAt(path("range"))} hint="Optional, e.g. 20–50 % or €100k–€1M">
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={!!errorAt(path("range"))}
                  value={level.range ?? ""}
                  onChange={(e) => onChange(position, { range: e.target.value === "" ? null : e.target.value })}
                />
              )}
            </Field>
            <Field label="Description" error={errorAt(path("description"))}>
              {(id, describedBy) => (
                <textarea
                  id={id}
                  rows={2}
                  aria-describedby={describedBy}
                  aria-invalid={!!errorAt(path("description"))}
                  value={level.description}
                  onChange={(e) => onChange(position, { description: e.target.value })}
                />
              )}
            </Field>
          </fieldset>
        );
      })}
    </section>
  );
}

/// Edits a custom matrix. The axes keep their sizes; the grid, names, colours, review
/// intervals and appetite can change. Saving calls `update_matrix`.
export function MatrixEditor({
  matrix,
  onSaved,
  onCancel,
}: {
  matrix: Matrix;
  onSaved: (matrix: Matrix) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Matrix>(matrix);
  const [check, setCheck] = useState<MatrixCheck | null>(null);
  // The check runs as the draft changes; its error and the save's are kept apart.
  const checking = useCommand();
  const saveCommand = useCommand();
  const checkError = checking.error;
  const saveError = saveCommand.error;
  const setSaveError = saveCommand.setError;
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void checking.run(
        async () => {
          const result = await api.checkMatrix(draft);
          if (live) setCheck(result);
        },
        { stale: () => !live, onError: () => setCheck(null) },
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, checking.run]);

  const update = (change: (m: Matrix) => Matrix) => {
    setDraft(change);
    setSaveError(null);
  };
  const setLevel = (index: number, patch: Partial<RiskLevel>) =>
    update((m) => ({ ...m, levels: m.levels.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
  const setAxis = (axis: Axis) => (position: number, patch: Partial<AxisLevel>) =>
    update((m) => ({ ...m, [axis]: m[axis].map((a, i) => (i === position - 1 ? { ...a, ...patch } : a)) }));
  const stepCell = (likelihood: number, impact: number, step: 1 | -1) =>
    update((m) => {
      const n = m.levels.length;
      const grid = m.grid.map((row, l) =>
        l === likelihood - 1 ? row.map((cell, i) => (i === impact - 1 ? (cell + step + n) % n : cell)) : row,
      );
      return { ...m, grid };
    });

  const error = saveError ?? checkError;
  const errorAt = (path: string) => errorOf(error, path);
  const gridError = errorOf(error, "grid");
  const elsewhere = error && (!error.field || !(fieldPaths(draft).has(error.field) || gridError));
  const flagged = new Set(
    (check?.warnings ?? []).flatMap((w) =>
      w.kind === "not_monotonic" ? [cellKey(w.cell.likelihood, w.cell.impact)] : [],
    ),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaveError(null);
    await saveCommand.run(
      async () => {
        const saved = await api.updateMatrix(draft);
        setSaving(false);
        onSaved(saved);
      },
      { onError: () => setSaving(false) },
    );
  };

  return (
    <form className="mx-editor" aria-label={`Edit matrix ${matrix.name}`} onSubmit={submit} noValidate>
      <header className="mx-editor-head">
        <h2>Edit matrix</h2>
        <span className="muted">
          {draft.likelihood.length}×{draft.impact.length} · the axes keep their size; clone a preset of another
          size for a different shape
        </span>
      </header>
      {elsewhere && error && (
        <p className="banner-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="mx-general">
        <Field label="Matrix name" error={errorAt("name")}>
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={!!errorAt("name")}
              value={draft.name}
              onChange={(e) => update((m) => ({ ...m, name: e.target.value }))}
            />
          )}
        </Field>
        <Field label="Matrix description" error={errorAt("description")}>
          {(id, describedBy) => (
            <textarea
              id={id}
              rows={2}
              aria-describedby={describedBy}
              aria-invalid={!!errorAt("description")}
              value={draft.description}
              onChange={(e) => update((m) => ({ ...m, description: e.target.value }))}
            />
          )}
        </Field>
      </div>
      <div className="mx-grid-and-check">
        <section aria-label="Grid">
          <MatrixGrid matrix={draft} caption="Click a cell for the next level" onCell={stepCell} flagged={flagged} />
          {gridError && (
            <p className="field-error" role="alert">
              {gridError}
            </p>
          )}
        </section>
        <CheckPanel matrix={draft} check={check} checkError={checkError} />
      </div>
      <section className="mx-levels" aria-label="Risk levels">
        <h3>Risk levels (lowest first)</h3>
        {draft.levels.map((level, index) => (
          <LevelFields
            // biome-ignore lint/suspicious/noArrayIndexKey: a risk level is its position (the grid refers to it so)
            key={index}
            index={index}
            level={level}
            count={draft.levels.length}
            errorAt={errorAt}
            onChange={(patch) => setLevel(index, patch)}
          />
        ))}
      </section>
      <div className="mx-axes">
        <AxisFields axis="likelihood" levels={draft.likelihood} errorAt={errorAt} onChange={setAxis("likelihood")} />
        <AxisFields axis="impact" levels={draft.impact} errorAt={errorAt} onChange={setAxis("impact")} />
      </div>
      <footer className="mx-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? "Saving…" : "Save matrix"}
        </button>
      </footer>
    </form>
  );
}
