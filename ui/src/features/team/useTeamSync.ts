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
/// How long after a change the status is read again: reading it exports every partnership
/// to count what waits (3.5 s for 10,000 risks in a debug build), so a burst of edits
/// costs one read, not one each.
export const STATUS_DELAY_MS = 1500;

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

  // One status read at a time; a change meanwhile asks for one more after it.
  const reading = useRef(false);
  const again = useRef(false);
  const refresh = useCallback(async () => {
    if (reading.current) {
      again.current = true;
      return;
    }
    reading.current = true;
    try {
      do {
        again.current = false;
        const started = epoch.current;
        try {
          const view = (await api.teamStatus()) ?? null;
          if (epoch.current === started && !running.current) setView(view);
        } catch {
          // The status is a help beside the register: the window works without it.
        }
      } while (again.current);
    } finally {
      reading.current = false;
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

  // At once when the window opens, then a moment after each change.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      void refresh();
      return;
    }
    const timer = window.setTimeout(() => void refresh(), STATUS_DELAY_MS);
    return () => window.clearTimeout(timer);
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
