// The decision on a risk: one button per decision (its key shown), the fields the chosen
// decision needs, and the rationale. Enter in a one-line field, or Ctrl+Enter anywhere,
// saves; Esc cancels the decision.
import type { RefObject } from "react";
import type { IpcError, Matrix } from "../../bindings";
import { Field } from "../../components/Field";
import { cellName } from "../../lib/levels";
import { ariaKeys, isTypingTarget, shortcutHint, shortcuts } from "../../lib/shortcuts";
import type { Draft } from "./draft";
import { CHOICES, type Choice } from "./words";
import { reviewField, reviewMessage } from "../../lib/errors";
import { DateInput } from "../../components/DateInput";
import { KeyHint } from "../../components/KeyHint";

export interface DecisionRefs {
  rationale: RefObject<HTMLTextAreaElement | null>;
  approver: RefObject<HTMLInputElement | null>;
  action: RefObject<HTMLInputElement | null>;
  days: RefObject<HTMLInputElement | null>;
}

const RATIONALE_HINT: Record<Choice, string> = {
  no_change: "Optional for no change.",
  rescore: "Why the residual score moves.",
  accept: "The justification of the acceptance.",
  mitigate: "Why this action.",
  escalate: "Why it goes up, and to whom.",
  close: "Why the risk is over.",
  snooze: "Why it can wait.",
};

export function DecisionPanel({
  matrix,
  choice,
  draft,
  onDraft,
  onChoose,
  onSave,
  onCancel,
  error,
  busy,
  refs,
}: {
  matrix: Matrix;
  choice: Choice | null;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  onChoose: (choice: Choice) => void;
  onSave: () => void;
  /// `fromField`: Esc in a field, which without a decision only leaves the field.
  onCancel: (fromField?: boolean) => void;
  error: IpcError | null;
  busy: boolean;
  refs: DecisionRefs;
}) {
  const field = reviewField(error);
  const snooze = choice === "snooze";
  const at = (name: string) => (error && field === name ? reviewMessage(error, snooze) : undefined);
  return (
    <form
      className="rv-decision"
      aria-label="Decision"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={(e) => {
        // Single keys rest in fields, so Esc is handled here: it leaves the decision, or
        // without one just the field (never the screen, which a second Esc does).
        if (e.key === "Escape" && isTypingTarget(e.target)) {
          e.preventDefault();
          e.stopPropagation();
          onCancel(true);
        }
      }}
    >
      <div className="rv-choices" role="group" aria-label="Decisions">
        {CHOICES.map((c) => {
          const keys = shortcuts.get(c.shortcut).keys;
          return (
            <button
              key={c.value}
              type="button"
              aria-pressed={choice === c.value}
              aria-keyshortcuts={ariaKeys(shortcuts.get(c.shortcut))}
              disabled={busy}
              onClick={() => onChoose(c.value)}
            >
              {c.label} <KeyHint>{keys[0]!}</KeyHint>
            </button>
          );
        })}
      </div>
      {error && !field && (
        <p className="banner-error" role="alert">
          {reviewMessage(error, snooze)}
        </p>
      )}
      {choice === "rescore" && (
        <p className={at("residual") ? "field-error" : undefined} role={at("residual") ? "alert" : undefined}>
          {at("residual") ??
            (draft.residual
              ? `New residual score: ${cellName(matrix, draft.residual.likelihood, draft.residual.impact)}. Press s to pick again.`
              : "Pick the new residual score on the matrix.")}
        </p>
      )}
      {choice === "accept" && (
        <div className="form-grid">
          <Field label="Approver" error={at("approver")} hint="Who approved the acceptance">
            {(id, describedBy) => (
              <input
                id={id}
                ref={refs.approver}
                aria-describedby={describedBy}
                value={draft.approver}
                onChange={(e) => onDraft({ approver: e.target.value })}
              />
            )}
          </Field>
          <Field label="Expires on" error={at("expiry")} hint="After today">
            {(id, describedBy) => (
              <DateInput id={id} describedBy={describedBy} value={draft.expiry} onValue={(expiry) => onDraft({ expiry })} />
            )}
          </Field>
        </div>
      )}
      {choice === "mitigate" && (
        <div className="form-grid">
          <Field label="Action" error={at("action_title")} hint="What will be done">
            {(id, describedBy) => (
              <input
                id={id}
                ref={refs.action}
                aria-describedby={describedBy}
                value={draft.actionTitle}
                onChange={(e) => onDraft({ actionTitle: e.target.value })}
              />
            )}
          </Field>
          <Field label="Owner" error={at("action_owner")} hint="Optional">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                value={draft.actionOwner}
                onChange={(e) => onDraft({ actionOwner: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      {choice === "snooze" && (
        <div className="form-grid">
          <Field label="Days" error={at("snooze_days")} hint="Review again in 1 to 365 days">
            {(id, describedBy) => (
              <input
                id={id}
                ref={refs.days}
                type="number"
                min={1}
                max={365}
                inputMode="numeric"
                aria-describedby={describedBy}
                value={draft.days}
                onChange={(e) => onDraft({ days: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <Field label="Rationale" error={at("rationale")} hint={RATIONALE_HINT[choice ?? "no_change"]}>
        {(id, describedBy) => (
          <textarea
            id={id}
            ref={refs.rationale}
            rows={3}
            aria-describedby={describedBy}
            value={draft.rationale}
            onChange={(e) => onDraft({ rationale: e.target.value })}
          />
        )}
      </Field>
      <div className="actions-row rv-left">
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts={ariaKeys(shortcuts.get("review.save"))}>
          Save and next <KeyHint>{shortcutHint(shortcuts.get("review.save"))}</KeyHint>
        </button>
        {choice && (
          <button type="button" onClick={() => onCancel()} aria-keyshortcuts="Escape">
            Cancel decision <KeyHint>Esc</KeyHint>
          </button>
        )}
        <small className="muted">
          {choice ? "Enter in a one-line field or Ctrl+Enter saves · Esc cancels · ? lists the keys" : "Press a decision's key · ? lists the keys"}
        </small>
      </div>
    </form>
  );
}
