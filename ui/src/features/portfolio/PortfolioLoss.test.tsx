import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { QuantResults, StageResult } from "../../bindings";
import { argsOf, mockCommands } from "../../test/ipc";
import { PortfolioLoss } from "./PortfolioLoss";

const residual: StageResult = {
  stage: "residual",
  fingerprint: "f",
  run_at: "2026-12-07T10:00:00Z",
  run_by: "Ana",
  out_of_date: false,
  tolerance: null,
  figures: {
    years: 100_000,
    seed: "9",
    risks: 12,
    mean: 2_345_678,
    std_error: 9_000,
    median: 1_900_000,
    p90: 4_000_000,
    p95: 5_100_000,
    p99: 8_800_000,
    es99: 11_000_000,
    max: 30_000_000,
    p_any_loss: 0.97,
    threshold: null,
    p_over_threshold: null,
    curve: [
      { loss: 10_000, probability: 0.97 },
      { loss: 10_000_000, probability: 0.008 },
    ],
    contributions: [],
  },
};
const empty: QuantResults = { scope: "portfolio", currency: null, tolerance: null, stages: [], incomplete: [] };

describe("PortfolioLoss", () => {
  it("simulates the portfolio and shows its figures", async () => {
    const calls = mockCommands({
      quantResults: () => empty,
      runQuant: () => ({ ...empty, currency: "EUR", stages: [residual] }),
    });
    render(<PortfolioLoss />);
    expect(await screen.findByText(/No portfolio simulation kept yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Simulate the portfolio" }));
    const table = await screen.findByRole("table", { name: "Annual loss of the portfolio in EUR" });
    expect(within(table).getByRole("row", { name: /residual/ })).toHaveTextContent("2,345,678");
    expect(argsOf(calls, "runQuant")[0]!.scope).toBe("portfolio");
  });

  it("says why a portfolio in two currencies cannot be added up", async () => {
    mockCommands({
      quantResults: () => {
        throw {
          code: "invalid",
          message: "The portfolio cannot add amounts in different currencies (One is in EUR, Two in USD).",
          field: "currency",
          value: "EUR, USD",
          reason: "the portfolio cannot add amounts in different currencies (One is in EUR, Two in USD)",
        };
      },
    });
    render(<PortfolioLoss />);
    expect(await screen.findByRole("alert")).toHaveTextContent(/different currencies/);
  });
});
