import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RiskEditor } from "./RiskEditor";
import { matrix5, risk } from "../../test/fixtures";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import type { RiskDetail } from "../../bindings";

const detail: RiskDetail = {
  risk: risk(1, { residual: { likelihood: 2, impact: 2 } }),
  actions: [
    {
      id: "a1", risk_id: "r1", created_at: "", updated_at: "", title: "Sign the DPA", detail: "", owner: "Lea",
      due: "2020-01-01", status: "planned", cost: { minor: 120050, currency: "EUR" },
    },
  ],
  requirements: [],
  history: [
    { seq: 1, at: "2026-11-01T10:00:00Z", actor: "dana", entity: "risk", entity_id: "r1", partnership_id: "p1",
      operation: "create", field: null, old_value: null, new_value: "{}", context: null },
    { seq: 2, at: "2026-11-02T10:00:00Z", actor: "dana", entity: "risk", entity_id: "r1", partnership_id: "p1",
      operation: "update", field: "owner", old_value: "Ben", new_value: "Ana", context: null },
  ],
};

function setup(replies: Handlers = {}) {
  const calls = mockCommands({
    partnerViews: () => [],
    ...replies,
    matrices: () => [matrix5],
    categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
    riskDetail: () => detail,
    requirements: () => [],
  });
  const onSaved = vi.fn();
  render(
    <RiskEditor partnershipId="p1" matrixId="preset-5x5" riskId="r1" onClose={vi.fn()} onSaved={onSaved} onDeleted={vi.fn()} />,
  );
  return { calls, onSaved };
}

describe("RiskEditor", () => {
  it("scores by clicking a matrix cell and saves the new score", async () => {
    const { calls, onSaved } = setup({ updateRisk: ({ fields }) => ({ ...detail.risk, ...fields }) });
    await screen.findByDisplayValue("Risk number 1");
    await userEvent.click(screen.getByRole("button", { name: /Residual/ }));
    const cell = screen.getByRole("button", { name: "Likelihood 4 Likely, impact 5 Severe: Critical" });
    await userEvent.click(cell);
    expect(cell).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByText(/Likely<\/em>|Likely description/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith("r1"));
    const update = argsOf(calls, "updateRisk")[0]!;
    expect(update.fields.residual).toEqual({ likelihood: 4, impact: 5 });
  });

  it("shows a validation error at the field it concerns", async () => {
    setup({
      updateRisk: () => {
        throw { code: "invalid", field: "title", message: "title: must not be empty" };
      },
    });
    const title = await screen.findByDisplayValue("Risk number 1");
    await userEvent.clear(title);
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    const message = await screen.findByText("title: must not be empty");
    expect(title).toHaveAttribute("aria-describedby", message.id);
  });

  it("lists actions with overdue ones highlighted, and the change history", async () => {
    setup();
    expect(await screen.findByText("Sign the DPA")).toBeInTheDocument();
    expect(screen.getByText(/2020-01-01 · overdue/)).toHaveClass("overdue");
    expect(screen.getByText(/1,200.50 EUR|1200.50 EUR/)).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Change history" })).toHaveTextContent("changed Owner from “Ben” to “Ana”");
  });

  it("adds an action and refuses a malformed cost locally", async () => {
    const { calls } = setup({ addAction: () => detail.actions[0]! });
    await screen.findByText("Sign the DPA");
    await userEvent.type(screen.getByLabelText("New action"), "Pin the model version");
    await userEvent.type(screen.getByLabelText("Due date"), "2027-01-15");
    await userEvent.type(screen.getByLabelText("Cost"), "lots");
    await userEvent.click(screen.getByRole("button", { name: "Add action" }));
    expect(await screen.findByText(/Enter an amount/)).toBeInTheDocument();
    expect(calls.some((c) => c.command === "addAction")).toBe(false);
    await userEvent.clear(screen.getByLabelText("Cost"));
    await userEvent.type(screen.getByLabelText("Cost"), "300.5");
    await userEvent.click(screen.getByRole("button", { name: "Add action" }));
    await waitFor(() => expect(calls.some((c) => c.command === "addAction")).toBe(true));
    const add = argsOf(calls, "addAction")[0]!;
    expect(add.fields).toMatchObject({ title: "Pin the model version", due: "2027-01-15", cost: { minor: 30050, currency: "EUR" } });
  });
});
