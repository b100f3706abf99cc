// One stage's money estimate beside its score (issue 24): how often (events a year, a 90 %
// range of them, or the chance of at least one a year) and the loss of one event (a 90 %
// range or a PERT estimate). Saved with the risk; the core checks it and names the part
// it refuses. The cell the saved numbers fall in is shown beside the chosen cell.
import { useState } from "react";
import type { CellCheck, Frequency, LossEstimate, LossPerEvent, ScoreKind } from "../../bindings";
import { percent, shortAmount } from "../../lib/money";
import "./loss-fields.css";

type FrequencyKind = Frequency["kind"] | "";
type LossKind = LossPerEvent["kind"] | "";

// An empty or unreadable box counts as 0, which the core refuses in words ("a loss is an
// amount above zero"), naming the part; JSON has no NaN to carry.
const num = (text: string): number => {
  const n = Number(text.replace(/[, _]/g, ""));
  return text.trim() === "" || Number.isNaN(n) ? 0 : n;
};

/// A number typed as text: the box keeps what is typed ("0.", "1e") while the estimate
/// takes its value.
function NumberBox({ label, value, onChange }: { label: string; value: number | undefined; onChange: (n: number) => void }) {
  const [text, setText] = useState(value === undefined || value === 0 ? "" : String(value));
  return (
    <input
      inputMode="decimal"
      aria-label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(num(e.target.value));
      }}
    />
  );
}

function frequencyOf(kind: FrequencyKind, a: number, b: number): Frequency | null {
  switch (kind) {
    case "rate":
      return { kind, per_year: a };
    case "rate_range":
      return { kind, low: a, high: b };
    case "probability":
      return { kind, p: a / 100 };
    default:
      return null;
  }
}

function lossOf(kind: LossKind, a: number, b: number, c: number): LossPerEvent | null {
  switch (kind) {
    case "range":
      return { kind, low: a, high: b };
    case "pert":
      return { kind, min: a, mode: b, max: c };
    default:
      return null;
  }
}

/// The numbers of a frequency as typed: events a year, or a percentage for a chance.
function frequencyNumbers(f: Frequency | null): [number | undefined, number | undefined] {
  if (!f) return [undefined, undefined];
  if (f.kind === "rate") return [f.per_year, undefined];
  if (f.kind === "rate_range") return [f.low, f.high];
  return [f.p * 100, undefined];
}

function lossNumbers(l: LossPerEvent | null): [number | undefined, number | undefined, number | undefined] {
  if (!l) return [undefined, undefined, undefined];
  if (l.kind === "range") return [l.low, l.high, undefined];
  return [l.min, l.mode, l.max];
}

export function LossFields({
  stage,
  value,
  onChange,
  error,
  cell,
  suggestion,
}: {
  stage: ScoreKind;
  value: LossEstimate | null | undefined;
  onChange: (estimate: LossEstimate | null) => void;
  error?: string;
  /// The saved numbers' cell and the chosen cell, when the matrix's ranges place them.
  cell?: CellCheck;
  /// The saved cell's bands as numbers, offered as a first estimate while there is none.
  suggestion?: LossEstimate;
}) {
  const frequency = value?.frequency ?? null;
  const loss = value?.loss ?? null;
  const [fa, fb] = frequencyNumbers(frequency);
  const [la, lb, lc] = lossNumbers(loss);
  const fKind: FrequencyKind = frequency?.kind ?? "";
  const lKind: LossKind = loss?.kind ?? "";

  const update = (f: Frequency | null, l: LossPerEvent | null) =>
    onChange(f === null && l === null ? null : { frequency: f, loss: l });
  const setFrequency = (kind: FrequencyKind, a = fa ?? 0, b = fb ?? 0) => update(frequencyOf(kind, a, b), loss);
  const setLoss = (kind: LossKind, a = la ?? 0, b = lb ?? 0, c = lc ?? 0) => update(frequency, lossOf(kind, a, b, c));
  const input = (label: string, x: number | undefined, change: (n: number) => void) => (
    <div className="loss-input">
      <span aria-hidden="true">{label}</span>
      <NumberBox key={`${stage}:${fKind}:${lKind}`} label={`${label} (${stage})`} value={x} onChange={change} />
    </div>
  );

  return (
    <fieldset className="loss-fields">
      <legend>Money ({stage})</legend>
      <div className="loss-row">
        <label className="loss-input">
          <span>How often</span>
          <select aria-label={`How often (${stage})`} value={fKind} onChange={(e) => setFrequency(e.target.value as FrequencyKind, 0, 0)}>
            <option value="">Not estimated</option>
            <option value="rate">Events a year</option>
            <option value="rate_range">Events a year, 90 % range</option>
            <option value="probability">Chance in a year</option>
          </select>
        </label>
        {fKind === "rate" && input("Events a year", fa, (n) => setFrequency("rate", n))}
        {fKind === "rate_range" && (
          <>
            {input("From", fa, (n) => setFrequency("rate_range", n, fb))}
            {input("To", fb, (n) => setFrequency("rate_range", fa, n))}
          </>
        )}
        {fKind === "probability" && input("Chance (%)", fa, (n) => setFrequency("probability", n))}
      </div>
      <div className="loss-row">
        <label className="loss-input">
          <span>Loss per event</span>
          <select aria-label={`Loss per event (${stage})`} value={lKind} onChange={(e) => setLoss(e.target.value as LossKind, 0, 0, 0)}>
            <option value="">Not estimated</option>
            <option value="range">90 % range</option>
            <option value="pert">Minimum, most likely, maximum</option>
          </select>
        </label>
        {lKind === "range" && (
          <>
            {input("Low", la, (n) => setLoss("range", n, lb))}
            {input("High", lb, (n) => setLoss("range", la, n))}
          </>
        )}
        {lKind === "pert" && (
          <>
            {input("Minimum", la, (n) => setLoss("pert", n, lb, lc))}
            {input("Most likely", lb, (n) => setLoss("pert", la, n, lc))}
            {input("Maximum", lc, (n) => setLoss("pert", la, lb, n))}
          </>
        )}
      </div>
      {!value && suggestion && (
        <p className="loss-suggestion">
          <button type="button" onClick={() => onChange(suggestion)}>
            Start from the cell's bands
          </button>{" "}
          <span>{describeEstimate(suggestion)}</span>
        </p>
      )}
      {cell?.implied && (
        <p className={cell.disagrees ? "loss-cell disagrees" : "loss-cell"} role={cell.disagrees ? "alert" : undefined}>
          The saved numbers fall in cell L{cell.implied.likelihood} I{cell.implied.impact}
          {cell.chosen ? ` (chosen: L${cell.chosen.likelihood} I${cell.chosen.impact})` : ""}
          {cell.disagrees ? " — more than one step apart." : "."}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/// An estimate in a few words: "0.22–0.69 events a year, 50k–500k per event".
export function describeEstimate(e: LossEstimate): string {
  const f = e.frequency;
  const often =
    f === null
      ? ""
      : f.kind === "rate"
        ? `${f.per_year} events a year`
        : f.kind === "rate_range"
          ? `${f.low}–${f.high} events a year`
          : `a ${percent(f.p)} chance in a year`;
  const l = e.loss;
  const loss =
    l === null ? "" : l.kind === "range" ? `${shortAmount(l.low)}–${shortAmount(l.high)} per event` : `${shortAmount(l.min)}–${shortAmount(l.max)} per event (most likely ${shortAmount(l.mode)})`;
  return [often, loss].filter(Boolean).join(", ");
}
