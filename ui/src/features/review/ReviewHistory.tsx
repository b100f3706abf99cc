// The last review of a risk (who, when, decision, rationale, whether the risk changed since)
// and the changes made to it after that review, field by field.
import type { AuditEntry, Review } from "../../bindings";
import { shortTime } from "../../lib/dates";
import { humanise } from "../../lib/text";
import { DECISION_LABEL } from "./words";

/// The review that counts: the newest one not undone.
export function lastReview(reviews: Review[]): Review | null {
  return [...reviews].reverse().find((r) => !r.withdrawn_by) ?? null;
}

/// A recorded value for people: a score as "L3 × I4", JSON objects compactly, nothing as "–".
function shown(value: string | null): string {
  if (value === null || value === "" || value === "null") return "–";
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === "object" && "likelihood" in parsed && "impact" in parsed) {
      const s = parsed as { likelihood: number; impact: number };
      return `likelihood ${s.likelihood}, impact ${s.impact}`;
    }
  } catch {
    // Plain text, as most values are.
  }
  return value;
}

export function LastReview({ review }: { review: Review | null }) {
  return (
    <section aria-labelledby="rv-last">
      <h3 id="rv-last">Last review</h3>
      {!review ? (
        <p className="muted">Never reviewed.</p>
      ) : (
        <>
          <p>
            <strong>{DECISION_LABEL[review.decision]}</strong>
            <span className="muted">
              {" "}
              · {review.reviewer} · {shortTime(review.at)} · next review {review.next_review}
            </span>
            {review.outdated && (
              <span className="rv-flag" title="The risk's scores, status or treatment changed after this review">
                Outdated
              </span>
            )}
          </p>
          {review.rationale ? <p className="rv-quote">{review.rationale}</p> : <p className="muted">No rationale given.</p>}
        </>
      )}
    </section>
  );
}

export function ChangesSince({ history, since }: { history: AuditEntry[]; since: string | null }) {
  if (!since) return null;
  const changes = history.filter((h) => h.at > since);
  return (
    <section aria-labelledby="rv-changes">
      <h3 id="rv-changes">Changes since the last review</h3>
      {changes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="rv-list" aria-labelledby="rv-changes">
          {changes.map((h) => (
            <li key={h.seq}>
              <span className="muted">
                {shortTime(h.at)} · {h.actor}
              </span>{" "}
              {h.operation === "update" ? (
                <>
                  <strong>{humanise(h.field ?? "")}</strong> {shown(h.old_value)} → {shown(h.new_value)}
                </>
              ) : (
                `${h.operation === "create" ? "created" : "deleted"} ${h.entity === "risk" ? "the risk" : `a ${h.entity}`}`
              )}
              {h.context && <span className="muted"> · {h.context}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
