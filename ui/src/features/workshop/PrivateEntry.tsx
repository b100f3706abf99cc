// "Pass the laptop": a neutral screen lists the voters who have not voted on the current
// item; one picks their name, sees only the risk and the matrix, votes, and the screen goes
// back to neutral with no trace of the vote. The facilitator can enter a proxy vote.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { ItemView, Score, VoteStatus, WorkshopDetail } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";
import { RiskCard } from "./RiskCard";
import { VoteMatrix } from "../../components/VoteMatrix";

interface Voter {
  who: VoteStatus;
  proxy: boolean;
}

export function PrivateEntry({
  detail,
  index,
  onIndex,
  onItem,
}: {
  detail: WorkshopDetail;
  index: number;
  onIndex: (index: number) => void;
  onItem: (view: ItemView) => void;
}) {
  const view = detail.items[Math.min(index, detail.items.length - 1)];
  const [voter, setVoter] = useState<Voter | null>(null);
  const [proxy, setProxy] = useState(false);
  const [thanks, setThanks] = useState(false);
  const itemId = view?.item.id;
  useEffect(() => {
    setVoter(null);
    setThanks(false);
  }, [itemId]);

  if (!view) return <p className="muted">The agenda is empty.</p>;

  if (voter) {
    return (
      <Ballot
        detail={detail}
        view={view}
        voter={voter}
        onDone={(next) => {
          onItem(next);
          setVoter(null);
          setProxy(false);
          setThanks(true);
        }}
        onCancel={() => setVoter(null)}
      />
    );
  }

  const item = view.item;
  const closedReason = view.decision
    ? "This item has been decided; voting on it is over."
    : item.revealed
      ? `The votes of round ${item.round} are revealed. The facilitator starts a new round to vote again.`
      : detail.workshop.status !== "running"
        ? "Voting opens when the workshop starts."
        : null;
  const waiting = view.voted.filter((v) => !v.voted);
  const done = view.voted.filter((v) => v.voted);
  const pick = (who: VoteStatus) => {
    setThanks(false);
    setVoter({ who, proxy });
  };

  return (
    <div className="ws-private neutral">
      <header className="ws-private-head">
        <p className="ws-position">
          Item {item.position} of {detail.items.length}: <span className="ws-ref">{item.reference}</span> {item.title}
          {item.round > 1 && <span className="muted"> · round {item.round}</span>}
        </p>
        <nav className="ws-nav" aria-label="Agenda items">
          <button type="button" onClick={() => onIndex(index - 1)} disabled={index === 0}>
            ← Previous item
          </button>
          <button type="button" onClick={() => onIndex(index + 1)} disabled={index >= detail.items.length - 1}>
            Next item →
          </button>
        </nav>
      </header>
      {thanks && (
        <p className="ws-thanks" role="status">
          Thank you — your vote is in.
        </p>
      )}
      <h2 className="ws-handover">Hand the laptop to the next person</h2>
      {closedReason ? (
        <p className="ws-closed-note">{closedReason}</p>
      ) : (
        <>
          <p className="muted">
            {proxy
              ? "Proxy vote: choose the person you are voting for."
              : waiting.length > 0
                ? "Choose your name to vote. Nobody else sees your vote until the facilitator reveals them all."
                : "Everyone has voted. The facilitator can reveal the votes."}
          </p>
          <ul className="ws-voter-buttons" aria-label="Voters">
            {(proxy ? view.voted : waiting).map((v) => (
              <li key={v.participant_id}>
                <button type="button" className="ws-voter" onClick={() => pick(v)}>
                  {v.name}
                </button>
              </li>
            ))}
          </ul>
          {!proxy && done.length > 0 && (
            <details className="ws-revote">
              <summary>Already voted ({done.length}) — vote again</summary>
              <ul className="ws-voter-buttons small" aria-label="Voters who have voted">
                {done.map((v) => (
                  <li key={v.participant_id}>
                    <button type="button" onClick={() => pick(v)} aria-label={`${v.name} (vote again)`}>
                      {v.name}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <label className="ws-proxy-toggle">
            <input type="checkbox" checked={proxy} onChange={(e) => setProxy(e.target.checked)} />
            Proxy vote (the facilitator enters a vote for someone without a device)
          </label>
        </>
      )}
    </div>
  );
}

function Ballot({
  detail,
  view,
  voter,
  onDone,
  onCancel,
}: {
  detail: WorkshopDetail;
  view: ItemView;
  voter: Voter;
  onDone: (view: ItemView) => void;
  onCancel: () => void;
}) {
  const [score, setScore] = useState<Score | null>(null);
  const [comment, setComment] = useState("");
  const { run, error, setError } = useCommand();
  const [saving, setSaving] = useState(false);

  const cast = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!score) {
      setError({ code: "invalid", field: "score", message: "Tap the cell that fits the risk first." });
      return;
    }
    setSaving(true);
    await run(
      async () => onDone(await api.castBallot(view.item.id, voter.who.participant_id, score, comment, voter.proxy)),
      { onError: () => setSaving(false) },
    );
  };

  return (
    <form className="ws-private ballot" aria-label={`Vote of ${voter.who.name}`} onSubmit={cast}>
      <header className="ws-private-head">
        <h2>
          {voter.proxy ? `Proxy vote for ${voter.who.name}` : `${voter.who.name}, your vote`}
          {view.item.round > 1 && <span className="muted"> · round {view.item.round}</span>}
        </h2>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </header>
      {voter.who.voted && (
        <p className="ws-note" role="note">
          {voter.proxy
            ? `${voter.who.name} has voted; voting again replaces their vote.`
            : "You have voted; voting again replaces your vote."}
        </p>
      )}
      <div className="ws-ballot-body">
        <RiskCard view={view} matrix={detail.matrix} sets={detail.workshop.sets} showScores={false} />
        <div>
          <VoteMatrix matrix={detail.matrix} label="Your score" size="large" selected={score} onPick={setScore} />
          {errorAt(error, "score") && (
            <p className="field-error" role="alert">
              {errorAt(error, "score")}
            </p>
          )}
          <Field label="Comment (optional)" error={errorAt(error, "comment")}>
            {(id, d) => (
              <textarea id={id} aria-describedby={d} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            )}
          </Field>
          <Problem error={error} shown={["score", "comment"]} />
          <div className="actions-row">
            <button type="submit" className="primary big" disabled={saving}>
              Cast my vote
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}
