// The window's side of the team register: the sync status (read when the window starts and
// after every change), *Sync now*, and an automatic sync every few minutes while the
// workspace is in a team. A sync that fails says so in the status only: no dialog, nothing
// lost (the changes wait for the next one).
import { useCallback, useEffect, useRef, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import { api } from "../../api";
import { events, type SyncReport, type TeamView } from "../../bindings";

/// How often the window syncs by itself while in a team.
export const AUTO_SYNC_MS = 3 * 60 * 1000;

export type TeamSync = {
  view: TeamView | null;
  syncing: boolean;
  /// Syncs now (one at a time: a second call while one runs waits for nothing and returns).
  syncNow: () => Promise<void>;
  /// Reads the status again (after a change here, a conflict settled, a connection).
  refresh: () => Promise<void>;
};

/// `version` changes after every change the window makes (the status counts waiting
/// changes); `onChanged` is called after a sync that wrote something here.
export function useTeamSync(version: number, onChanged: (report: SyncReport) => void): TeamSync {
  const [view, setView] = useState<TeamView | null>(null);
  const [syncing, setSyncing] = useState(false);
  const running = useRef(false);
  // Bumped when a sync starts and ends: a status read meanwhile may be older than the sync's.
  const epoch = useRef(0);
  const changed = useRef(onChanged);
  changed.current = onChanged;

  const refresh = useCallback(async () => {
    const started = epoch.current;
    try {
      const view = (await api.teamStatus()) ?? null;
      if (epoch.current === started && !running.current) setView(view);
    } catch {
      // The status is a help beside the register: the window works without it.
    }
  }, []);

  const syncNow = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    epoch.current += 1;
    setSyncing(true);
    try {
      const outcome = await api.teamSync();
      if (outcome) setView(outcome.view);
    } catch {
      // A workspace busy or gone: the next sync tries again; the status keeps its words.
    } finally {
      epoch.current += 1;
      running.current = false;
      setSyncing(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh, version]);

  const joined = view?.status.joined ?? false;
  useEffect(() => {
    if (!joined) return;
    // At once when the window opens in a team (or joins one), then every few minutes.
    void syncNow();
    const timer = window.setInterval(() => void syncNow(), AUTO_SYNC_MS);
    return () => window.clearInterval(timer);
  }, [joined, syncNow]);

  useEffect(() => {
    const unlisten = listen<SyncReport>(events.teamSynced, (e) => changed.current(e.payload));
    const unlistenMenu = listen<string>(events.openTeam, (e) => {
      if (e.payload === "sync") void syncNow();
    });
    return () => {
      // Stopping a listener of a window being torn down may fail: nothing is left to stop.
      for (const stop of [unlisten, unlistenMenu]) void stop.then((f) => f()).catch(() => undefined);
    };
  }, [syncNow]);

  return { view, syncing, syncNow, refresh };
}
