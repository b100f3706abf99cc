// The presenter view, fit for a projector: one agenda item at a time, who has voted (never
// how), the reveal with every vote on the matrix, earlier rounds, another round, and the
// decision. Keys come from the shortcut registry (scope "workshop"); "?" lists them.
import { type ReactNode, useEffect, useState } from "react";
import { api } from "../../api";
import type { ItemView, Score, WorkshopDetail } from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { ShortcutHelp } from "../../components/ShortcutHelp";
import { ariaKeys, shortcutHint, shortcuts } from "../../lib/shortcuts";
import { useShortcut, useShortcutScope } from "../../lib/useShortcut";
import { useDocumentClass } from "../../lib/useDocumentClass";
import type { VotingStatus } from "../../bindings";
import { DecidePanel, lastVerdict, suggestedScore } from "./DecidePanel";
import { ItemActions, ItemNotes } from "./ItemNotes";
import { useItemPoll } from "./polling";
import { Problem } from "./Problem";
import { RiskCard } from "./RiskCard";
import { RoundResults } from "./RoundResults";
import { LevelLegend, VoteMatrix } from "../../components/VoteMatrix";
import { VoteStatusList } from "./VoteStatusList";
import { cellName, howLabel } from "./words";
import { KeyHint } from "../../components/KeyHint";

const hint = (id: string) => shortcutHint(shortcuts.get(id));
const keys = (id: string) => ariaKeys(shortcuts.get(id));

function requestFullscreen(on: boolean) {
  try {
    if (on && !document.fullscreenElement && document.documentElement.requestFullscreen) {
      void document.documentElement.requestFullscreen().catch(() => undefined);
    } else if (!on && document.fullscreenElement && document.exitFullscreen) {
      void document.exitFullscreen().catch(() => undefined);
    }
  } catch {
    // Full screen is a nicety: the presenter also fills the window on its own.
  }
}

