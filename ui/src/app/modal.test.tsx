// Modals are modal: while a dialog is open the rest of the window is inert (the first-run
// "Who is working?" panel behind "New partnership" can be neither typed into nor pressed),
// focus moves into the dialog and comes back when it closes. Buttons are named by their
// visible words; their shortcut is in aria-keyshortcuts, not in a tooltip.
import { createRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NewPartnershipDialog } from "../features/partnerships/NewPartnershipDialog";
import { WhoamiDialog } from "../features/review/WhoamiDialog";
import { PresenterView } from "../features/workshop/PresenterView";
import { DecisionPanel } from "../features/review/DecisionPanel";
import { emptyDraft } from "../features/review/draft";
import { detail, revealedItem } from "../features/workshop/testData";
import { ShortcutProvider } from "../lib/useShortcut";
import { matrix5 } from "../test/fixtures";
import { mockCommands } from "../test/ipc";

function Window() {
  const [open, setOpen] = useState(false);
  return (
    <div className="app">
      <nav aria-label="Sidebar">
        <WhoamiDialog current={null} firstRun onSaved={vi.fn()} onClose={vi.fn()} />
        <button type="button" onClick={() => setOpen(true)}>
          New partnership…
        </button>
      </nav>
      <main>
        <p>The register</p>
      </main>
      {open && <NewPartnershipDialog onClose={() => setOpen(false)} onCreated={vi.fn()} />}
    </div>
  );
}

/// A button's visible words: its text without what is hidden from screen readers.
function visibleWords(button: HTMLElement): string {
  const copy = button.cloneNode(true) as HTMLElement;
  for (const n of copy.querySelectorAll("[aria-hidden='true']")) n.remove();
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}

/// Every button on screen is named by its visible words (icon buttons excepted: they have
/// no words) and no tooltip carries a shortcut; those with a shortcut declare it.
function checkButtons(shortcutted: string[]) {
  for (const button of screen.getAllByRole("button")) {
    const words = visibleWords(button);
    if (!/[A-Za-z]{2}/.test(words)) continue;
    expect(screen.getAllByRole("button", { name: words }), words).toContain(button);
    expect(button.getAttribute("title") ?? "", words).not.toMatch(/\b(Esc|Ctrl\+|Alt\+|←|→)|^\w$| · \w$/);
  }
  for (const name of shortcutted) {
    expect(screen.getByRole("button", { name }), name).toHaveAttribute("aria-keyshortcuts");
  }
}

describe("modal dialogs and button names", () => {
  it("makes the window behind a dialog inert, keeps focus in it, and gives it back", async () => {
    mockCommands({
      matrices: () => [matrix5],
      library: () => ({ templates: [], requirements: [] }),
    });
    render(<Window />);
    const opener = screen.getByRole("button", { name: "New partnership…" });
    await userEvent.click(opener);
    const dialog = await screen.findByRole("dialog", { name: "New partnership" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));

    // The first-run panel, the sidebar and the page behind are inert; the dialog is not.
    const nameField = screen.getByLabelText("Display name");
    const saveName = screen.getByRole("button", { name: "Save name" });
    for (const behind of [nameField, saveName, opener, screen.getByText("The register")]) {
      expect(behind.closest("[inert]"), behind.textContent ?? "").not.toBeNull();
    }
    expect(dialog.closest("[inert]")).toBeNull();

    // Esc closes it: nothing stays inert and focus is back on the button that opened it.
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "New partnership" })).toBeNull());
    expect(document.querySelector("[inert]")).toBeNull();
    expect(opener).toHaveFocus();
  });

  it("names the presenter's and the review's buttons by their words, with the key in aria-keyshortcuts", () => {
    mockCommands({});
    const view = render(
      <ShortcutProvider>
        <PresenterView detail={detail([revealedItem(1)])} index={0} onIndex={vi.fn()} onItem={vi.fn()} />
      </ShortcutProvider>,
    );
    checkButtons(["Reveal", "Re-vote", "Decide", "Full screen", "Next →", "← Previous"]);
    expect(screen.getByRole("button", { name: "Reveal" })).toHaveAttribute("aria-keyshortcuts", "R");
    expect(screen.getByRole("button", { name: "Next →" })).toHaveAttribute("aria-keyshortcuts", "ArrowRight");
    view.unmount();

    render(
      <ShortcutProvider>
        <DecisionPanel
          matrix={matrix5}
          choice="escalate"
          draft={emptyDraft()}
          error={null}
          busy={false}
          onChoose={vi.fn()}
          onDraft={vi.fn()}
          onSave={vi.fn()}
          onCancel={vi.fn()}
          refs={{ rationale: createRef(), approver: createRef(), action: createRef(), days: createRef() }}
        />
      </ShortcutProvider>,
    );
    checkButtons(["Escalate", "Save and next", "Cancel decision"]);
    expect(screen.getByRole("button", { name: "Save and next" })).toHaveAttribute("aria-keyshortcuts", "Control+Enter");
  });
});
