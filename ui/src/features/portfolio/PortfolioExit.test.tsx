import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ExitStatus, PortfolioRow } from "../../bindings";
import { matrix5 } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { PortfolioView } from "./PortfolioView";

function row(id: string, name: string): PortfolioRow {
  return {
    partnership_id: id,
    partnership: name,
    matrix_name: "Standard 5×5",
    open_risks: 1,
    by_level: [],
    unscored: 0,
    outside_appetite: 0,
    unreviewed: 0,
    past_due_reviews: 0,
    due_soon_reviews: 0,
    overdue_actions: 0,
    acceptances_expiring: 0,
    acceptances_expired: 0,
    indicators_red: 0,
    indicators_amber: 0,
    indicators_stale: 0,
  };
}

const status = (id: string, name: string, level: ExitStatus["level"]): ExitStatus => ({
  partnership_id: id,
  partnership: name,
  level,
  gaps: level === "ready" ? [] : ["last_test_failed"],
  notice: null,
  last_test: null,
  next_test_due: null,
});

describe("The portfolio's exit plan column", () => {
  it("shows each partnership's readiness and opens its exit plan", async () => {
    mockCommands({
      portfolio: () => [row("p1", "Acme pilot"), row("p2", "Globex"), row("p3", "Initech")],
      listPartnerships: () => [],
      matrices: () => [matrix5],
      exitStatuses: () => [status("p1", "Acme pilot", "not_ready"), status("p2", "Globex", "ready")],
    });
    const onOpenExit = vi.fn();
    render(<PortfolioView onOpenRegister={vi.fn()} onOpenQueue={vi.fn()} onOpenExit={onOpenExit} />);
    const table = await screen.findByRole("table", { name: "Partnerships at a glance" });
    expect(within(table).getByRole("columnheader", { name: "Exit plan" })).toBeInTheDocument();
    const link = await within(table).findByRole("button", { name: "Exit plan of Acme pilot: not ready" });
    expect(within(table).getByRole("button", { name: "Exit plan of Globex: ready" })).toHaveTextContent("Ready");
    // A partnership the statuses do not know shows a dash.
    const initech = within(table).getByRole("rowheader", { name: /Initech/ }).closest("tr")!;
    expect(initech.lastElementChild).toHaveTextContent("–");
    await userEvent.click(link);
    expect(onOpenExit).toHaveBeenCalledWith("p1");
  });

  it("shows the table without the column's figures when they cannot be read", async () => {
    mockCommands({
      portfolio: () => [row("p1", "Acme pilot")],
      listPartnerships: () => [],
      matrices: () => [matrix5],
      exitStatuses: () => {
        throw { code: "internal", message: "the exit plans cannot be read" };
      },
    });
    render(<PortfolioView onOpenRegister={vi.fn()} onOpenQueue={vi.fn()} />);
    const table = await screen.findByRole("table", { name: "Partnerships at a glance" });
    expect(within(table).getByRole("rowheader", { name: /Acme pilot/ })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
