// Adding an indicator (from the library, its defaults edited) or editing one: name, unit,
// direction, target, amber and red thresholds, frequency, owner, how readings arrive, the
// risks it informs and the exit triggers it fires. The core checks every rule and names
// the field; the error shows under it.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type {
  Direction,
  IndicatorFrequency,
  Indicator,
  IndicatorFields,
  LibraryEntry,
  RegisterRow,
  Scenario,
  Source,
  TriggerLink,
  Unit,
} from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { directionWords, frequencyWords, unitWords } from "../../lib/health";
import { useCommand } from "../../lib/useCommand";
import { readValue } from "./ReadingEntry";

const blank: IndicatorFields = {
  name: "",
  unit: "percent",
  direction: "higher_is_better",
  target: null,
  amber: 0,
  red: 0,
  frequency: "monthly",
  owner: "",
  source: "entered",
  description: "",
  risk_ids: [],
  exit_triggers: [],
};

/// The fields of an indicator as stored.
export function fieldsOf(i: Indicator): IndicatorFields {
  const { id: _id, partnership_id: _p, created_at: _c, updated_at: _u, ...fields } = i;
  return fields;
}

const text = (v: number | null) => (v === null ? "" : String(v));
const triggerWords = (t: string) => (/^[a-z_]+$/.test(t) ? (t.charAt(0).toUpperCase() + t.slice(1)).replace(/_/g, " ") : t);
const sameLink = (a: TriggerLink, b: TriggerLink) => a.scenario_id === b.scenario_id && a.trigger === b.trigger;

