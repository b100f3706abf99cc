// "e": a merged value typed by the user, in the field's own shape: a score as likelihood
// and impact, a long text in a text area (Ctrl+Enter keeps it), anything else in one line
// (Enter keeps it). Esc leaves it without a value.
import { useId, useState, type KeyboardEvent } from "react";
import type { Conflict } from "../../bindings";
import { fieldName, scoreParts } from "./words";

const LONG = ["description", "cause", "consequence", "treatment_rationale", "comment", "notes"];

export function ValueEditor({
  conflict,
  initial,
  onKeep,
  onCancel,
}: {
  conflict: Conflict;
  initial: unknown;
  onKeep: (value: unknown) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const field = conflict.field ?? "";
  const shape = scoreParts(conflict.mine) ?? scoreParts(conflict.theirs);
  const scoreKeys = Object.keys(
    (scoreParts(conflict.mine) ? conflict.mine : conflict.theirs) as Record<string, unknown>,
  );
  const start = scoreParts(initial) ?? shape;
  const [likelihood, setLikelihood] = useState(String(start?.likelihood ?? ""));
  const [impact, setImpact] = useState(String(start?.impact ?? ""));
  const [text, setText] = useState(typeof initial === "string" ? initial : initial == null ? "" : String(initial));
  const numeric = typeof conflict.mine === "number" || typeof conflict.theirs === "number";
  const long =
    LONG.includes(field) ||
    [conflict.mine, conflict.theirs].some((v) => typeof v === "string" && (v.length > 80 || v.includes("\n")));

  const value = (): unknown => {
    if (shape) {
      const l = scoreKeys.find((k) => k.endsWith("_l")) ?? `${field}_l`;
      const i = scoreKeys.find((k) => k.endsWith("_i")) ?? `${field}_i`;
      return { [l]: Number(likelihood), [i]: Number(impact) };
    }
    if (numeric) return text.trim() === "" ? null : Number(text);
    // An optional value left empty is no value.
    if (text === "" && (conflict.mine === null || conflict.theirs === null)) return null;
    return text;
  };

  const keys = (e: KeyboardEvent, needsMod: boolean) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      e.preventDefault();
      onCancel();
    } else if (e.key === "Enter" && (!needsMod || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onKeep(value());
    }
  };

  return (
    <div className="xch-editor" role="group" aria-label={`Merged ${fieldName(field).toLowerCase()}`}>
      {shape ? (
        <div className="xch-score-edit">
          <label htmlFor={`${id}-l`}>Likelihood</label>
          <input id={`${id}-l`} type="number" min={1} max={9} autoFocus value={likelihood} onChange={(e) => setLikelihood(e.target.value)} onKeyDown={(e) => keys(e, false)} />
          <label htmlFor={`${id}-i`}>Impact</label>
          <input id={`${id}-i`} type="number" min={1} max={9} value={impact} onChange={(e) => setImpact(e.target.value)} onKeyDown={(e) => keys(e, false)} />
        </div>
      ) : (
        <>
          <label htmlFor={id}>Merged {fieldName(field).toLowerCase()}</label>
          {long ? (
            <textarea id={id} rows={4} autoFocus value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => keys(e, true)} />
          ) : (
            <input id={id} type={numeric ? "number" : "text"} autoFocus value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => keys(e, false)} />
          )}
        </>
      )}
      <p className="muted">
        {long ? "Ctrl+Enter" : "Enter"} keeps this value and goes to the next conflict; Esc leaves it.
      </p>
      <div className="actions-row">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => onKeep(value())}>
          Keep this value
        </button>
      </div>
    </div>
  );
}
