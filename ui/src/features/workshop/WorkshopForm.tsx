// The workshop's own fields: title, date, place, facilitator, the score it sets, the
// anonymity mode and the consensus rule. Once it runs, the mode, the score and the rule
// are fixed (they were declared before voting).
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { Anonymity, ConsensusRule, ScoreKind, Workshop, WorkshopFields } from "../../bindings";
import { errorAt } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { Problem } from "./Problem";
import { ANONYMITY, DEFAULT_RULE, describeRule, SETS } from "./words";
import { DateInput } from "../../components/DateInput";

/// The consensus rule's numbers, each with its label and the range the core accepts.
const RULE_INPUTS: { key: keyof ConsensusRule; label: string; min: number; max: number }[] = [
  { key: "consensus_range", label: "Consensus range (steps)", min: 0, max: 6 },
  { key: "near_window", label: "Near window (± steps)", min: 0, max: 6 },
  { key: "near_share_percent", label: "Near share (%)", min: 50, max: 100 },
];

export function fieldsOf(w: Workshop): WorkshopFields {
  return {
    title: w.title,
    date: w.date,
    place: w.place,
    facilitator: w.facilitator,
    sets: w.sets,
    anonymity: w.anonymity,
    rule: w.rule,
    notes: w.notes,
  };
}

const SHOWN = ["title", "date", "place", "facilitator", "sets", "anonymity", "rule", "notes"];

export function WorkshopForm({ workshop, onSaved }: { workshop: Workshop; onSaved: () => void }) {
  const [fields, setFields] = useState<WorkshopFields>(fieldsOf(workshop));
  const { run, error } = useCommand();
  const [saved, setSaved] = useState(false);
  const [edited, setEdited] = useState(false);
  // A reload (after adding a participant, say) must not wipe what is being typed here.
  useEffect(() => {
    if (!edited) setFields(fieldsOf(workshop));
  }, [workshop, edited]);
  const fixed = workshop.status !== "planned";
  const dirty = edited && JSON.stringify(fields) !== JSON.stringify(fieldsOf(workshop));

  const set = <K extends keyof WorkshopFields>(key: K, value: WorkshopFields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setSaved(false);
    setEdited(true);
  };
  const setRule = (key: keyof ConsensusRule, text: string) => {
    const n = Number.parseInt(text, 10);
    set("rule", { ...fields.rule, [key]: Number.isNaN(n) ? 0 : n });
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await api.updateWorkshop(workshop.id, fields);
      setSaved(true);
      setEdited(false);
      onSaved();
    });
  };

  const text = (key: "title" | "place" | "facilitator", label: string) => (
    <Field label={label} error={errorAt(error, key)}>
      {(id, d) => <input id={id} aria-describedby={d} value={fields[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const isDefault = JSON.stringify(fields.rule) === JSON.stringify(DEFAULT_RULE);

  return (
    <form className="ws-card" aria-label="Workshop" onSubmit={save}>
      <h3>Workshop</h3>
      <div className="form-grid">
        <div className="span-2">{text("title", "Workshop title")}</div>
        <Field label="Date" error={errorAt(error, "date")}>
          {(id, d) => (
            <DateInput id={id} describedBy={d} value={fields.date ?? ""} onValue={(v) => set("date", v || null)} />
          )}
        </Field>
        {text("place", "Place")}
        {text("facilitator", "Facilitator")}
        <Field
          label="Score it sets"
          error={errorAt(error, "sets")}
          hint={fixed ? "Fixed once the workshop runs." : SETS.find((s) => s.value === fields.sets)?.explain}
        >
          {(id, d) => (
            <select
              id={id}
              aria-describedby={d}
              value={fields.sets}
              disabled={fixed}
              onChange={(e) => set("sets", e.target.value as ScoreKind)}
            >
              {SETS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="span-2 ws-radio-list" disabled={fixed}>
          <legend>Anonymity</legend>
          {ANONYMITY.map((a) => (
            <label key={a.value}>
              <input
                type="radio"
                name="anonymity"
                value={a.value}
                checked={fields.anonymity === a.value}
                onChange={() => set("anonymity", a.value as Anonymity)}
              />
              <span>
                <strong>{a.label}</strong> — <span className="muted">{a.explain}</span>
              </span>
            </label>
          ))}
          {errorAt(error, "anonymity") && <small className="field-error">{errorAt(error, "anonymity")}</small>}
        </fieldset>
        <fieldset className="span-2 ws-rule" disabled={fixed}>
          <legend>Consensus rule</legend>
          <p className="muted">
            {describeRule(fields.rule)}
            {isDefault ? " (the default rule)" : ""}
          </p>
          <div className="ws-rule-fields">
            {RULE_INPUTS.map(({ key, label, min, max }) => (
              <Field key={key} label={label} error={errorAt(error, `rule.${key}`)}>
                {(id, d) => (
                  <input
                    id={id}
                    aria-describedby={d}
                    type="number"
                    min={min}
                    max={max}
                    value={fields.rule[key]}
                    onChange={(e) => setRule(key, e.target.value)}
                  />
                )}
              </Field>
            ))}
          </div>
          {!isDefault && !fixed && (
            <button type="button" className="ghost" onClick={() => set("rule", { ...DEFAULT_RULE })}>
              Use the default rule
            </button>
          )}
          {fixed && <small className="muted">Declared before voting; fixed while the workshop runs.</small>}
        </fieldset>
        <div className="span-2">
          <Field label="Purpose and scope" error={errorAt(error, "notes")} hint="Printed on the minutes' cover.">
            {(id, d) => (
              <textarea id={id} aria-describedby={d} rows={2} value={fields.notes} onChange={(e) => set("notes", e.target.value)} />
            )}
          </Field>
        </div>
      </div>
      <Problem error={error} shown={SHOWN} />
      <div className="actions-row">
        {saved && !dirty && (
          <span className="muted" role="status">
            Saved
          </span>
        )}
        <button type="submit" className="primary" disabled={!dirty}>
          Save workshop
        </button>
      </div>
    </form>
  );
}
