// The queue in the core's order: state, due date, partnership, reference, title, level,
// owner. A row opens the review at that risk (click, or Enter on its reference).
import type { QueueEntry } from "../../bindings";
import { LevelChip } from "../../components/LevelChip";
import { todayIso } from "../../lib/dates";
import { levelNamed, type QueueOptions } from "./useQueueOptions";
import { stateBadge } from "./words";

export function QueueTable({
  entries,
  options,
  onOpen,
}: {
  entries: QueueEntry[];
  options: QueueOptions;
  onOpen: (index: number) => void;
}) {
  const today = todayIso();
  return (
    <table className="plain rv-queue" aria-label="Review queue">
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Due</th>
          <th scope="col">Partnership</th>
          <th scope="col">Reference</th>
          <th scope="col">Title</th>
          <th scope="col">Level</th>
          <th scope="col">Owner</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => {
          const badge = stateBadge(e, today);
          return (
            <tr key={e.risk_id} onClick={() => onOpen(i)}>
              <td>
                <span className={`rv-badge ${badge.tone}`}>{badge.text}</span>
                {e.acceptance_expired && <span className="rv-flag">Acceptance expired</span>}
                {e.indicators.length > 0 && (
                  <span className="rv-flag">
                    Indicator {e.indicators.some((i) => i.status === "red") ? "red" : e.indicators[0]?.status}
                  </span>
                )}
              </td>
              <td>{e.due ?? <span className="muted">–</span>}</td>
              <td>{e.partnership}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={`Review ${e.reference} ${e.title}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(i);
                  }}
                >
                  {e.reference}
                </button>
              </td>
              <td>
                {e.title}
                {e.indicators.map((i) => (
                  <small key={i.indicator_id} className="rv-reason">
                    {i.reason}
                  </small>
                ))}
              </td>
              <td>
                {e.level ? (
                  (() => {
                    const level = levelNamed(options, e.partnership_id, e.level);
                    return level ? <LevelChip level={level} /> : e.level;
                  })()
                ) : (
                  <span className="muted">Unscored</span>
                )}
              </td>
              <td>{e.owner || <span className="muted">–</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
