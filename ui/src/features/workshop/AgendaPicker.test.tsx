import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { matchingIds, register } from "../../test/fixtures";
import { argsOf, mockCommands } from "../../test/ipc";
import { giveElementsABox } from "../../test/layout";
import { AgendaPicker } from "./AgendaPicker";

giveElementsABox();

describe("the agenda picker on a register of 10,000 risks", () => {
  it("puts only the rows in view in the page, filters all of them and picks every shown risk at once", async () => {
    const table = register(10_000);
    const calls = mockCommands({
      register: () => table,
      matchingRisks: ({ filter }) => matchingIds(table, filter.text),
      categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
    });
    const user = userEvent.setup();
    render(<AgendaPicker partnershipId="p1" workshopId="w1" onAgenda={new Set(["r1"])} onChanged={() => undefined} />);
    const section = await screen.findByRole("region", { name: "Pick risks from the register" });
    await within(section).findByRole("checkbox", { name: /^TEC-002 Risk number 2\b/ });
    const rows = within(section).getAllByRole("listitem");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(within(section).getByRole("checkbox", { name: /^TEC-001 Risk number 1\b.*on the agenda/ })).toBeDisabled();

    // The filter is the register's own search (the store's), and reaches risks far
    // below the rows in view.
    await user.type(screen.getByRole("searchbox", { name: "Filter risks" }), "number 9999");
    expect(within(section).getAllByRole("listitem")).toHaveLength(1);
    expect(within(section).getByText("1 of 10000 risks")).toBeInTheDocument();
    expect(argsOf(calls, "matchingRisks").at(-1)).toEqual({
      partnershipId: "p1",
      filter: expect.objectContaining({ text: "number 9999", categories: [] }),
    });
    await user.click(within(section).getByRole("checkbox", { name: /^TEC-9999 Risk number 9999\b/ }));
    expect(screen.getByText("1 selected")).toBeInTheDocument();
    await user.clear(screen.getByRole("searchbox", { name: "Filter risks" }));

    // "Select all shown" picks every risk not already on the agenda, and only those.
    await user.click(screen.getByRole("checkbox", { name: "Select all shown" }));
    expect(screen.getByText("9999 selected")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add to agenda" }));
    const added = argsOf(calls, "addAgendaItems")[0]!.riskIds;
    expect(added).toHaveLength(9_999);
    expect(added[0]).toBe("r2");
    expect(added).not.toContain("r1");
  });
});
