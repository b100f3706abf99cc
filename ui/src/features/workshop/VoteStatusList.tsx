// "5 of 7 have voted", with the voters' names ticked — never how they voted — and a mark
// on those who vote from a phone.
import type { VoteStatus } from "../../bindings";

export function VoteStatusList({
  voted,
  round,
  onPhone,
}: {
  voted: VoteStatus[];
  round: number;
  /// Voters who joined on a phone or laptop (participant ids).
  onPhone?: ReadonlySet<string>;
}) {
  const done = voted.filter((v) => v.voted).length;
  return (
    <div className="ws-voted">
      <p className="ws-voted-count" role="status">
        {done} of {voted.length} {voted.length === 1 ? "has" : "have"} voted
        {round > 1 && <span className="muted"> · round {round}</span>}
      </p>
      <ul aria-label="Who has voted">
        {voted.map((v) => (
          <li key={v.participant_id} className={v.voted ? "done" : undefined}>
            <span aria-hidden="true">{v.voted ? "✓" : "·"}</span> {v.name}
            <span className="visually-hidden">{v.voted ? " has voted" : " has not voted yet"}</span>
            {onPhone?.has(v.participant_id) && (
              <span className="ws-on-phone" title="Votes from a phone">
                {/* Drawn, not an emoji: the projector's computer may lack an emoji font. */}
                <svg aria-hidden="true" viewBox="0 0 10 16" width="0.6em" height="1em">
                  <rect x="0.75" y="0.75" width="8.5" height="14.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                  <circle cx="5" cy="12.6" r="1" fill="currentColor" />
                </svg>
                <span className="visually-hidden"> (on a phone)</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
