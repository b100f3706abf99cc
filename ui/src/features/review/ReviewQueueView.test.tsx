import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { QueueFilter } from "../../bindings";
import { addDays, todayIso } from "../../lib/dates";
import { ShortcutProvider } from "../../lib/useShortcut";
import { ReviewQueueView } from "./ReviewQueueView";
import { argsOf } from "../../test/ipc";
import { backend } from "./backend";
import { context, entry } from "./testData";

const today = todayIso();
const queue = [
  entry(3, { state: "unreviewed", level: "High" }),
  entry(1, { state: "past_due", due: addDays(today, -3), last_reviewed: "2026-01-01" }),
  entry(2, { state: "due_soon", due: addDays(today, 5), partnership: "Beta bank", partnership_id: "p2" }),
];

function show(initialFilter?: QueueFilter) {
  return render(
    <ShortcutProvider>
      <ReviewQueueView initialFilter={initialFilter} />
    </ShortcutProvider>,
  );
}

describe("ReviewQueueView", () => {
  it("lists the queue in the core's order with its state, due date and level, and focuses Start reviewing", async () => {
    backend({ reviewQueue: () => queue });
    show();
    const table = await screen.findByRole("table", { name: "Review queue" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[3]!.textContent)).toEqual(["TEC-003", "TEC-001", "TEC-002"]);
    expect(rows[0]).toHaveTextContent("Unreviewed");
    expect(rows[0]).toHaveTextContent("High");
    expect(rows[1]).toHaveTextContent("Past due · 3 days");
    expect(rows[1]).toHaveTextContent(addDays(today, -3));
    expect(rows[2]).toHaveTextContent("Due soon");
    expect(rows[2]).toHaveTextContent("Beta bank");
    expect(screen.getByRole("button", { name: "Start reviewing" })).toHaveFocus();
    expect(screen.getByText("3 risks are due")).toBeInTheDocument();
  });

  it("asks the core again with each filter, starting from the filter it was opened with", async () => {
    const calls = backend({ reviewQueue: () => queue });
    show({ partnership_id: "p1", category: null, min_level: null, owner: null, limit: 500 });
    await screen.findByRole("table", { name: "Review queue" });
    const filters = () => argsOf(calls, "reviewQueue").map((a) => a.filter);
    expect(filters()[0]).toEqual({ partnership_id: "p1", category: null, min_level: null, owner: null, limit: 500 });

    await waitFor(() => expect(screen.getByRole("option", { name: "Regulatory" })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Category" }), "regulatory");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Level" }), "High or higher");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Owner" }), "Ana");
    await waitFor(() =>
      expect(filters().at(-1)).toEqual({ partnership_id: "p1", category: "regulatory", min_level: 2, owner: "Ana", limit: 500 }),
    );
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Partnership" }), "All partnerships");
    // Levels are indices into each matrix: a new partnership choice forgets the level.
    await waitFor(() =>
      expect(filters().at(-1)).toEqual({ partnership_id: null, category: "regulatory", min_level: null, owner: "Ana", limit: 500 }),
    );
  });

  it("says plainly when nothing is due", async () => {
    backend({ reviewQueue: () => [] });
    show();
    expect(await screen.findByRole("heading", { name: "Nothing is due for review" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Start reviewing" })).not.toBeInTheDocument();
  });

  it("opens the review at a row that is clicked", async () => {
    backend({
      reviewQueue: () => queue,
      reviewContext: (a) => context(Number(a.riskId.slice(1))),
    });
    show();
    await userEvent.click(await screen.findByRole("button", { name: "Review TEC-001 Risk number 1" }));
    expect(await screen.findByRole("heading", { name: "Review TEC-001" })).toBeInTheDocument();
    expect(screen.getByText(/2 of 3 in the queue/)).toBeInTheDocument();
  });
});
