import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { commandNames, events, type SyncReport, type TeamSyncOutcome, type TeamView } from "../../bindings";
import { SyncStatus } from "./SyncStatus";
import { AUTO_SYNC_MS, STATUS_DELAY_MS, useTeamSync } from "./useTeamSync";
import { teamView } from "./testData";

const report: SyncReport = {
  partnerships: [{ id: "p1", name: "Claims platform", pulled: 2, pushed: 1, position: 9, imported: false, conflicts: 0, refused: null }],
  pulled: 2,
  pushed: 1,
  conflicts: 0,
  refused: 0,
};

/// The window's part: the hook and the sidebar's status, as App wires them.
function Harness({ onChanged, onSettle, version = 0 }: { onChanged: (r: SyncReport) => void; onSettle: () => void; version?: number }) {
  const team = useTeamSync(version, onChanged);
  return <SyncStatus view={team.view} syncing={team.syncing} onSync={() => void team.syncNow()} onSettle={onSettle} />;
}

/// Answers team_status with `status` and each team_sync with the next of `syncs`; counts syncs.
function mockTeam(status: TeamView, syncs: (() => TeamSyncOutcome)[]) {
  const calls = { sync: 0, status: 0 };
  mockIPC(
    (cmd) => {
      if (cmd === commandNames.teamStatus) {
        calls.status += 1;
        return status;
      }
      if (cmd === commandNames.teamSync) {
        const next = syncs[Math.min(calls.sync, syncs.length - 1)];
        calls.sync += 1;
        return next();
      }
      throw new Error(`unexpected command ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the sidebar's sync status", () => {
  it("syncs when the window opens in a team and every three minutes, quietly Offline when the server does not answer", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const synced = new Date(Date.now() - 30_000).toISOString();
    const hh = (d: Date) => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
    const calls = mockTeam(teamView({ last_sync: synced }), [
      () => ({ report, view: teamView({ last_sync: synced, pending_changes: 0 }) }),
      () => ({
        report: null,
        view: teamView(
          { last_sync: synced, pending_changes: 3 },
          { kind: "offline", detail: "server: no answer from the team server (io: Connection refused)" },
        ),
      }),
    ]);
    render(<Harness onChanged={vi.fn()} onSettle={vi.fn()} />);
    expect(await screen.findByText("Synced just now")).toBeInTheDocument();
    await vi.waitFor(() => expect(calls.sync).toBe(1));

    await act(() => vi.advanceTimersByTimeAsync(AUTO_SYNC_MS));
    expect(calls.sync).toBe(2);
    expect(await screen.findByText(`Offline — last synced ${hh(new Date(synced))}`)).toBeInTheDocument();
    expect(screen.getByText("3 changes waiting")).toBeInTheDocument();
    // Quiet: no alert, no dialog.
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("reloads the window after a sync that wrote, syncs from the File menu, and opens the conflicts", async () => {
    const calls = mockTeam(teamView({ last_sync: new Date().toISOString(), conflicts: 2 }), [
      () => ({ report, view: teamView({ last_sync: new Date().toISOString(), conflicts: 2 }) }),
    ]);
    const onChanged = vi.fn();
    const onSettle = vi.fn();
    render(<Harness onChanged={onChanged} onSettle={onSettle} />);
    await screen.findByText("Synced just now");
    await act(() => emit(events.teamSynced, report));
    expect(onChanged).toHaveBeenCalledWith(report);

    const before = calls.sync;
    await act(() => emit(events.openTeam, "sync"));
    await vi.waitFor(() => expect(calls.sync).toBe(before + 1));

    expect(screen.getByText("2 conflicts to settle")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Settle conflicts" }));
    expect(onSettle).toHaveBeenCalled();
  });

  it("shows nothing for a workspace that is not in a team, and never syncs it", async () => {
    const calls = mockTeam(teamView({ joined: false }), [() => ({ report: null, view: teamView({ joined: false }) })]);
    const { container } = render(<Harness onChanged={vi.fn()} onSettle={vi.fn()} />);
    await act(() => Promise.resolve());
    expect(container).toBeEmptyDOMElement();
    expect(calls.sync).toBe(0);
  });

  it("reads the status again a moment after changes, once for a burst of them", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockTeam(teamView({ joined: false }), [() => ({ report: null, view: teamView({ joined: false }) })]);
    const view = render(<Harness onChanged={vi.fn()} onSettle={vi.fn()} version={1} />);
    await vi.waitFor(() => expect(calls.status).toBe(1));
    for (const version of [2, 3, 4]) view.rerender(<Harness onChanged={vi.fn()} onSettle={vi.fn()} version={version} />);
    expect(calls.status).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(STATUS_DELAY_MS));
    await vi.waitFor(() => expect(calls.status).toBe(2));
    await act(() => vi.advanceTimersByTimeAsync(STATUS_DELAY_MS * 3));
    expect(calls.status).toBe(2);
  });
});
