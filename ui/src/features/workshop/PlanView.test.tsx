import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Participant, WorkshopDetail } from "../../bindings";
import { ShortcutProvider } from "../../lib/useShortcut";
import { matchingIds, register } from "../../test/fixtures";
import { argsOf, mockCommands } from "../../test/ipc";
import { giveElementsABox } from "../../test/layout";
import { WorkshopScreen } from "./WorkshopScreen";
import { detail, item, round } from "./testData";

// The agenda picker is a virtualised list.
giveElementsABox();

/// A tiny in-memory backend for planning.
function planningBackend() {
  const state: WorkshopDetail = { ...detail([], { status: "planned", started_at: null }), participants: [] };
  const calls = mockCommands({
    workshopDetail: () => structuredClone(state),
    register: () => register(4),
    matchingRisks: ({ filter }) => matchingIds(register(4), filter.text),
    categories: () => [{ code: "technical", name: "Technical", prefix: "TEC", built_in: true }],
    addParticipant: ({ fields: f }) => {
      if (!f.name.trim()) throw { code: "invalid", field: "name", value: "", reason: "must not be empty", message: "Give the participant a name." };
      const p: Participant = { id: `p${state.participants.length}`, workshop_id: "w1", ...f };
      state.participants.push(p);
      return p;
    },
    addAgendaItems: ({ riskIds }) =>
      riskIds.map((id) => {
        const n = Number(id.slice(1));
        const v = item(n, [round(1, false)], []);
        v.item.position = state.items.length + 1;
        state.items.push(v);
        return v.item;
      }),
    moveAgendaItem: ({ itemId, position }) => {
      const moving = state.items.find((v) => v.item.id === itemId)!;
      const rest = state.items.filter((v) => v !== moving);
      rest.splice(position - 1, 0, moving);
      state.items = rest.map((v, n) => ({ ...v, item: { ...v.item, position: n + 1 } }));
      return state.items.map((v) => v.item);
    },
    startWorkshop: () => {
      state.workshop = { ...state.workshop, status: "running" };
      return state.workshop;
    },
  });
  return { state, calls };
}

describe("planning a workshop", () => {
  it("adds participants and the agenda, says why it cannot start yet, then starts", async () => {
    const { calls } = planningBackend();
    const user = userEvent.setup();
    render(
      <ShortcutProvider>
        <WorkshopScreen workshopId="w1" onBack={() => {}} onRisksChanged={() => {}} />
      </ShortcutProvider>,
    );

    const start = await screen.findByRole("button", { name: "Start workshop" });
    expect(start).toBeDisabled();
    expect(screen.getByText("Add at least one risk to the agenda and one voter to start.")).toBeInTheDocument();

    // An empty name is refused, in words, next to the field.
    await user.click(screen.getByRole("button", { name: "Add participant" }));
    expect(await screen.findByText("Give the participant a name.")).toBeInTheDocument();

    // An observer does not count as a voter.
    await user.type(screen.getByLabelText("Participant name"), "Olga");
    await user.type(screen.getByLabelText("Role"), "Auditor");
    await user.selectOptions(screen.getByLabelText("Side"), "third_party");
    await user.click(screen.getByRole("checkbox", { name: "Observer (does not vote)" }));
    await user.click(screen.getByRole("button", { name: "Add participant" }));
    const table = await screen.findByRole("table", { name: "Participants" });
    const cells = within(within(table).getByRole("row", { name: /Olga/ })).getAllByRole("cell");
    expect(cells.slice(0, 4).map((c) => c.textContent)).toEqual(["Olga", "Auditor", "Third party", "Observer"]);
    expect(screen.getByText("Add at least one risk to the agenda and one voter to start.")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Participant name"), "Ana");
    await user.click(screen.getByRole("button", { name: "Add participant" }));
    expect(await screen.findByText("Add at least one risk to the agenda to start.")).toBeInTheDocument();
    expect(argsOf(calls, "addParticipant").find((a) => a.fields.name === "Ana"))
      .toEqual({ workshopId: "w1", fields: { name: "Ana", role: "", side: "third_party", voter: true } });

    // The agenda from the register: filter, tick, add.
    await user.type(await screen.findByRole("searchbox", { name: "Filter risks" }), "number 3");
    expect(screen.getAllByRole("checkbox", { name: /TEC-/ })).toHaveLength(1);
    await user.clear(screen.getByRole("searchbox", { name: "Filter risks" }));
    await user.click(screen.getByRole("checkbox", { name: /TEC-002/ }));
    await user.click(screen.getByRole("checkbox", { name: /TEC-001/ }));
    expect(screen.getByText("2 selected")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add to agenda" }));
    expect(argsOf(calls, "addAgendaItems")[0]).toEqual({ workshopId: "w1", riskIds: ["r1", "r2"] });
    const agenda = await screen.findByRole("list", { name: "Agenda items" });
    expect(within(agenda).getAllByRole("listitem").map((li) => li.getAttribute("aria-label"))).toEqual([
      "1. TEC-001 Risk number 1",
      "2. TEC-002 Risk number 2",
    ]);
    expect(screen.getByRole("checkbox", { name: /TEC-001/ })).toBeDisabled();

    // Reorder by keyboard (Alt+↓) and by button.
    within(agenda).getAllByRole("listitem")[0]!.focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() =>
      expect(within(screen.getByRole("list", { name: "Agenda items" })).getAllByRole("listitem")[0]).toHaveAttribute(
        "aria-label",
        "1. TEC-002 Risk number 2",
      ),
    );
    expect(argsOf(calls, "moveAgendaItem")[0]).toEqual({ itemId: "i1", position: 2 });
    await user.click(screen.getByRole("button", { name: "Move TEC-001 up" }));
    await waitFor(() =>
      expect(within(screen.getByRole("list", { name: "Agenda items" })).getAllByRole("listitem")[0]).toHaveAttribute(
        "aria-label",
        "1. TEC-001 Risk number 1",
      ),
    );

    await waitFor(() => expect(screen.getByRole("button", { name: "Start workshop" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "Start workshop" }));
    expect(calls.some((c) => c.command === "startWorkshop")).toBe(true);
    expect(await screen.findByRole("tab", { name: "Presenter view" })).toHaveAttribute("aria-selected", "true");
  });
});
