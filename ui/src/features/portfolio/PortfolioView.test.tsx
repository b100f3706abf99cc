import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { PartnershipSummary, PortfolioRow } from "../../bindings";
import { matrix5, partnership } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { PortfolioView } from "./PortfolioView";

const levels = (counts: number[]) =>
  matrix5.levels.map((l, i) => ({ level: l.name, colour: l.colour, count: counts[i] ?? 0 }));

function row(id: string, name: string, overrides: Partial<PortfolioRow> = {}): PortfolioRow {
  return {
    partnership_id: id,
    partnership: name,
    matrix_name: "Standard 5×5",
    open_risks: 7,
    by_level: levels([2, 1, 3, 0]),
    unscored: 1,
    outside_appetite: 3,
    unreviewed: 4,
    past_due_reviews: 2,
    due_soon_reviews: 1,
    overdue_actions: 5,
    acceptances_expiring: 1,
    acceptances_expired: 0,
    indicators_red: 1,
    indicators_amber: 2,
    indicators_stale: 0,
    ...overrides,
  };
}

const summary = (id: string): PartnershipSummary => ({
  ...partnership,
  id,
  matrix_name: "Standard 5×5",
  risk_count: 7,
  risks_by_level: [],
});

function setup(rows: PortfolioRow[]) {
  mockCommands({
    portfolio: () => rows,
    listPartnerships: () => rows.map((r) => summary(r.partnership_id)),
    matrices: () => [matrix5],
  });
  const onOpenRegister = vi.fn();
  const onOpenQueue = vi.fn();
  const onNew = vi.fn();
  render(<PortfolioView onOpenRegister={onOpenRegister} onOpenQueue={onOpenQueue} onNew={onNew} />);
  return { onOpenRegister, onOpenQueue, onNew };
}

const open = { categories: [], statuses: ["open", "mitigating", "accepted"], kind: null, cell: null, owner: null, text: null };

