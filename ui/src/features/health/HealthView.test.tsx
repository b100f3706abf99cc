import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { HealthRow, Indicator, IndicatorChart, IndicatorFields, PartnershipHealth, Reading } from "../../bindings";
import { argsOf, mockCommands } from "../../test/ipc";

// uPlot draws on a canvas, which jsdom lacks: the mock records the data each chart is given.
const drawn = vi.hoisted(() => ({ data: [] as unknown[] }));
vi.mock("uplot", () => {
  class FakePlot {
    static pxRatio = 1;
    static tzDate = (d: Date) => d;
    constructor(_opts: unknown, data: unknown) {
      drawn.data.push(data);
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakePlot };
});

import { HealthView } from "./HealthView";

const fields: IndicatorFields = {
  name: "Availability",
  unit: "percent",
  direction: "higher_is_better",
  target: 99.9,
  amber: 99.5,
  red: 99,
  frequency: "monthly",
  owner: "Ops",
  source: "entered",
  description: "",
  risk_ids: ["r1"],
  exit_triggers: [],
};
const availability: Indicator = {
  ...fields,
  id: "i1",
  partnership_id: "p1",
  created_at: "2027-01-01T00:00:00Z",
  updated_at: "2027-01-01T00:00:00Z",
};
const recent = [
  { date: "2027-03-29", value: 99.95 },
  { date: "2027-03-30", value: 99.6 },
  { date: "2027-03-31", value: 98.7 },
];
const reason = "Availability 98.7 % is below the red threshold 99.0 % since 31 Mar 2027";
const status = {
  status: "red" as const,
  level: "red" as const,
  latest: recent[2],
  since: "2027-03-31",
  fresh_until: "2027-05-02",
  previous: null,
  change: "new" as const,
  level_change: null,
  delta: null,
  reason,
  change_words: "no reading before this month",
};
const row: HealthRow = { indicator: availability, status, recent };
const health: PartnershipHealth = {
  partnership_id: "p1",
  today: "2027-03-31",
  rows: [row],
  counts: { green: 0, amber: 0, red: 1, stale: 0, no_data: 0 },
  flags: {
    risks: [
      {
        partnership_id: "p1",
        partnership: "Acme",
        risk_id: "r1",
        reference: "TEC-001",
        title: "Outage",
        indicator_id: "i1",
        indicator: "Availability",
        status: "red",
        since: "2027-03-31",
        reason,
      },
    ],
    triggers: [],
  },
};
const reading = (date: string, value: number, id = date): Reading => ({
  id,
  indicator_id: "i1",
  date,
  value,
  note: "",
  recorded_by: "Ada",
  recorded_at: `${date}T10:00:00Z`,
  replaces: null,
});
const chart: IndicatorChart = { indicator: availability, status, readings: recent.map((p) => reading(p.date, p.value)) };

function setup(overrides: Parameters<typeof mockCommands>[0] = {}) {
  const calls = mockCommands({
    partnershipHealth: () => health,
    indicatorChart: () => chart,
    ...overrides,
  });
  const onOpenRisk = vi.fn();
  const onChanged = vi.fn();
  render(<HealthView partnershipId="p1" version={0} onOpenRisk={onOpenRisk} onChanged={onChanged} />);
  return { calls, onOpenRisk, onChanged };
}

beforeEach(() => {
  drawn.data = [];
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue({} as never);
});

describe("HealthView", () => {
  it("lists the indicators with status, latest value, target and a sparkline of the last readings", async () => {
    const { onOpenRisk } = setup();
    const table = await screen.findByRole("table", { name: "Indicators" });
    const cells = within(within(table).getAllByRole("row")[1]).getAllByRole("cell");
    expect(cells.map((c) => c.textContent)).toEqual([
      "Red",
      "98.7 % 2027-03-31",
      "99.9 %",
      "3 readings from 2027-03-29 to 2027-03-31; latest 98.7 %",
      "no reading before this month",
      "Ops",
    ]);
    expect(screen.getByRole("status")).toHaveTextContent("1 red · 0 amber · 0 stale · 0 green");
    expect(screen.getByRole("figure", { name: "Availability: trend of the last 3 readings" })).toBeInTheDocument();
    // The sparkline and the chart below are handed the readings, days as UTC seconds.
    await waitFor(() => expect(drawn.data.length).toBeGreaterThanOrEqual(2));
    expect(drawn.data[0]).toEqual([recent.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000), [99.95, 99.6, 98.7]]);
    // The risk it brings back, with the reason in words.
    const flags = screen.getByRole("region", { name: "What the indicators bring back" });
    expect(flags).toHaveTextContent(`TEC-001 Outage — ${reason}`);
    await userEvent.click(within(flags).getByRole("button", { name: "TEC-001 Outage" }));
    expect(onOpenRisk).toHaveBeenCalledWith("r1");
  });

  it("shows one indicator's chart with its amber and red bands and every reading", async () => {
    setup();
    const figure = await screen.findByRole("figure", { name: "Availability: every reading with the amber and red bands" });
    expect(figure).toHaveTextContent("Red: below 99.0 %");
    expect(figure).toHaveTextContent("Amber: below 99.5 %");
    expect(within(figure).getAllByRole("row")).toHaveLength(4);
    const panel = screen.getByRole("region", { name: "Availability in detail" });
    expect(within(panel).getByText(reason, { exact: false })).toBeInTheDocument();
  });

  it("records a reading typed from the keyboard and is ready for the next one", async () => {
    const { calls, onChanged } = setup({ addReading: ({ fields }) => reading(fields.date, fields.value, "new") });
    const value = await screen.findByLabelText(/^Value/);
    await userEvent.type(value, "98,2{Enter}");
    await waitFor(() => expect(argsOf(calls, "addReading")).toHaveLength(1));
    const [args] = argsOf(calls, "addReading");
    expect(args.indicatorId).toBe("i1");
    expect(args.fields.value).toBe(98.2);
    expect(args.replace).toBe(false);
    await waitFor(() => expect(value).toHaveValue(""));
    expect(value).toHaveFocus();
    expect(onChanged).toHaveBeenCalled();
  });

  it("says in words what is wrong with a reading", async () => {
    setup({
      addReading: () => {
        throw {
          code: "conflict",
          field: "date",
          value: "2027-03-31",
          reason: "Availability already has a reading of 98.7 % on this day; replace it explicitly to change it",
          message: "Availability already has a reading of 98.7 % on this day; replace it explicitly to change it.",
        };
      },
    });
    const value = await screen.findByLabelText(/^Value/);
    await userEvent.type(value, "abc{Enter}");
    expect(await screen.findByText("“abc” is not a number: type a value such as 99.5")).toBeInTheDocument();
    await userEvent.clear(value);
    await userEvent.type(value, "99.1{Enter}");
    expect(await screen.findByText(/already has a reading of 98.7 % on this day/)).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Replace the day's reading" }).closest("label")).toHaveClass("attention");
  });

  it("adds an indicator from the library with its defaults", async () => {
    const { calls } = setup({
      indicatorLibrary: () => [{ key: "error_rate", fields: { ...fields, name: "Error rate", direction: "lower_is_better", target: 0.1, amber: 1, red: 5, risk_ids: [] } }],
      register: () => ({ partnership: {} as never, matrix: {} as never, rows: [] }),
      exitPlan: () => {
        throw { code: "not_found", message: "No plan" };
      },
      addIndicator: ({ fields: f }) => ({ ...availability, ...f, id: "i2" }),
    });
    await userEvent.click(await screen.findByRole("button", { name: "Add indicator…" }));
    const dialog = await screen.findByRole("dialog", { name: "Add an indicator" });
    const start = within(dialog).getByLabelText("Start from");
    await waitFor(() => expect(within(start).getAllByRole("option")).toHaveLength(2));
    await userEvent.selectOptions(start, "error_rate");
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Error rate");
    expect(within(dialog).getByLabelText("Red threshold")).toHaveValue("5");
    await userEvent.clear(within(dialog).getByLabelText("Amber threshold"));
    await userEvent.type(within(dialog).getByLabelText("Amber threshold"), "2");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add indicator" }));
    await waitFor(() => expect(argsOf(calls, "addIndicator")).toHaveLength(1));
    const [args] = argsOf(calls, "addIndicator");
    expect(args.fields).toMatchObject({ name: "Error rate", direction: "lower_is_better", amber: 2, red: 5, target: 0.1 });
  });
});
