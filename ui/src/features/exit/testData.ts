// A plan and a mocked core for the exit plan tests. The mock's readiness follows the plan
// for the few gaps the tests watch (the exit owner, the stressed scenario, the last test),
// so a change on screen can be seen to close or open one.
import type { ExitPlan, ExitPlanView, ExitTest, Gap, Readiness, Step } from "../../bindings";
import { register, requirement } from "../../test/fixtures";
import { mockCommands, type Call, type Handlers } from "../../test/ipc";

export const TODAY = "2027-01-10";

function step(id: string, title: string, days: number, waits: string | null): Step {
  return { id, title, owner: "", duration_days: days, waits_for: waits, status: "not_started" };
}

export function plan(): ExitPlan {
  return {
    agreement: {
      start: "2025-02-01",
      initial_term_end: "2027-03-31",
      renewal: "automatic",
      renewal_months: 12,
      notice_days_ours: 60,
      notice_days_partner: 90,
      termination_for_convenience: false,
      termination_fee: null,
      change_of_control: false,
      change_of_control_note: "",
    },
    currency: "EUR",
    substitutability: "medium",
    substitutability_reason: "difficult_migration",
    reintegration: null,
    discontinuing_impact: null,
    roles: { exit_owner: "", decision_maker: "", communication_lead: "" },
    success_criteria: [],
    next_test_due: null,
    scenarios: [
      {
        id: "sc1",
        name: "End of term",
        kind: "planned",
        triggers: ["sla_breach"],
        custom_triggers: [],
        target_days: 90,
        owner: "Ana",
        steps: [step("a", "Export and verify the data", 20, null), step("b", "Switch integrations", 30, "a"), step("c", "Revoke access", 2, "b")],
        cost: { one_off_low: 1000000, one_off_high: 2500000, running_monthly: null },
        notes: "",
      },
    ],
    data_sets: [],
    assets: [],
    alternatives: [],
    risk_ids: ["r1"],
    requirement_ids: [],
  };
}

function gaps(p: ExitPlan, tests: ExitTest[]): Gap[] {
  const out: Gap[] = [];
  if (!p.roles.exit_owner.trim())
    out.push({ code: "no_exit_owner", severity: "gap", field: "roles.exit_owner", reason: "no one owns the exit plan" });
  if (!p.scenarios.some((s) => s.kind === "stressed"))
    out.push({ code: "no_stressed_scenario", severity: "blocking", field: "scenarios", reason: "there is no stressed exit scenario" });
  const last = tests.at(-1);
  if (!last) out.push({ code: "no_test", severity: "gap", field: "tests", reason: "the plan has never been tested" });
  else if (last.operational === "fail")
    out.push({ code: "last_test_failed", severity: "blocking", field: "tests", reason: `the last exit test (${last.date}) failed` });
  return out;
}

/// The critical path of a chain of steps in list order of their links (enough for tests).
function readiness(p: ExitPlan, tests: ExitTest[]): Readiness {
  const g = gaps(p, tests);
  return {
    level: g.some((x) => x.severity === "blocking") ? "not_ready" : g.length ? "gaps" : "ready",
    gaps: g,
    notice: { side: "ours", term_end: "2027-03-31", last_day: "2027-01-30", days_left: 20, renews: true },
    partner_notice: null,
    scenarios: p.scenarios.map((s) => {
      const ends = new Map<string, number>();
      const endOf = (id: string): number => {
        const st = s.steps.find((x) => x.id === id)!;
        if (!ends.has(id)) ends.set(id, (st.waits_for ? endOf(st.waits_for) : 0) + st.duration_days);
        return ends.get(id)!;
      };
      const stepEnds = s.steps.map((x) => endOf(x.id));
      return {
        scenario_id: s.id,
        name: s.name,
        kind: s.kind,
        critical_path: { days: Math.max(0, ...stepEnds), step_ids: s.steps.map((x) => x.id), step_ends: stepEnds },
        target_days: s.target_days,
      };
    }),
    last_test: tests.at(-1)?.date ?? null,
    next_test_due: null,
  };
}

export function viewOf(p: ExitPlan, tests: ExitTest[] = []): ExitPlanView {
  return { plan: p, tests, readiness: readiness(p, tests), today: TODAY };
}

/// A core that keeps one plan: saves replace it, moves reorder it, tests are appended.
export function core(replies: Handlers = {}): { calls: Call[]; state: { plan: ExitPlan; tests: ExitTest[] } } {
  const state = { plan: plan(), tests: [] as ExitTest[] };
  let n = 0;
  const calls = mockCommands({
    exitPlan: () => viewOf(state.plan, state.tests),
    register: () => register(2),
    requirements: () => [requirement(1)],
    saveExitPlan: ({ plan: next }) => {
      state.plan = structuredClone(next);
      for (const s of state.plan.scenarios) {
        if (!s.id) s.id = `new-sc-${++n}`;
        for (const st of s.steps) if (!st.id) st.id = `new-st-${++n}`;
      }
      return viewOf(state.plan, state.tests);
    },
    moveExitStep: ({ scenarioId, stepId, position }) => {
      const s = state.plan.scenarios.find((x) => x.id === scenarioId)!;
      const from = s.steps.findIndex((x) => x.id === stepId);
      const [st] = s.steps.splice(from, 1);
      s.steps.splice(position - 1, 0, st!);
      return viewOf(state.plan, state.tests);
    },
    addExitTest: ({ fields }) => {
      state.tests.push({ ...fields, id: `t${state.tests.length + 1}`, scenario: "End of term", recorded_by: "Ana", recorded_at: "2027-01-10T10:00:00Z" });
      return viewOf(state.plan, state.tests);
    },
    ...replies,
  });
  return { calls, state };
}
