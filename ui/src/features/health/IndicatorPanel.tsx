// One indicator: its chart with the amber and red bands and every reading, the reason in
// words, the reading entry and the readings, latest first.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type { IndicatorChart } from "../../bindings";
import { TimeChart } from "../../components/charts/TimeChart";
import { ErrorBanner } from "../../components/ErrorBanner";
import { HealthChip } from "../../components/HealthChip";
import { bandsOf, directionWords, formatValue, frequencyWords, linesOf } from "../../lib/health";
import { useCommand } from "../../lib/useCommand";
import { ReadingEntry } from "./ReadingEntry";

/// Readings listed under the chart (the chart shows them all).
const LISTED = 20;

export function IndicatorPanel({
  indicatorId,
  version,
  onChanged,
  onEdit,
  onRemoved,
}: {
  indicatorId: string;
  version: number;
  onChanged: () => void;
  onEdit: () => void;
  onRemoved: () => void;
}) {
  const [chart, setChart] = useState<IndicatorChart | null>(null);
  const { run, error } = useCommand();
  const load = useCallback(
    (stale?: () => boolean) =>
      run(
        async () => {
          const c = await api.indicatorChart(indicatorId);
          if (!stale?.()) setChart(c);
        },
        { stale },
      ),
    [run, indicatorId],
  );
  useEffect(() => {
    let gone = false;
    void load(() => gone);
    return () => {
      gone = true;
    };
  }, [load, version]);

  if (!chart) return <ErrorBanner error={error} />;
  const { indicator: i, status: s } = chart;
  const fmt = (v: number) => formatValue(i.unit, v);
  const points = chart.readings.map((r) => ({ date: r.date, value: r.value }));
  const remove = async () => {
    if (!window.confirm(`Remove the indicator “${i.name}” and its ${chart.readings.length} readings?`)) return;
    if (await run(() => api.removeIndicator(i.id))) onRemoved();
  };
  return (
    <section className="indicator-panel" aria-label={`${i.name} in detail`}>
      <header className="indicator-panel-head">
        <h3>
          {i.name} <HealthChip status={s.status} />
        </h3>
        <small className="muted">
          {directionWords[i.direction]} · amber {fmt(i.amber)} · red {fmt(i.red)}
          {i.target !== null ? ` · target ${fmt(i.target)}` : ""} · {frequencyWords[i.frequency].toLowerCase()}
          {i.owner ? ` · owner ${i.owner}` : ""}
        </small>
        <div className="actions-row">
          <button type="button" onClick={onEdit}>
            Edit indicator…
          </button>
          <button type="button" className="danger" onClick={() => void remove()}>
            Remove
          </button>
        </div>
      </header>
      <ErrorBanner error={error} />
      <p className="indicator-reason">
        {s.reason}
        {s.change_words ? ` (${s.change_words})` : ""}
      </p>
      <TimeChart
        label={`${i.name}: every reading with the amber and red bands`}
        seriesLabel={i.name}
        points={points}
        bands={bandsOf(i)}
        lines={linesOf(i)}
        height={260}
        format={fmt}
      />
      <ReadingEntry
        indicator={i}
        onRecorded={() => {
          void load();
          onChanged();
        }}
      />
      {chart.readings.length > 0 && (
        <table className="readings">
          <caption>
            Latest readings{chart.readings.length > LISTED ? ` (${LISTED} of ${chart.readings.length})` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Value</th>
              <th scope="col">Note</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {chart.readings
              .slice(-LISTED)
              .reverse()
              .map((r) => (
                <tr key={r.id}>
                  <td>{r.date}</td>
                  <td className="num">{fmt(r.value)}</td>
                  <td>{r.note}</td>
                  <td>
                    {r.recorded_by}
                    {r.replaces ? " (replaced an earlier reading)" : ""}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
