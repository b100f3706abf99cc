import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import { ExportSpreadsheetDialog } from "./ExportSpreadsheetDialog";

function setup(reply: NonNullable<Handlers["exportSpreadsheet"]>) {
  const calls = mockCommands({ exportSpreadsheet: reply });
  render(<ExportSpreadsheetDialog partnershipId="p1" onClose={vi.fn()} />);
  return calls;
}

describe("ExportSpreadsheetDialog", () => {
  it("exports a workbook by default, or CSV when chosen, and offers to open the file", async () => {
    const calls = setup((a) =>
      a.format === "xlsx"
        ? { path: "/tmp/acme.xlsx", risks: 40, actions: 90, bytes: 48000 }
        : { path: "/tmp/acme.csv", risks: 40, actions: 0, bytes: 34000 },
    );
    expect(screen.getByRole("radio", { name: /Excel workbook/ })).toBeChecked();
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(await screen.findByText(/Saved 40 risks and 90 actions/)).toHaveTextContent("/tmp/acme.xlsx");
    expect(argsOf(calls, "exportSpreadsheet")[0]).toEqual({ partnershipId: "p1", format: "xlsx" });

    await userEvent.click(screen.getByRole("radio", { name: /CSV/ }));
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(await screen.findByText(/Saved 40 risks to/)).toHaveTextContent("/tmp/acme.csv");
    expect(argsOf(calls, "exportSpreadsheet").map((a) => a.format)).toEqual(["xlsx", "csv"]);
    await userEvent.click(screen.getByRole("button", { name: "Open the file" }));
    expect(calls.some((c) => c.command === "openLastExport")).toBe(true);
  });

  it("shows a refusal in words and writes nothing when the save dialog is cancelled", async () => {
    let refuse = true;
    setup(() => {
      if (refuse) throw { code: "io", message: "cannot write /read-only/acme.xlsx: permission denied" };
      return null;
    });
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(await screen.findByText(/permission denied/)).toBeInTheDocument();
    refuse = false;
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(screen.queryByText(/permission denied/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Saved/)).not.toBeInTheDocument();
  });
});