export function PresenterView({
  detail,
  index,
  onIndex,
  onItem,
  phones = null,
  pollMs = 1000,
}: {
  detail: WorkshopDetail;
  index: number;
  onIndex: (index: number) => void;
  onItem: (view: ItemView) => void;
  /// The voting server's status, for the "Phones: … joined" line; null when unknown.
  phones?: VotingStatus | null;
  /// How often to ask for the shown item while the workshop runs (votes from phones).
  pollMs?: number;
}) {
  useShortcutScope("workshop");
  const { matrix, workshop } = detail;
  const count = detail.items.length;
  const view = detail.items[Math.min(index, count - 1)];
  const [shownRound, setShownRound] = useState<number | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [agreed, setAgreed] = useState<Score | null>(null);
  const [full, setFull] = useState(false);
  const { run, error, setError } = useCommand();
  const [busy, setBusy] = useState(false);

  const itemId = view?.item.id;
  useEffect(() => {
    setShownRound(null);
    setDeciding(false);
    setError(null);
  }, [itemId, setError]);

  const running = workshop.status === "running";
  // Votes from phones arrive from outside the window. Not while a request of ours is on its
  // way (its answer is newer) nor while deciding (the panel works on what it was given).
  useItemPoll(view, running && !busy && !deciding, onItem, pollMs);
  const item = view?.item;
  const current = view?.rounds[view.rounds.length - 1];
  const votes = view?.voted.filter((v) => v.voted).length ?? 0;
  const decided = !!view?.decision;
  const canReveal = running && !!item && !item.revealed && !decided && votes > 0;
  const canRevote = running && !!item && item.revealed && !decided;
  const revealReason = !item
    ? ""
    : decided
      ? "This item has been decided"
      : item.revealed
        ? `Round ${item.round} is revealed`
        : votes === 0
          ? "Nobody has voted yet"
          : "";

  const act = async (what: () => Promise<ItemView>) => {
    if (busy) return;
    setBusy(true);
    await run(async () => {
      onItem(await what());
      setShownRound(null);
    });
    setBusy(false);
  };
  const reveal = () => canReveal && item && void act(() => api.revealVotes(item.id));
  const revote = () => canRevote && item && void act(() => api.revote(item.id));
  const decide = () => {
    if (!running || !view) return;
    setAgreed(suggestedScore(view, workshop.sets));
    setDeciding(true);
  };
  const go = (to: number) => {
    if (to >= 0 && to < count) onIndex(to);
  };
  const toggleFull = () => {
    setFull((was) => {
      requestFullscreen(!was);
      return !was;
    });
  };

  useShortcut("workshop.previous", () => go(index - 1));
  useShortcut("workshop.next", () => go(index + 1));
  useShortcut("workshop.reveal", reveal);
  useShortcut("workshop.revote", revote);
  useShortcut("workshop.decide", decide);
  useShortcut("workshop.fullscreen", toggleFull);

  // Made for a projector: the app's chrome (sidebar, partnership bar, exports) folds away.
  useDocumentClass("presenting", true);

  if (!view || !item || !current) return <p className="muted">The agenda is empty.</p>;

  const round =
    shownRound !== null ? view.rounds.find((r) => r.number === shownRound) : current.revealed ? current : undefined;
  const lastRevealed = [...view.rounds].reverse().find((r) => r.revealed);
  const verdict = lastVerdict(view);
  const devices = phones?.open ? phones.devices : [];
  const onPhone = new Set(devices.map((d) => d.participant_id));

  // After a reveal the votes, the verdict and the spread take the room the risk's text
  // had: the risk stays named in the line above.
  const revealedBoard = !deciding && !!round?.revealed;
  let board: ReactNode;
  if (deciding) {
    const base = lastRevealed ?? null;
    board = base ? (
      <RoundResults matrix={matrix} round={base} size="large" pick={{ selected: agreed, onPick: setAgreed }} />
    ) : (
      <VoteMatrix matrix={matrix} label="Agreed score" size="large" selected={agreed} onPick={setAgreed} />
    );
  } else if (round?.revealed) {
    board = <RoundResults matrix={matrix} round={round} size="large" />;
  } else {
    board = <VoteMatrix matrix={matrix} label="Matrix" size="large" />;
  }

  return (
    <div className={full ? "ws-presenter full" : "ws-presenter"}>
      <ShortcutHelp scope="workshop" />
      <header className="ws-presenter-head">
        <p className="ws-position">
          {item.position} of {count}
          {revealedBoard && (
            <span className="ws-headline">
              {" · "}
              <span className="ws-ref">{item.reference}</span> {item.title}
            </span>
          )}
        </p>
        <nav className="ws-nav" aria-label="Agenda items">
          <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts={keys("workshop.previous")}>
            ← Previous
          </button>
          <button type="button" onClick={() => go(index + 1)} disabled={index >= count - 1} aria-keyshortcuts={keys("workshop.next")}>
            Next →
          </button>
        </nav>
        <button type="button" className="ghost" onClick={toggleFull} aria-keyshortcuts={keys("workshop.fullscreen")}>
          {full ? "Leave full screen" : "Full screen"} <KeyHint>{hint("workshop.fullscreen")}</KeyHint>
        </button>
      </header>

      <div className={deciding ? "ws-stage deciding" : revealedBoard ? "ws-stage revealed" : "ws-stage"}>
        {!deciding && !revealedBoard && <RiskCard view={view} matrix={matrix} sets={workshop.sets} />}
        <div className="ws-board">
          {board}
          {!round?.revealed && !deciding && <LevelLegend matrix={matrix} />}
          {view.rounds.length > 1 && (
            <div className="ws-rounds" role="group" aria-label="Rounds">
              {view.rounds.map((r) => {
                const selected = round?.number === r.number;
                return (
                  <button
                    key={r.number}
                    type="button"
                    aria-pressed={selected}
                    disabled={!r.revealed}
                    onClick={() => setShownRound(r.number === current.number ? null : r.number)}
                  >
                    Round {r.number}
                    {r.number === current.number && !r.revealed ? " (voting)" : ""}
                  </button>
                );
              })}
            </div>
          )}
        </div>
        <aside className="ws-side">
          {!decided && !item.revealed && <VoteStatusList voted={view.voted} round={item.round} onPhone={onPhone} />}
          {phones?.open && (
            <p className="ws-phones-line">
              Phones: {devices.length} joined · {devices.filter((d) => d.connected).length} connected
            </p>
          )}
          {view.decision && !deciding && (
            <div className="ws-decided" role="group" aria-label="Decided">
              <h3>Decided · {howLabel(view.decision.how)}</h3>
              <p className="ws-decided-score">
                {view.decision.score
                  ? cellName(matrix, view.decision.score.likelihood, view.decision.score.impact)
                  : "Deferred, no score set"}
              </p>
              <p>{view.decision.rationale}</p>
              {view.decision.dissent && (
                <p>
                  <em>Dissent:</em> {view.decision.dissent}
                </p>
              )}
            </div>
          )}
          {running && !deciding && (
            <div className="ws-controls">
              <button
                type="button"
                className="primary"
                onClick={reveal}
                disabled={!canReveal || busy}
                aria-keyshortcuts={keys("workshop.reveal")}
                title={revealReason || undefined}
              >
                Reveal <KeyHint>{hint("workshop.reveal")}</KeyHint>
              </button>
              <button
                type="button"
                onClick={revote}
                disabled={!canRevote || busy}
                aria-keyshortcuts={keys("workshop.revote")}
                title={`Start round ${item.round + 1}`}
              >
                Re-vote <KeyHint>{hint("workshop.revote")}</KeyHint>
              </button>
              <button type="button" onClick={decide} aria-keyshortcuts={keys("workshop.decide")}>
                {decided ? "Change decision" : "Decide"} <KeyHint>{hint("workshop.decide")}</KeyHint>
              </button>
            </div>
          )}
          {!item.revealed && !decided && revealReason && running && <p className="muted">{revealReason}.</p>}
          {verdict && !deciding && item.revealed && (
            <p className="muted">Discuss the outliers first, then vote again or decide.</p>
          )}
          <Problem error={error} />
          {deciding && (
            <DecidePanel
              matrix={matrix}
              view={view}
              score={agreed}
              onCancel={() => setDeciding(false)}
              onSaved={(next) => {
                onItem(next);
                setDeciding(false);
              }}
            />
          )}
        </aside>
      </div>
      {!full && (
        <div className="ws-after">
          <ItemNotes
            item={item}
            readOnly={!running}
            onSaved={(saved) => onItem({ ...view, item: saved })}
          />
          {view.risk && <ItemActions riskId={view.risk.id} readOnly={!running} />}
        </div>
      )}
    </div>
  );
}
