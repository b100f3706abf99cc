import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { ExportPdfDialog } from "./ExportPdfDialog";
import { matrix5 } from "../../test/fixtures";

function setup(reply: (args: Record<string, unknown>) => unknown) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === "matrices") return [matrix5];
    if (cmd === "categories") return [{ code: "exit", name: "Exit", prefix: "EXT", built_in: true }];
    if (cmd === "export_pdf") return reply(a);
    return null;
  });
  render(<ExportPdfDialog partnershipId="p1" matrixId="preset-5x5" onClose={vi.fn()} />);
  return calls;
}

describe("ExportPdfDialog", () => {
  it("sends the chosen options and offers to open the written file", async () => {
    const calls = setup(() => ({ path: "/tmp/acme.pdf", pages: 12, risks: 40, actions: 90, bytes: 1000 }));
    await screen.findByRole("option", { name: "High or higher" });
    await userEvent.selectOptions(screen.getByLabelText("Paper"), "letter");
    await userEvent.click(screen.getByRole("checkbox", { name: /Appendix/ }));
    await userEvent.selectOptions(screen.getByLabelText("Minimum residual level"), "High or higher");
    await userEvent.click(screen.getByRole("checkbox", { name: "Exit" }));
    await userEvent.type(screen.getByLabelText("Prepared by"), "Risk office");
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    expect(await screen.findByText(/Saved 12 pages/)).toHaveTextContent("/tmp/acme.pdf");
    const call = calls.find((c) => c.cmd === "export_pdf")!;
    expect(call.args.partnershipId).toBe("p1");
    expect(call.args.options).toMatchObject({
      paper: "letter",
      prepared_by: "Risk office",
      filter: { min_level: 2, categories: ["exit"] },
    });
    expect((call.args.options as { sections: string[] }).sections).not.toContain("appendix");
    await userEvent.click(screen.getByRole("button", { name: "Open the PDF" }));
    expect(calls.some((c) => c.cmd === "open_last_export")).toBe(true);
  });

  it("shows a refused option next to it, and a cancelled dialog writes nothing", async () => {
    let refuse = true;
    setup(() => {
      if (refuse) throw { code: "invalid", field: "sections", message: "sections: choose at least one section" };
      return null;
    });
    await screen.findByRole("option", { name: "High or higher" });
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    expect(await screen.findByText("sections: choose at least one section")).toBeInTheDocument();
    refuse = false;
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    expect(screen.queryByText(/Saved/)).not.toBeInTheDocument();
    expect(screen.queryByText("sections: choose at least one section")).not.toBeInTheDocument();
  });
});
