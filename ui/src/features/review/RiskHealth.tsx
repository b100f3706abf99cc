// The health indicators that inform the risk under review, each with its status, reason
// and the trend of its last readings with the amber and red bands: what brought the risk
// back, shown while the analyst decides. Nothing when no indicator informs it.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { HealthRow } from "../../bindings";
import { IndicatorSummary } from "../../components/IndicatorSummary";

export function RiskHealth({ riskId, version }: { riskId: string; version?: number }) {
  const [rows, setRows] = useState<HealthRow[]>([]);
  useEffect(() => {
    let gone = false;
    // A help beside the decision: the review works without it.
    api.riskIndicators(riskId).then(
      (r) => !gone && setRows(r ?? []),
      () => !gone && setRows([]),
    );
    return () => {
      gone = true;
    };
  }, [riskId, version]);
  if (rows.length === 0) return null;
  return (
    <section className="rv-health" aria-label="Health indicators">
      <h4>Health indicators</h4>
      {rows.map((row) => (
        <IndicatorSummary key={row.indicator.id} row={row} />
      ))}
    </section>
  );
}
