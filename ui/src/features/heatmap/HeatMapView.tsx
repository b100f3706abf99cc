// The partnership's matrix with the number of risks in each cell, for any of the three
// scores, and the movement from inherent to residual. Clicking a cell filters the
// register to it.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { HeatMap, Matrix, Movement, Score, ScoreKind } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LevelChip } from "../../components/LevelChip";
import { levelOf, textOn } from "../../lib/levels";
import { humanise } from "../../lib/text";
import { useCommand } from "../../lib/useCommand";

type Mode = ScoreKind | "movement";

export function HeatMapView({
  partnershipId,
  version,
  onCell,
}: {
  partnershipId: string;
  version: number;
  onCell: (kind: ScoreKind, cell: Score) => void;
}) {
  const [mode, setMode] = useState<Mode>("residual");
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [map, setMap] = useState<HeatMap | null>(null);
  const [moves, setMoves] = useState<Movement[]>([]);
  const { run, error } = useCommand();

  useEffect(() => {
    let live = true;
    void run(
      async () => {
        const [partnerships, matrices] = await Promise.all([api.listPartnerships(true), api.matrices()]);
        const p = partnerships.find((x) => x.id === partnershipId);
        const m = matrices.find((x) => x.id === p?.matrix_id) ?? null;
        if (!live) return;
        setMatrix(m);
        if (mode === "movement") setMoves(await api.movement(partnershipId));
        else setMap(await api.heatMap(partnershipId, mode));
      },
      { stale: () => !live },
    );
    return () => {
      live = false;
    };
  }, [partnershipId, mode, version, run]);

  return (
    <div>
      <ErrorBanner error={error} />
      <div className="score-tabs" role="group" aria-label="Which score the heat map shows">
        {(["inherent", "residual", "target", "movement"] as const).map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {m === "movement" ? "Inherent → residual" : humanise(m)}
          </button>
        ))}
      </div>
      {matrix && mode !== "movement" && map && map.kind === mode && (
        <div className="heat">
          <div>
            <Grid matrix={matrix} map={map} onCell={(cell) => onCell(mode, cell)} />
            <p className="muted">
              {map.counts.flat().reduce((a, b) => a + b, 0)} risks scored
              {map.unscored > 0 ? `, ${map.unscored} without a ${mode} score` : ""}. Click a cell to list its risks.
            </p>
          </div>
          <Legend matrix={matrix} />
        </div>
      )}
      {matrix && mode === "movement" && <MovementTable matrix={matrix} moves={moves} />}
    </div>
  );
}

function Grid({ matrix, map, onCell }: { matrix: Matrix; map: HeatMap; onCell: (cell: Score) => void }) {
  const rows = matrix.likelihood.map((_, k) => matrix.likelihood.length - k);
  const columns = matrix.impact.map((_, k) => k + 1);
  return (
    <div
      className="matrix"
      role="group"
      aria-label={`${humanise(map.kind)} heat map`}
      style={{ gridTemplateColumns: `minmax(110px, auto) repeat(${columns.length}, minmax(64px, 1fr))` }}
    >
      {rows.map((l) => (
        <div key={l} style={{ display: "contents" }}>
          <div className="axis vertical" title={matrix.likelihood[l - 1].description}>
            {matrix.likelihood[l - 1].label}
          </div>
          {columns.map((i) => {
            const level = matrix.levels[matrix.grid[l - 1][i - 1]];
            const count = map.counts[l - 1]?.[i - 1] ?? 0;
            return (
              <button
                key={i}
                type="button"
                className="cell"
                style={{ background: level.colour, color: textOn(level.colour), opacity: count ? 1 : 0.55 }}
                aria-label={`Likelihood ${l} ${matrix.likelihood[l - 1].label}, impact ${i} ${matrix.impact[i - 1].label}: ${count} ${count === 1 ? "risk" : "risks"}`}
                onClick={() => onCell({ likelihood: l, impact: i })}
              >
                <span className="count">{count || ""}</span>
                {level.name}
              </button>
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

function Legend({ matrix }: { matrix: Matrix }) {
  return (
    <table className="plain" style={{ maxWidth: 420 }} aria-label="Levels">
      <thead>
        <tr>
          <th>Level</th>
          <th>Review</th>
          <th>Appetite</th>
        </tr>
      </thead>
      <tbody>
        {[...matrix.levels].reverse().map((l) => (
          <tr key={l.name}>
            <td>
              <LevelChip level={l} />
            </td>
            <td>every {l.review_days} days</td>
            <td>{l.within_appetite ? "within" : "outside"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MovementTable({ matrix, moves }: { matrix: Matrix; moves: Movement[] }) {
  const rank = (s: Score) => matrix.grid[s.likelihood - 1]?.[s.impact - 1] ?? 0;
  const total = moves.reduce((a, m) => a + m.count, 0);
  const down = moves.filter((m) => rank(m.to) < rank(m.from)).reduce((a, m) => a + m.count, 0);
  const up = moves.filter((m) => rank(m.to) > rank(m.from)).reduce((a, m) => a + m.count, 0);
  if (total === 0) return <p className="muted">No risk has both an inherent and a residual score yet.</p>;
  return (
    <div>
      <p>
        Of {total} risks with both scores, <strong>{down}</strong> moved to a lower level with today's controls,{" "}
        <strong>{total - down - up}</strong> stayed at the same level{up ? `, ${up} moved up` : ""}.
      </p>
      <table className="plain" style={{ maxWidth: 640 }} aria-label="Movement from inherent to residual">
        <thead>
          <tr>
            <th>Inherent</th>
            <th />
            <th>Residual</th>
            <th>Risks</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((m) => (
            <tr key={`${m.from.likelihood}${m.from.impact}${m.to.likelihood}${m.to.impact}`}>
              <td>
                <LevelChip level={levelOf(matrix, m.from)} score={m.from} /> L{m.from.likelihood} I{m.from.impact}
              </td>
              <td aria-hidden="true">→</td>
              <td>
                <LevelChip level={levelOf(matrix, m.to)} score={m.to} /> L{m.to.likelihood} I{m.to.impact}
              </td>
              <td>{m.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
