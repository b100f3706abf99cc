// One workshop: planned → the plan; running → presenter view, private entry, phones or the
// plan (for latecomers and proposed risks), and closing; closed → the read-only review.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api";
import type { ItemView, WorkshopDetail } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { Dialog } from "../../components/Dialog";
import { PhonesView } from "./PhonesView";
import { PlanView } from "./PlanView";
import { PresenterView } from "./PresenterView";
import { PrivateEntry } from "./PrivateEntry";
import { useItemPoll, useVotingStatus } from "./polling";
import { Problem } from "./Problem";
import { ReviewView } from "./ReviewView";
import { WorkshopFiles } from "./WorkshopFiles";
import { anonymityLabel, STATUS_LABEL } from "./words";

type Face = "presenter" | "private" | "phones" | "plan";

export function WorkshopScreen({
  workshopId,
  onBack,
  onRisksChanged,
  pollMs = 1000,
}: {
  workshopId: string;
  onBack: () => void;
  /// A decision or a proposed risk changed the register.
  onRisksChanged: () => void;
  /// How often to ask for what phones changed (tests make it short).
  pollMs?: number;
}) {
  const [detail, setDetail] = useState<WorkshopDetail | null>(null);
  const [face, setFace] = useState<Face>("presenter");
  const [index, setIndex] = useState(0);
  const { run, error } = useCommand();
  const [closing, setClosing] = useState(false);
  // Reopening a running workshop starts at the item the room was on, once.
  const placed = useRef<string | null>(null);

  const load = useCallback(async () => {
    await run(async () => {
      const loaded = await api.workshopDetail(workshopId);
      if (placed.current !== workshopId) {
        placed.current = workshopId;
        const current = loaded.workshop.current_item;
        const at = loaded.items.findIndex((v) => v.item.id === current);
        if (loaded.workshop.status === "running" && at >= 0) setIndex(at);
      }
      setDetail(loaded);
    });
  }, [workshopId, run]);
  useEffect(() => {
    void load();
  }, [load]);

  const replaceItem = (view: ItemView) => {
    setDetail((d) => d && { ...d, items: d.items.map((v) => (v.item.id === view.item.id ? view : v)) });
    if (view.decision) onRisksChanged();
  };
  const goTo = (n: number) => {
    if (detail && n >= 0 && n < detail.items.length) setIndex(n);
  };

  // One place asks for the voting status: every second on the Phones face, every two
  // seconds elsewhere (the presenter's "Phones: … joined" line).
  const running = detail?.workshop.status === "running";
  const shownFace: Face = detail?.workshop.status === "planned" ? "plan" : face;
  const voting = useVotingStatus(workshopId, running, shownFace === "phones" ? pollMs : 2 * pollMs);
  const shownView = detail?.items[Math.min(index, detail.items.length - 1)];
  // The presenter polls its item itself (it knows when not to); the Phones face keeps it
  // fresh too, so the presenter is up to date on return.
  useItemPoll(shownView, running && shownFace === "phones", replaceItem, pollMs);

  // The item on the projector is the one phones vote on. Private entry does not move it:
  // there one voter at a time votes on this laptop.
  const shownItemId = shownView?.item.id;
  useEffect(() => {
    if (!running || shownFace !== "presenter" || !shownItemId) return;
    api.setCurrentItem(workshopId, shownItemId).catch(() => {
      // Quiet: phones then follow the first undecided item, and the next move tries again.
    });
  }, [running, shownFace, shownItemId, workshopId]);

  if (!detail) {
    return (
      <div>
        <button type="button" onClick={onBack}>
          ← Workshops
        </button>
        <Problem error={error} />
        {!error && <p className="muted">Loading…</p>}
      </div>
    );
  }

  const { workshop } = detail;
  const decided = detail.items.filter((v) => v.decision).length;
  const status = workshop.status;
  const presenting = status === "running" && shownFace === "presenter";

  const close = async () => {
    await run(
      async () => {
        await api.closeWorkshop(workshop.id);
        setClosing(false);
        await load(); // shows its own error
      },
      { keepError: true, onError: () => setClosing(false) },
    );
  };
  const remove = async () => {
    if (!window.confirm(`Delete the planned workshop "${workshop.title}"?`)) return;
    await run(async () => {
      await api.deleteWorkshop(workshop.id);
      onBack();
    });
  };

  return (
    <div className="ws-screen">
      <div className="ws-head">
        <button type="button" onClick={onBack} aria-label="Back to the workshops">
          ← Workshops
        </button>
        <div className="ws-head-title">
          <h2>{workshop.title}</h2>
          <small className="muted ws-head-facts">
            {[workshop.date, workshop.place, workshop.facilitator && `facilitated by ${workshop.facilitator}`]
              .filter(Boolean)
              .join(" · ")}
            {" · "}
            {anonymityLabel(workshop.anonymity).toLowerCase()} · sets the {workshop.sets} score · {decided} of{" "}
            {detail.items.length} decided
          </small>
        </div>
        <span className={`ws-status ${status}`}>{STATUS_LABEL[status]}</span>
        {status === "running" && (
          <>
            <div className="tabs" role="tablist" aria-label="Workshop faces">
              {(
                [
                  ["presenter", "Presenter view"],
                  ["private", "Private entry"],
                  ["phones", "Phones"],
                  ["plan", "Plan"],
                ] as const
              ).map(([key, label]) => (
                <button key={key} type="button" role="tab" aria-selected={shownFace === key} onClick={() => setFace(key)}>
                  {label}
                </button>
              ))}
            </div>
            <button type="button" className="danger" onClick={() => setClosing(true)}>
              Close workshop…
            </button>
          </>
        )}
        {status === "planned" && (
          <button type="button" className="ghost danger" onClick={remove}>
            Delete workshop
          </button>
        )}
      </div>
      {/* Minutes and ballot files are for the facilitator, not for the projector. */}
      {!presenting && <WorkshopFiles key={`${workshop.id}-${status}`} workshop={workshop} onImported={() => void load()} />}
      <Problem error={error} />
      {status === "closed" ? (
        <ReviewView detail={detail} />
      ) : shownFace === "plan" ? (
        <PlanView
          detail={detail}
          onChanged={() => {
            void load();
            onRisksChanged();
          }}
          onStarted={() => {
            setFace("presenter");
            setIndex(0);
            void load();
          }}
        />
      ) : shownFace === "presenter" ? (
        <PresenterView
          detail={detail}
          index={index}
          onIndex={goTo}
          onItem={replaceItem}
          phones={voting.status}
          pollMs={pollMs}
        />
      ) : shownFace === "phones" ? (
        <PhonesView
          workshopId={workshop.id}
          participants={detail.participants}
          status={voting.status}
          onStatus={voting.set}
          onRefresh={() => void voting.refresh()}
        />
      ) : (
        <PrivateEntry detail={detail} index={index} onIndex={goTo} onItem={replaceItem} />
      )}
      {closing && (
        <Dialog title="Close the workshop?" onClose={() => setClosing(false)}>
          <p>
            Closing <strong>freezes everything</strong>: no vote, decision, note, participant or agenda change is possible
            afterwards. A digest of all ballots is stored so that the minutes can be checked against the file.
          </p>
          <p className="muted">
            {decided} of {detail.items.length} items are decided
            {decided < detail.items.length ? "; the others stay undecided in the minutes." : "."}
          </p>
          <div className="actions-row">
            <button type="button" onClick={() => setClosing(false)}>
              Keep it open
            </button>
            <button type="button" className="primary danger-fill" onClick={close}>
              Close and freeze
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
