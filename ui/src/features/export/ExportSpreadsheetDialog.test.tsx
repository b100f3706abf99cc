import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { ExportSpreadsheetDialog } from "./ExportSpreadsheetDialog";

function setup(reply: (args: Record<string, unknown>) => unknown) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === "export_spreadsheet") return reply(a);
    return null;
  });
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
    expect(calls.find((c) => c.cmd === "export_spreadsheet")!.args).toEqual({ partnershipId: "p1", format: "xlsx" });

    await userEvent.click(screen.getByRole("radio", { name: /CSV/ }));
    await userEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(await screen.findByText(/Saved 40 risks to/)).toHaveTextContent("/tmp/acme.csv");
    expect(calls.filter((c) => c.cmd === "export_spreadsheet").map((c) => c.args.format)).toEqual(["xlsx", "csv"]);
    await userEvent.click(screen.getByRole("button", { name: "Open the file" }));
    expect(calls.some((c) => c.cmd === "open_last_export")).toBe(true);
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
