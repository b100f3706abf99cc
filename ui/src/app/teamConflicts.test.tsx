// Team conflicts settled on the exchange's conflict screen, as the shell puts the two together.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { TeamConflictView } from "../bindings";
import { ShortcutProvider } from "../lib/useShortcut";
import { argsOf, mockCommands } from "../test/ipc";
import { ConflictStepper } from "../features/exchange/ConflictStepper";
import { TeamConflictsDialog } from "../features/team/TeamConflictsDialog";
import { kept } from "../features/team/testData";

function setup() {
  let waiting: TeamConflictView[] = kept();
  const calls = mockCommands({
    teamConflicts: () => waiting,
    teamResolve: (a) => {
      waiting = waiting.filter((k) => k.id !== a.conflictId);
      return null;
    },
  });
  const onSettled = vi.fn();
  const onClose = vi.fn();
  render(
    <ShortcutProvider>
      <TeamConflictsDialog Stepper={ConflictStepper} partnershipNames={{ p1: "Claims platform" }} onClose={onClose} onSettled={onSettled} />
    </ShortcutProvider>,
  );
  return { calls, onSettled, onClose };
}

describe("Settle conflicts from the team", () => {
  it("shows each conflict side by side and settles them from the keyboard (t, e, Enter)", async () => {
    const { calls, onSettled, onClose } = setup();
    const conflict = () => screen.getByRole("region", { name: /^Conflict \d of 2$/ });
    expect(await screen.findByRole("region", { name: "Conflict 1 of 2" })).toBeInTheDocument();
    expect(screen.getByText(/In Claims platform\./)).toBeInTheDocument();
    expect(within(conflict()).getByRole("region", { name: "Base (the common copy)" })).toHaveTextContent(
      "Personal data is shared before a DPA is signed",
    );
    expect(within(conflict()).getByRole("region", { name: "Ours" })).toHaveTextContent("Personal data leaves the EU without a DPA");
    expect(within(conflict()).getByRole("region", { name: "Theirs (the team)" })).toHaveTextContent("Claims data sent abroad without a DPA");

    await userEvent.keyboard("t{Enter}");
    expect(conflict()).toHaveAccessibleName("Conflict 2 of 2");
    // Keeping both records is not offered: a sync settles a field, it does not copy a risk.
    expect(within(conflict()).queryByRole("button", { name: /Keep both/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Settle 1 conflict" })).toBeEnabled();
    await userEvent.keyboard("e");
    const likelihood = screen.getByRole("spinbutton", { name: /likelihood/i });
    await userEvent.clear(likelihood);
    await userEvent.type(likelihood, "3{Enter}");

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(argsOf(calls, "teamResolve")).toEqual([
      { conflictId: "k-title", resolution: "theirs" },
      { conflictId: "k-residual", resolution: { value: { residual_l: 3, residual_i: 4 } } },
    ]);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it("settles only the conflicts given a choice; the others wait, ours kept", async () => {
    const { calls, onClose } = setup();
    await screen.findByRole("region", { name: "Conflict 1 of 2" });
    expect(screen.getByRole("button", { name: "Choose for each conflict" })).toBeDisabled();
    await userEvent.keyboard("m");
    await userEvent.click(screen.getByRole("button", { name: "Settle 1 conflict" }));
    expect(argsOf(calls, "teamResolve")).toEqual([{ conflictId: "k-title", resolution: "mine" }]);
    expect(await screen.findByRole("region", { name: "Conflict 1 of 1" })).toHaveTextContent("Residual");
    expect(onClose).not.toHaveBeenCalled();
  });
});
