// The scenarios: for each, its kind, triggers (the checklist and custom ones), target time
// to exit, owner, costs, steps and their timeline.
import { useState } from "react";
import type { ExitPlan, ScenarioKind, ScenarioTiming, Trigger } from "../../bindings";
import { fieldId, newScenario } from "./draft";
import { AmountInput, Choice, DaysInput, ItemName, TextInput } from "./inputs";
import { StepsList } from "./StepsList";
import { Timeline } from "./Timeline";
import { SCENARIO_KINDS, TRIGGERS } from "./words";

type Edit = (edit: (p: ExitPlan) => void) => void;

function Triggers({ plan, si, onChange }: { plan: ExitPlan; si: number; onChange: Edit }) {
  const s = plan.scenarios[si]!;
  const [custom, setCustom] = useState("");
  const toggle = (t: Trigger, on: boolean) =>
    onChange((p) => {
      const list = p.scenarios[si]!.triggers;
      p.scenarios[si]!.triggers = on ? [...list.filter((x) => x !== t), t] : list.filter((x) => x !== t);
    });
  return (
    <fieldset className="exit-triggers" id={fieldId(`scenarios[${si}].triggers`)} tabIndex={-1}>
      <legend>What sets it off</legend>
      {TRIGGERS.map(([t, text], n) => (
        <label key={t} className="exit-check">
          <input
            type="checkbox"
            id={n === 0 ? fieldId(`scenarios[${si}].triggers[0]`) : undefined}
            checked={s.triggers.includes(t)}
            onChange={(e) => toggle(t, e.target.checked)}
          />
          {text}
        </label>
      ))}
      {s.custom_triggers.map((t, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a custom trigger is its text at its place in the list; the same text may appear twice while being edited
        <span key={`${t}-${n}`} className="exit-custom">
          {t}{" "}
          <button
            type="button"
            className="ghost danger"
            aria-label={`Remove the trigger ${t}`}
            onClick={() => onChange((p) => void p.scenarios[si]!.custom_triggers.splice(n, 1))}
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="exit-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (!custom.trim()) return;
          onChange((p) => void p.scenarios[si]!.custom_triggers.push(custom.trim()));
          setCustom("");
        }}
      >
        <input type="text" aria-label={`Another trigger of ${s.name}`} placeholder="Another trigger, in words" value={custom} onChange={(e) => setCustom(e.target.value)} />
        <button type="submit" disabled={!custom.trim()}>
          Add trigger
        </button>
      </form>
    </fieldset>
  );
}

export function ScenariosSection({
  plan,
  timings,
  onChange,
  onMove,
}: {
  plan: ExitPlan;
  timings: ScenarioTiming[];
  onChange: Edit;
  onMove: (scenarioId: string, stepId: string, position: number) => Promise<void>;
}) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ScenarioKind>(plan.scenarios.some((s) => s.kind === "planned") ? "stressed" : "planned");
  return (
    <section className="exit-section" aria-labelledby="exit-h-scenarios" id={fieldId("scenarios")} tabIndex={-1}>
      <h3 id="exit-h-scenarios">Scenarios</h3>
      {plan.scenarios.length === 0 && <p className="muted">No scenario yet: a planned exit and a stressed one are expected.</p>}
      {plan.scenarios.map((s, si) => {
        const at = (f: string) => `scenarios[${si}].${f}`;
        const set = (edit: (sc: ExitPlan["scenarios"][number]) => void) => onChange((p) => edit(p.scenarios[si]!));
        return (
          <ItemName.Provider key={s.id || si} value={s.name}>
          <article className="exit-scenario" aria-label={`Scenario ${s.name}`}>
            <header>
              <h4>{s.name}</h4>
              <span className="tag">{s.kind === "stressed" ? "Stressed" : "Planned"}</span>
              <button type="button" className="ghost danger" aria-label={`Remove scenario ${s.name}`} onClick={() => onChange((p) => void p.scenarios.splice(si, 1))}>
                Remove
              </button>
            </header>
            <div className="form-grid exit-grid-3">
              <TextInput path={at("name")} label="Name" value={s.name} onCommit={(v) => set((sc) => { sc.name = v; })} />
              <Choice<ScenarioKind> path={at("kind")} label="Kind" value={s.kind} options={SCENARIO_KINDS} onCommit={(v) => set((sc) => { sc.kind = v ?? sc.kind; })} />
              <TextInput path={at("owner")} label="Scenario owner" value={s.owner} onCommit={(v) => set((sc) => { sc.owner = v; })} />
              <DaysInput path={at("target_days")} label="Target time to exit (days)" value={s.target_days} onCommit={(v) => set((sc) => { sc.target_days = v; })} />
              <AmountInput
                path={at("cost.one_off_low")}
                label={`One-off cost, low${plan.currency ? ` (${plan.currency})` : ""}`}
                value={s.cost.one_off_low}
                onCommit={(v) => set((sc) => { sc.cost.one_off_low = v; })}
              />
              <AmountInput
                path={at("cost.one_off_high")}
                label={`One-off cost, high${plan.currency ? ` (${plan.currency})` : ""}`}
                value={s.cost.one_off_high}
                onCommit={(v) => set((sc) => { sc.cost.one_off_high = v; })}
              />
              <AmountInput
                path={at("cost.running_monthly")}
                label={`Running cost a month during the transition${plan.currency ? ` (${plan.currency})` : ""}`}
                value={s.cost.running_monthly}
                onCommit={(v) => set((sc) => { sc.cost.running_monthly = v; })}
              />
            </div>
            <Triggers plan={plan} si={si} onChange={onChange} />
            <StepsList scenario={s} si={si} onChange={onChange} onMove={(step, position) => onMove(s.id, step, position)} />
            <Timeline scenario={s} timing={timings.find((t) => t.scenario_id === s.id)} />
            <TextInput path={at("notes")} label="Notes" multiline value={s.notes} onCommit={(v) => set((sc) => { sc.notes = v; })} />
          </article>
          </ItemName.Provider>
        );
      })}
      <form
        className="exit-add"
        aria-label="Add a scenario"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          onChange((p) => void p.scenarios.push(newScenario(name.trim(), kind)));
          setName("");
        }}
      >
        <input type="text" aria-label="Name of the new scenario" placeholder="New scenario, e.g. Partner insolvency" value={name} onChange={(e) => setName(e.target.value)} />
        <select aria-label="Kind of the new scenario" value={kind} onChange={(e) => setKind(e.target.value as ScenarioKind)}>
          {SCENARIO_KINDS.map(([k, text]) => (
            <option key={k} value={k}>
              {text}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!name.trim()}>
          Add scenario
        </button>
      </form>
    </section>
  );
}
