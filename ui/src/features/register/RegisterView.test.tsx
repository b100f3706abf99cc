import { describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RegisterView, type RegisterFilter } from "./RegisterView";
import { emptyFilter } from "../../lib/riskFilter";
import { register } from "../../test/fixtures";
import { argsOf, mockCommands } from "../../test/ipc";
import { giveElementsABox } from "../../test/layout";

giveElementsABox();

function setup(count: number, onFilter = vi.fn(), filter: RegisterFilter = emptyFilter(), matches: string[] = []) {
  const calls = mockCommands({
    register: () => register(count),
    matchingRisks: () => matches,
    categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
  });
  const onOpen = vi.fn();
  const onNew = vi.fn();
  render(
    <div style={{ height: 600 }}>
      <RegisterView partnershipId="p1" version={0} filter={filter} onFilter={onFilter} onOpen={onOpen} onNew={onNew} />
    </div>,
  );
  return { calls, onOpen, onNew, onFilter };
}

describe("RegisterView", () => {
  it("shows the register as a real table with level chips and a count", async () => {
    setup(3);
    expect(await screen.findByText("3 risks")).toBeInTheDocument();
    const table = screen.getByRole("table");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Ref", "Title", "Category", "Owner", "Inherent", "Residual", "Target", "Status", "Next due",
    ]);
    expect(within(table).getByText("Risk number 2")).toBeInTheDocument();
    expect(within(table).getAllByTitle(/likelihood \d, impact \d/).length).toBe(3);
  });

  it("renders only the visible rows of a large register", async () => {
    setup(10_000);
    expect(await screen.findByText("10000 risks")).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByText("Risk number 1")).toBeInTheDocument();
    expect(screen.queryByText("Risk number 9000")).not.toBeInTheDocument();
  });

  it("sorts by a column when its header is clicked", async () => {
    setup(5);
    await screen.findByText("5 risks");
    await userEvent.click(screen.getByRole("button", { name: "Title" }));
    await userEvent.click(screen.getByRole("button", { name: /Title/ }));
    const header = screen.getByRole("columnheader", { name: /Title/ });
    expect(header).toHaveAttribute("aria-sort", "descending");
    const firstRow = screen.getAllByRole("row")[1];
    expect(firstRow).toHaveTextContent("Risk number 5");
  });

  it("moves with j/k and opens with Enter; n starts a new risk", async () => {
    const { onOpen, onNew } = setup(4);
    await screen.findByText("4 risks");
    const grid = screen.getByLabelText(/Risk register/);
    grid.focus();
    await userEvent.keyboard("jj");
    await userEvent.keyboard("k");
    await userEvent.keyboard("{Enter}");
    expect(onOpen).toHaveBeenCalledWith("r2");
    await userEvent.keyboard("n");
    expect(onNew).toHaveBeenCalled();
  });

  it("moves a screen at a time with PageDown and PageUp", async () => {
    const { onOpen } = setup(100);
    await screen.findByText("100 risks");
    screen.getByLabelText(/Risk register/).focus();
    // The test's viewport is 720 px of 36 px rows: a page is 20 rows, less 2 kept in view.
    await userEvent.keyboard("{PageDown}{PageDown}{Enter}");
    expect(onOpen).toHaveBeenLastCalledWith("r37");
    await userEvent.keyboard("{PageUp}{Enter}");
    expect(onOpen).toHaveBeenLastCalledWith("r19");
    await userEvent.keyboard("{PageUp}{PageUp}{Enter}");
    expect(onOpen).toHaveBeenLastCalledWith("r1");
  });

  it("asks the store with the typed text at once, and not again when the window's copy of the filter follows", async () => {
    const calls: string[] = [];
    mockCommands({
      register: () => register(5),
      matchingRisks: ({ filter }) => {
        calls.push(filter.text ?? "");
        return ["r3"];
      },
      categories: () => [],
    });
    // The window keeps the filter and hands it back, as App does.
    function Window() {
      const [filter, setFilter] = useState<RegisterFilter>(emptyFilter());
      return (
        <>
          <output aria-label="Window's filter">{filter.text ?? ""}</output>
          <RegisterView partnershipId="p1" version={0} filter={filter} onFilter={setFilter} onOpen={vi.fn()} onNew={vi.fn()} />
        </>
      );
    }
    render(<Window />);
    await screen.findByText("5 risks");
    await userEvent.type(screen.getByRole("searchbox", { name: "Search risks" }), "gdpr");
    expect(await screen.findByText("1 risks")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("status", { name: "Window's filter" })).toHaveTextContent("gdpr"));
    expect(calls).toEqual(["g", "gd", "gdp", "gdpr"]);
  });

  it("passes typed text to the full-text filter and '/' focuses the search box", async () => {
    const { onFilter } = setup(2);
    await screen.findByText("2 risks");
    screen.getByLabelText(/Risk register/).focus();
    await userEvent.keyboard("/");
    const search = screen.getByRole("searchbox", { name: "Search risks" });
    expect(search).toHaveFocus();
    await userEvent.type(search, "insolv");
    await waitFor(() => expect(onFilter).toHaveBeenCalledWith(expect.objectContaining({ text: "insolv" })));
  });

  it("filters by category through the store", async () => {
    const { onFilter } = setup(2);
    await screen.findByText("2 risks");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Category" }), "technical");
    expect(onFilter).toHaveBeenCalledWith(expect.objectContaining({ categories: ["technical"] }));
  });

  it("shows only the rows the store says match, without reloading the register", async () => {
    const filter = { ...emptyFilter(), text: "number" };
    const { calls } = setup(5, vi.fn(), filter, ["r2", "r4"]);
    expect(await screen.findByText("2 risks")).toBeInTheDocument();
    const table = screen.getByRole("table");
    expect(within(table).getByText("Risk number 2")).toBeInTheDocument();
    expect(within(table).getByText("Risk number 4")).toBeInTheDocument();
    expect(within(table).queryByText("Risk number 1")).not.toBeInTheDocument();
    expect(argsOf(calls, "matchingRisks")[0]).toEqual({ partnershipId: "p1", filter });
    expect(argsOf(calls, "register")).toHaveLength(1);
    // The owner list comes from the whole register, not from the filtered rows.
    expect(within(screen.getByRole("combobox", { name: "Owner" })).getAllByRole("option").length).toBeGreaterThan(1);
  });

  it("shows and offers the portfolio's open risks (every status but closed) as one status choice", async () => {
    const { onFilter } = setup(2, vi.fn(), { ...emptyFilter(), statuses: ["open", "mitigating", "accepted"] }, ["r1"]);
    const status = screen.getByRole("combobox", { name: "Status" });
    expect(status).toHaveDisplayValue("Not closed");
    await userEvent.selectOptions(status, "Closed");
    expect(onFilter).toHaveBeenLastCalledWith(expect.objectContaining({ statuses: ["closed"] }));
    await userEvent.selectOptions(status, "Not closed");
    expect(onFilter).toHaveBeenLastCalledWith(expect.objectContaining({ statuses: ["open", "mitigating", "accepted"] }));
  });

  it("says so when nothing matches the filter", async () => {
    setup(3, vi.fn(), { ...emptyFilter(), statuses: ["closed"] }, []);
    expect(await screen.findByText("No risks match")).toBeInTheDocument();
  });
});
