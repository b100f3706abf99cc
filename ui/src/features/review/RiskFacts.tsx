// What the analyst judges a risk by, besides its scores: the treatment (and acceptance),
// the actions with the overdue ones first, and the linked requirements with their status.
import type { Action, Risk, Requirement } from "../../bindings";
import { humanise } from "../../lib/text";

const OPEN: Action["status"][] = ["planned", "in_progress"];

function isOverdue(action: Action, today: string): boolean {
  return !!action.due && action.due < today && OPEN.includes(action.status);
}

/// Overdue actions first (oldest due first), then the other open ones, then the rest.
export function orderActions(actions: Action[], today: string): Action[] {
  const rank = (a: Action) => (isOverdue(a, today) ? 0 : OPEN.includes(a.status) ? 1 : 2);
  return [...actions].sort((a, b) => rank(a) - rank(b) || (a.due ?? "9999").localeCompare(b.due ?? "9999"));
}

export function Treatment({ risk }: { risk: Risk }) {
  return (
    <section aria-labelledby="rv-treatment">
      <h3 id="rv-treatment">Treatment</h3>
      <p>
        <strong>{risk.treatment ? humanise(risk.treatment) : "No treatment decided"}</strong> ·{" "}
        <span className="muted">status {humanise(risk.status)}</span>
        {risk.owner && <span className="muted"> · owner {risk.owner}</span>}
      </p>
      {risk.treatment_rationale && <p className="rv-quote">{risk.treatment_rationale}</p>}
      {risk.treatment === "accept" && (
        <p>
          Accepted by <strong>{risk.acceptance_approver || "nobody named"}</strong> until{" "}
          <strong>{risk.acceptance_expiry ?? "no date"}</strong>
        </p>
      )}
    </section>
  );
}

export function ActionList({ actions, today }: { actions: Action[]; today: string }) {
  return (
    <section aria-labelledby="rv-actions">
      <h3 id="rv-actions">Actions</h3>
      {actions.length === 0 ? (
        <p className="muted">No actions.</p>
      ) : (
        <ul className="rv-list" aria-labelledby="rv-actions">
          {orderActions(actions, today).map((a) => {
            const late = isOverdue(a, today);
            return (
              <li key={a.id} className={late ? "rv-overdue" : undefined}>
                {late && <strong className="overdue">Overdue · </strong>}
                {a.title}{" "}
                <span className="muted">
                  · {humanise(a.status)}
                  {a.owner && ` · ${a.owner}`}
                  {a.due && ` · due ${a.due}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function RequirementList({ requirements }: { requirements: Requirement[] }) {
  return (
    <section aria-labelledby="rv-requirements">
      <h3 id="rv-requirements">Requirements</h3>
      {requirements.length === 0 ? (
        <p className="muted">No requirements linked.</p>
      ) : (
        <ul className="rv-list" aria-labelledby="rv-requirements">
          {requirements.map((q) => (
            <li key={q.id}>
              <span className="rv-code">{q.code}</span> {q.title}{" "}
              <span className={`rv-req ${q.status}`}>{humanise(q.status)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
