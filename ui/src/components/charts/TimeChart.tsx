// A time series drawn by uPlot (canvas, fast on thousands of points), with horizontal
// bands (an indicator's amber and red zones, a loss range) and threshold lines drawn under
// and over the series by uPlot's hooks. Shared: any feature may chart values over days.
//
// The canvas is decoration for sighted users; the chart's text alternative (a summary and,
// for short series, a table of the points) is what screen readers and tests read. The
// options and data handed to uPlot come from `chartOptions` and `chartData`, plain
// functions that tests check without a canvas (jsdom has none).
import { useEffect, useRef } from "react";
// Before uPlot, which reads the window's language when it loads.
import "./locale";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./charts.css";

/// One day's value: `date` is an ISO day (2027-03-31).
export type ChartPoint = { date: string; value: number };

/// A horizontal zone between two values (either may be open: ±Infinity).
export type ChartBand = { from: number; to: number; colour: string; label: string };

/// A horizontal line at a value (a threshold, a target).
export type ChartLine = { value: number; colour: string; label: string; dashed?: boolean };

export type TimeChartProps = {
  /// The chart's accessible name.
  label: string;
  /// The series' name (legend, table header).
  seriesLabel: string;
  points: ChartPoint[];
  colour?: string;
  bands?: ChartBand[];
  lines?: ChartLine[];
  height: number;
  /// Fixed width; by default the chart follows its container's width.
  width?: number;
  /// A sparkline: no axes, legend or cursor.
  compact?: boolean;
  /// How values are written in the table and on the axis (default: as numbers).
  format?: (value: number) => string;
  /// The text alternative's summary; by default the count and the range of dates.
  summary?: string;
  /// Series up to this many points get a table of every point as text alternative.
  tableLimit?: number;
};

/// Seconds since the epoch of an ISO day at midnight UTC (uPlot's time axis unit).
export function daySeconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/// The data handed to uPlot: the days, then the values.
export function chartData(points: ChartPoint[]): uPlot.AlignedData {
  return [points.map((p) => daySeconds(p.date)), points.map((p) => p.value)];
}

/// The value range shown: the data, the finite band edges and the lines, with a margin.
export function valueRange(points: ChartPoint[], bands: ChartBand[] = [], lines: ChartLine[] = []): [number, number] {
  const values = [
    ...points.map((p) => p.value),
    ...lines.map((l) => l.value),
    ...bands.flatMap((b) => [b.from, b.to]).filter(Number.isFinite),
  ];
  if (values.length === 0) return [0, 1];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.08;
  return [min - pad, max + pad];
}

/// The options handed to uPlot for a chart `width` pixels wide.
export function chartOptions(props: TimeChartProps, width: number): uPlot.Options {
  const { bands = [], lines = [], compact = false, format } = props;
  const range = valueRange(props.points, bands, lines);
  const drawBands = (u: uPlot) => {
    const { ctx } = u;
    const { left, width: w } = u.bbox;
    const yMin = u.scales.y.min ?? range[0];
    const yMax = u.scales.y.max ?? range[1];
    ctx.save();
    for (const band of bands) {
      const lo = Math.max(Math.min(band.from, band.to), yMin);
      const hi = Math.min(Math.max(band.from, band.to), yMax);
      if (!(hi > lo)) continue;
      const top = u.valToPos(hi, "y", true);
      const bottom = u.valToPos(lo, "y", true);
      ctx.fillStyle = band.colour;
      ctx.fillRect(left, top, w, bottom - top);
    }
    ctx.restore();
  };
  const drawLines = (u: uPlot) => {
    const { ctx } = u;
    const { left, width: w } = u.bbox;
    ctx.save();
    ctx.lineWidth = uPlot.pxRatio;
    for (const line of lines) {
      const y = Math.round(u.valToPos(line.value, "y", true)) + 0.5;
      ctx.strokeStyle = line.colour;
      ctx.setLineDash(line.dashed ? [6 * uPlot.pxRatio, 4 * uPlot.pxRatio] : []);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + w, y);
      ctx.stroke();
    }
    ctx.restore();
  };
  const many = props.points.length > 200;
  return {
    width,
    height: props.height,
    // Days are midnight UTC: shown as such, whatever the machine's time zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    legend: { show: !compact },
    cursor: compact ? { show: false } : { points: { size: 6 } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: compact ? [2, 2, 2, 2] : [8, 12, 0, 0],
    scales: { x: { time: true }, y: { range: () => range } },
    axes: compact
      ? [{ show: false }, { show: false }]
      : [{}, { size: 64, values: (_u, ticks) => ticks.map((t) => (format ? format(t) : String(t))) }],
    series: [
      {},
      {
        label: props.seriesLabel,
        stroke: props.colour ?? "#1f5fbf",
        width: compact ? 1.5 : 2,
        points: { show: !compact && !many, size: 5 },
        value: (_u, v) => (v == null ? "–" : format ? format(v) : String(v)),
      },
    ],
    hooks: { drawClear: [drawBands], draw: [drawLines] },
  };
}

/// Whether this window can draw on a canvas (jsdom cannot).
function canDraw(): boolean {
  try {
    return typeof HTMLCanvasElement !== "undefined" && !!document.createElement("canvas").getContext("2d");
  } catch {
    return false;
  }
}

export function TimeChart(props: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const { points, bands, lines, height, width, compact } = props;

  // One uPlot per set of inputs; it follows the container's width.
  useEffect(() => {
    const el = host.current;
    if (!el || !canDraw()) return;
    const measure = () => width ?? Math.max(120, Math.floor(el.clientWidth || 600));
    const chart = new uPlot(chartOptions(latest.current, measure()), chartData(points), el);
    let observer: ResizeObserver | undefined;
    if (width === undefined && typeof ResizeObserver !== "undefined") {
      observer = new ResizeObserver(() => chart.setSize({ width: measure(), height }));
      observer.observe(el);
    }
    return () => {
      observer?.disconnect();
      chart.destroy();
    };
  }, [points, bands, lines, height, width, compact]);

  const format = props.format ?? ((v: number) => String(v));
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    props.summary ??
    (first && last
      ? `${points.length} readings from ${first.date} to ${last.date}; latest ${format(last.value)}`
      : "No readings");
  const limit = props.tableLimit ?? (compact ? 0 : 400);
  return (
    <figure className={compact ? "time-chart compact" : "time-chart"} aria-label={props.label}>
      {/* uPlot puts its legend under the canvas: the height is reserved, not fixed. */}
      <div ref={host} className="time-chart-canvas" aria-hidden="true" style={{ minHeight: height, width }} />
      <figcaption className={compact ? "visually-hidden" : "time-chart-summary muted"}>
        {summary}
        {!compact && bands && bands.length > 0 && (
          <span className="time-chart-key">
            {bands.map((b) => (
              <span key={b.label}>
                <span className="swatch" style={{ background: b.colour }} /> {b.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {points.length > 0 && points.length <= limit && (
        <table className="visually-hidden">
          <caption>{props.label}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">{props.seriesLabel}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <td>{p.date}</td>
                <td>{format(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
