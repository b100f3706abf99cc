// The log of exit tests, a form to record one, and a finding turned into an action on a
// risk the plan is linked to.
import { useState } from "react";
import type { ExitPlan, ExitTest, ExitTestFields, FinancialResult, OperationalResult, TestKind } from "../../bindings";
import { DateInput } from "../../components/DateInput";
import { fieldId } from "./draft";
import { DateField } from "./inputs";
import type { Linkable } from "./AssessmentSection";
import { FINANCIAL, labelOf, OPERATIONAL, TEST_KINDS } from "./words";

function Select<T extends string>({ label, value, options, onChange, id }: { label: string; value: T; options: [T, string][]; onChange: (v: T) => void; id?: string }) {
  return (
    <label className="exit-inline">
      {label}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function FindingAction({ test, risks, onAct }: { test: ExitTest; risks: Linkable[]; onAct: (testId: string, riskId: string) => Promise<string | undefined> }) {
  const [risk, setRisk] = useState(risks[0]?.id ?? "");
  const [done, setDone] = useState<string | null>(null);
  if (!test.findings.trim()) return <span className="muted">No findings</span>;
  if (risks.length === 0) return <span className="muted">Link a risk first</span>;
  if (done) return <span role="status">Action added to {done}</span>;
  return (
    <span className="exit-act">
      <select aria-label={`Risk for the action from the test of ${test.date}`} value={risk} onChange={(e) => setRisk(e.target.value)}>
        {risks.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={async () => {
          const made = await onAct(test.id, risk);
          if (made) setDone(risks.find((r) => r.id === risk)?.label ?? made);
        }}
      >
        Make an action
      </button>
    </span>
  );
}

export function TestLog({
  plan,
  tests,
  risks,
  nextDue,
  today,
  onRecord,
  onAct,
  onChange,
}: {
  plan: ExitPlan;
  tests: ExitTest[];
  risks: Linkable[];
  nextDue: string | null;
  today: string;
  onRecord: (fields: ExitTestFields) => Promise<boolean>;
  onAct: (testId: string, riskId: string) => Promise<string | undefined>;
  onChange: (edit: (p: ExitPlan) => void) => void;
}) {
  const blank = (): ExitTestFields => ({ date: today, kind: "tabletop", scenario_id: plan.scenarios[0]?.id ?? null, operational: "pass", financial: "not_assessed", findings: "" });
  const [fields, setFields] = useState<ExitTestFields>(blank);
  const set = (f: Partial<ExitTestFields>) => setFields((x) => ({ ...x, ...f }));
  const linked = risks.filter((r) => plan.risk_ids.includes(r.id));
  return (
    <section className="exit-section" aria-labelledby="exit-h-tests">
      <h3 id="exit-h-tests">Exit tests</h3>
      <p className={nextDue && nextDue < today ? "overdue" : undefined}>
        {nextDue ? `Next test due ${nextDue}.` : "No test recorded yet: the first one is due now."}
      </p>
      <div className="form-grid exit-grid-3">
        <DateField path="next_test_due" label="Next test due on (leave empty for 12 months after the last)" value={plan.next_test_due} onCommit={(v) => onChange((p) => { p.next_test_due = v; })} />
      </div>
      {tests.length > 0 && (
        <table className="exit-tests" aria-label="Exit test log">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Kind</th>
              <th scope="col">Scenario</th>
              <th scope="col">Operational</th>
              <th scope="col">Financial</th>
              <th scope="col">Findings</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {tests
              .slice()
              .reverse()
              .map((t) => (
                <tr key={t.id}>
                  <td>{t.date}</td>
                  <td>{labelOf(TEST_KINDS, t.kind)}</td>
                  <td>{t.scenario || "—"}</td>
                  <td className={t.operational === "fail" ? "overdue" : undefined}>{labelOf(OPERATIONAL, t.operational)}</td>
                  <td className={t.financial === "fail" ? "overdue" : undefined}>{labelOf(FINANCIAL, t.financial)}</td>
                  <td className="exit-findings">{t.findings}</td>
                  <td>
                    <FindingAction test={t} risks={linked} onAct={onAct} />
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <form
        className="exit-record"
        aria-label="Record an exit test"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onRecord(fields)) setFields(blank());
        }}
      >
        <h4>Record a test</h4>
        <div className="exit-record-row">
          <div className="exit-inline">
            <label htmlFor={fieldId("tests")}>Date of the test</label>
            <DateInput id={fieldId("tests")} value={fields.date} onValue={(v) => set({ date: v })} />
          </div>
          <Select<TestKind> label="Kind of test" value={fields.kind} options={TEST_KINDS} onChange={(kind) => set({ kind })} />
          <label className="exit-inline">
            Scenario tested
            <select value={fields.scenario_id ?? ""} onChange={(e) => set({ scenario_id: e.target.value || null })}>
              <option value="">The plan as a whole</option>
              {plan.scenarios
                .filter((s) => s.id)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
          <Select<OperationalResult> label="Operational result" value={fields.operational} options={OPERATIONAL} onChange={(operational) => set({ operational })} />
          <Select<FinancialResult> label="Financial feasibility" value={fields.financial} options={FINANCIAL} onChange={(financial) => set({ financial })} />
        </div>
        <label className="exit-inline exit-wide">
          Findings
          <textarea rows={2} value={fields.findings} onChange={(e) => set({ findings: e.target.value })} placeholder="What did not work, one finding a line" />
        </label>
        <button type="submit">Record test</button>
      </form>
    </section>
  );
}