describe("PortfolioView", () => {
  it("shows every partnership's figures and their totals", async () => {
    setup([row("p1", "Acme pilot"), row("p2", "Globex", { open_risks: 2, by_level: levels([0, 0, 1, 1]), outside_appetite: 2, acceptances_expired: 2, indicators_red: 0, indicators_stale: 3 })]);
    const table = await screen.findByRole("table", { name: "Partnerships at a glance" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Partnership", "Open risks", "By level", "Unscored", "Outside appetite", "Unreviewed", "Reviews past due",
      "Reviews due soon", "Overdue actions", "Acceptances expiring (30 days)", "Acceptances expired",
      "Indicators red / amber / stale", "Exit plan",
    ]);
    const acme = screen.getByRole("row", { name: /^Acme pilot/ });
    expect(within(acme).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "7", "Low 2Medium 1High 3Critical 0", "1", "3", "4", "2", "1", "5", "1", "0", "1 / 2 / 0", "–",
    ]);
    const total = screen.getByRole("row", { name: /^Total/ });
    expect(within(total).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "9", "Low 2Medium 1High 4Critical 1", "2", "5", "8", "4", "2", "10", "2", "2", "1 / 4 / 3", "",
    ]);
    expect(screen.getByLabelText("1 indicator red, 2 amber, 0 stale in Acme pilot")).toHaveClass("alert");
    // Chips wear their level's colour.
    expect(screen.getByRole("button", { name: "3 High risks in Acme pilot" })).toHaveStyle({ background: "#F57C00" });
    expect(screen.getByRole("img", { name: "0 Critical risks in Acme pilot" })).toBeInTheDocument();
  });

  it("opens the register with the closest filter for register figures", async () => {
    const { onOpenRegister } = setup([row("p1", "Acme pilot")]);
    await userEvent.click(await screen.findByRole("button", { name: "7 open risks in Acme pilot" }));
    expect(onOpenRegister).toHaveBeenLastCalledWith("p1", { ...open, min_level: null });
    await userEvent.click(screen.getByRole("button", { name: "1 Medium risk in Acme pilot" }));
    expect(onOpenRegister).toHaveBeenLastCalledWith("p1", { ...open, min_level: 1 });
    // High is the lowest level of the 5×5 matrix outside appetite.
    await userEvent.click(screen.getByRole("button", { name: "3 risks outside appetite in Acme pilot" }));
    expect(onOpenRegister).toHaveBeenLastCalledWith("p1", { ...open, min_level: 2 });
    await userEvent.click(screen.getByRole("button", { name: "5 overdue actions in Acme pilot" }));
    expect(onOpenRegister).toHaveBeenLastCalledWith("p1", { ...open, min_level: null });
    // A total has no one register to open.
    expect(screen.queryByRole("button", { name: /open risks in all partnerships/ })).not.toBeInTheDocument();
  });

  it("opens the review queue of the partnership for review and acceptance figures", async () => {
    const { onOpenQueue, onOpenRegister } = setup([row("p1", "Acme pilot")]);
    const queue = { partnership_id: "p1", category: null, min_level: null, owner: null, limit: null };
    for (const name of [
      "4 unreviewed risks in Acme pilot",
      "2 reviews past due in Acme pilot",
      "1 review due soon in Acme pilot",
      "1 acceptance expiring within 30 days in Acme pilot",
    ]) {
      onOpenQueue.mockClear();
      await userEvent.click(await screen.findByRole("button", { name }));
      expect(onOpenQueue).toHaveBeenCalledWith(queue);
    }
    await userEvent.click(screen.getByRole("button", { name: "4 unreviewed risks in all partnerships" }));
    expect(onOpenQueue).toHaveBeenLastCalledWith({ ...queue, partnership_id: null });
    expect(onOpenRegister).not.toHaveBeenCalled();
    // Zero is not a link.
    expect(screen.queryByRole("button", { name: /acceptances expired in Acme pilot/ })).not.toBeInTheDocument();
  });

  it("says there is nothing to compare without partnerships", async () => {
    const { onNew } = setup([]);
    expect(await screen.findByRole("heading", { name: "No partnerships yet" })).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "New partnership…" }));
    expect(onNew).toHaveBeenCalled();
  });

  it("shows why the figures could not be read", async () => {
    mockCommands({
      portfolio: () => {
        throw { code: "store", message: "The workspace file is locked by another program" };
      },
      listPartnerships: () => [],
      matrices: () => [],
    });
    render(<PortfolioView onOpenRegister={vi.fn()} onOpenQueue={vi.fn()} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("locked by another program");
  });
});

describe("PortfolioView export", () => {
  it("exports the one-page PDF through the save dialog and says where it went", async () => {
    const calls = mockCommands({
      portfolio: () => [row("p1", "Acme pilot")],
      listPartnerships: () => [summary("p1")],
      matrices: () => [matrix5],
      exportPortfolioPdf: (args) => {
        expect(args).toEqual({ preparedBy: "" });
        return { path: "/home/ann/Partnership portfolio.pdf", pages: 1, partnerships: 1, bytes: 4000 };
      },
    });
    render(<PortfolioView onOpenRegister={vi.fn()} onOpenQueue={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Export PDF…" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Saved the portfolio (1 partnership, 1 page) to /home/ann/Partnership portfolio.pdf.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Open" }));
    expect(calls.map((c) => c.command)).toContain("openLastExport");
  });

  it("leaves nothing on screen when the dialog is cancelled", async () => {
    mockCommands({
      portfolio: () => [row("p1", "Acme pilot")],
      listPartnerships: () => [summary("p1")],
      matrices: () => [matrix5],
    });
    render(<PortfolioView onOpenRegister={vi.fn()} onOpenQueue={vi.fn()} />);
    await userEvent.click(await screen.findByRole("button", { name: "Export PDF…" }));
    expect(await screen.findByRole("button", { name: "Export PDF…" })).toBeEnabled();
    expect(screen.queryByRole("status")).toBeNull();
  });
});