export function IndicatorDialog({
  partnershipId,
  indicator,
  onClose,
  onSaved,
}: {
  partnershipId: string;
  /// The indicator to edit; none to add one.
  indicator: Indicator | null;
  onClose: () => void;
  onSaved: (i: Indicator) => void;
}) {
  const [library, setLibrary] = useState<LibraryEntry[]>([]);
  const [fromKey, setFromKey] = useState("");
  const [fields, setFields] = useState<IndicatorFields>(indicator ? fieldsOf(indicator) : blank);
  // Numbers as typed, read when saving.
  const [numbers, setNumbers] = useState({
    target: text(indicator?.target ?? null),
    amber: indicator ? String(indicator.amber) : "",
    red: indicator ? String(indicator.red) : "",
  });
  const [risks, setRisks] = useState<RegisterRow[]>([]);
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const { run, error, errorAt, setError, running } = useCommand();

  useEffect(() => {
    if (!indicator) api.indicatorLibrary().then(setLibrary, () => setLibrary([]));
    api.register(partnershipId).then(
      (t) => setRisks(t.rows),
      () => setRisks([]),
    );
    // The exit plan's triggers, when the partnership has a plan.
    api.exitPlan(partnershipId).then(
      (v) => setScenarios(v.plan.scenarios),
      () => setScenarios([]),
    );
  }, [partnershipId, indicator]);

  const set = <K extends keyof IndicatorFields>(key: K, value: IndicatorFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const start = (key: string) => {
    setFromKey(key);
    const entry = library.find((e) => e.key === key);
    if (!entry) return;
    setFields((f) => ({ ...entry.fields, risk_ids: f.risk_ids, exit_triggers: f.exit_triggers }));
    setNumbers({ target: text(entry.fields.target), amber: String(entry.fields.amber), red: String(entry.fields.red) });
  };

  const save = async () => {
    const read = (key: "amber" | "red" | "target", label: string): number | null | undefined => {
      const typed = numbers[key].trim();
      if (key === "target" && typed === "") return null;
      const v = readValue(typed);
      if (v === null) {
        setError({
          code: "invalid",
          field: key,
          message: typed ? `“${typed}” is not a number` : `Type the ${label}`,
        });
        return undefined;
      }
      return v;
    };
    const amber = read("amber", "amber threshold");
    if (amber === undefined) return;
    const red = read("red", "red threshold");
    if (red === undefined) return;
    const target = read("target", "target");
    if (target === undefined) return;
    if (amber === null || red === null) return;
    const all: IndicatorFields = { ...fields, amber, red, target };
    const saved = await run(() =>
      indicator ? api.updateIndicator(indicator.id, all) : api.addIndicator(partnershipId, all),
    );
    if (saved) onSaved(saved);
  };

  const toggleRisk = (id: string, on: boolean) =>
    set("risk_ids", on ? [...fields.risk_ids, id] : fields.risk_ids.filter((r) => r !== id));
  const toggleTrigger = (link: TriggerLink, on: boolean) =>
    set("exit_triggers", on ? [...fields.exit_triggers, link] : fields.exit_triggers.filter((l) => !sameLink(l, link)));
  const shown = ["name", "unit", "direction", "target", "amber", "red", "frequency", "owner", "description"];
  const banner = error && !shown.some((f) => errorAt(f)) ? error : null;

  return (
    <Dialog title={indicator ? `Edit ${indicator.name}` : "Add an indicator"} onClose={onClose} wide>
      <form
        className="indicator-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {!indicator && (
          <Field label="Start from" hint="A common indicator with sensible defaults, or a blank one">
            {(id) => (
              <select id={id} value={fromKey} onChange={(e) => start(e.target.value)}>
                <option value="">A blank indicator</option>
                {library.map((e) => (
                  <option key={e.key} value={e.key}>
                    {e.fields.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="form-grid">
          <Field label="Name" error={errorAt("name")}>
            {(id, d) => <input id={id} aria-describedby={d} value={fields.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          <Field label="Owner" error={errorAt("owner")}>
            {(id, d) => <input id={id} aria-describedby={d} value={fields.owner} onChange={(e) => set("owner", e.target.value)} />}
          </Field>
          <Field label="Unit" error={errorAt("unit")}>
            {(id) => (
              <select id={id} value={fields.unit} onChange={(e) => set("unit", e.target.value as Unit)}>
                {Object.entries(unitWords).map(([k, w]) => (
                  <option key={k} value={k}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Direction" error={errorAt("direction")}>
            {(id) => (
              <select id={id} value={fields.direction} onChange={(e) => set("direction", e.target.value as Direction)}>
                {Object.entries(directionWords).map(([k, w]) => (
                  <option key={k} value={k}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {(["target", "amber", "red"] as const).map((key) => (
            <Field
              key={key}
              label={key === "target" ? "Target (optional)" : key === "amber" ? "Amber threshold" : "Red threshold"}
              error={errorAt(key)}
            >
              {(id, d) => (
                <input
                  id={id}
                  inputMode="decimal"
                  aria-describedby={d}
                  aria-invalid={errorAt(key) ? true : undefined}
                  value={numbers[key]}
                  onChange={(e) => setNumbers((n) => ({ ...n, [key]: e.target.value }))}
                />
              )}
            </Field>
          ))}
          <Field label="Frequency" error={errorAt("frequency")}>
            {(id) => (
              <select id={id} value={fields.frequency} onChange={(e) => set("frequency", e.target.value as IndicatorFrequency)}>
                {Object.entries(frequencyWords).map(([k, w]) => (
                  <option key={k} value={k}>
                    {w}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Readings arrive">
            {(id) => (
              <select id={id} value={fields.source} onChange={(e) => set("source", e.target.value as Source)}>
                <option value="entered">Entered by hand</option>
                <option value="imported">Imported from a file</option>
              </select>
            )}
          </Field>
        </div>
        <Field label="Description" error={errorAt("description")}>
          {(id, d) => (
            <textarea id={id} aria-describedby={d} rows={2} value={fields.description} onChange={(e) => set("description", e.target.value)} />
          )}
        </Field>
        <fieldset className="link-list">
          <legend>Risks it informs</legend>
          {risks.length === 0 && <p className="muted">The partnership has no risks yet.</p>}
          {risks.map((r) => (
            <label key={r.id}>
              <input type="checkbox" checked={fields.risk_ids.includes(r.id)} onChange={(e) => toggleRisk(r.id, e.target.checked)} />{" "}
              {r.reference} {r.title}
            </label>
          ))}
        </fieldset>
        <fieldset className="link-list">
          <legend>Exit triggers it fires when red</legend>
          {scenarios.length === 0 && <p className="muted">No exit plan scenario has triggers yet.</p>}
          {scenarios.flatMap((s) =>
            [...s.triggers, ...s.custom_triggers].map((t) => {
              const link = { scenario_id: s.id, trigger: t };
              return (
                <label key={`${s.id}:${t}`}>
                  <input
                    type="checkbox"
                    checked={fields.exit_triggers.some((l) => sameLink(l, link))}
                    onChange={(e) => toggleTrigger(link, e.target.checked)}
                  />{" "}
                  {s.name}: {triggerWords(t)}
                </label>
              );
            }),
          )}
        </fieldset>
        {banner && (
          <p className="banner-error" role="alert">
            {banner.message}
          </p>
        )}
        <div className="actions-row">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={running}>
            {indicator ? "Save" : "Add indicator"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
