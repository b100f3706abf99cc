// What the room agreed for an item: the cell (picked on the presenter's matrix), how it was
// reached — only the ways the rule's verdict allows —, the rationale and any dissent.
import { useState } from "react";
import { api } from "../../api";
import type { DecidedHow, ItemView, Matrix, Score, ScoreKind, Verdict } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";
import { allowedHows, cellName, HOW, VERDICT_LABEL } from "./words";

/// The verdict of the last revealed round, or null when nothing is revealed yet.
export function lastVerdict(view: ItemView): { round: number; verdict: Verdict } | null {
  const round = [...view.rounds].reverse().find((r) => r.revealed && r.spread);
  return round?.spread ? { round: round.number, verdict: round.spread.verdict } : null;
}

/// The cell the decision form starts on: an earlier decision's; after a revealed round,
/// the median only when the votes support it (consensus or near consensus) — after a
/// split vote ("discuss") no cell, so that nobody saves a score the room did not argue
/// for; before any reveal, the risk's current score.
export function suggestedScore(view: ItemView, sets: ScoreKind): Score | null {
  if (view.decision?.score) return view.decision.score;
  const last = [...view.rounds].reverse().find((r) => r.revealed && r.spread);
  if (last?.spread) return last.spread.verdict === "discuss" ? null : last.spread.median;
  return view.risk?.[sets] ?? null;
}

function bestAllowed(verdict: Verdict | null): DecidedHow {
  return verdict === "consensus" ? "consensus" : verdict === "near_consensus" ? "near_consensus" : "facilitator";
}

export function DecidePanel({
  matrix,
  view,
  score,
  onSaved,
  onCancel,
}: {
  matrix: Matrix;
  view: ItemView;
  /// The agreed cell, picked on the matrix.
  score: Score | null;
  onSaved: (view: ItemView) => void;
  onCancel: () => void;
}) {
  const last = lastVerdict(view);
  const allowed = allowedHows(last?.verdict ?? null);
  const [how, setHow] = useState<DecidedHow>(view.decision?.how ?? bestAllowed(last?.verdict ?? null));
  const [rationale, setRationale] = useState(view.decision?.rationale ?? "");
  const [dissent, setDissent] = useState(view.decision?.dissent ?? "");
  const { run, error, setError } = useCommand();
  const [saving, setSaving] = useState(false);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!rationale.trim()) {
      setError({ code: "invalid", field: "rationale", message: "A decision needs a rationale: why the room agreed this score." });
      return;
    }
    if (how !== "deferred" && !score) {
      setError({ code: "invalid", field: "score", message: "Click the agreed cell on the matrix, or defer the decision." });
      return;
    }
    setSaving(true);
    await run(async () => {
      const next = await api.decideItem(view.item.id, {
        score: how === "deferred" ? null : score,
        how,
        rationale,
        dissent,
      });
      onSaved(next);
    });
    setSaving(false);
  };

  const why = (value: DecidedHow) => {
    if (allowed.has(value)) return undefined;
    return last
      ? `The rule's verdict on round ${last.round} is ${VERDICT_LABEL[last.verdict].toLowerCase()}`
      : "No round has been revealed yet";
  };

  return (
    <form
      className="ws-decide"
      aria-label="Decision"
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3>
        Decision on <span className="ws-ref">{view.item.reference}</span> {view.item.title}
      </h3>
      <p>
        {how === "deferred" ? (
          "A deferred decision sets no score."
        ) : score ? (
          <>
            Agreed score: <strong>{cellName(matrix, score.likelihood, score.impact)}</strong>.{" "}
            <span className="muted">Click another cell on the matrix to change it.</span>
          </>
        ) : last?.verdict === "discuss" ? (
          "The votes were split: click the cell the room agreed on, on the matrix."
        ) : (
          "Click the agreed cell on the matrix."
        )}
      </p>
      {errorAt(error, "score") && (
        <p className="field-error" role="alert">
          {errorAt(error, "score")}
        </p>
      )}
      <fieldset className="ws-how">
        <legend>How was it agreed?</legend>
        {HOW.map((h) => (
          <label key={h.value} title={why(h.value)} className={allowed.has(h.value) ? undefined : "disabled"}>
            <input
              type="radio"
              name="how"
              value={h.value}
              checked={how === h.value}
              disabled={!allowed.has(h.value)}
              onChange={() => setHow(h.value)}
            />
            {h.label}
            {!allowed.has(h.value) && <small className="muted"> — {why(h.value)}</small>}
          </label>
        ))}
        {errorAt(error, "how") && (
          <small className="field-error" role="alert">
            {errorAt(error, "how")}
          </small>
        )}
      </fieldset>
      <Field label="Rationale" error={errorAt(error, "rationale")} hint="Required: why the room agreed this score.">
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            rows={3}
            autoFocus
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
          />
        )}
      </Field>
      <Field label="Dissent" error={errorAt(error, "dissent")} hint="Views that disagree, as the room wants them minuted.">
        {(id, d) => (
          <textarea id={id} aria-describedby={d} rows={2} value={dissent} onChange={(e) => setDissent(e.target.value)} />
        )}
      </Field>
      <Problem error={error} shown={["rationale", "dissent", "how", "score"]} />
      <div className="actions-row">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          Save decision
        </button>
      </div>
    </form>
  );
}
