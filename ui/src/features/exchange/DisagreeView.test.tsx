import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { register } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { DisagreeView } from "./DisagreeView";
import { disagreement, view } from "./testData";

function setup() {
  const table = register(3);
  // Ours: r1 residual 2,2; r2 residual 3,3; r3 unscored.
  table.rows[0].residual = { likelihood: 2, impact: 2 };
  table.rows[1].residual = { likelihood: 3, impact: 3 };
  mockCommands({
    register: () => table,
    // Newest first: r1's latest view is v1 (5,5), an older one said 4,4.
    partnerViews: () => [
      view(1, { comment: "Their DPA is not signed yet" }),
      view(2, { residual: { likelihood: 3, impact: 4 } }),
      view(1, { id: "v1-old", at: "2026-11-01T09:00:00Z", residual: { likelihood: 4, impact: 4 }, comment: "old" }),
    ],
    disagreements: () => [disagreement(1)],
  });
  const onOpenRisk = vi.fn();
  render(<DisagreeView partnershipId="p1" version={0} onOpenRisk={onOpenRisk} />);
  return onOpenRisk;
}

describe("Where we disagree", () => {
  it("shows our heat map beside the partner's, over the risks they scored", async () => {
    setup();
    const ours = await screen.findByRole("group", { name: "Our residual heat map" });
    const theirs = screen.getByRole("group", { name: "The partner's residual heat map" });
    const cell = (grid: HTMLElement, l: number, i: number) =>
      within(grid).getByRole("img", { name: new RegExp(`^Likelihood ${l} \\w[\\w ]*, impact ${i} `) });
    expect(cell(ours, 2, 2)).toHaveAccessibleName(/: 1 risk$/);
    expect(cell(ours, 3, 3)).toHaveAccessibleName(/: 1 risk$/);
    expect(cell(theirs, 5, 5)).toHaveAccessibleName(/: 1 risk$/);
    expect(cell(theirs, 3, 4)).toHaveAccessibleName(/: 1 risk$/);
    // The older view of r1 is not counted.
    expect(cell(theirs, 4, 4)).toHaveAccessibleName(/: 0 risks$/);
    expect(screen.getByText("2 risks with a residual score from both sides.")).toBeInTheDocument();
  });

  it("lists the risks more than one step apart with both scores, the partner's latest comment, who and when", async () => {
    const onOpenRisk = setup();
    const list = await screen.findByRole("table", { name: "Where we disagree" });
    const rows = within(list).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(1);
    const cells = within(rows[0]).getAllByRole("cell").map((c) => c.textContent);
    expect(cells[0]).toBe("TEC-001 Risk number 1");
    expect(cells[1]).toBe("Residual");
    expect(cells[2]).toBe("Low L2 I2");
    expect(cells[3]).toBe("Critical L5 I5");
    expect(cells[4]).toBe("3 steps");
    expect(cells[5]).toBe("Their DPA is not signed yet");
    expect(cells[6]).toMatch(/^Priya \(Acme\)5 Dec 2026, \d\d:30$/);
    await userEvent.click(within(rows[0]).getByRole("button", { name: "TEC-001" }));
    expect(onOpenRisk).toHaveBeenCalledWith("r1");
  });
});
