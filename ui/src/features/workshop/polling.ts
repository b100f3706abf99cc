// What changes outside this window while a workshop runs: phones join and vote through the
// voting server, so the screens ask the core again every so often.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api";
import type { ItemView } from "../../bindings";
import type { VotingStatus } from "../../bindings";

const CLOSED: VotingStatus = { open: null, devices: [], item: null, voted: [] };

/// The voting server's status for a running workshop: asked once, then every `everyMs`
/// while voting is open (nothing changes from outside while it is closed). `set` takes
/// the answer of an action (open, close) at once; an older poll answer never overwrites it.
export function useVotingStatus(workshopId: string, running: boolean, everyMs: number) {
  const [status, setStatus] = useState<VotingStatus | null>(null);
  const latest = useRef(0);

  const set = useCallback((next: VotingStatus | null) => {
    latest.current += 1;
    setStatus(next);
  }, []);

  const refresh = useCallback(async () => {
    const asked = ++latest.current;
    try {
      const next = await api.votingStatus(workshopId);
      if (asked === latest.current) setStatus(next ?? CLOSED);
    } catch {
      // Quiet: a failed poll keeps the last known status; the next one tries again. With
      // none yet, say closed: opening again returns a server that is in fact running.
      if (asked === latest.current) setStatus((known) => known ?? CLOSED);
    }
  }, [workshopId]);

  useEffect(() => {
    if (!running) {
      set(null);
      return;
    }
    void refresh();
    return () => {
      latest.current += 1; // drop an answer still on its way
    };
  }, [running, refresh, set]);

  const open = running && !!status?.open;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void refresh(), everyMs);
    return () => clearInterval(timer);
  }, [open, everyMs, refresh]);

  return { status: running ? status : null, set, refresh };
}

/// Asks for the shown item every `everyMs` while `enabled`, and hands it to `onItem` only
/// when it differs from what is shown: votes from phones then appear without a click. An
/// answer is dropped when the item changed meanwhile (the presenter's own request won).
export function useItemPoll(
  view: ItemView | undefined,
  enabled: boolean,
  onItem: (view: ItemView) => void,
  everyMs: number,
) {
  const shown = useRef(view);
  const handler = useRef(onItem);
  useEffect(() => {
    shown.current = view;
    handler.current = onItem;
  });

  const itemId = view?.item.id;
  useEffect(() => {
    if (!enabled || !itemId) return;
    let stopped = false;
    let asking = false;
    const tick = async () => {
      if (asking) return;
      asking = true;
      const before = JSON.stringify(shown.current);
      try {
        const next = await api.itemView(itemId);
        if (stopped || next?.item?.id !== itemId) return;
        const now = JSON.stringify(shown.current);
        if (now === before && JSON.stringify(next) !== now) handler.current(next);
      } catch {
        // Quiet: the next tick tries again; the presenter's own actions report errors.
      } finally {
        asking = false;
      }
    };
    const timer = setInterval(() => void tick(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled, itemId, everyMs]);
}
