// The partner's view of one risk, beside our scores: their scores and comment from each
// copy they sent back, newest first, dated and attributed. Shown only when there is one.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { Matrix, PartnerView, ScoreKind } from "../../bindings";
import { LevelChip } from "../../components/LevelChip";
import { levelOf } from "../../lib/levels";
import { humanise } from "../../lib/text";

const KINDS: ScoreKind[] = ["inherent", "residual", "target"];

export function PartnerViews({ partnershipId, riskId, matrix }: { partnershipId: string; riskId: string; matrix: Matrix | null }) {
  const [views, setViews] = useState<PartnerView[]>([]);
  useEffect(() => {
    let live = true;
    // A help beside the scores: the editor works without it.
    api.partnerViews(partnershipId).then(
      (all) => live && setViews(all.filter((v) => v.risk_id === riskId)),
      () => live && setViews([]),
    );
    return () => {
      live = false;
    };
  }, [partnershipId, riskId]);
  if (views.length === 0) return null;
  return (
    <section aria-label="The partner's view">
      <h3>The partner's view</h3>
      <ul className="history">
        {views.map((v) => (
          <li key={v.id}>
            <span className="muted">
              {new Date(v.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} · {v.author}
              {v.workspace ? ` (${v.workspace})` : ""}
            </span>
            <div>
              {KINDS.filter((k) => v[k]).map((k) => {
                const s = v[k];
                return (
                  <span key={k} style={{ marginRight: "0.75rem", whiteSpace: "nowrap", display: "inline-block" }}>
                    {humanise(k)} {matrix && <LevelChip level={levelOf(matrix, s)} score={s} />} L{s?.likelihood} I{s?.impact}
                  </span>
                );
              })}
            </div>
            {v.comment && <p style={{ whiteSpace: "pre-wrap", margin: "0.25rem 0 0" }}>{v.comment}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
