import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MitigationPlanValue, QuantResults, QuantSettings, StageResult } from "../../bindings";
import { argsOf, mockCommands } from "../../test/ipc";
import { LossView } from "./LossView";
import { curveData, curveOptions, toleratedAt } from "../../components/charts/LossCurves";
import { shortAmount } from "../../lib/money";

const tolerance = {
  points: [
    { probability: 0.1, loss: 1_000_000 },
    { probability: 0.01, loss: 5_000_000 },
  ],
} as QuantResults["tolerance"] & object;

function stage(stage: StageResult["stage"], outOfDate: boolean, outside: boolean): StageResult {
  return {
    stage,
    fingerprint: "f",
    run_at: "2026-12-07T10:00:00Z",
    run_by: "Ana",
    out_of_date: outOfDate,
    tolerance: { outside, worst_loss: 2_279_994, probability: 0.082, tolerated: 0.031 },
    figures: {
      years: 100_000,
      seed: "42",
      risks: 2,
      mean: 736_930,
      std_error: 5_590,
      median: 157_611,
      p90: 1_972_690,
      p95: 3_148_497,
      p99: 7_449_418,
      es99: 12_750_536,
      max: 40_000_000,
      p_any_loss: 0.578,
      threshold: 1_000_000,
      p_over_threshold: 0.209,
      curve: [
        { loss: 1_000, probability: 0.578 },
        { loss: 1_000_000, probability: 0.2 },
        { loss: 10_000_000, probability: 0.008 },
        { loss: 40_000_000, probability: 0 },
      ],
      contributions: [
        { risk_id: "r2", reference: "DPR-002", title: "Ownership of data", mean: 436_891, share_of_mean: 0.593, share_of_tail: 0.837 },
        { risk_id: "r1", reference: "DPR-001", title: "No DPA", mean: 300_038, share_of_mean: 0.407, share_of_tail: 0.163 },
      ],
    },
  };
}

const results: QuantResults = {
  scope: "p1",
  currency: "EUR",
  tolerance,
  stages: [stage("residual", true, true), stage("target", false, false)],
  incomplete: [],
};
const settings: QuantSettings = {
  currency: "EUR",
  tolerance,
  threshold: 1_000_000,
  years: 100_000,
  seed: null,
  cost_years: 3,
};
const value: MitigationPlanValue = {
  currency: "EUR",
  cost_years: 3,
  risks: [
    {
      risk_id: "r1",
      reference: "DPR-001",
      title: "No DPA",
      from: "residual",
      current_loss: 300_000,
      target_loss: 20_000,
      avoided: 280_000,
      cost: 90_000,
      annual_cost: 30_000,
      net: 250_000,
      return_on_cost: 8.333,
      other_currency: 0,
    },
  ],
  avoided: 280_000,
  annual_cost: 30_000,
  net: 250_000,
  return_on_cost: 8.333,
  without_estimates: [],
};

