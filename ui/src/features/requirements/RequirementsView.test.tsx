import { describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError, Requirement } from "../../bindings";
import { register, requirement } from "../../test/fixtures";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import { RequirementsView } from "./RequirementsView";

const requirements: Requirement[] = [
  requirement(1, { title: "DPA signed", area: "Data protection", status: "verified", risk_ids: ["r1", "r3"] }),
  requirement(2, { title: "MFA everywhere", status: "in_place", evidence: "SSO report" }),
  requirement(3, { title: "Annual penetration test", status: "in_progress" }),
  requirement(4, { title: "Exit plan written", area: "Exit", status: "not_applicable" }),
];

function mock(handlers: Handlers = {}) {
  return mockCommands(
    {
      requirements: () => requirements,
      register: () => register(3),
      updateRequirement: ({ id, fields, riskIds }) => {
        const old = requirements.find((r) => r.id === id)!;
        return { ...old, ...fields, risk_ids: riskIds };
      },
      ...handlers,
    },
    "throw",
  );
}

describe("RequirementsView", () => {
  it("lists the checklist as a table with progress and the linked risks' references", async () => {
    const calls = mock();
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);
    const table = await screen.findByRole("table");

    expect(within(table).getAllByRole("row")).toHaveLength(5);
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Code",
      "Requirement",
      "Area",
      "Status",
      "Evidence",
      "Risks",
    ]);
    // Not-applicable requirements do not count against progress.
    expect(screen.getByText("2 of 3")).toBeInTheDocument();
    expect(screen.getByText(/1 not applicable/)).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Requirements in place or verified" })).toHaveAttribute("value", "2");

    expect(await screen.findByRole("button", { name: "TEC-001" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "TEC-003" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Status of REQ-2" })).toHaveValue("in_place");
    expect(screen.getByRole("textbox", { name: "Evidence for REQ-2" })).toHaveValue("SSO report");

    expect(argsOf(calls, "register")[0]).toEqual({ partnershipId: "p1" });
    expect(argsOf(calls, "requirements")[0]).toEqual({ partnershipId: "p1" });
  });

  it("saves a status change at once with the other fields and the risk links kept", async () => {
    const calls = mock();
    const user = userEvent.setup();
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);

    await user.selectOptions(await screen.findByRole("combobox", { name: "Status of REQ-1" }), "in_progress");

    await waitFor(() => expect(argsOf(calls, "updateRequirement")).toHaveLength(1));
    expect(argsOf(calls, "updateRequirement")[0]).toEqual({
      id: "q1",
      fields: {
        code: "REQ-1",
        title: "DPA signed",
        area: "Data protection",
        description: "",
        status: "in_progress",
        evidence: "",
      },
      riskIds: ["r1", "r3"],
    });
    expect(screen.getByRole("combobox", { name: "Status of REQ-1" })).toHaveValue("in_progress");
    expect(screen.getByText("1 of 3")).toBeInTheDocument();
  });

  it("saves evidence when the field loses focus, and only if it changed", async () => {
    const calls = mock();
    const user = userEvent.setup();
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);
    const evidence = await screen.findByRole("textbox", { name: "Evidence for REQ-3" });

    await user.click(evidence);
    await user.tab();
    expect(calls.some((c) => c.command === "updateRequirement")).toBe(false);

    await user.click(evidence);
    await user.type(evidence, "Report 2026-10, no high findings");
    expect(calls.some((c) => c.command === "updateRequirement")).toBe(false);
    await user.tab();

    await waitFor(() => expect(argsOf(calls, "updateRequirement")).toHaveLength(1));
    expect(argsOf(calls, "updateRequirement")[0]).toMatchObject({
      id: "q3",
      fields: { evidence: "Report 2026-10, no high findings", status: "in_progress" },
      riskIds: [],
    });
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "Evidence for REQ-3" })).toHaveValue("Report 2026-10, no high findings"),
    );
  });

  it("shows a failed save next to the field and puts the status back", async () => {
    const failure: IpcError = {
      code: "not_found",
      field: "id",
      value: "q2",
      reason: "no requirement",
      message: "There is no requirement “q2” (any more): it may have been deleted or renamed.",
    };
    mock({
      updateRequirement: () => {
        throw failure;
      },
    });
    const user = userEvent.setup();
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);
    const status = await screen.findByRole("combobox", { name: "Status of REQ-2" });

    await user.selectOptions(status, "verified");

    await waitFor(() => expect(status).toHaveAccessibleDescription("There is no requirement “q2” (any more): it may have been deleted or renamed."));
    expect(status).toHaveValue("in_place");
    expect(status).toHaveAttribute("aria-invalid", "true");
    // Other rows are untouched.
    expect(screen.getByRole("combobox", { name: "Status of REQ-3" })).not.toHaveAccessibleDescription();

    // An evidence error goes under the evidence, and the typed text stays.
    const evidence = screen.getByRole("textbox", { name: "Evidence for REQ-3" });
    await user.type(evidence, "x".repeat(3));
    await user.tab();
    await waitFor(() => expect(evidence).toHaveAccessibleDescription("There is no requirement “q2” (any more): it may have been deleted or renamed."));
    expect(evidence).toHaveValue("xxx");
  });

  it("never sends stale evidence when the status changes while the evidence is still saving", async () => {
    let release: () => void = () => {};
    let count = 0;
    const calls = mock({
      updateRequirement: ({ fields }) => {
        const saved: Requirement = { ...requirements[2]!, ...fields };
        return ++count === 1 ? new Promise<Requirement>((resolve) => (release = () => resolve(saved))) : saved;
      },
    });
    const user = userEvent.setup();
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);
    const evidence = await screen.findByRole("textbox", { name: "Evidence for REQ-3" });
    await user.type(evidence, "Signed off");
    await user.selectOptions(screen.getByRole("combobox", { name: "Status of REQ-3" }), "in_place");

    await waitFor(() => expect(argsOf(calls, "updateRequirement")).toHaveLength(2));
    const second = argsOf(calls, "updateRequirement")[1]!;
    expect(second.fields).toMatchObject({ evidence: "Signed off", status: "in_place" });
    // The first answer arrives last: it must not put the old status back.
    await act(async () => release());
    expect(screen.getByRole("combobox", { name: "Status of REQ-3" })).toHaveValue("in_place");
    expect(screen.getByRole("textbox", { name: "Evidence for REQ-3" })).toHaveValue("Signed off");
  });

  it("opens a linked risk", async () => {
    mock();
    const onOpenRisk = vi.fn();
    const user = userEvent.setup();
    render(<RequirementsView partnershipId="p1" onOpenRisk={onOpenRisk} />);
    await user.click(await screen.findByRole("button", { name: "TEC-003" }));
    expect(onOpenRisk).toHaveBeenCalledWith("r3");
  });

  it("filters by area and by status", async () => {
    mock();
    const user = userEvent.setup();
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);
    const table = await screen.findByRole("table");

    const area = screen.getByRole("combobox", { name: "Area" });
    expect(within(area).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "All areas",
      "Data protection",
      "Exit",
      "Security",
    ]);
    await user.selectOptions(area, "Security");
    expect(within(table).getAllByRole("rowheader").map((h) => h.textContent)).toEqual([
      "MFA everywhere",
      "Annual penetration test",
    ]);
    expect(screen.getByText("Showing 2 of 4 requirements.")).toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "in_progress");
    expect(within(table).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["Annual penetration test"]);

    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "verified");
    expect(within(table).getByText("No requirement matches these filters.")).toBeInTheDocument();

    await user.selectOptions(area, "");
    expect(within(table).getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["DPA signed"]);
  });

  it("shows an empty state when there are no requirements", async () => {
    mock({ requirements: () => [] });
    render(<RequirementsView partnershipId="p1" onOpenRisk={vi.fn()} />);
    expect(await screen.findByText("This partnership has no requirements yet.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
