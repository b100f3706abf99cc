import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { argsOf } from "../../test/ipc";
import { ExitPlanView } from "./ExitPlanView";
import { core } from "./testData";

async function open() {
  render(<ExitPlanView partnershipId="p1" />);
  return await screen.findByRole("heading", { name: /Readiness/ });
}

const gapList = () => within(screen.getByRole("list", { name: "Gaps" }));

describe("ExitPlanView", () => {
  it("shows the derived notice deadline, the sections and the readiness with its gaps", async () => {
    core();
    await open();
    expect(screen.getByRole("status", { name: "Notice deadline" })).toHaveTextContent("last day to give notice 2027-01-30 (20 days left)");
    // The deadline is derived: no control to type it.
    expect(screen.queryByRole("textbox", { name: /last day/i })).not.toBeInTheDocument();
    for (const name of ["Agreement", "Scenarios", "Data and IP at exit", "Substitutability and alternatives", "Roles and success criteria", "Exit tests"])
      expect(screen.getByRole("heading", { name })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /Readiness/ })).toHaveTextContent("Not ready");
    expect(gapList().getByRole("button", { name: "There is no stressed exit scenario." })).toBeInTheDocument();
    // The timeline marks the critical path and compares it with the target.
    const timeline = screen.getByRole("figure", { name: "Timeline of End of term" });
    expect(timeline).toHaveTextContent("Critical path 52 days against a target of 90 days");
    expect(within(timeline).getAllByText("(on the critical path)")).toHaveLength(3);
  });

  it("focuses the field a gap names, and the gap goes once the field is filled", async () => {
    const { calls } = core();
    await open();
    await userEvent.click(gapList().getByRole("button", { name: "No one owns the exit plan." }));
    const owner = screen.getByRole("textbox", { name: "Exit owner" });
    expect(owner).toHaveFocus();
    await userEvent.keyboard("Ana Ruiz");
    await userEvent.tab();
    await waitFor(() => expect(gapList().queryByRole("button", { name: "No one owns the exit plan." })).not.toBeInTheDocument());
    const save = argsOf(calls, "saveExitPlan")[0]!;
    expect(save.expected.roles.exit_owner).toBe("");
    expect(save.plan.roles.exit_owner).toBe("Ana Ruiz");
    // A gap naming a list leads to it: the test log's first control.
    await userEvent.click(gapList().getByRole("button", { name: "The plan has never been tested." }));
    expect(screen.getByLabelText("Date of the test")).toHaveFocus();
  });

  it("reorders steps with Alt+arrows on a row and keeps the focus on the moved step", async () => {
    const { calls } = core();
    await open();
    const steps = () => screen.getAllByRole("listitem", { name: /^Step \d/ }).map((li) => li.getAttribute("aria-label"));
    const row = screen.getByRole("listitem", { name: "Step 3: Revoke access" });
    row.focus();
    await userEvent.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await waitFor(() => expect(steps()).toEqual(["Step 1: Export and verify the data", "Step 2: Revoke access", "Step 3: Switch integrations"]));
    expect(argsOf(calls, "moveExitStep")).toEqual([{ partnershipId: "p1", scenarioId: "sc1", stepId: "c", position: 2 }]);
    await waitFor(() => expect(screen.getByRole("listitem", { name: "Step 2: Revoke access" })).toHaveFocus());
    // From inside a field of the row too, and the field keeps the focus.
    const title = screen.getByRole("textbox", { name: "Title of step 1" }) as HTMLInputElement;
    expect(title.value).toBe("Export and verify the data");
    title.focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() => expect(steps()[1]).toBe("Step 2: Export and verify the data"));
    await waitFor(() => expect(document.activeElement?.id).toBe("exit-scenarios-0-steps-1-title"));
    // The buttons say what they move.
    await userEvent.click(screen.getByRole("button", { name: "Move step Switch integrations up" }));
    await waitFor(() => expect(steps()[1]).toBe("Step 2: Switch integrations"));
  });

  it("reorders steps by dragging", async () => {
    const { calls } = core();
    await open();
    const first = screen.getByRole("listitem", { name: "Step 1: Export and verify the data" });
    const last = screen.getByRole("listitem", { name: "Step 3: Revoke access" });
    const data = { effectAllowed: "", setData: () => undefined };
    fireEvent.dragStart(first, { dataTransfer: data });
    fireEvent.dragOver(last, { dataTransfer: data });
    fireEvent.drop(last, { dataTransfer: data });
    await waitFor(() => expect(argsOf(calls, "moveExitStep")).toEqual([{ partnershipId: "p1", scenarioId: "sc1", stepId: "a", position: 3 }]));
  });

  it("says in words what is wrong: a number typed badly here, the core's refusal at its field", async () => {
    const { calls } = core({
      saveExitPlan: () => {
        throw { code: "invalid", field: "scenarios[0].target_days", value: "0", reason: "expected 1 to 3650 days", message: "Target time to exit (days), End of term: 0 is not allowed: expected 1 to 3650 days." };
      },
    });
    await open();
    const target = screen.getByRole("textbox", { name: "Target time to exit (days), End of term" });
    await userEvent.clear(target);
    await userEvent.type(target, "ninety");
    await userEvent.tab();
    expect(await screen.findByText(/"ninety" is not a number of days/)).toBeInTheDocument();
    expect(target).toHaveAttribute("aria-invalid", "true");
    expect(argsOf(calls, "saveExitPlan")).toHaveLength(0);

    await userEvent.clear(target);
    await userEvent.type(target, "0");
    await userEvent.tab();
    expect(await screen.findByText("Target time to exit (days), End of term: 0 is not allowed: expected 1 to 3650 days.")).toBeInTheDocument();
    expect(target).toHaveAccessibleDescription("Target time to exit (days), End of term: 0 is not allowed: expected 1 to 3650 days.");

    // A step another waits for is not removed: the waiting step's field says why.
    await userEvent.click(screen.getByRole("button", { name: "Remove step Switch integrations" }));
    const after = screen.getByRole("combobox", { name: "Step 3 starts after" });
    expect(after).toHaveFocus();
    expect(after).toHaveAccessibleDescription('Step "Revoke access" starts after "Switch integrations": change its "Starts after" first, then remove "Switch integrations".');
    expect(screen.getAllByRole("listitem", { name: /^Step \d/ })).toHaveLength(3);
  });

  it("offers a reload when the plan was changed elsewhere", async () => {
    core({
      saveExitPlan: () => {
        throw { code: "conflict", field: "exit_plan", value: "", reason: "changed elsewhere", message: "The exit plan was changed elsewhere since it was opened; reload it and make the change again." };
      },
    });
    await open();
    await userEvent.click(screen.getByRole("checkbox", { name: "Insolvency or sudden failure of the partner" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("changed elsewhere");
    expect(screen.getByRole("button", { name: "Reload the plan" })).toBeInTheDocument();
  });

  it("records a failed tabletop test, which then blocks the exit, and turns its finding into an action", async () => {
    const { calls } = core({ exitFindingAction: ({ riskId }) => ({ id: "act1", risk_id: riskId, title: "", detail: "", owner: "", due: null, status: "planned", cost: null, created_at: "", updated_at: "" }) });
    await open();
    const form = screen.getByRole("form", { name: "Record an exit test" });
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Kind of test" }), "Tabletop");
    await userEvent.selectOptions(within(form).getByRole("combobox", { name: "Operational result" }), "Fail");
    await userEvent.type(within(form).getByRole("textbox", { name: "Findings" }), "Nobody knew where the export key is");
    await userEvent.click(within(form).getByRole("button", { name: "Record test" }));
    const log = await screen.findByRole("table", { name: "Exit test log" });
    expect(log).toHaveTextContent("Tabletop");
    expect(log).toHaveTextContent("Fail");
    expect(argsOf(calls, "addExitTest")[0]!.fields).toMatchObject({ kind: "tabletop", operational: "fail", scenario_id: "sc1", findings: "Nobody knew where the export key is" });
    expect(gapList().getByRole("button", { name: "The last exit test (2027-01-10) failed." })).toBeInTheDocument();

    await userEvent.click(within(log).getByRole("button", { name: "Make an action" }));
    expect(await within(log).findByRole("status")).toHaveTextContent("Action added to TEC-001");
    expect(argsOf(calls, "exitFindingAction")[0]).toMatchObject({ testId: "t1", riskId: "r1" });
  });

  it("starts a plan without scenarios from the library", async () => {
    const { calls, state } = core();
    state.plan.scenarios = [];
    await open();
    await userEvent.click(screen.getByRole("button", { name: "Start from the library: leaving a SaaS provider" }));
    expect(argsOf(calls, "startExitPlan")).toEqual([{ partnershipId: "p1" }]);
  });
});
