// The activity table: one row per logged change, newest first — when, who, partnership,
// record, field, old → new, and through what (a review, a workshop…).
import type { ActivityEntry } from "../../bindings";
import { clip, ENTITY_LABEL, fieldLabel, formatValue, recordSummary } from "../../lib/changes";
import { shortTime } from "../../lib/dates";

function Change({ entry }: { entry: ActivityEntry }) {
  if (entry.operation !== "update" || !entry.field) {
    const json = entry.operation === "delete" ? entry.old_value : entry.new_value;
    const text = recordSummary(entry.entity, entry.operation, json, entry.reference);
    return <span className={`op-${entry.operation}`}>{text.charAt(0).toUpperCase() + text.slice(1)}</span>;
  }
  const before = formatValue(entry.field, entry.old_value);
  const after = formatValue(entry.field, entry.new_value);
  return (
    <span className="change" title={`${before} → ${after}`}>
      <span className="old">{clip(before, 60)}</span>
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> changed to </span>
      <span className="new">{clip(after, 60)}</span>
    </span>
  );
}

export function ActivityTable({
  entries,
  showPartnership,
  onOpenRisk,
}: {
  entries: ActivityEntry[];
  showPartnership: boolean;
  onOpenRisk?: (partnershipId: string, riskId: string) => void;
}) {
  return (
    <div className="activity-wrap">
      <table className="activity" aria-label="Changes, newest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            {showPartnership && <th scope="col">Partnership</th>}
            <th scope="col">Record</th>
            <th scope="col">Field</th>
            <th scope="col">Change</th>
            <th scope="col">Through</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            // Only a risk that still exists can be opened (the core gives its reference then).
            const openable = e.entity === "risk" && e.reference && e.partnership_id && onOpenRisk;
            return (
              <tr key={e.seq}>
                <td className="when">{shortTime(e.at)}</td>
                <td>{e.actor}</td>
                {showPartnership && <td>{e.partnership ?? <span className="muted">–</span>}</td>}
                <td>
                  {ENTITY_LABEL[e.entity]}{" "}
                  {openable ? (
                    <button
                      type="button"
                      className="link"
                      aria-label={`Open risk ${e.reference}`}
                      onClick={() => onOpenRisk(e.partnership_id!, e.entity_id)}
                    >
                      {e.reference}
                    </button>
                  ) : (
                    e.reference && <span className="ref">{e.reference}</span>
                  )}
                </td>
                <td>{e.field ? fieldLabel(e.entity, e.field) : <span className="muted">–</span>}</td>
                <td>
                  <Change entry={e} />
                </td>
                <td className="muted">{e.context ?? "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
