// The indicators of a partnership, one row each: status chip, latest value and its day,
// target, a sparkline of the last readings, the change since the previous period, owner.
// Choosing a row (its name is a button) shows the indicator in detail below.
import type { HealthRow } from "../../bindings";
import { TimeChart } from "../../components/charts/TimeChart";
import { HealthChip } from "../../components/HealthChip";
import { bandsOf, formatValue } from "../../lib/health";

export function IndicatorTable({
  rows,
  selected,
  onSelect,
}: {
  rows: HealthRow[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <table className="indicators">
      <caption className="visually-hidden">Indicators</caption>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Status</th>
          <th scope="col">Latest</th>
          <th scope="col">Target</th>
          <th scope="col">Trend</th>
          <th scope="col">Change</th>
          <th scope="col">Owner</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ indicator: i, status: s, recent }) => {
          const fmt = (v: number) => formatValue(i.unit, v);
          return (
            <tr key={i.id} aria-selected={i.id === selected} className={i.id === selected ? "selected" : undefined}>
              <th scope="row">
                <button type="button" className="link" aria-pressed={i.id === selected} onClick={() => onSelect(i.id)}>
                  {i.name}
                </button>
              </th>
              <td>
                <HealthChip status={s.status} title={s.reason} />
              </td>
              <td className="num">
                {s.latest ? (
                  <>
                    {fmt(s.latest.value)} <small className="muted">{s.latest.date}</small>
                  </>
                ) : (
                  <span className="muted">–</span>
                )}
              </td>
              <td className="num">{i.target !== null ? fmt(i.target) : <span className="muted">–</span>}</td>
              <td>
                {recent.length > 1 ? (
                  <TimeChart
                    compact
                    label={`${i.name}: trend of the last ${recent.length} readings`}
                    seriesLabel={i.name}
                    points={recent}
                    bands={bandsOf(i)}
                    height={28}
                    width={120}
                    format={fmt}
                  />
                ) : (
                  <span className="muted">–</span>
                )}
              </td>
              <td>{s.change_words}</td>
              <td>{i.owner}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
