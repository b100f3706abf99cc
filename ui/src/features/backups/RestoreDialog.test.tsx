import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { BackupInfo } from "../../bindings";
import { argsOf, mockCommands } from "../../test/ipc";
import { RestoreDialog } from "./RestoreDialog";

const backup = (over: Partial<BackupInfo>): BackupInfo => ({
  path: "/w/backups/w-20261202-101500-session.prisk",
  at: "2026-12-02T10:15:00Z",
  reason: "session",
  size: 2_500_000,
  partnerships: 3,
  risks: 1204,
  schema_version: 8,
  problem: null,
  ...over,
});

describe("RestoreDialog", () => {
  it("lists the backups with what they hold and restores one after a confirmation", async () => {
    const broken = backup({ path: "/w/backups/w-20261201-090000-import.prisk", reason: "import", size: 4096, problem: "not a workspace", partnerships: null, risks: null });
    const calls = mockCommands(
      {
        listBackups: () => [backup({}), broken],
        restoreBackup: () => ({
          workspace: "/w/w.prisk",
          contents: { partnerships: 3, risks: 1204, version: 8 },
          previous: backup({ reason: "before_restore" }),
        }),
      },
      "throw",
    );
    const onRestored = vi.fn();
    render(<RestoreDialog onClose={() => {}} onRestored={onRestored} />);

    expect(await screen.findByText("3 partnerships, 1,204 risks")).toBeInTheDocument();
    expect(screen.getByText("During work")).toBeInTheDocument();
    expect(screen.getByText("2.4 MB")).toBeInTheDocument();
    expect(screen.getByText("Cannot be restored: not a workspace")).toBeInTheDocument();
    const buttons = screen.getAllByRole("button", { name: "Restore…" });
    expect(buttons[1]).toBeDisabled();

    fireEvent.click(buttons[0]);
    expect(screen.getByText(/Everything changed since then is replaced/)).toBeInTheDocument();
    expect(argsOf(calls, "restoreBackup")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Restore" }));

    await waitFor(() => expect(onRestored).toHaveBeenCalled());
    expect(argsOf(calls, "restoreBackup")[0]).toEqual({ backup: "/w/backups/w-20261202-101500-session.prisk" });
    expect(screen.getByRole("status")).toHaveTextContent("now holds 3 partnerships and 1204 risks");
  });

  it("says when there are no backups", async () => {
    mockCommands({ listBackups: () => [] }, "throw");
    render(<RestoreDialog onClose={() => {}} onRestored={() => {}} />);
    expect(await screen.findByText(/There are no backups of this workspace yet/)).toBeInTheDocument();
  });
});
