import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError, Matrix, MatrixChangePlan } from "../../bindings";
import { matrix5, partnership } from "../../test/fixtures";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import { ChangeMatrixDialog } from "./ChangeMatrixDialog";

const matrix3: Matrix = {
  id: "preset-3x3",
  name: "Simple 3×3",
  description: "",
  preset: "3x3",
  likelihood: ["Low", "Medium", "High"].map((label) => ({ label, description: "", range: null })),
  impact: ["Low", "Medium", "High"].map((label) => ({ label, description: "", range: null })),
  levels: [
    { name: "Low", description: "", colour: "#2E7D32", review_days: 365, within_appetite: true },
    { name: "Medium", description: "", colour: "#FBC02D", review_days: 180, within_appetite: true },
    { name: "High", description: "", colour: "#C62828", review_days: 30, within_appetite: false },
  ],
  grid: [
    [0, 0, 1],
    [0, 1, 2],
    [1, 2, 2],
  ],
};

const plan: MatrixChangePlan = {
  partnership_id: "p1",
  from_matrix_id: "preset-5x5",
  to_matrix_id: "preset-3x3",
  changes: [
    {
      risk_id: "r1",
      reference: "TEC-001",
      kind: "inherent",
      from: { likelihood: 4, impact: 4 },
      from_level: "High",
      to: { likelihood: 3, impact: 3 },
      to_level: "High",
    },
    {
      risk_id: "r1",
      reference: "TEC-001",
      kind: "residual",
      from: { likelihood: 2, impact: 3 },
      from_level: "Medium",
      to: { likelihood: 2, impact: 2 },
      to_level: "Medium",
    },
    {
      risk_id: "r2",
      reference: "FIN-002",
      kind: "inherent",
      from: { likelihood: 1, impact: 5 },
      from_level: "Medium",
      to: { likelihood: 1, impact: 3 },
      to_level: "Medium",
    },
    {
      risk_id: "r3",
      reference: "REG-003",
      kind: "target",
      from: { likelihood: 3, impact: 2 },
      from_level: "Medium",
      to: { likelihood: 2, impact: 2 },
      to_level: "Low",
    },
  ],
};

const mock = (handlers: Handlers) => mockCommands(handlers, "throw");

function renderDialog(onApplied = vi.fn(), onClose = vi.fn()) {
  render(
    <ChangeMatrixDialog partnershipId="p1" currentMatrixId="preset-5x5" onClose={onClose} onApplied={onApplied} />,
  );
  return { onApplied, onClose };
}

describe("ChangeMatrixDialog", () => {
  it("offers every matrix except the current one", async () => {
    mock({ matrices: () => [matrix5, matrix3] });
    renderDialog();
    const select = screen.getByRole("combobox", { name: "New matrix" });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(2));
    expect(within(select).getByRole("option", { name: "Simple 3×3 (3×3)" })).toBeInTheDocument();
    expect(within(select).queryByRole("option", { name: /Standard 5×5/ })).toBeNull();
    expect(screen.getByText("Standard 5×5 (5×5)")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Apply mapping" })).toBeDisabled();
  });

  it("shows the mapping as a table and applies exactly that plan", async () => {
    const calls = mock({
      matrices: () => [matrix5, matrix3],
      planMatrixChange: () => plan,
      applyMatrixChange: () => ({ ...partnership, matrix_id: "preset-3x3" }),
    });
    const { onApplied } = renderDialog();
    const user = userEvent.setup();
    await screen.findByRole("option", { name: "Simple 3×3 (3×3)" });

    await user.selectOptions(screen.getByRole("combobox", { name: "New matrix" }), "preset-3x3");

    const table = await screen.findByRole("table");
    expect(argsOf(calls, "planMatrixChange")[0]).toEqual({
      partnershipId: "p1",
      matrixId: "preset-3x3",
    });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    const first = within(rows[0]);
    expect(first.getByRole("rowheader")).toHaveTextContent("TEC-001");
    expect(first.getByText("Inherent")).toBeInTheDocument();
    expect(first.getByTitle("High (likelihood 4, impact 4)")).toBeInTheDocument();
    expect(first.getByTitle("High (likelihood 3, impact 3)")).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent("L4 I4");
    expect(rows[0]).toHaveTextContent("L3 I3");
    // The target level's colour is the new matrix's, not the old one's.
    expect(first.getByTitle("High (likelihood 3, impact 3)")).toHaveStyle({ background: "#C62828" });
    expect(within(rows[3]).getByTitle("Low (likelihood 2, impact 2)")).toBeInTheDocument();
    expect(rows[3]).toHaveClass("mx-moved");

    expect(screen.getByText("4 scores of 3 risks will be mapped; 1 changes level.")).toBeInTheDocument();
    // Nothing applied before the user confirms.
    expect(calls.some((c) => c.command === "applyMatrixChange")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Apply mapping" }));
    await waitFor(() => expect(onApplied).toHaveBeenCalledTimes(1));
    expect(argsOf(calls, "applyMatrixChange")[0]).toEqual({ plan });
    expect(onApplied.mock.calls[0][0]).toMatchObject({ matrix_id: "preset-3x3" });
  });

  it("on a conflict shows the message, fetches the new plan and applies nothing", async () => {
    let planCalls = 0;
    const newer: MatrixChangePlan = { ...plan, changes: plan.changes.slice(0, 1) };
    const conflict: IpcError = {
      code: "conflict",
      field: "plan",
      value: "p1",
      reason: "the register or its matrix changed since this mapping was computed; review the new mapping",
      message: "The register or its matrix changed since this mapping was computed; review the new mapping.",
    };
    const calls = mock({
      matrices: () => [matrix5, matrix3],
      planMatrixChange: () => (++planCalls === 1 ? plan : newer),
      applyMatrixChange: () => {
        throw conflict;
      },
    });
    const { onApplied } = renderDialog();
    const user = userEvent.setup();
    await screen.findByRole("option", { name: "Simple 3×3 (3×3)" });
    await user.selectOptions(screen.getByRole("combobox", { name: "New matrix" }), "preset-3x3");
    await screen.findByText("4 scores of 3 risks will be mapped; 1 changes level.");

    await user.click(screen.getByRole("button", { name: "Apply mapping" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The register or its matrix changed since this mapping was computed; review the new mapping.");
    expect(await screen.findByText("1 score of 1 risk will be mapped; none changes level.")).toBeInTheDocument();
    expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(2);
    expect(planCalls).toBe(2);
    expect(onApplied).not.toHaveBeenCalled();

    // Applying again sends the new plan.
    await user.click(screen.getByRole("button", { name: "Apply mapping" }));
    await waitFor(() => expect(argsOf(calls, "applyMatrixChange")).toHaveLength(2));
    expect(argsOf(calls, "applyMatrixChange")[1]).toEqual({ plan: newer });
  });

  it("says when there is nothing to map and closes on Cancel", async () => {
    mock({
      matrices: () => [matrix5, matrix3],
      planMatrixChange: () => ({ ...plan, changes: [] }),
    });
    const { onClose } = renderDialog();
    const user = userEvent.setup();
    await screen.findByRole("option", { name: "Simple 3×3 (3×3)" });
    await user.selectOptions(screen.getByRole("combobox", { name: "New matrix" }), "preset-3x3");
    expect(await screen.findByText(/No risk has a score yet/)).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByRole("button", { name: "Apply mapping" })).toBeEnabled();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onClose).toHaveBeenCalled();
  });
});
