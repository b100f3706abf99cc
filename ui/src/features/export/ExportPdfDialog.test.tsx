import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ExportPdfDialog } from "./ExportPdfDialog";
import { matrix5 } from "../../test/fixtures";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import type { PartnerView } from "../../bindings";

function setup(reply: NonNullable<Handlers["exportPdf"]>, views: PartnerView[] = []) {
  const calls = mockCommands({
    matrices: () => [matrix5],
    categories: () => [{ code: "exit", name: "Exit", prefix: "EXT", built_in: true }],
    partnerViews: () => views,
    exportPdf: reply,
  });
  render(<ExportPdfDialog partnershipId="p1" matrixId="preset-5x5" onClose={vi.fn()} />);
  return calls;
}

describe("ExportPdfDialog", () => {
  it("offers the exit plan as a section, chosen unless unticked", async () => {
    const calls = setup(() => ({ path: "/tmp/acme.pdf", pages: 3, risks: 40, actions: 0, bytes: 1000 }));
    const exit = await screen.findByRole("checkbox", { name: "Exit plan" });
    expect(exit).toBeChecked();
    await userEvent.click(exit);
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    await screen.findByText(/Saved 3 pages/);
    expect(argsOf(calls, "exportPdf")[0]!.options.sections).not.toContain("exit_plan");
  });

  it("offers the health indicators as a section, sent when ticked", async () => {
    const calls = setup(() => ({ path: "/tmp/acme.pdf", pages: 3, risks: 40, actions: 0, bytes: 1000 }));
    const health = await screen.findByRole("checkbox", { name: "Health indicators" });
    expect(health).toBeChecked();
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    await screen.findByText(/Saved 3 pages/);
    expect(argsOf(calls, "exportPdf")[0]!.options.sections).toContain("health");
  });

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
    const args = argsOf(calls, "exportPdf")[0]!;
    expect(args.partnershipId).toBe("p1");
    expect(args.options).toMatchObject({
      paper: "letter",
      prepared_by: "Risk office",
      filter: { min_level: 2, categories: ["exit"] },
    });
    expect(args.options.sections).not.toContain("appendix");
    await userEvent.click(screen.getByRole("button", { name: "Open the PDF" }));
    expect(calls.some((c) => c.command === "openLastExport")).toBe(true);
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

  it("offers the partner's column only when the partner sent a view, and sends it when ticked", async () => {
    const saved = () => ({ path: "/tmp/acme.pdf", pages: 3, risks: 40, actions: 0, bytes: 1000 });
    const view: PartnerView = {
      id: "v1",
      risk_id: "r1",
      reference: "TEC-001",
      title: "API breaks",
      author: "Pat",
      workspace: "acme.prisk",
      at: "2026-12-07T10:00:00Z",
      inherent: null,
      residual: { likelihood: 2, impact: 4 },
      target: null,
      comment: "Rarer for us",
    };
    const calls = setup(saved, [view]);
    const column = await screen.findByRole("checkbox", { name: "The partner's view beside ours in the register" });
    expect(column).not.toBeChecked();
    // Not offered without the register.
    await userEvent.click(screen.getByRole("checkbox", { name: "Register" }));
    expect(screen.queryByRole("checkbox", { name: /partner's view/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: "Register" }));
    await userEvent.click(screen.getByRole("checkbox", { name: /partner's view/ }));
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    await screen.findByText(/Saved 3 pages/);
    expect(argsOf(calls, "exportPdf")[0]!.options.partner_views).toBe(true);
  });

  it("does not offer the partner's column for a partnership without their views", async () => {
    const calls = setup(() => ({ path: "/tmp/acme.pdf", pages: 3, risks: 40, actions: 0, bytes: 1000 }));
    await screen.findByRole("option", { name: "High or higher" });
    expect(calls.some((c) => c.command === "partnerViews")).toBe(true);
    expect(screen.queryByRole("checkbox", { name: /partner's view/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Export PDF…" }));
    await screen.findByText(/Saved 3 pages/);
    expect(argsOf(calls, "exportPdf")[0]!.options.partner_views).toBe(false);
  });
});
