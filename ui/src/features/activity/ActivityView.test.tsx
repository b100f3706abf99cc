import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ActivityEntry, ActivityFilter, ActivityPage, PartnershipSummary } from "../../bindings";
import { partnership } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { ActivityView } from "./ActivityView";

function entry(seq: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    seq,
    at: "2026-11-20T10:15:42Z",
    actor: "Dana",
    entity: "risk",
    entity_id: "r1",
    partnership_id: "p1",
    partnership: "Acme pilot",
    reference: "TEC-004",
    operation: "update",
    field: "residual",
    old_value: '{"likelihood":4,"impact":4}',
    new_value: '{"likelihood":3,"impact":4}',
    context: "review of TEC-004",
    ...overrides,
  };
}

const summary: PartnershipSummary = { ...partnership, matrix_name: "Standard 5×5", risk_count: 3, risks_by_level: [] };

function setup(pages: (filter: ActivityFilter) => ActivityPage, partnershipId: string | null = null) {
  const filters: ActivityFilter[] = [];
  mockCommands({
    activity: ({ filter }) => {
      filters.push(filter);
      return pages(filter);
    },
    activityActors: () => ["Ben", "Dana"],
    listPartnerships: () => [summary, { ...summary, id: "p2", name: "Globex", archived: true }],
  });
  const onOpenRisk = vi.fn();
  render(<ActivityView partnershipId={partnershipId} onOpenRisk={onOpenRisk} />);
  return { filters, onOpenRisk };
}

describe("ActivityView", () => {
  it("shows each change with human labels, old → new, and opens a risk from its reference", async () => {
    const { onOpenRisk } = setup(() => ({
      entries: [
        entry(3),
        entry(2, { entity: "action", entity_id: "a1", field: "status", old_value: "planned", new_value: "in_progress", context: null }),
        entry(1, {
          operation: "delete",
          field: null,
          reference: null,
          old_value: JSON.stringify({ reference: "FIN-002", title: "Partner cannot pay its share" }),
          new_value: null,
          context: null,
        }),
      ],
      next: null,
    }));
    const table = await screen.findByRole("table", { name: "Changes, newest first" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "When", "Who", "Partnership", "Record", "Field", "Change", "Through",
    ]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("2026-11-20 10:15");
    expect(rows[0]).toHaveTextContent("Residual score");
    expect(rows[0]).toHaveTextContent("L4 × I4 → changed to L3 × I4");
    expect(rows[0]).toHaveTextContent("review of TEC-004");
    expect(rows[1]).toHaveTextContent("Action TEC-004");
    expect(rows[1]).toHaveTextContent("Planned → changed to In progress");
    expect(rows[2]).toHaveTextContent("Deleted risk FIN-002 “Partner cannot pay its share”");
    expect(screen.getByText("3 changes, the oldest included")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show older" })).not.toBeInTheDocument();

    // Only a risk that still exists is a link.
    expect(screen.getAllByRole("button", { name: /^Open risk/ })).toHaveLength(1);
    await userEvent.click(screen.getByRole("button", { name: "Open risk TEC-004" }));
    expect(onOpenRisk).toHaveBeenCalledWith("p1", "r1");
  });

  it("asks for the filtered log when a filter changes", async () => {
    const { filters } = setup(() => ({ entries: [entry(1)], next: null }));
    await screen.findByRole("table");
    expect(filters[0]).toEqual({
      partnership_id: null, actor: null, since: null, until: null, entity: null, field: null, before: null, limit: 100,
    });
    // The partnership list includes archived ones, marked.
    expect(await screen.findByRole("option", { name: "Globex (archived)" })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Person" }), "Ben");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Partnership" }), "p1");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Kind of record" }), "risk");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Field" }), "Residual score");
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-11-30" } });
    await waitFor(() =>
      expect(filters.at(-1)).toEqual({
        partnership_id: "p1",
        actor: "Ben",
        since: "2026-11-01",
        until: "2026-11-30",
        entity: "risk",
        field: "residual",
        before: null,
        limit: 100,
      }),
    );

    await userEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(filters.at(-1)).toEqual(filters[0]));
  });

  it("offers the fields of the chosen kind of record", async () => {
    setup(() => ({ entries: [entry(1)], next: null }));
    await screen.findByRole("table");
    const field = screen.getByRole("combobox", { name: "Field" });
    expect(within(field).getByRole("option", { name: "Linked risks" })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Kind of record" }), "action");
    expect(within(field).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Any field", "Title", "Detail", "Owner", "Due date", "Status", "Cost",
    ]);
  });

  it("loads older changes with the page's next seq, keeping the filter", async () => {
    const { filters } = setup((f) =>
      f.before === null
        ? { entries: [entry(300), entry(299, { actor: "Ben" })], next: 299 }
        : { entries: [entry(298, { actor: "Cy", field: "title", old_value: "Old", new_value: "New" })], next: null },
    "p1");
    await screen.findByRole("table");
    expect(filters[0]!.partnership_id).toBe("p1");
    // One partnership's log: no partnership column or filter.
    expect(screen.queryByRole("combobox", { name: "Partnership" })).not.toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "Partnership" })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Show older" }));
    expect(await screen.findByText("3 changes, the oldest included")).toBeInTheDocument();
    expect(filters.at(-1)).toEqual({ ...filters[0], before: 299 });
    expect(screen.getAllByRole("row")).toHaveLength(4);
    expect(screen.getByRole("row", { name: /Cy/ })).toHaveTextContent("Old → changed to New");
  });

  it("says when nothing matches, and shows a bad day range next to the dates", async () => {
    setup((f) => {
      if (f.until && f.since && f.until < f.since)
        throw {
          code: "invalid",
          field: "until",
          value: "2026-11-01",
          reason: "the range ends before it starts (2026-11-30)",
          message: "The range ends before it starts (2026-11-30).",
        };
      return { entries: [], next: null };
    });
    expect(await screen.findByRole("heading", { name: "No changes yet" })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-30" } });
    expect(await screen.findByRole("heading", { name: "No changes match" })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-11-01" } });
    expect(await screen.findByRole("alert")).toHaveTextContent("The range ends before it starts (2026-11-30).");
    expect(screen.getByLabelText("To")).toHaveAttribute("aria-invalid", "true");
  });
});
