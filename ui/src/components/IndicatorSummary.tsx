import type { HealthRow } from "../bindings";
import { bandsOf, formatValue, linesOf } from "../lib/health";
import { TimeChart } from "./charts/TimeChart";
import { HealthChip } from "./HealthChip";
import "./indicator-summary.css";

/// One indicator at a glance: its name, status, reason and the trend of its last readings
/// with the amber and red bands (the review screen shows this while the analyst decides).
export function IndicatorSummary({ row }: { row: HealthRow }) {
  const { indicator: i, status: s } = row;
  const fmt = (v: number) => formatValue(i.unit, v);
  return (
    <section className="indicator-summary" aria-label={`Indicator ${i.name}`}>
      <header>
        <strong>{i.name}</strong> <HealthChip status={s.status} />
        {s.change_words && <small className="muted"> {s.change_words}</small>}
      </header>
      <p className="indicator-reason">{s.reason}</p>
      {row.recent.length > 0 && (
        <TimeChart
          label={`${i.name}: last readings with the amber and red bands`}
          seriesLabel={i.name}
          points={row.recent}
          bands={bandsOf(i)}
          lines={linesOf(i)}
          height={120}
          format={fmt}
        />
      )}
    </section>
  );
}
