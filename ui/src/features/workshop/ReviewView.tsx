// A closed workshop, read-only: who took part, the method, every item's rounds (dots,
// histogram, spread, verdict) and decision, and the digest of its ballots.
import { useState } from "react";
import type { ItemView, Matrix, WorkshopDetail } from "../../bindings";
import { RoundResults } from "./RoundResults";
import { anonymityLabel, cellName, describeRule, howLabel, sideLabel } from "./words";

function when(at: string | null): string {
  if (!at) return "";
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString();
}

export function ReviewView({ detail }: { detail: WorkshopDetail }) {
  const { workshop, matrix } = detail;
  return (
    <div className="ws-review">
      <section className="ws-card" aria-label="About the workshop">
        <h3>About the workshop</h3>
        <dl className="ws-facts">
          <dt>Date</dt>
          <dd>{workshop.date ?? "–"}</dd>
          <dt>Place</dt>
          <dd>{workshop.place || "–"}</dd>
          <dt>Facilitator</dt>
          <dd>{workshop.facilitator || "–"}</dd>
          <dt>Score set</dt>
          <dd>{workshop.sets.charAt(0).toUpperCase() + workshop.sets.slice(1)}</dd>
          <dt>Anonymity</dt>
          <dd>{anonymityLabel(workshop.anonymity)}</dd>
          <dt>Rule</dt>
          <dd>{describeRule(workshop.rule)}</dd>
          <dt>Closed</dt>
          <dd>{when(workshop.closed_at)}</dd>
        </dl>
        <table className="plain" aria-label="Participants">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Side</th>
              <th>Votes</th>
            </tr>
          </thead>
          <tbody>
            {detail.participants.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.role}</td>
                <td>{sideLabel(p.side)}</td>
                <td>{p.voter ? "Voter" : "Observer"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {detail.items.map((view) => (
        <ItemReview key={view.item.id} view={view} matrix={matrix} count={detail.items.length} />
      ))}
      <Digest digest={workshop.ballot_digest} />
    </div>
  );
}

function ItemReview({ view, matrix, count }: { view: ItemView; matrix: Matrix; count: number }) {
  const revealed = view.rounds.filter((r) => r.revealed);
  const [shown, setShown] = useState(revealed.at(-1)?.number ?? 0);
  const round = revealed.find((r) => r.number === shown);
  const d = view.decision;
  return (
    <section className="ws-card ws-item-review" aria-label={`${view.item.reference} ${view.item.title}`}>
      <h3>
        <span className="muted">
          {view.item.position} of {count} ·
        </span>{" "}
        <span className="ws-ref">{view.item.reference}</span> {view.item.title}
      </h3>
      {revealed.length > 1 && (
        <div className="ws-rounds" role="group" aria-label={`Rounds of ${view.item.reference}`}>
          {revealed.map((r) => (
            <button key={r.number} type="button" aria-pressed={r.number === shown} onClick={() => setShown(r.number)}>
              Round {r.number}
            </button>
          ))}
        </div>
      )}
      <div className="ws-item-review-body">
        {round ? <RoundResults matrix={matrix} round={round} /> : <p className="muted">No votes were revealed.</p>}
        <div className="ws-decision-record" role="group" aria-label={`Decision on ${view.item.reference}`}>
          <h4>Decision</h4>
          {d ? (
            <dl className="ws-facts">
              <dt>Score</dt>
              <dd>{d.score ? cellName(matrix, d.score.likelihood, d.score.impact) : "None (deferred)"}</dd>
              <dt>How</dt>
              <dd>
                {howLabel(d.how)} <span className="muted">(after round {d.round})</span>
              </dd>
              <dt>Rationale</dt>
              <dd>{d.rationale}</dd>
              <dt>Dissent</dt>
              <dd>{d.dissent || "–"}</dd>
              <dt>By</dt>
              <dd>{d.decided_by}</dd>
              <dt>When</dt>
              <dd>{when(d.decided_at)}</dd>
            </dl>
          ) : (
            <p className="muted">Not decided.</p>
          )}
          {view.item.notes && (
            <>
              <h4>Notes</h4>
              <p className="ws-pre">{view.item.notes}</p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function Digest({ digest }: { digest: string | null }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!digest) return;
    try {
      await navigator.clipboard.writeText(digest);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="ws-card" aria-label="Ballot digest">
      <h3>Ballot digest (SHA-256)</h3>
      <p className="muted">Computed over every ballot when the workshop closed; the minutes print the same value.</p>
      {digest ? (
        <div className="ws-inline">
          <code className="ws-digest">{digest}</code>
          <button type="button" onClick={copy}>
            Copy digest
          </button>
          {copied && (
            <span className="muted" role="status">
              Copied
            </span>
          )}
        </div>
      ) : (
        <p className="muted">No digest stored.</p>
      )}
    </section>
  );
}
