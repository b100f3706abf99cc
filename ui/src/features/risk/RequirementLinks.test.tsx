import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { requirement } from "../../test/fixtures";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";
import { RequirementLinks } from "./RequirementLinks";

const all = [requirement(1, { title: "DPA signed", risk_ids: ["r1"] }), requirement(2, { title: "MFA everywhere" })];

/// The requirement as the core answers it after linking or unlinking it.
const linkedReply: NonNullable<Handlers["linkRequirement"]> = ({ requirementId, riskId, linked }) => {
  const found = all.find((r) => r.id === requirementId)!;
  const others = found.risk_ids.filter((id) => id !== riskId);
  return { ...found, risk_ids: linked ? [...others, riskId] : others };
};

function setup(linkReply: NonNullable<Handlers["linkRequirement"]> = linkedReply) {
  const calls = mockCommands({
    requirements: () => all,
    linkRequirement: linkReply,
  });
  const onChanged = vi.fn();
  render(<RequirementLinks partnershipId="p1" riskId="r1" linked={[all[0]]} onChanged={onChanged} />);
  return { calls, onChanged };
}

describe("RequirementLinks", () => {
  it("unlinks a linked requirement and links another one from the partnership's list", async () => {
    const { calls, onChanged } = setup();
    expect(screen.getByText("DPA signed")).toBeInTheDocument();
    const picker = await screen.findByRole("combobox", { name: "Requirement to link" });
    // Only requirements not linked yet are offered.
    expect(screen.getByRole("option", { name: "REQ-2 MFA everywhere" })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "REQ-1 DPA signed" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Link" })).toBeDisabled();

    await userEvent.selectOptions(picker, "q2");
    await userEvent.click(screen.getByRole("button", { name: "Link" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(argsOf(calls, "linkRequirement")[0]).toEqual({ requirementId: "q2", riskId: "r1", linked: true });

    await userEvent.click(screen.getByRole("button", { name: "Unlink REQ-1" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(argsOf(calls, "linkRequirement")[1]).toEqual({ requirementId: "q1", riskId: "r1", linked: false });
  });

  it("shows the store's refusal and changes nothing", async () => {
    const { onChanged } = setup(() => {
      throw { code: "invalid", field: "risk_ids[1]", message: "risk_ids[1]: the risk belongs to another partnership" };
    });
    await screen.findByRole("option", { name: "REQ-2 MFA everywhere" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Requirement to link" }), "q2");
    await userEvent.click(screen.getByRole("button", { name: "Link" }));
    expect(await screen.findByText(/belongs to another partnership/)).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
  });
});