describe("LossView", () => {
  it("shows the kept figures, the stale stage, the breach, the contributors and the value", async () => {
    mockCommands({ quantResults: () => results, quantSettings: () => settings, mitigationValue: () => value });
    render(<LossView partnershipId="p1" version={0} />);
    const figures = await screen.findByRole("table", { name: "Annual loss in EUR per stage" });
    const residual = within(figures).getByRole("row", { name: /Residual \(out of date\)/ });
    expect(residual).toHaveTextContent("736,930");
    expect(residual).toHaveTextContent("Outside");
    expect(screen.getByText(/Estimates changed since this run/)).toBeInTheDocument();
    expect(screen.getByText(/Outside tolerance: Residual has a 8.2 % chance a year of losing more than 2,279,994 EUR/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("100,000 simulated years, seed 42, run 2026-12-07 by Ana");
    const top = screen.getByRole("table", { name: "Top contributors (residual)" });
    expect(within(top).getAllByRole("row")[1]).toHaveTextContent("DPR-002 Ownership of data436,89159.3 %83.7 %");
    const worth = screen.getByRole("table", { name: /What the mitigation plan is worth/ });
    expect(within(worth).getByRole("row", { name: /DPR-001/ })).toHaveTextContent("250,000");
    expect(screen.getByRole("img", { name: "Loss exceedance curves" })).toBeInTheDocument();
  });

  it("runs the simulation and shows the new figures", async () => {
    const fresh = { ...results, stages: [stage("residual", false, false)] };
    const calls = mockCommands({
      quantResults: () => results,
      quantSettings: () => settings,
      mitigationValue: () => value,
      runQuant: () => fresh,
    });
    render(<LossView partnershipId="p1" version={0} />);
    await screen.findByText(/Estimates changed since this run/);
    await userEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    expect(await screen.findByRole("row", { name: /^Residual 2/ })).toHaveTextContent("Within");
    expect(screen.queryByText(/Estimates changed since this run/)).not.toBeInTheDocument();
    expect(argsOf(calls, "runQuant")[0]!.scope).toBe("p1");
  });

  it("says why a run is refused", async () => {
    mockCommands({
      quantResults: () => results,
      quantSettings: () => settings,
      mitigationValue: () => value,
      runQuant: () => {
        throw { code: "invalid", message: "Simulated years: a run simulates 10000 to 1000000 years.", field: "years", value: "5", reason: "a run simulates 10000 to 1000000 years" };
      },
    });
    render(<LossView partnershipId="p1" version={0} />);
    await screen.findByText(/Estimates changed since this run/);
    await userEvent.click(screen.getByRole("button", { name: "Run simulation" }));
    expect(await screen.findByText("Simulated years: a run simulates 10000 to 1000000 years.")).toHaveAttribute("role", "alert");
  });

  it("saves the settings and shows a refusal at its field", async () => {
    const calls = mockCommands({
      quantResults: () => ({ ...results, stages: [] }),
      quantSettings: () => ({ ...settings, currency: null, tolerance: null }),
      mitigationValue: () => ({ ...value, risks: [] }),
      saveQuantSettings: (args) => {
        if (args.settings.years < 10_000)
          throw { code: "invalid", message: "Simulated years: a run simulates 10000 to 1000000 years.", field: "years", value: "5", reason: "a run simulates 10000 to 1000000 years" };
        return args.settings;
      },
    });
    render(<LossView partnershipId="p1" version={0} />);
    expect(await screen.findByText(/Give risks a frequency and a loss range/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Settings…" }));
    await userEvent.type(screen.getByLabelText("Currency"), "chf");
    await userEvent.type(screen.getByLabelText("Tolerated chance (%)"), "10");
    await userEvent.type(screen.getByLabelText("of losing more than"), "1000000");
    await userEvent.type(screen.getByLabelText("Second tolerated chance (%)"), "1");
    await userEvent.type(screen.getByLabelText("of losing more than (second)"), "5000000");
    await userEvent.clear(screen.getByLabelText("Simulated years"));
    await userEvent.type(screen.getByLabelText("Simulated years"), "5");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/10000 to 1000000/);
    await userEvent.clear(screen.getByLabelText("Simulated years"));
    await userEvent.type(screen.getByLabelText("Simulated years"), "50000");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    const sent = argsOf(calls, "saveQuantSettings").at(-1)!.settings;
    expect(sent).toMatchObject({ currency: "CHF", years: 50_000, seed: null });
    expect(sent.tolerance!.points[0]).toEqual({ probability: 0.1, loss: 1_000_000 });
  });
});

describe("LossChart's data", () => {
  it("aligns the curves on their losses, leaves zero probabilities out and adds the tolerance", () => {
    const a = [
      { loss: 10, probability: 0.5 },
      { loss: 100, probability: 0 },
    ];
    const b = [{ loss: 50, probability: 0.2 }];
    const data = curveData(
      [
        { stage: "inherent", points: a },
        { stage: "target", points: b },
      ],
      tolerance,
    );
    expect(data[0]).toEqual([10, 50, 100]);
    expect(data[1]).toEqual([0.5, null, null]);
    expect(data[2]).toEqual([null, 0.2, null]);
    expect(data[3]).toHaveLength(3);
    expect(toleratedAt(tolerance, 1_000_000)).toBeCloseTo(0.1);
    expect(toleratedAt(tolerance, 5_000_000)).toBeCloseTo(0.01);
    const options = curveOptions([{ stage: "inherent", points: a }], tolerance, 600, 300);
    expect(options.series.map((s) => s.label)).toEqual(["Loss", "Inherent", "Tolerance"]);
    expect(options.scales!.x!.distr).toBe(3);
    const xValues = options.axes![0]!.values as (u: unknown, splits: (number | null)[]) => string[];
    expect(xValues(null, [1000, 2000, null, 10_000])).toEqual(["1k", "", "", "10k"]);
    expect(shortAmount(2_500_000)).toBe("2.5M");
    expect(shortAmount(50_000)).toBe("50k");
  });
});
