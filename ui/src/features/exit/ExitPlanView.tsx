// A partnership's exit plan: a form in sections beside its readiness. Every change is
// saved at once (the whole plan, against the plan as it was opened, so a change made
// elsewhere meanwhile is refused rather than lost); the core answers with the plan and
// what is derived from it (notice deadline, critical paths, gaps).
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExitPlan, ExitPlanView as View, ExitTestFields } from "../../bindings";
import { api } from "../../api";
import { useCommand } from "../../lib/useCommand";
import { AgreementSection } from "./AgreementSection";
import { AssessmentSection, LinksSection, RolesSection, type Linkable } from "./AssessmentSection";
import { DataSection } from "./DataSection";
import { changed, hasControl } from "./draft";
import { ExitForm } from "./inputs";
import { ReadinessPanel } from "./ReadinessPanel";
import { ScenariosSection } from "./ScenariosSection";
import { TestLog } from "./TestLog";
import "./exit.css";

export function ExitPlanView({ partnershipId, version }: { partnershipId: string; version?: number }) {
  const [view, setView] = useState<View | null>(null);
  const [risks, setRisks] = useState<Linkable[]>([]);
  const [requirements, setRequirements] = useState<Linkable[]>([]);
  const [exported, setExported] = useState<string | null>(null);
  const form = useCommand();
  const tests = useCommand();
  const exportCmd = useCommand();
  // The plan as stored, which each save is checked against; saves run one after another.
  const saved = useRef<ExitPlan | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const { run } = form;

  // The plan on screen, changes included (two changes in a row build on each other).
  const draft = useRef<ExitPlan | null>(null);
  const show = useCallback((v: View) => {
    saved.current = v.plan;
    draft.current = v.plan;
    setView(v);
  }, []);

  useEffect(() => {
    let stale = false;
    void run(
      async () => {
        const [v, register, reqs] = await Promise.all([api.exitPlan(partnershipId), api.register(partnershipId), api.requirements(partnershipId)]);
        if (stale) return;
        show(v);
        setRisks(register.rows.map((r) => ({ id: r.id, label: `${r.reference} ${r.title}` })));
        setRequirements(reqs.map((r) => ({ id: r.id, label: `${r.code} ${r.title}` })));
      },
      { stale: () => stale },
    );
    return () => {
      stale = true;
    };
  }, [partnershipId, version, run, show]);

  /// Changes the plan on screen and saves it.
  const edit = (change: (p: ExitPlan) => void) => {
    if (!draft.current) return;
    const next = changed(draft.current, change);
    draft.current = next;
    setView((v) => (v ? { ...v, plan: next } : v));
    queue.current = queue.current.then(() =>
      run(async () => {
        const expected = saved.current ?? next;
        show(await api.saveExitPlan(partnershipId, expected, next));
      }),
    );
  };

  const move = (scenarioId: string, stepId: string, position: number) => {
    const done = queue.current.then(() => run(async () => show(await api.moveExitStep(partnershipId, scenarioId, stepId, position))));
    queue.current = done;
    return done.then(() => undefined);
  };

  const record = async (fields: ExitTestFields) => {
    const v = await tests.run(() => api.addExitTest(partnershipId, fields));
    if (v) show(v);
    return !!v;
  };

  const act = (testId: string, riskId: string) =>
    tests.run(async () => (await api.exitFindingAction(partnershipId, testId, riskId, view?.plan.roles.exit_owner ?? "")).id);

  const reload = () => void run(async () => show(await api.exitPlan(partnershipId)));

  if (!view) {
    return form.error ? (
      <p className="banner-error" role="alert">
        {form.error.message}
      </p>
    ) : (
      <p className="muted">Loading the exit plan…</p>
    );
  }

  const { plan, readiness } = view;
  const error = form.error;
  const banner = error && !hasControl(error.field ?? "") ? error : null;
  return (
    <ExitForm.Provider value={{ errorAt: form.errorAt, setError: form.setError }}>
      <div className="exit-view">
        <div className="exit-toolbar">
          {plan.scenarios.length === 0 && (
            <button type="button" className="primary" onClick={() => void run(async () => show(await api.startExitPlan(partnershipId)))}>
              Start from the library: leaving a SaaS provider
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              void exportCmd.run(async () => {
                const e = await api.exportExitPlanPdf(partnershipId);
                if (e) setExported(`Exit plan saved: ${e.path} (${e.pages} pages)`);
              })
            }
          >
            Export exit plan PDF…
          </button>
          <button
            type="button"
            title="DORA template B_07.01, every partnership, as CSV"
            onClick={() =>
              void exportCmd.run(async () => {
                const e = await api.exportRegisterOfInformation();
                if (e) setExported(`Register of Information saved: ${e.path} (${e.rows} partnerships)`);
              })
            }
          >
            Export Register of Information…
          </button>
          {exported && (
            <span role="status" className="exit-exported">
              {exported}{" "}
              <button type="button" className="link" onClick={() => void exportCmd.run(() => api.openLastExport(), { keepError: true })}>
                Open
              </button>
            </span>
          )}
        </div>
        {exportCmd.error && (
          <p className="banner-error" role="alert">
            {exportCmd.error.message}
          </p>
        )}
        {banner && (
          <p className="banner-error" role="alert">
            {banner.message}
            {banner.code === "conflict" && (
              <>
                {" "}
                <button type="button" className="link" onClick={reload}>
                  Reload the plan
                </button>
              </>
            )}
          </p>
        )}
        <div className="exit-layout">
          <div className="exit-form">
            <AgreementSection plan={plan} notice={readiness.notice} partnerNotice={readiness.partner_notice} onChange={edit} />
            <ScenariosSection plan={plan} timings={readiness.scenarios} onChange={edit} onMove={move} />
            <DataSection plan={plan} onChange={edit} />
            <AssessmentSection plan={plan} onChange={edit} />
            <RolesSection plan={plan} onChange={edit} />
            <LinksSection plan={plan} risks={risks} requirements={requirements} onChange={edit} />
            <TestLog
              plan={plan}
              tests={view.tests}
              risks={risks}
              nextDue={readiness.next_test_due}
              today={view.today}
              onRecord={record}
              onAct={act}
              onChange={edit}
            />
            {tests.error && (
              <p className="banner-error" role="alert">
                {tests.error.message}
              </p>
            )}
          </div>
          <ReadinessPanel readiness={readiness} />
        </div>
      </div>
    </ExitForm.Provider>
  );
}
