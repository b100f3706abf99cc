// A scenario's steps as an ordered list: each edited in place; reordered with Alt+↑ /
// Alt+↓ (on the row or in one of its fields), the arrow buttons, or by dragging.
import { useContext, useRef, useState } from "react";
import type { ExitPlan, Scenario, StepStatus } from "../../bindings";
import { fieldId, localError, newStep } from "./draft";
import { Choice, DaysInput, ExitForm, TextInput } from "./inputs";
import { STEP_STATUSES } from "./words";

export function StepsList({
  scenario,
  si,
  onChange,
  onMove,
}: {
  scenario: Scenario;
  si: number;
  onChange: (edit: (p: ExitPlan) => void) => void;
  /// Moves a step to a 1-based position; resolves once saved.
  onMove: (stepId: string, position: number) => Promise<void>;
}) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const steps = scenario.steps;
  const at = (n: number, f: string) => `scenarios[${si}].steps[${n}].${f}`;
  const list = useRef<HTMLOListElement>(null);
  const { setError } = useContext(ExitForm);

  /// Removes a step, unless another waits for it (prisk refuses it too).
  const remove = (n: number) => {
    const gone = steps[n]!;
    const w = steps.findIndex((s) => s.waits_for === gone.id);
    if (w >= 0) {
      const path = at(w, "waits_for");
      const message = `Step "${steps[w]!.title}" starts after "${gone.title}": change its "Starts after" first, then remove "${gone.title}".`;
      setError(localError(path, gone.id, "a step waits for it", message));
      document.getElementById(fieldId(path))?.focus();
      return;
    }
    onChange((p) => { p.scenarios[si]!.steps.splice(n, 1); });
  };

  const move = async (stepId: string, position: number, refocus: string | null) => {
    if (position < 1 || position > steps.length) return;
    await onMove(stepId, position);
    // The row's control is recreated under its new path: put the focus back on it.
    if (refocus) window.setTimeout(() => document.getElementById(refocus.replace(/steps-\d+-/, `steps-${position - 1}-`))?.focus(), 0);
  };

  const add = () => {
    const t = title.trim();
    if (!t) return;
    const last = steps.at(-1)?.id ?? null;
    onChange((p) => void p.scenarios[si]!.steps.push(newStep(t, last || null)));
    setTitle("");
  };

  return (
    <div className="exit-steps">
      <h5 id={`exit-steps-${si}`}>Steps</h5>
      {steps.length > 0 && <p className="muted exit-hint">Reorder with Alt+↑ / Alt+↓, the arrow buttons, or by dragging.</p>}
      <ol ref={list} aria-labelledby={`exit-steps-${si}`} id={fieldId(`scenarios[${si}].steps`)} tabIndex={steps.length ? undefined : -1}>
        {steps.map((step, n) => (
          <li
            key={step.id || `new-${n}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a step is moved from the keyboard (Alt+arrows) when its row has the focus, as the workshop agenda's rows are
            tabIndex={0}
            aria-label={`Step ${n + 1}: ${step.title}`}
            className={dragging === step.id ? "exit-step dragging" : "exit-step"}
            draggable
            onKeyDown={(e) => {
              if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
              if (e.target instanceof HTMLSelectElement) return;
              e.preventDefault();
              const focused = e.target === e.currentTarget ? null : (e.target as HTMLElement).id || null;
              const to = n + 1 + (e.key === "ArrowUp" ? -1 : 1);
              void move(step.id, to, focused).then(() => {
                if (!focused) window.setTimeout(() => (list.current?.children[to - 1] as HTMLElement | undefined)?.focus(), 0);
              });
            }}
            onDragStart={(e) => {
              setDragging(step.id);
              e.dataTransfer.effectAllowed = "move";
              e.dataTransfer.setData("text/plain", step.id);
            }}
            onDragEnd={() => setDragging(null)}
            onDragOver={(e) => {
              if (dragging) e.preventDefault();
            }}
            onDrop={(e) => {
              e.preventDefault();
              const id = dragging;
              setDragging(null);
              if (id && id !== step.id) void move(id, n + 1, null);
            }}
          >
            <span className="exit-grip" aria-hidden="true">
              ⋮⋮
            </span>
            <span className="exit-pos">{n + 1}</span>
            <div className="exit-step-fields">
              <TextInput path={at(n, "title")} label="Title" name={`Title of step ${n + 1}`} value={step.title} onCommit={(v) => onChange((p) => { p.scenarios[si]!.steps[n]!.title = v; })} />
              <TextInput path={at(n, "owner")} label="Owner" name={`Owner of step ${n + 1}`} value={step.owner} onCommit={(v) => onChange((p) => { p.scenarios[si]!.steps[n]!.owner = v; })} />
              <DaysInput
                path={at(n, "duration_days")}
                label="Days" name={`Days of step ${n + 1}`}
                value={step.duration_days}
                onCommit={(v) => onChange((p) => { p.scenarios[si]!.steps[n]!.duration_days = v ?? 0; })}
              />
              <Choice<string>
                path={at(n, "waits_for")}
                label="Starts after" name={`Step ${n + 1} starts after`}
                optional
                value={step.waits_for}
                options={steps.filter((s) => s.id !== step.id && s.id).map((s) => [s.id, s.title] as [string, string])}
                onCommit={(v) => onChange((p) => { p.scenarios[si]!.steps[n]!.waits_for = v; })}
              />
              <Choice<StepStatus>
                path={at(n, "status")}
                label="Status" name={`Status of step ${n + 1}`}
                value={step.status}
                options={STEP_STATUSES}
                onCommit={(v) => onChange((p) => { p.scenarios[si]!.steps[n]!.status = v ?? "not_started"; })}
              />
            </div>
            <span className="exit-row-buttons">
              <button type="button" className="ghost" aria-label={`Move step ${step.title} up`} aria-keyshortcuts="Alt+ArrowUp" disabled={n === 0} onClick={() => void move(step.id, n, null)}>
                ↑
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Move step ${step.title} down`}
                aria-keyshortcuts="Alt+ArrowDown"
                disabled={n === steps.length - 1}
                onClick={() => void move(step.id, n + 2, null)}
              >
                ↓
              </button>
              <button
                type="button"
                className="ghost danger"
                aria-label={`Remove step ${step.title}`}
                onClick={() => remove(n)}
              >
                Remove
              </button>
            </span>
          </li>
        ))}
      </ol>
      <form
        className="exit-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          type="text"
          aria-label={`New step of ${scenario.name}`}
          placeholder="New step, e.g. Export and verify the data"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button type="submit" disabled={!title.trim()}>
          Add step
        </button>
      </form>
    </div>
  );
}
