import { describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { defineShortcuts } from "./shortcuts";
import { ShortcutProvider, useActiveShortcutScope, useShortcut, useShortcutScope } from "./useShortcut";

// A registry of the kind the review and workshop screens will add to lib/shortcuts.ts.
const testShortcuts = defineShortcuts([
  { id: "review.next", label: "Next risk", keys: ["j", "arrowdown"], scope: "review" },
  { id: "review.save", label: "Save the decision", keys: ["mod+enter"], scope: "review" },
  { id: "workshop.reveal", label: "Reveal the votes", keys: ["r"], scope: "workshop" },
]);
type TestId = (typeof testShortcuts)["actions"][number]["id"];

function ReviewScreen({ onNext, onSave }: { onNext: () => void; onSave: () => void }) {
  useShortcutScope("review");
  useShortcut<TestId>("review.next", onNext);
  useShortcut<TestId>("review.save", onSave);
  return (
    <div>
      <label>
        Rationale <textarea />
      </label>
      <label>
        Owner <input />
      </label>
      <label>
        Decision
        <select>
          <option>no change</option>
          <option>rescore</option>
        </select>
      </label>
      <div contentEditable suppressContentEditableWarning aria-label="Comment" role="region" />
    </div>
  );
}

/// A workshop screen that also (wrongly) listens to a review key: out of scope, it never fires.
function WorkshopScreen({ onNext, onReveal }: { onNext: () => void; onReveal: () => void }) {
  useShortcutScope("workshop");
  useShortcut<TestId>("review.next", onNext);
  useShortcut<TestId>("workshop.reveal", onReveal);
  return <p>Workshop</p>;
}

function ActiveScope() {
  return <output aria-label="Active scope">{useActiveShortcutScope()}</output>;
}

function setup(ui: React.ReactNode) {
  const user = userEvent.setup();
  const view = render(
    <ShortcutProvider registry={testShortcuts}>
      {ui}
      <ActiveScope />
    </ShortcutProvider>,
  );
  return { user, ...view };
}

describe("useShortcut", () => {
  it("fires a key's handler while its scope is active", async () => {
    const onNext = vi.fn();
    const { user } = setup(<ReviewScreen onNext={onNext} onSave={vi.fn()} />);
    expect(screen.getByLabelText("Active scope")).toHaveTextContent("review");
    await user.keyboard("j");
    expect(onNext).toHaveBeenCalledTimes(1);
    await user.keyboard("{ArrowDown}");
    expect(onNext).toHaveBeenCalledTimes(2);
    await user.keyboard("k");
    expect(onNext).toHaveBeenCalledTimes(2);
  });

  it("does not fire out of its scope, and fires again when the inner scope pops", async () => {
    const onNext = vi.fn();
    const onReveal = vi.fn();
    function Both() {
      const [workshop, setWorkshop] = useState(false);
      return (
        <>
          <ReviewScreen onNext={onNext} onSave={vi.fn()} />
          <button type="button" onClick={() => setWorkshop((w) => !w)}>
            Toggle workshop
          </button>
          {workshop && <WorkshopScreen onNext={onNext} onReveal={onReveal} />}
        </>
      );
    }
    const { user } = setup(<Both />);
    await user.keyboard("r"); // a workshop key, while the review scope is active
    expect(onReveal).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Toggle workshop" }));
    expect(screen.getByLabelText("Active scope")).toHaveTextContent("workshop");
    await user.keyboard("j"); // neither the review screen beneath nor the workshop's stray binding
    expect(onNext).not.toHaveBeenCalled();
    await user.keyboard("r");
    expect(onReveal).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole("button", { name: "Toggle workshop" }));
    expect(screen.getByLabelText("Active scope")).toHaveTextContent("review");
    await user.keyboard("j");
    expect(onNext).toHaveBeenCalledTimes(1);
  });

  it("a scope mounted inside another in the same render is the inner one", () => {
    function Outer() {
      useShortcutScope("review");
      return <Inner />;
    }
    function Inner() {
      useShortcutScope("help");
      return null;
    }
    setup(<Outer />);
    expect(screen.getByLabelText("Active scope")).toHaveTextContent("help");
  });

  it("never fires a single key while typing in a textarea, input, select or contenteditable", async () => {
    const onNext = vi.fn();
    const { user } = setup(<ReviewScreen onNext={onNext} onSave={vi.fn()} />);

    await user.click(screen.getByRole("textbox", { name: "Rationale" }));
    await user.keyboard("just j{ArrowDown}");
    expect(screen.getByRole("textbox", { name: "Rationale" })).toHaveValue("just j");

    await user.click(screen.getByRole("textbox", { name: "Owner" }));
    await user.keyboard("jo");
    expect(screen.getByRole("textbox", { name: "Owner" })).toHaveValue("jo");

    await user.click(screen.getByRole("combobox", { name: "Decision" }));
    await user.keyboard("j{ArrowDown}");

    await user.click(screen.getByRole("region", { name: "Comment" }));
    await user.keyboard("jj");
    expect(screen.getByRole("region", { name: "Comment" })).toHaveTextContent("jj");

    expect(onNext).not.toHaveBeenCalled();
  });

  it("fires a command-modifier combination in a field, and no single key with Ctrl held", async () => {
    const onNext = vi.fn();
    const onSave = vi.fn();
    const { user } = setup(<ReviewScreen onNext={onNext} onSave={onSave} />);
    await user.click(screen.getByRole("textbox", { name: "Rationale" }));
    await user.keyboard("{Control>}{Enter}{/Control}"); // "mod" is Ctrl off macOS
    expect(onSave).toHaveBeenCalledTimes(1);

    await user.click(document.body);
    await user.keyboard("{Control>}j{/Control}");
    expect(onNext).not.toHaveBeenCalled();
  });

  it("can be switched off", async () => {
    const onNext = vi.fn();
    function Screen() {
      useShortcutScope("review");
      useShortcut<TestId>("review.next", onNext, { enabled: false });
      return null;
    }
    const { user } = setup(<Screen />);
    await user.keyboard("j");
    expect(onNext).not.toHaveBeenCalled();
  });

  it("refuses an id the registry does not have", () => {
    function Typo() {
      useShortcut<string>("review.nxt", vi.fn());
      return null;
    }
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => setup(<Typo />)).toThrow('Unknown shortcut "review.nxt"');
    vi.restoreAllMocks();
  });
});
