import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, within } from "@testing-library/react";

// uPlot draws on a canvas, which jsdom lacks: the mock records what the chart is given.
const made = vi.hoisted(() => ({ charts: [] as { opts: unknown; data: unknown }[], destroyed: 0 }));
vi.mock("uplot", () => {
  class FakePlot {
    static pxRatio = 1;
    static tzDate = (d: Date) => d;
    constructor(opts: unknown, data: unknown) {
      made.charts.push({ opts, data });
    }
    setSize() {}
    destroy() {
      made.destroyed += 1;
    }
  }
  return { default: FakePlot };
});

import { TimeChart, chartData, chartOptions, daySeconds, valueRange, type ChartBand } from "./TimeChart";

const points = [
  { date: "2027-01-31", value: 99.95 },
  { date: "2027-02-28", value: 99.4 },
  { date: "2027-03-31", value: 98.7 },
];
const bands: ChartBand[] = [
  { from: Number.NEGATIVE_INFINITY, to: 99, colour: "red", label: "Red: below 99.0 %" },
  { from: 99, to: 99.5, colour: "orange", label: "Amber: below 99.5 %" },
];

beforeEach(() => {
  made.charts = [];
  made.destroyed = 0;
  // The canvas check: pretend this window can draw.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue({} as never);
});

describe("chart data", () => {
  it("hands uPlot the days as UTC seconds and the values", () => {
    expect(chartData(points)).toEqual([
      [daySeconds("2027-01-31"), daySeconds("2027-02-28"), daySeconds("2027-03-31")],
      [99.95, 99.4, 98.7],
    ]);
    expect(daySeconds("2027-03-31")).toBe(Date.UTC(2027, 2, 31) / 1000);
  });

  it("shows the data, the finite band edges and the lines, with a margin", () => {
    const [lo, hi] = valueRange(points, bands, [{ value: 99.9, colour: "green", label: "Target" }]);
    expect(lo).toBeLessThan(98.7);
    expect(hi).toBeGreaterThan(99.95);
    expect(valueRange([], [], [])).toEqual([0, 1]);
    const [a, b] = valueRange([{ date: "2027-01-01", value: 5 }]);
    expect(a).toBeLessThan(5);
    expect(b).toBeGreaterThan(5);
  });

  it("draws bands under the series and lines over it; a sparkline has no axes or legend", () => {
    const full = chartOptions({ label: "A", seriesLabel: "Availability", points, bands, height: 200 }, 600);
    expect(full.width).toBe(600);
    expect(full.hooks?.drawClear).toHaveLength(1);
    expect(full.hooks?.draw).toHaveLength(1);
    expect(full.legend?.show).toBe(true);
    const spark = chartOptions({ label: "A", seriesLabel: "Availability", points, height: 28, compact: true }, 120);
    expect(spark.legend?.show).toBe(false);
    expect(spark.axes?.every((a) => a.show === false)).toBe(true);
  });
});

describe("TimeChart", () => {
  it("draws with uPlot and says the same in words", () => {
    const { unmount } = render(
      <TimeChart
        label="Availability over time"
        seriesLabel="Availability"
        points={points}
        bands={bands}
        height={200}
        width={500}
        format={(v) => `${v} %`}
      />,
    );
    expect(made.charts).toHaveLength(1);
    expect(made.charts[0].data).toEqual(chartData(points));
    expect((made.charts[0].opts as { width: number }).width).toBe(500);
    const figure = screen.getByRole("figure", { name: "Availability over time" });
    expect(figure).toHaveTextContent("3 readings from 2027-01-31 to 2027-03-31; latest 98.7 %");
    expect(figure).toHaveTextContent("Red: below 99.0 %");
    const table = within(figure).getByRole("table", { name: "Availability over time" });
    expect(within(table).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "DateAvailability",
      "2027-01-3199.95 %",
      "2027-02-2899.4 %",
      "2027-03-3198.7 %",
    ]);
    unmount();
    expect(made.destroyed).toBe(1);
  });

  it("keeps its text alternative where it cannot draw", () => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    render(<TimeChart label="Trend" seriesLabel="Errors" points={points} height={28} width={100} compact />);
    expect(made.charts).toHaveLength(0);
    expect(screen.getByRole("figure", { name: "Trend" })).toHaveTextContent("3 readings");
  });
});
