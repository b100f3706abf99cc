// Scores a risk by clicking a cell of the partnership's own matrix (any size).
import { useState } from "react";
import type { Matrix, Score } from "../../bindings";
import { textOn } from "../../lib/levels";

export function cellLabel(matrix: Matrix, l: number, i: number): string {
  const level = matrix.levels[matrix.grid[l - 1][i - 1]];
  return `Likelihood ${l} ${matrix.likelihood[l - 1].label}, impact ${i} ${matrix.impact[i - 1].label}: ${level.name}`;
}

export function ScorePicker({
  matrix,
  value,
  onChange,
  label,
}: {
  matrix: Matrix;
  value: Score | null;
  onChange: (score: Score | null) => void;
  label: string;
}) {
  const [hover, setHover] = useState<Score | null>(null);
  const shown = hover ?? value;
  const rows = matrix.likelihood.map((_, k) => matrix.likelihood.length - k); // highest first
  const columns = matrix.impact.map((_, k) => k + 1);
  return (
    <div role="group" aria-label={label}>
      <div
        className="matrix"
        style={{ gridTemplateColumns: `minmax(90px, auto) repeat(${columns.length}, minmax(0, 1fr))` }}
        onMouseLeave={() => setHover(null)}
      >
        {rows.map((l) => (
          <div key={l} style={{ display: "contents" }}>
            <div className="axis vertical" title={matrix.likelihood[l - 1].description}>
              {l} · {matrix.likelihood[l - 1].label}
            </div>
            {columns.map((i) => {
              const level = matrix.levels[matrix.grid[l - 1][i - 1]];
              const selected = value?.likelihood === l && value?.impact === i;
              return (
                <button
                  key={i}
                  type="button"
                  className="cell"
                  aria-label={cellLabel(matrix, l, i)}
                  aria-pressed={selected}
                  style={{ background: level.colour, color: textOn(level.colour) }}
                  onMouseEnter={() => setHover({ likelihood: l, impact: i })}
                  onFocus={() => setHover({ likelihood: l, impact: i })}
                  onBlur={() => setHover(null)}
                  onClick={() => onChange({ likelihood: l, impact: i })}
                >
                  {selected ? "●" : ""}
                </button>
              );
            })}
          </div>
        ))}
        <div />
        {columns.map((i) => (
          <div key={i} className="axis" title={matrix.impact[i - 1].description}>
            {i} · {matrix.impact[i - 1].label}
          </div>
        ))}
      </div>
      <div className="level-help" aria-live="polite">
        {shown ? (
          <>
            <strong>{matrix.levels[matrix.grid[shown.likelihood - 1][shown.impact - 1]].name}</strong> — likelihood{" "}
            <em>{matrix.likelihood[shown.likelihood - 1].label}</em>: {matrix.likelihood[shown.likelihood - 1].description}{" "}
            {matrix.likelihood[shown.likelihood - 1].range && `(${matrix.likelihood[shown.likelihood - 1].range})`}; impact{" "}
            <em>{matrix.impact[shown.impact - 1].label}</em>: {matrix.impact[shown.impact - 1].description}{" "}
            {matrix.impact[shown.impact - 1].range && `(${matrix.impact[shown.impact - 1].range})`}
          </>
        ) : (
          "Not scored. Click the cell that fits."
        )}
      </div>
      {value && (
        <button type="button" className="ghost" onClick={() => onChange(null)}>
          Clear this score
        </button>
      )}
    </div>
  );
}
