import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HeatMapView } from "./HeatMapView";
import { matrix5, partnership } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import type { HeatMap, PartnershipSummary, ScoreKind } from "../../bindings";

const summary: PartnershipSummary = { ...partnership, matrix_name: "Standard 5×5", risk_count: 4, risks_by_level: [] };

function counts(kind: ScoreKind): HeatMap {
  const grid = matrix5.grid.map((row) => row.map(() => 0));
  if (kind === "residual") grid[1][2] = 3;
  if (kind === "inherent") grid[4][4] = 2;
  return { kind, counts: grid, unscored: 1 };
}

describe("HeatMapView", () => {
  it("shows counts per cell as buttons named by likelihood, impact and count", async () => {
    const requested: ScoreKind[] = [];
    mockCommands({
      listPartnerships: () => [summary],
      matrices: () => [matrix5],
      heatMap: ({ kind }) => {
        requested.push(kind);
        return counts(kind);
      },
    });
    const onCell = vi.fn();
    render(<HeatMapView partnershipId="p1" version={0} onCell={onCell} />);
    const cell = await screen.findByRole("button", { name: "Likelihood 2 Unlikely, impact 3 Moderate: 3 risks" });
    expect(screen.getAllByRole("button", { name: /: 0 risks/ }).length).toBe(24);
    expect(screen.getByText(/without a residual score/)).toBeInTheDocument();
    await userEvent.click(cell);
    expect(onCell).toHaveBeenCalledWith("residual", { likelihood: 2, impact: 3 });

    await userEvent.click(screen.getByRole("button", { name: "Inherent" }));
    expect(await screen.findByRole("button", { name: "Likelihood 5 Almost certain, impact 5 Severe: 2 risks" })).toBeInTheDocument();
    expect(requested).toEqual(["residual", "inherent"]);
  });

  it("summarises the movement from inherent to residual", async () => {
    mockCommands({
      listPartnerships: () => [summary],
      matrices: () => [matrix5],
      heatMap: () => counts("residual"),
      movement: () => [
        { from: { likelihood: 5, impact: 5 }, to: { likelihood: 2, impact: 3 }, count: 3 },
        { from: { likelihood: 1, impact: 1 }, to: { likelihood: 1, impact: 1 }, count: 1 },
      ],
    });
    render(<HeatMapView partnershipId="p1" version={0} onCell={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Inherent → residual" }));
    expect(await screen.findByText(/Of 4 risks with both scores/)).toHaveTextContent("3 moved to a lower level");
    expect(screen.getByRole("table", { name: "Movement from inherent to residual" })).toBeInTheDocument();
  });
});
