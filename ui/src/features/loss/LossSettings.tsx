// A partnership's loss settings: the currency of its amounts, the threshold whose
// exceedance each run reports, the tolerance through two points, the simulated years and
// the seed. The core checks every value and names the field it refuses.
import { useState } from "react";
import { api } from "../../api";
import type { QuantSettings, Tolerance } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Field } from "../../components/Field";
import { useCommand } from "../../lib/useCommand";

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text.replace(/[, _]/g, "")));

export function LossSettings({
  partnershipId,
  settings,
  onClose,
  onSaved,
}: {
  partnershipId: string;
  settings: QuantSettings;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = settings.tolerance?.points;
  const [currency, setCurrency] = useState(settings.currency ?? "");
  const [threshold, setThreshold] = useState(settings.threshold?.toString() ?? "");
  const [years, setYears] = useState(settings.years.toString());
  const [seed, setSeed] = useState(settings.seed ?? "");
  const [points, setPoints] = useState<[string, string, string, string]>([
    t ? String(t[0].probability * 100) : "",
    t ? String(t[0].loss) : "",
    t ? String(t[1].probability * 100) : "",
    t ? String(t[1].loss) : "",
  ]);
  const { run, error, errorAt } = useCommand();
  const setPoint = (i: number, text: string) =>
    setPoints((p) => p.map((v, j) => (j === i ? text : v)) as [string, string, string, string]);

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const [p1, l1, p2, l2] = points.map(numberOrNull);
    const tolerance: Tolerance | null =
      p1 === null && l1 === null && p2 === null && l2 === null
        ? null
        : {
            points: [
              { probability: (p1 ?? NaN) / 100, loss: l1 ?? NaN },
              { probability: (p2 ?? NaN) / 100, loss: l2 ?? NaN },
            ],
          };
    void run(async () => {
      await api.saveQuantSettings(partnershipId, {
        ...settings,
        currency: currency.trim() === "" ? null : currency.trim().toUpperCase(),
        threshold: numberOrNull(threshold),
        years: Number(years),
        seed: seed.trim() === "" ? null : seed.trim(),
        tolerance,
      });
      onSaved();
    });
  };

  return (
    <Dialog title="Loss settings" onClose={onClose}>
      <form onSubmit={save}>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field label="Currency" error={errorAt("currency")} hint="Three letters, such as EUR">
            {(id, d) => <input id={id} aria-describedby={d} value={currency} onChange={(e) => setCurrency(e.target.value)} />}
          </Field>
          <Field label="Threshold" error={errorAt("threshold")} hint="Each run reports the chance of losing more">
            {(id, d) => (
              <input id={id} aria-describedby={d} inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
            )}
          </Field>
          <Field label="Tolerated chance (%)" error={errorAt("tolerance")}>
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={points[0]} onChange={(e) => setPoint(0, e.target.value)} />}
          </Field>
          <Field label="of losing more than">
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={points[1]} onChange={(e) => setPoint(1, e.target.value)} />}
          </Field>
          <Field label="Second tolerated chance (%)">
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={points[2]} onChange={(e) => setPoint(2, e.target.value)} />}
          </Field>
          <Field label="of losing more than (second)">
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={points[3]} onChange={(e) => setPoint(3, e.target.value)} />}
          </Field>
          <Field label="Simulated years" error={errorAt("years")} hint="10,000 to 1,000,000">
            {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" value={years} onChange={(e) => setYears(e.target.value)} />}
          </Field>
          <Field label="Seed" error={errorAt("seed")} hint="Empty: a new seed each run, kept with its results">
            {(id, d) => <input id={id} aria-describedby={d} inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />}
          </Field>
        </div>
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
