import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ExitReminder } from "../../bindings";
import { ShortcutProvider } from "../../lib/useShortcut";
import { argsOf } from "../../test/ipc";
import { backend } from "./backend";
import { ReviewQueueView } from "./ReviewQueueView";

const due: ExitReminder[] = [
  { partnership_id: "p1", partnership: "Acme pilot", kind: "test_due", date: "2027-01-02", days_left: -8 },
  { partnership_id: "p2", partnership: "Beta bank", kind: "notice_deadline", date: "2027-01-30", days_left: 20 },
  { partnership_id: "p2", partnership: "Beta bank", kind: "test_failed", date: "2027-01-07", days_left: -3 },
];

describe("Exit plans in the review queue", () => {
  it("lists notice deadlines and exit tests due beside the risks and opens the exit plan", async () => {
    const calls = backend({ reviewQueue: () => [], exitReminders: () => due });
    const onOpenExit = vi.fn();
    render(
      <ShortcutProvider>
        <ReviewQueueView onOpenExit={onOpenExit} />
      </ShortcutProvider>,
    );
    const table = await screen.findByRole("table", { name: "Exit plans due" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("Acme pilotExit test due2027-01-028 days overdue");
    expect(rows[1]).toHaveTextContent("Beta bankLast day to give notice2027-01-30in 20 days");
    expect(rows[2]).toHaveTextContent("Beta bankLast exit test failed2027-01-073 days ago");
    expect(screen.getByRole("heading", { name: "No risk is due for review" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Open the exit plan of Beta bank (last day to give notice)" }));
    expect(onOpenExit).toHaveBeenCalledWith("p2");
    expect(argsOf(calls, "exitReminders")).toEqual([{ partnershipId: null }]);
  });

  it("asks for one partnership's, and none when the queue is narrowed to risks' own fields", async () => {
    const calls = backend({ reviewQueue: () => [], exitReminders: () => due.slice(0, 1) });
    render(
      <ShortcutProvider>
        <ReviewQueueView initialFilter={{ partnership_id: "p1", category: null, min_level: null, owner: null, limit: null }} />
      </ShortcutProvider>,
    );
    await screen.findByRole("table", { name: "Exit plans due" });
    expect(argsOf(calls, "exitReminders")).toEqual([{ partnershipId: "p1" }]);
    await waitFor(() => expect(screen.getByRole("option", { name: "Regulatory" })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Category" }), "regulatory");
    await waitFor(() => expect(screen.queryByRole("table", { name: "Exit plans due" })).not.toBeInTheDocument());
    expect(argsOf(calls, "exitReminders")).toHaveLength(1);
  });
});
