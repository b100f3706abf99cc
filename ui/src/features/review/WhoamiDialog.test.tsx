import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Whoami } from "../../bindings";
import { argsOf } from "../../test/ipc";
import { backend } from "./backend";
import { WhoamiDialog } from "./WhoamiDialog";

const unset: Whoami = { name: null, actor: "dana", source: "os_user" };

describe("WhoamiDialog", () => {
  it("asks on first run without blocking the window, and saves the name with setWhoami", async () => {
    const calls = backend({ setWhoami: (a) => ({ name: a.name, actor: a.name, source: "workspace" }) });
    const onSaved = vi.fn();
    render(<WhoamiDialog current={unset} firstRun onSaved={onSaved} onClose={() => undefined} />);
    const dialog = screen.getByRole("dialog", { name: "Who is working?" });
    expect(dialog).toHaveAttribute("aria-modal", "false");
    expect(dialog).toHaveTextContent('until you set it: "dana"');
    await userEvent.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByText("Type the name to record with your reviews and changes.")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Display name"), "  Dana Reyes {Enter}");
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ name: "Dana Reyes", actor: "Dana Reyes", source: "workspace" }));
    expect(argsOf(calls, "setWhoami")[0]).toEqual({ name: "Dana Reyes" });
  });

  it("can be put off with Later, and edits a name already set", async () => {
    backend({});
    const onClose = vi.fn();
    const { unmount } = render(<WhoamiDialog current={unset} firstRun onSaved={() => undefined} onClose={onClose} />);
    await userEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(onClose).toHaveBeenCalled();
    unmount();
    render(<WhoamiDialog current={{ ...unset, name: "Dana" }} onSaved={() => undefined} onClose={() => undefined} />);
    expect(screen.getByRole("dialog", { name: "Your name" })).toHaveAttribute("aria-modal", "true");
    expect(screen.getByLabelText("Display name")).toHaveValue("Dana");
    expect(screen.getByLabelText("Display name")).toHaveFocus();
  });

  it("says why the core refused a name", async () => {
    backend({
      setWhoami: () => {
        throw {
          code: "invalid",
          field: "name",
          value: "x",
          reason: "a display name is at most 100 characters",
          message: "A display name is at most 100 characters.",
        };
      },
    });
    render(<WhoamiDialog current={unset} onSaved={() => undefined} onClose={() => undefined} />);
    await userEvent.type(screen.getByLabelText("Display name"), "x{Enter}");
    expect(await screen.findByText("A display name is at most 100 characters.")).toBeInTheDocument();
  });
});
