import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { DamagedWorkspace } from "../../bindings";
import { mockCommands } from "../../test/ipc";
import { RecoveryScreen } from "./RecoveryScreen";

const damaged: DamagedWorkspace = {
  path: "/home/ada/risks.prisk",
  detail: "Tree 4 page 4: btreeInitPage() returns error code 11",
  newest_backup: {
    path: "/home/ada/backups/risks-20261202-101500-session.prisk",
    at: "2026-12-02T10:15:00Z",
    reason: "session",
    size: 1_500_000,
    partnerships: 1,
    risks: 54,
    schema_version: 8,
    problem: null,
  },
};

describe("RecoveryScreen", () => {
  it("says the file was not written to and restores the newest good backup", async () => {
    const calls = mockCommands({
      restoreDamaged: () => ({ workspace: damaged.path, contents: { partnerships: 1, risks: 54, version: 8 }, previous: null }),
    });
    const onRecovered = vi.fn();
    render(<RecoveryScreen damaged={damaged} onRecovered={onRecovered} />);
    expect(screen.getByRole("heading", { name: "This workspace is damaged" })).toBeInTheDocument();
    expect(screen.getByText(/has written nothing to it/)).toBeInTheDocument();
    expect(screen.getByText(/holds 1 partnership, 54 risks/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Restore the newest backup" }));
    await waitFor(() => expect(onRecovered).toHaveBeenCalled());
    expect(calls.map((c) => c.command)).toContain("restoreDamaged");
  });

  it("without a good backup offers only another workspace", () => {
    mockCommands({});
    render(<RecoveryScreen damaged={{ ...damaged, newest_backup: null }} onRecovered={() => {}} />);
    expect(screen.getByText(/There is no good backup of this workspace/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Restore the newest backup" })).toBeNull();
    expect(screen.getByRole("button", { name: "Open another workspace…" })).toBeEnabled();
  });
});
