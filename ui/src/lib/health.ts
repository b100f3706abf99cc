// Partnership health in words and colours (shared: the Health tab, the review screen and the
// register show indicators): statuses, units, directions, frequencies, values written as the
// core writes them (98.7 %, 250 ms), and an indicator's chart bands and lines.
import type { Direction, Indicator, IndicatorFields, IndicatorFrequency, Status, Unit } from "../bindings";
import type { ChartBand, ChartLine } from "../components/charts/TimeChart";

export const statusWords: Record<Status, string> = {
  green: "Green",
  amber: "Amber",
  red: "Red",
  stale: "Stale",
  no_data: "No data",
};

/// Chip colours (background, text) of each status.
export const statusColours: Record<Status, [string, string]> = {
  green: ["#2e7d32", "#ffffff"],
  amber: ["#f0a500", "#1b2430"],
  red: ["#c62828", "#ffffff"],
  stale: ["#7a8794", "#ffffff"],
  no_data: ["#dde2e8", "#1b2430"],
};

export const unitWords: Record<Unit, string> = {
  percent: "Percent (0–100)",
  percent_of_plan: "Percent of plan (0 or more)",
  count: "Count",
  milliseconds: "Milliseconds",
  days: "Days",
  number: "Number",
};

export const directionWords: Record<Direction, string> = {
  higher_is_better: "Higher is better",
  lower_is_better: "Lower is better",
};

export const frequencyWords: Record<IndicatorFrequency, string> = {
  monthly: "Monthly",
  quarterly: "Quarterly",
  half_yearly: "Half-yearly",
  yearly: "Yearly",
};

const symbols: Record<Unit, string> = {
  percent: " %",
  percent_of_plan: " %",
  milliseconds: " ms",
  days: " days",
  count: "",
  number: "",
};

/// A number with at most four decimals and no trailing zeros (as the core writes it).
export function formatNumber(value: number): string {
  const text = value.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  return text === "-0" ? "0" : text;
}

/// A value as people read it: percentages keep one decimal at least (99.0 %).
export function formatValue(unit: Unit, value: number): string {
  const percent = unit === "percent" || unit === "percent_of_plan";
  const number = percent && Number.isInteger(value) ? value.toFixed(1) : formatNumber(value);
  return `${number}${symbols[unit]}`;
}

export const bandColours = { amber: "rgba(240, 165, 0, 0.22)", red: "rgba(198, 40, 40, 0.18)" };
const lineColours = { amber: "#c98a00", red: "#c62828", target: "#2e7d32" };

/// The amber and red zones of an indicator: beyond its thresholds on the worse side.
export function bandsOf(f: IndicatorFields | Indicator): ChartBand[] {
  const fmt = (v: number) => formatValue(f.unit, v);
  if (f.direction === "higher_is_better") {
    return [
      { from: Number.NEGATIVE_INFINITY, to: f.red, colour: bandColours.red, label: `Red: below ${fmt(f.red)}` },
      { from: f.red, to: f.amber, colour: bandColours.amber, label: `Amber: below ${fmt(f.amber)}` },
    ];
  }
  return [
    { from: f.red, to: Number.POSITIVE_INFINITY, colour: bandColours.red, label: `Red: above ${fmt(f.red)}` },
    { from: f.amber, to: f.red, colour: bandColours.amber, label: `Amber: above ${fmt(f.amber)}` },
  ];
}

/// The threshold lines and the target.
export function linesOf(f: IndicatorFields | Indicator): ChartLine[] {
  const lines: ChartLine[] = [
    { value: f.amber, colour: lineColours.amber, label: "Amber threshold" },
    { value: f.red, colour: lineColours.red, label: "Red threshold" },
  ];
  if (f.target !== null) lines.push({ value: f.target, colour: lineColours.target, label: "Target", dashed: true });
  return lines;
}
