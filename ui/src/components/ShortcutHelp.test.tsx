import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { defineShortcuts } from "../lib/shortcuts";
import { ShortcutProvider, useShortcut, useShortcutScope } from "../lib/useShortcut";
import { ShortcutHelp } from "./ShortcutHelp";

const testShortcuts = defineShortcuts([
  { id: "review.next", label: "Next risk", keys: ["j", "arrowdown"], scope: "review" },
  { id: "review.save", label: "Save the decision", keys: ["mod+enter"], scope: "review" },
  { id: "workshop.reveal", label: "Reveal the votes", keys: ["r"], scope: "workshop" },
]);
type TestId = (typeof testShortcuts)["actions"][number]["id"];

function ReviewScreen({ onNext }: { onNext: () => void }) {
  useShortcutScope("review");
  useShortcut<TestId>("review.next", onNext);
  return (
    <>
      <label>
        Rationale <textarea />
      </label>
      <ShortcutHelp scope="review" />
    </>
  );
}

function setup(onNext = vi.fn()) {
  const user = userEvent.setup();
  render(
    <ShortcutProvider registry={testShortcuts}>
      <ReviewScreen onNext={onNext} />
    </ShortcutProvider>,
  );
  return { user, onNext };
}

const rowKeys = (table: HTMLElement, label: string) =>
  within(within(table).getByRole("rowheader", { name: label }).closest("tr")!).getAllByRole("cell")[0]!.textContent;

describe("ShortcutHelp", () => {
  it("opens with ? and lists the screen's actions and the global ones from the registry", async () => {
    const { user } = setup();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.keyboard("?");
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });

    const review = within(dialog).getByRole("table", { name: "Review" });
    expect(within(review).getAllByRole("rowheader").map((th) => th.textContent)).toEqual(
      testShortcuts.inScope("review").map((action) => action.label),
    );
    expect(rowKeys(review, "Next risk")).toBe("j or ↓");
    expect(rowKeys(review, "Save the decision")).toBe("Ctrl+Enter");

    const everywhere = within(dialog).getByRole("table", { name: "Everywhere" });
    expect(within(everywhere).getAllByRole("rowheader").map((th) => th.textContent)).toEqual([
      "Show or hide keyboard shortcuts",
    ]);
    expect(rowKeys(everywhere, "Show or hide keyboard shortcuts")).toBe("?");

    // Other screens' actions are not this screen's business.
    expect(within(dialog).queryByText("Reveal the votes")).not.toBeInTheDocument();
  });

  it("rests the screen's keys while open, and closes with Esc or ?", async () => {
    const { user, onNext } = setup();
    await user.keyboard("?");
    await user.keyboard("j");
    expect(onNext).not.toHaveBeenCalled();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.keyboard("j");
    expect(onNext).toHaveBeenCalledTimes(1);

    await user.keyboard("?");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    await user.keyboard("?");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("opens with ? as real keyboards send it: Shift held, on any layout", () => {
    setup();
    for (const code of ["Slash", "Minus", "KeyM"]) {
      // US Shift+/, German Shift+ß, French Shift+, (AZERTY's M position)
      fireEvent.keyDown(document.body, { key: "?", code, shiftKey: true });
      expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeInTheDocument();
      fireEvent.keyDown(document.body, { key: "Escape", code: "Escape" });
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    }
    fireEvent.keyDown(document.body, { key: "?", code: "Slash", shiftKey: true, ctrlKey: true });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("types a ? into a field instead of opening", async () => {
    const { user } = setup();
    await user.click(screen.getByRole("textbox", { name: "Rationale" }));
    await user.keyboard("why?");
    expect(screen.getByRole("textbox", { name: "Rationale" })).toHaveValue("why?");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
