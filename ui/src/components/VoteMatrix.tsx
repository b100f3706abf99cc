// The partnership's matrix as the room sees it: its level colours, axis labels with their
// descriptions, and — after a reveal — every vote as a dot in its cell, the median cell
// outlined and outliers ringed. With `onPick`, cells are buttons (a vote, an agreed score).
// A review draws a risk's scores as lettered marks and moves a keyboard cursor over it.
import { useState } from "react";
import type { Matrix, Score } from "../bindings";
import { cellName, textOn } from "../lib/levels";
import "./vote-matrix.css";

export interface CellDots {
  /// Votes in the cell.
  count: number;
  /// Names of the voters, when the workshop is named (else empty).
  names: string[];
  /// Whether the votes in this cell are outliers under the rule.
  outlier: boolean;
}

/// A score drawn in its cell as a short letter ("I", "R", "T"), named in the cell's label.
export interface CellMark {
  score: Score;
  short: string;
  name: string;
}

export function VoteMatrix({
  matrix,
  label,
  selected = null,
  onPick,
  dots,
  median = null,
  size = "normal",
  describe = true,
  marks = [],
  cursor = null,
}: {
  matrix: Matrix;
  label: string;
  selected?: Score | null;
  onPick?: (score: Score) => void;
  /// `dots[likelihood - 1][impact - 1]`.
  dots?: CellDots[][];
  median?: Score | null;
  size?: "normal" | "large";
  /// Show the hovered cell's level and axis descriptions under the grid.
  describe?: boolean;
  marks?: CellMark[];
  /// The keyboard cursor's cell (outlined), also the cell described under the grid.
  cursor?: Score | null;
}) {
  const [hover, setHover] = useState<Score | null>(null);
  const shown = hover ?? cursor ?? selected;
  const rows = matrix.likelihood.map((_, k) => matrix.likelihood.length - k); // highest first
  const columns = matrix.impact.map((_, k) => k + 1);
  const axisTitle = (axis: { description: string; range: string | null }) =>
    axis.range ? `${axis.description} (${axis.range})` : axis.description;

  return (
    <div role="group" aria-label={label} className={`ws-matrix ${size}`}>
      <div className="ws-matrix-body">
        <div className="ws-axis-title vertical" aria-hidden="true">
          Likelihood
        </div>
        <div
          className="ws-grid"
          style={{ gridTemplateColumns: `minmax(5.5rem, auto) repeat(${columns.length}, minmax(0, 1fr))` }}
          onMouseLeave={() => setHover(null)}
        >
          {rows.map((l) => (
            <div key={l} style={{ display: "contents" }}>
              <div className="ws-axis vertical" title={axisTitle(matrix.likelihood[l - 1]!)}>
                <span className="n">{l}</span> {matrix.likelihood[l - 1]!.label}
              </div>
              {columns.map((i) => {
                const level = matrix.levels[matrix.grid[l - 1]![i - 1]!]!;
                const cell = dots?.[l - 1]?.[i - 1];
                const isMedian = median?.likelihood === l && median?.impact === i;
                const isSelected = selected?.likelihood === l && selected?.impact === i;
                const isCursor = cursor?.likelihood === l && cursor?.impact === i;
                const here = marks.filter((m) => m.score.likelihood === l && m.score.impact === i);
                const classes = [
                  "ws-cell",
                  isCursor ? "cursor" : "",
                  isMedian ? "median" : "",
                  isSelected ? "selected" : "",
                  cell?.outlier && cell.count > 0 ? "outlier" : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                const style = { background: level.colour, color: textOn(level.colour) };
                const name = [cellName(matrix, l, i), ...here.map((m) => m.name)].join(", ");
                const content = (
                  <>
                    {cell && cell.count > 0 && <Dots cell={cell} />}
                    {isSelected && !cell?.count && !here.length && <span className="ws-pick-mark">●</span>}
                    {here.length > 0 && (
                      <span className="ws-marks" aria-hidden="true">
                        {here.map((m) => (
                          <span key={m.short} className="ws-mark" title={m.name}>
                            {m.short}
                          </span>
                        ))}
                      </span>
                    )}
                  </>
                );
                const focus = () => setHover({ likelihood: l, impact: i });
                return onPick ? (
                  <button
                    key={i}
                    type="button"
                    className={classes}
                    style={style}
                    aria-label={name}
                    aria-pressed={isSelected}
                    aria-current={isCursor || undefined}
                    onMouseEnter={focus}
                    onFocus={focus}
                    onBlur={() => setHover(null)}
                    onClick={() => onPick({ likelihood: l, impact: i })}
                  >
                    {content}
                  </button>
                ) : (
                  <div
                    key={i}
                    className={classes}
                    style={style}
                    role="img"
                    aria-label={
                      dots
                        ? `${name}, ${cell?.count ?? 0} ${cell?.count === 1 ? "vote" : "votes"}${isMedian ? ", the median" : ""}`
                        : name
                    }
                    title={`${level.name}: ${level.description}`}
                    onMouseEnter={focus}
                  >
                    {content}
                  </div>
                );
              })}
            </div>
          ))}
          <div />
          {columns.map((i) => (
            <div key={i} className="ws-axis" title={axisTitle(matrix.impact[i - 1]!)}>
              <span className="n">{i}</span> {matrix.impact[i - 1]!.label}
            </div>
          ))}
        </div>
      </div>
      <div className="ws-axis-title" aria-hidden="true">
        Impact
      </div>
      {dots && (
        <p className="ws-matrix-key">
          <span className="ws-key-median" aria-hidden="true" /> median cell
          {dots.some((row) => row.some((c) => c.outlier && c.count > 0)) && (
            <>
              {" "}
              · <strong>!</strong> outliers (outside the window): they explain first
            </>
          )}
        </p>
      )}
      {describe && (
        <p className="ws-cell-help" aria-live="polite">
          {shown ? <CellHelp matrix={matrix} score={shown} /> : "Point at a cell to read what its likelihood and impact mean."}
        </p>
      )}
    </div>
  );
}

function Dots({ cell }: { cell: CellDots }) {
  const visible = Math.min(cell.count, 12);
  return (
    <span className="ws-dots" aria-hidden="true">
      <span className="ws-count">{cell.count}</span>
      <span className="ws-dot-row">
        {Array.from({ length: visible }, (_, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical dots, counted
          <span key={k} className="ws-dot" />
        ))}
      </span>
      {cell.names.length > 0 && <span className="ws-dot-names">{cell.names.join(", ")}</span>}
    </span>
  );
}

function CellHelp({ matrix, score }: { matrix: Matrix; score: Score }) {
  const l = matrix.likelihood[score.likelihood - 1]!;
  const i = matrix.impact[score.impact - 1]!;
  const level = matrix.levels[matrix.grid[score.likelihood - 1]![score.impact - 1]!]!;
  return (
    <>
      <strong>{level.name}</strong>
      {level.description && ` — ${level.description.replace(/[.\s]+$/, "")}`}. Likelihood <em>{l.label}</em>:{" "}
      {l.description.replace(/[.\s]+$/, "")}
      {l.range && ` (${l.range})`}; impact <em>{i.label}</em>: {i.description.replace(/[.\s]+$/, "")}
      {i.range && ` (${i.range})`}.
    </>
  );
}

/// The level legend: each level's colour, name and description.
export function LevelLegend({ matrix }: { matrix: Matrix }) {
  return (
    <ul className="ws-legend" aria-label="Risk levels">
      {matrix.levels.map((level) => (
        <li key={level.name} title={level.description}>
          <span className="ws-swatch" style={{ background: level.colour }} aria-hidden="true" />
          {level.name}
        </li>
      ))}
    </ul>
  );
}
