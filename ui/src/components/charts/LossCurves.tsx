// Loss exceedance curves (a partnership's stages, the portfolio) and a tolerance, on logarithmic axes
// (annual loss across, the probability of losing more up), drawn by uPlot. The canvas is
// decoration: the figures table beside it is the text alternative. `curveData` and
// `curveOptions` are plain functions that tests check without a canvas (jsdom has none).
import { useEffect, useRef } from "react";
// Before uPlot, which reads the window's language when it loads.
import "./locale";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./loss-curves.css";
import type { CurvePoint, ScoreKind, Tolerance } from "../../bindings";
import { shortAmount } from "../../lib/money";

export type Curve = { stage: ScoreKind; points: CurvePoint[] };

export const STAGE_COLOURS: Record<ScoreKind, string> = {
  inherent: "#8d6e63",
  residual: "#1f3a5f",
  target: "#2e7d32",
};
const TOLERANCE_COLOUR = "#b01c1c";

/// The tolerated probability of losing more than `loss`: straight on log-log axes
/// through the two points (as the core computes it).
export function toleratedAt(t: Tolerance, loss: number): number {
  const [a, b] = t.points;
  const slope = (Math.log(b.probability) - Math.log(a.probability)) / (Math.log(b.loss) - Math.log(a.loss));
  return Math.min(1, a.probability * (loss / a.loss) ** slope);
}

/// uPlot's aligned data: the losses of every curve (sorted, once each), then each curve's
/// probability at its own losses (null elsewhere, joined across), then the tolerance.
/// Zero probabilities are left out: a log axis has no zero.
export function curveData(curves: Curve[], tolerance: Tolerance | null): uPlot.AlignedData {
  const xs = Array.from(
    new Set(curves.flatMap((c) => c.points.filter((p) => p.loss > 0).map((p) => p.loss))),
  ).sort((a, b) => a - b);
  const series = curves.map((c) => {
    const at = new Map(c.points.map((p) => [p.loss, p.probability]));
    return xs.map((x) => {
      const p = at.get(x);
      return p !== undefined && p > 0 ? p : null;
    });
  });
  const data: (number | null)[][] = [xs, ...series];
  if (tolerance) data.push(xs.map((x) => toleratedAt(tolerance, x)));
  return data as uPlot.AlignedData;
}

/// A power of ten: the ticks a log axis labels (uPlot passes null for those it hides).
export function decade(v: number | null): v is number {
  if (v == null || !(v > 0)) return false;
  const l = Math.log10(v);
  return Math.abs(l - Math.round(l)) < 1e-9;
}

export function curveOptions(curves: Curve[], tolerance: Tolerance | null, width: number, height: number): uPlot.Options {
  const stageName = (s: ScoreKind) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    width,
    height,
    scales: {
      x: { time: false, distr: 3, log: 10 },
      y: { distr: 3, log: 10, range: (_u, min, max) => [Math.max(min, 1e-5), Math.max(max, 1)] },
    },
    axes: [
      { label: "Annual loss", values: (_u, splits) => splits.map((v) => (decade(v) ? shortAmount(v) : "")) },
      {
        label: "Probability of losing more",
        size: 64,
        values: (_u, splits) => splits.map((v) => (decade(v) ? `${+(v * 100).toPrecision(2)} %` : "")),
      },
    ],
    series: [
      { label: "Loss", value: (_u, v) => (v == null ? "—" : shortAmount(v)) },
      ...curves.map((c) => ({
        label: stageName(c.stage),
        stroke: STAGE_COLOURS[c.stage],
        width: 2,
        spanGaps: true,
        value: (_u: uPlot, v: number | null) => (v == null ? "—" : `${+(v * 100).toPrecision(3)} %`),
      })),
      ...(tolerance
        ? [
            {
              label: "Tolerance",
              stroke: TOLERANCE_COLOUR,
              width: 1.5,
              dash: [6, 4],
              value: (_u: uPlot, v: number | null) => (v == null ? "—" : `${+(v * 100).toPrecision(3)} %`),
            },
          ]
        : []),
    ],
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

export function LossChart({
  curves,
  tolerance,
  height = 320,
}: {
  curves: Curve[];
  tolerance: Tolerance | null;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || !canDraw() || !curves.some((c) => c.points.length > 0)) return;
    const width = () => Math.max(element.clientWidth, 320);
    const plot = new uPlot(curveOptions(curves, tolerance, width(), height), curveData(curves, tolerance), element);
    let resize: ResizeObserver | undefined;
    if (typeof ResizeObserver !== "undefined") {
      resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
      resize.observe(element);
    }
    return () => {
      resize?.disconnect();
      plot.destroy();
    };
  }, [curves, tolerance, height]);
  return (
    <figure className="loss-chart" role="img" aria-label="Loss exceedance curves">
      <div ref={box} />
    </figure>
  );
}
