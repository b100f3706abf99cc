// The risk's acceptances, newest first: who asked, who approved, until when, flagged when
// self-approved or expired. A pending request can be approved or rejected with a note, an
// approved one revoked with a reason.
import { useState } from "react";
import { api } from "../../api";
import { fieldPath, plainMessage } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import type { Acceptance } from "../../bindings";
import { Field } from "../../components/Field";
import { shortTime } from "../../lib/dates";
import { ACCEPTANCE_LABEL } from "./words";

type Step = { id: string; verb: "approve" | "reject" | "revoke" };

const VERB: Record<Step["verb"], { button: string; field: string; needed: string }> = {
  approve: { button: "Approve", field: "Note", needed: "" },
  reject: { button: "Reject", field: "Note", needed: "Say why the acceptance is rejected." },
  revoke: { button: "Revoke", field: "Reason", needed: "Give a reason for revoking the acceptance." },
};

export function AcceptancesPanel({ acceptances, onChanged }: { acceptances: Acceptance[]; onChanged: () => void }) {
  const [step, setStep] = useState<Step | null>(null);
  const [text, setText] = useState("");
  const { run, error, setError } = useCommand();
  const [busy, setBusy] = useState(false);

  const begin = (id: string, verb: Step["verb"]) => {
    setStep({ id, verb });
    setText("");
    setError(null);
  };

  const submit = async () => {
    if (!step || busy) return;
    const words = VERB[step.verb];
    if (words.needed && !text.trim()) {
      setError({ code: "invalid", field: "note", message: words.needed });
      return;
    }
    setBusy(true);
    await run(async () => {
      if (step.verb === "approve") await api.approveAcceptance(step.id, text.trim());
      else if (step.verb === "reject") await api.rejectAcceptance(step.id, text.trim());
      else await api.revokeAcceptance(step.id, text.trim());
      setStep(null);
      onChanged();
    });
    setBusy(false);
  };
  // A note or reason the core refused is one left empty: say what it is for.
  const said = (verb: Step["verb"]) =>
    error ? (["note", "reason"].includes(fieldPath(error)) ? VERB[verb].needed : plainMessage(error)) : undefined;

  return (
    <section aria-labelledby="rv-acceptances">
      <h3 id="rv-acceptances">Acceptances</h3>
      {acceptances.length === 0 ? (
        <p className="muted">Never accepted.</p>
      ) : (
        <ul className="rv-list" aria-labelledby="rv-acceptances">
          {[...acceptances].reverse().map((a) => (
            <li key={a.id} aria-label={`Acceptance by ${a.approver}: ${ACCEPTANCE_LABEL[a.state].toLowerCase()}`}>
              <span className={`rv-state ${a.state}`}>{ACCEPTANCE_LABEL[a.state]}</span>{" "}
              {a.expired && <span className="rv-flag">Expired</span>}
              {a.self_approved && (
                <span className="rv-flag" title="The approver is the person who asked">
                  Self-approved
                </span>
              )}{" "}
              approver <strong>{a.approver}</strong> · until {a.expiry}
              <span className="muted">
                {" "}
                · asked by {a.requested_by} on {shortTime(a.requested_at)}
                {a.decided_by && ` · decided by ${a.decided_by}`}
                {a.revoked_by && ` · revoked by ${a.revoked_by}`}
              </span>
              {a.justification && <div className="rv-quote">{a.justification}</div>}
              {a.decision_note && <div className="muted">Note: {a.decision_note}</div>}
              {a.revoke_reason && <div className="muted">Revoked because: {a.revoke_reason}</div>}
              {step?.id === a.id ? (
                <form
                  className="rv-inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void submit();
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") {
                      e.stopPropagation(); // cancels this form only, not the review's decision
                      setStep(null);
                    }
                  }}
                >
                  <Field label={VERB[step.verb].field} error={said(step.verb)}>
                    {(id, describedBy) => (
                      <input
                        id={id}
                        aria-describedby={describedBy}
                        autoFocus
                        value={text}
                        onChange={(e) => setText(e.target.value)}
                      />
                    )}
                  </Field>
                  <button type="submit" className="primary" disabled={busy}>
                    {VERB[step.verb].button}
                  </button>
                  <button type="button" onClick={() => setStep(null)}>
                    Cancel
                  </button>
                </form>
              ) : a.state === "requested" ? (
                <div className="actions-row rv-left">
                  <button type="button" onClick={() => begin(a.id, "approve")}>
                    Approve…
                  </button>
                  <button type="button" onClick={() => begin(a.id, "reject")}>
                    Reject…
                  </button>
                </div>
              ) : a.state === "approved" ? (
                <div className="actions-row rv-left">
                  <button type="button" onClick={() => begin(a.id, "revoke")}>
                    Revoke…
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
