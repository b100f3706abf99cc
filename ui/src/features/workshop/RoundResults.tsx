// A revealed round: every vote on the matrix, a histogram by level, the spread per axis,
// the rule's verdict and the outliers (the people the room asks to explain first).
import type { Ballot, Matrix, RoundView, Score, Spread, Verdict } from "../../bindings";
import { textOn } from "../../lib/levels";
import { VoteMatrix, type CellDots } from "../../components/VoteMatrix";
import { VERDICT_LABEL } from "./words";

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`ws-verdict ${verdict}`} role="status" aria-label={`Verdict: ${VERDICT_LABEL[verdict]}`}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

/// The dots of each cell: counts from the spread, names from named ballots.
export function dotsOf(matrix: Matrix, ballots: Ballot[], spread: Spread | null): CellDots[][] {
  const outliers = new Set(spread?.outliers ?? []);
  const grid: CellDots[][] = matrix.likelihood.map(() => matrix.impact.map(() => ({ count: 0, names: [], outlier: false })));
  ballots.forEach((b, n) => {
    const cell = grid[b.score.likelihood - 1]?.[b.score.impact - 1];
    if (!cell) return;
    cell.count += 1;
    if (b.participant_name) cell.names.push(b.participant_name);
    if (outliers.has(n)) cell.outlier = true;
  });
  return grid;
}

export function RoundResults({
  matrix,
  round,
  size = "normal",
  pick,
}: {
  matrix: Matrix;
  round: RoundView;
  size?: "normal" | "large";
  /// While deciding: the agreed cell and how to change it.
  pick?: { selected: Score | null; onPick: (score: Score) => void };
}) {
  const spread = round.spread;
  return (
    <div className="ws-results">
      <VoteMatrix
        matrix={matrix}
        label={pick ? "Agreed score" : `Votes of round ${round.number}`}
        dots={dotsOf(matrix, round.ballots, spread)}
        median={spread?.median ?? null}
        size={size}
        selected={pick?.selected ?? null}
        onPick={pick?.onPick}
      />
      {spread && (
        <div className="ws-stats">
          <div className="ws-verdict-line">
            <VerdictBadge verdict={spread.verdict} />
            <span className="muted">
              {spread.votes} {spread.votes === 1 ? "vote" : "votes"} · {Math.round(spread.share_within)} % within the window
            </span>
          </div>
          <Histogram matrix={matrix} spread={spread} />
          <SpreadTable matrix={matrix} spread={spread} />
          <BallotList ballots={round.ballots} outliers={spread.outliers} matrix={matrix} />
        </div>
      )}
    </div>
  );
}

function Histogram({ matrix, spread }: { matrix: Matrix; spread: Spread }) {
  const most = Math.max(1, ...spread.histogram);
  return (
    <table className="ws-histogram" aria-label="Votes by level">
      <tbody>
        {matrix.levels.map((level, k) => {
          const n = spread.histogram[k] ?? 0;
          return (
            <tr key={level.name} className={k === spread.median_level ? "median" : undefined}>
              <th scope="row">{level.name}</th>
              <td>
                <span
                  className="ws-bar"
                  style={{ width: `${(n / most) * 100}%`, background: level.colour, color: textOn(level.colour) }}
                />
              </td>
              <td className="n">{n}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SpreadTable({ matrix, spread }: { matrix: Matrix; spread: Spread }) {
  const levelName = (rank: number) => matrix.levels[rank - 1]?.name ?? String(rank);
  const rows: [string, string, string, number][] = [
    [
      "Likelihood",
      `${spread.likelihood.min}–${spread.likelihood.max}`,
      matrix.likelihood[spread.likelihood.median - 1]?.label ?? "",
      spread.likelihood.range,
    ],
    [
      "Impact",
      `${spread.impact.min}–${spread.impact.max}`,
      matrix.impact[spread.impact.median - 1]?.label ?? "",
      spread.impact.range,
    ],
    [
      "Level",
      spread.level.min === spread.level.max
        ? levelName(spread.level.min)
        : `${levelName(spread.level.min)}–${levelName(spread.level.max)}`,
      levelName(spread.level.median),
      spread.level.range,
    ],
  ];
  return (
    <table className="plain ws-spread" aria-label="Spread">
      <thead>
        <tr>
          <th>Axis</th>
          <th>Votes</th>
          <th>Median</th>
          <th>Range</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([axis, span, median, range]) => (
          <tr key={axis}>
            <th scope="row">{axis}</th>
            <td>{span}</td>
            <td>{median}</td>
            <td>{range === 1 ? "1 step" : `${range} steps`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BallotList({ ballots, outliers, matrix }: { ballots: Ballot[]; outliers: number[]; matrix: Matrix }) {
  const shown = ballots
    .map((b, n) => ({ b, n, outlier: outliers.includes(n) }))
    .filter(({ b, outlier }) => outlier || b.comment || b.participant_name || b.source !== "room");
  if (shown.length === 0) return null;
  return (
    <ul className="ws-ballots" aria-label="Votes">
      {shown.map(({ b, n, outlier }) => (
        <li key={n} className={outlier ? "outlier" : undefined}>
          <span className="ws-ballot-score">
            {b.score.likelihood}·{b.score.impact}{" "}
            {matrix.levels[matrix.grid[b.score.likelihood - 1]?.[b.score.impact - 1] ?? -1]?.name}
          </span>{" "}
          {b.participant_name && <strong>{b.participant_name}</strong>}
          {b.source === "proxy" && <span className="muted"> (proxy)</span>}
          {outlier && <span className="ws-outlier-tag">outlier — explains first</span>}
          {b.comment && <span className="ws-comment">“{b.comment}”</span>}
        </li>
      ))}
    </ul>
  );
}
