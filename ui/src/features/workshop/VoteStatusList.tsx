// "5 of 7 have voted", with the voters' names ticked — never how they voted.
import type { VoteStatus } from "../../bindings";

export function VoteStatusList({ voted, round }: { voted: VoteStatus[]; round: number }) {
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
          </li>
        ))}
      </ul>
    </div>
  );
}
