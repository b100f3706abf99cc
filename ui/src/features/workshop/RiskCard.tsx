// The risk under discussion, in large type: reference, title, what it is, why and what
// follows, and its current scores (the one the workshop sets marked).
import type { ItemView, Matrix, ScoreKind } from "../../bindings";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";

const KINDS: ScoreKind[] = ["inherent", "residual", "target"];

export function RiskCard({
  view,
  matrix,
  sets,
  showScores = true,
}: {
  view: ItemView;
  matrix: Matrix;
  sets: ScoreKind;
  showScores?: boolean;
}) {
  const risk = view.risk;
  const text: [string, string][] = risk
    ? [
        ["Description", risk.description],
        ["Cause", risk.cause],
        ["Consequence", risk.consequence],
      ]
    : [];
  return (
    <article className="ws-risk" aria-label="Risk">
      <p className="ws-ref">{view.item.reference}</p>
      <h2 className="ws-risk-title">{view.item.title}</h2>
      {!risk && <p className="muted">This risk was deleted after the workshop.</p>}
      {text
        .filter(([, value]) => value.trim())
        .map(([label, value]) => (
          <section key={label}>
            <h3>{label}</h3>
            <p>{value}</p>
          </section>
        ))}
      {risk && text.every(([, value]) => !value.trim()) && <p className="muted">No description yet.</p>}
      {risk && showScores && (
        <dl className="ws-scores">
          {KINDS.map((kind) => (
            <div key={kind} className={kind === sets ? "sets" : undefined}>
              <dt>
                {kind.charAt(0).toUpperCase() + kind.slice(1)}
                {kind === sets && <small className="muted"> · set here</small>}
              </dt>
              <dd>
                <LevelChip level={levelOf(matrix, risk[kind])} score={risk[kind]} />
                {risk[kind] && (
                  <small className="muted">
                    {" "}
                    L{risk[kind]!.likelihood} · I{risk[kind]!.impact}
                  </small>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </article>
  );
}
