// Risk levels and their colours: which level a score falls in, and which text reads on it.
import type { Matrix, RiskLevel, Score } from "../bindings";

/// Black or white text, whichever reads better on `background` (#RRGGBB).
export function textOn(background: string): string {
  const hex = background.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.4 ? "#111111" : "#ffffff";
}

/// The level of a scored cell, looked up in the matrix's grid (never likelihood × impact).
export function levelOf(matrix: Matrix, score: Score | null): RiskLevel | null {
  if (!score) return null;
  const index = matrix.grid[score.likelihood - 1]?.[score.impact - 1];
  return index === undefined ? null : (matrix.levels[index] ?? null);
}

/// "Likelihood 3 Possible, impact 4 Major: High" — the name of a matrix cell.
export function cellName(matrix: Matrix, likelihood: number, impact: number): string {
  const level = matrix.levels[matrix.grid[likelihood - 1]?.[impact - 1] ?? -1];
  return (
    `Likelihood ${likelihood} ${matrix.likelihood[likelihood - 1]?.label ?? ""}, ` +
    `impact ${impact} ${matrix.impact[impact - 1]?.label ?? ""}` +
    (level ? `: ${level.name}` : "")
  );
}
