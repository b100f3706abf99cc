// Where we disagree: our heat map beside the partner's (over the risks they scored), and
// the risks whose cells lie more than one step apart, with both scores, the partner's
// comment, who and when.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { Disagreement, Matrix, PartnerView, RegisterRow, Score, ScoreKind } from "../../bindings";
import { ErrorBanner } from "../../components/ErrorBanner";
import { HeatGrid } from "../../components/HeatGrid";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
import { humanise, plural } from "../../lib/text";
import { useCommand } from "../../lib/useCommand";
import { shortWhen } from "./words";
import "./exchange.css";

type Data = { matrix: Matrix; rows: RegisterRow[]; views: PartnerView[]; disagreements: Disagreement[] };

/// The newest view of each risk (the core lists them newest first).
export function latestViews(views: PartnerView[]): Map<string, PartnerView> {
  const latest = new Map<string, PartnerView>();
  for (const v of views) if (!latest.has(v.risk_id)) latest.set(v.risk_id, v);
  return latest;
}

function countCells(matrix: Matrix, scores: (Score | null)[]): number[][] {
  const counts = matrix.likelihood.map(() => matrix.impact.map(() => 0));
  for (const s of scores) if (s && counts[s.likelihood - 1]?.[s.impact - 1] !== undefined) counts[s.likelihood - 1][s.impact - 1] += 1;
  return counts;
}

export function DisagreeView({
  partnershipId,
  version,
  onOpenRisk,
}: {
  partnershipId: string;
  version: number;
  onOpenRisk: (riskId: string) => void;
}) {
  const [data, setData] = useState<Data | null>(null);
  const [kind, setKind] = useState<ScoreKind>("residual");
  const { run, error } = useCommand();

  useEffect(() => {
    let live = true;
    void run(
      async () => {
        const [table, views, disagreements] = await Promise.all([
          api.register(partnershipId),
          api.partnerViews(partnershipId),
          api.disagreements(partnershipId),
        ]);
        if (live) setData({ matrix: table.matrix, rows: table.rows, views, disagreements });
      },
      { stale: () => !live },
    );
    return () => {
      live = false;
    };
  }, [partnershipId, version, run]);

  if (!data) return <ErrorBanner error={error} />;
  const latest = latestViews(data.views);
  const viewed = data.rows.filter((r) => latest.get(r.id)?.[kind]);
  const ours = countCells(data.matrix, viewed.map((r) => r[kind]));
  const theirs = countCells(data.matrix, viewed.map((r) => latest.get(r.id)?.[kind] ?? null));
  const author = data.views[0]?.author || "the partner";

  return (
    <div>
      <ErrorBanner error={error} />
      <p className="muted">
        {author} scored {plural(latest.size, "risk")} of ours; the latest view of each is compared with our scores. Their
        views never change ours.
      </p>
      <div className="score-tabs" role="group" aria-label="Which score the heat maps show">
        {(["inherent", "residual", "target"] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {humanise(k)}
          </button>
        ))}
      </div>
      <div className="xch-disagree-maps">
        <figure>
          <figcaption>Ours</figcaption>
          <HeatGrid matrix={data.matrix} counts={ours} label={`Our ${kind} heat map`} />
        </figure>
        <figure>
          <figcaption>The partner's ({author})</figcaption>
          <HeatGrid matrix={data.matrix} counts={theirs} label={`The partner's ${kind} heat map`} />
        </figure>
      </div>
      <p className="muted">{plural(viewed.length, "risk")} with a {kind} score from both sides.</p>
      <h3>Risks more than one step apart</h3>
      <DisagreeList matrix={data.matrix} disagreements={data.disagreements} latest={latest} onOpenRisk={onOpenRisk} />
    </div>
  );
}

export function DisagreeList({
  matrix,
  disagreements,
  latest,
  onOpenRisk,
}: {
  matrix: Matrix;
  disagreements: Disagreement[];
  latest: Map<string, PartnerView>;
  onOpenRisk: (riskId: string) => void;
}) {
  if (disagreements.length === 0) {
    return <p>No score of the partner's lies more than one step from ours.</p>;
  }
  const score = (s: Score) => (
    <>
      <LevelChip level={levelOf(matrix, s)} score={s} /> L{s.likelihood} I{s.impact}
    </>
  );
  return (
    <table className="plain xch-disagree-list" aria-label="Where we disagree">
      <thead>
        <tr>
          <th scope="col">Risk</th>
          <th scope="col">Score</th>
          <th scope="col">Ours</th>
          <th scope="col">The partner's</th>
          <th scope="col">Apart</th>
          <th scope="col">Their comment</th>
          <th scope="col">Who, when</th>
        </tr>
      </thead>
      <tbody>
        {disagreements.map((d) => (
          <tr key={`${d.risk_id}-${d.kind}`}>
            <td>
              <button type="button" className="link" onClick={() => onOpenRisk(d.risk_id)}>
                {d.reference}
              </button>{" "}
              {d.title}
            </td>
            <td>{humanise(d.kind)}</td>
            <td className="xch-score">{score(d.ours)}</td>
            <td className="xch-score">{score(d.theirs)}</td>
            <td>{plural(d.steps, "step")}</td>
            <td className="xch-comment">{latest.get(d.risk_id)?.comment || <span className="muted">No comment</span>}</td>
            <td className="xch-who">
              {d.author}
              <br />
              <small className="muted">{shortWhen(d.at)}</small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
