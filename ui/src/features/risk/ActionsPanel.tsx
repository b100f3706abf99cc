// The mitigation actions of one risk: add, edit status, complete; overdue ones stand out.
import { useState } from "react";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import type { Action, ActionFields, ActionStatus } from "../../bindings";
import { Field } from "../../components/Field";
import { humanise } from "../../lib/text";
import { DateInput } from "../../components/DateInput";

const STATUSES: ActionStatus[] = ["planned", "in_progress", "done", "cancelled"];

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function isOverdue(a: ActionFields, on: string = today()): boolean {
  return (a.status === "planned" || a.status === "in_progress") && a.due !== null && a.due < on;
}

function money(a: ActionFields): string {
  if (!a.cost) return "";
  return `${(a.cost.minor / 100).toLocaleString(undefined, { minimumFractionDigits: 2 })} ${a.cost.currency}`;
}

/// "1200.50" → 120050 minor units, or null when the text is not an amount.
function parseAmount(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return null;
  const [whole, cents = ""] = text.trim().split(".");
  return Number(whole) * 100 + Number(cents.padEnd(2, "0"));
}

export function ActionsPanel({
  riskId,
  actions,
  onChanged,
}: {
  riskId: string;
  actions: Action[];
  onChanged: () => void;
}) {
  const [draft, setDraft] = useState({ title: "", owner: "", due: "", amount: "", currency: "EUR" });
  const { run, setError, errorAt } = useCommand();

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    let cost: ActionFields["cost"] = null;
    if (draft.amount.trim()) {
      const minor = parseAmount(draft.amount);
      if (minor === null) {
        setError({ code: "invalid", field: "cost.minor", message: "Enter an amount such as 1200 or 1200.50" });
        return;
      }
      cost = { minor, currency: draft.currency.trim().toUpperCase() };
    }
    await run(async () => {
      await api.addAction(riskId, {
        title: draft.title,
        detail: "",
        owner: draft.owner,
        due: draft.due || null,
        status: "planned",
        cost,
      });
      setDraft({ title: "", owner: "", due: "", amount: "", currency: draft.currency });
      onChanged();
    });
  };

  const setStatus = async (action: Action, status: ActionStatus) => {
    const { id: _id, risk_id: _r, created_at: _c, updated_at: _u, ...fields } = action;
    await run(async () => {
      await api.updateAction(action.id, { ...fields, status });
      onChanged();
    });
  };

  return (
    <section>
      <h3>Mitigation actions</h3>
      {actions.length === 0 ? (
        <p className="muted">No actions yet.</p>
      ) : (
        <table className="plain" aria-label="Actions">
          <thead>
            <tr>
              <th>Action</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Cost</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => {
              const overdue = isOverdue(a);
              return (
                <tr key={a.id}>
                  <td>{a.title}</td>
                  <td>{a.owner || <span className="muted">–</span>}</td>
                  <td className={overdue ? "overdue" : undefined}>
                    {a.due ?? "–"}
                    {overdue && " · overdue"}
                  </td>
                  <td>{money(a)}</td>
                  <td>
                    <select
                      aria-label={`Status of action ${a.title}`}
                      value={a.status}
                      onChange={(e) => setStatus(a, e.target.value as ActionStatus)}
                    >
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {humanise(s)}
                        </option>
                      ))}
                    </select>
                    {a.status !== "done" && (
                      <button type="button" className="ghost" aria-label={`Complete ${a.title}`} onClick={() => setStatus(a, "done")}>
                        ✓
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form onSubmit={add} className="form-grid" style={{ marginTop: "0.75rem" }} aria-label="Add an action">
        <div className="span-2">
          <Field label="New action" error={errorAt("title")}>
            {(id, d) => (
              <input id={id} aria-describedby={d} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
            )}
          </Field>
        </div>
        <Field label="Action owner" error={errorAt("owner")}>
          {(id, d) => (
            <input id={id} aria-describedby={d} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} />
          )}
        </Field>
        <Field label="Due date" error={errorAt("due")}>
          {(id, d) => (
            <DateInput id={id} describedBy={d} value={draft.due} onValue={(due) => setDraft({ ...draft, due })} />
          )}
        </Field>
        <Field label="Cost" error={errorAt("cost.minor")} hint="Optional, e.g. 1200.50">
          {(id, d) => (
            <input id={id} aria-describedby={d} inputMode="decimal" value={draft.amount} onChange={(e) => setDraft({ ...draft, amount: e.target.value })} />
          )}
        </Field>
        <Field label="Currency" error={errorAt("cost.currency")}>
          {(id, d) => (
            <input id={id} aria-describedby={d} maxLength={3} value={draft.currency} onChange={(e) => setDraft({ ...draft, currency: e.target.value })} />
          )}
        </Field>
        <div className="span-2 actions-row" style={{ marginTop: 0 }}>
          <button type="submit">Add action</button>
        </div>
      </form>
    </section>
  );
}
