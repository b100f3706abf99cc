// A matrix drawn as a heat map: each cell in its level's colour with the number of risks in
// it. The Heat map tab and Where we disagree (ours beside the partner's) draw it.
import type { Matrix, Score } from "../bindings";
import { textOn } from "../lib/levels";

export function HeatGrid({
  matrix,
  counts,
  label,
  onCell,
}: {
  matrix: Matrix;
  /// `counts[likelihood - 1][impact - 1]`.
  counts: number[][];
  /// The grid's accessible name, e.g. "Residual heat map".
  label: string;
  /// Clicking a cell; without it the cells are not buttons.
  onCell?: (cell: Score) => void;
}) {
  const rows = matrix.likelihood.map((_, k) => matrix.likelihood.length - k);
  const columns = matrix.impact.map((_, k) => k + 1);
  return (
    <div
      className="matrix"
      role="group"
      aria-label={label}
      style={{ gridTemplateColumns: `minmax(110px, auto) repeat(${columns.length}, minmax(64px, 1fr))` }}
    >
      {rows.map((l) => (
        <div key={l} style={{ display: "contents" }}>
          <div className="axis vertical" title={matrix.likelihood[l - 1].description}>
            {matrix.likelihood[l - 1].label}
          </div>
          {columns.map((i) => {
            const level = matrix.levels[matrix.grid[l - 1][i - 1]];
            const count = counts[l - 1]?.[i - 1] ?? 0;
            const name = `Likelihood ${l} ${matrix.likelihood[l - 1].label}, impact ${i} ${matrix.impact[i - 1].label}: ${count} ${count === 1 ? "risk" : "risks"}`;
            const style = { background: level.colour, color: textOn(level.colour), opacity: count ? 1 : 0.55 };
            const body = (
              <>
                <span className="count">{count || ""}</span>
                {level.name}
              </>
            );
            return onCell ? (
              <button key={i} type="button" className="cell" style={style} aria-label={name} onClick={() => onCell({ likelihood: l, impact: i })}>
                {body}
              </button>
            ) : (
              <div key={i} className="cell" style={style} role="img" aria-label={name}>
                {body}
              </div>
            );
          })}
        </div>
      ))}
      <div className="axis">Likelihood ↑ / Impact →</div>
      {columns.map((i) => (
        <div key={i} className="axis" title={matrix.impact[i - 1].description}>
          {matrix.impact[i - 1].label}
        </div>
      ))}
    </div>
  );
}
