import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Indicator, ReadingsColumn, ReadingsOptions, ReadingsPreview } from "../../bindings";
import { argsOf, mockCommands } from "../../test/ipc";
import { ReadingImportDialog } from "./ReadingImportDialog";

function indicator(id: string, name: string, unit: Indicator["unit"]): Indicator {
  return {
    id,
    partnership_id: "p1",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    name,
    unit,
    direction: "higher_is_better",
    target: null,
    amber: 99.5,
    red: 99,
    frequency: "monthly",
    owner: "",
    source: "entered",
    description: "",
    risk_ids: [],
    exit_triggers: [],
  };
}
const indicators = [indicator("i1", "Availability", "percent"), indicator("i2", "Incidents", "count")];

function column(n: number, header: string, taken_as: ReadingsColumn["taken_as"], id: string | null = null) {
  const name = indicators.find((i) => i.id === id)?.name ?? null;
  return { column: n, header, taken_as, indicator_id: id, indicator: name };
}

// The file: "Stichtag,Uptime (monthly),Tickets". By its headers only the date is found
// (a header word); the other two name no indicator.
function preview(readings: ReadingsOptions): ReadingsPreview {
  const mapped = readings.mapping !== null;
  const columns = mapped
    ? [column(0, "Stichtag", "date"), column(1, "Uptime (monthly)", "readings", "i1"), column(2, "Tickets", "ignored")]
    : [column(0, "Stichtag", "date"), column(1, "Uptime (monthly)", "ignored"), column(2, "Tickets", "ignored")];
  const problems = mapped
    ? []
    : [
        {
          row: null,
          column: "Uptime (monthly)",
          message: "no indicator of the partnership has this name (add it, or choose what the column holds)",
        },
        { row: 3, column: "Stichtag", message: '"31.13.2026" is not a date' },
      ];
  const planned = mapped
    ? [
        {
          row: 2,
          indicator_id: "i1",
          indicator: "Availability",
          date: "2026-10-31",
          value: 99.8,
          note: "",
          replaces: false,
        },
      ]
    : [];
  return {
    plan: {
      partnership_id: "p1",
      file_name: "kpis.csv",
      layout: "wide",
      options: readings,
      columns,
      rows: 2,
      readings: planned,
      problems,
      warnings: [],
    },
    digest: "d1",
    readings_total: planned.length,
    replacing: 0,
    problems_total: problems.length,
  };
}

describe("ReadingImportDialog", () => {
  it("shows the columns and problems, re-plans with a changed column, and imports with that mapping", async () => {
    const calls = mockCommands({
      chooseImportFile: () => "/tmp/kpis.csv",
      listIndicators: () => indicators,
      previewReadingImport: ({ readings }) => preview(readings),
      runReadingImport: () => ({ added: 1, replaced: 0 }),
    });
    const onImported = vi.fn();
    const user = userEvent.setup();
    render(<ReadingImportDialog partnershipId="p1" onClose={() => {}} onImported={onImported} />);

    await user.click(screen.getByRole("button", { name: "Choose a file…" }));
    const problems = await screen.findByRole("table", { name: "Problems" });
    expect(within(problems).getByText('"31.13.2026" is not a date')).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("2 problems stop the import");
    const importButton = screen.getByRole("button", { name: "Import 0 readings" }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);

    const uptime = screen.getByRole("combobox", { name: 'Column "Uptime (monthly)" holds' }) as HTMLSelectElement;
    expect(uptime.value).toBe("ignored");
    const date = screen.getByRole("combobox", { name: 'Column "Stichtag" holds' }) as HTMLSelectElement;
    expect(date.value).toBe("date");
    expect(within(uptime).getByRole("option", { name: "Readings of Incidents" })).toBeTruthy();

    await user.selectOptions(uptime, "Readings of Availability");
    await waitFor(() => expect(screen.queryByRole("table", { name: "Problems" })).toBeNull());
    const previews = argsOf(calls, "previewReadingImport");
    expect(previews).toHaveLength(2);
    expect(previews[0].readings.mapping).toBeNull();
    expect(previews[1].readings.mapping).toEqual([
      { column: 0, taken_as: "date", indicator_id: null },
      { column: 1, taken_as: "readings", indicator_id: "i1" },
      { column: 2, taken_as: "ignored", indicator_id: null },
    ]);
    expect(
      (screen.getByRole("combobox", { name: 'Column "Uptime (monthly)" holds' }) as HTMLSelectElement).value,
    ).toBe("readings:i1");
    const readings = screen.getByRole("table", { name: "Readings to record" });
    expect(within(readings).getByText("Availability")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Import 1 readings" }));
    await waitFor(() => expect(onImported).toHaveBeenCalledWith({ added: 1, replaced: 0 }));
    const [run] = argsOf(calls, "runReadingImport");
    expect(run.path).toBe("/tmp/kpis.csv");
    expect(run.digest).toBe("d1");
    expect(run.readings.mapping?.[1]).toEqual({ column: 1, taken_as: "readings", indicator_id: "i1" });
  });

  it("taking another column as the date leaves the one that had it", async () => {
    const calls = mockCommands({
      chooseImportFile: () => "/tmp/kpis.csv",
      listIndicators: () => indicators,
      previewReadingImport: ({ readings }) => preview(readings),
    });
    const user = userEvent.setup();
    render(<ReadingImportDialog partnershipId="p1" onClose={() => {}} onImported={() => {}} />);
    await user.click(screen.getByRole("button", { name: "Choose a file…" }));
    const tickets = await screen.findByRole("combobox", { name: 'Column "Tickets" holds' });
    await user.selectOptions(tickets, "The date");
    await waitFor(() => expect(argsOf(calls, "previewReadingImport")).toHaveLength(2));
    expect(argsOf(calls, "previewReadingImport")[1].readings.mapping).toEqual([
      { column: 0, taken_as: "ignored", indicator_id: null },
      { column: 1, taken_as: "ignored", indicator_id: null },
      { column: 2, taken_as: "date", indicator_id: null },
    ]);
    await user.click(screen.getByRole("button", { name: "Find the columns by their headers again" }));
    await waitFor(() => expect(argsOf(calls, "previewReadingImport")).toHaveLength(3));
    expect(argsOf(calls, "previewReadingImport")[2].readings.mapping).toBeNull();
  });
});
