// On a risk: the health indicators that bring it back for review (amber, red or stale),
// each with its status and reason in words. Nothing when none does.
import { useEffect, useState } from "react";
import { api } from "../api";
import type { HealthRow } from "../bindings";
import { HealthChip } from "./HealthChip";
import "./indicator-summary.css";

export function HealthNotice({ riskId }: { riskId: string }) {
  const [rows, setRows] = useState<HealthRow[]>([]);
  useEffect(() => {
    let gone = false;
    // A help beside the risk: the editor works without it.
    api.riskIndicators(riskId).then(
      (r) => !gone && setRows((r ?? []).filter((x) => ["amber", "red", "stale"].includes(x.status.status))),
      () => !gone && setRows([]),
    );
    return () => {
      gone = true;
    };
  }, [riskId]);
  if (rows.length === 0) return null;
  return (
    <section className="health-notice" aria-label="Brought back for review by health indicators">
      {rows.map(({ indicator, status }) => (
        <p key={indicator.id}>
          <HealthChip status={status.status} /> {status.reason}
        </p>
      ))}
    </section>
  );
}
