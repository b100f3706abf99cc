// The partnership's matrix with the number of risks in each cell, for any of the three
// scores, and the movement from inherent to residual. Clicking a cell filters the
// register to it.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { HeatMap, Matrix, Movement, Score, ScoreKind } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { HeatGrid } from "../../components/HeatGrid";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
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
            <HeatGrid matrix={matrix} counts={map.counts} label={`${humanise(map.kind)} heat map`} onCell={(cell) => onCell(mode, cell)} />
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
