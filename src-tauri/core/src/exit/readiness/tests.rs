//! Readiness, table-driven: each gap appears with its field and goes away when the
//! field is set back; the level follows the blocking gaps.

use super::*;
use crate::exit::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2027-03-01";

fn step(id: &str, days: u32, waits_for: Option<&str>) -> Step {
    Step {
        id: id.into(),
        title: id.into(),
        owner: "Ops".into(),
        duration_days: days,
        waits_for: waits_for.map(Into::into),
        status: StepStatus::NotStarted,
    }
}

fn scenario(id: &str, name: &str, kind: ScenarioKind) -> Scenario {
    let mut s = Scenario::new(id, name, kind);
    s.triggers = vec![Trigger::Insolvency];
    s.target_days = Some(90);
    s.owner = "Head of IT".into();
    s.steps = vec![
        step(&format!("{id}1"), 30, None),
        step(&format!("{id}2"), 30, Some(&format!("{id}1"))),
    ];
    s
}

/// A plan with no gap on [`TODAY`].
fn ready() -> (ExitPlan, Vec<ExitTest>) {
    let plan = ExitPlan {
        agreement: Agreement {
            start: Some(date("2025-01-01")),
            initial_term_end: Some(date("2027-12-31")),
            notice_days_ours: Some(90),
            ..Agreement::default()
        },
        substitutability: Some(Substitutability::Medium),
        roles: Roles {
            exit_owner: "CIO".into(),
            ..Roles::default()
        },
        success_criteria: vec!["all data back and verified".into()],
        scenarios: vec![
            scenario("p", "End of term", ScenarioKind::Planned),
            scenario("s", "Insolvency", ScenarioKind::Stressed),
        ],
        data_sets: vec![DataSet {
            id: "d".into(),
            name: "Customers".into(),
            personal_data: true,
            disposition: Some(DataDisposition::Returned),
            format: "CSV".into(),
            window_days: Some(60),
            paid_by: Some(Payer::Partner),
            deletion_evidence: true,
        }],
        alternatives: vec![Alternative {
            id: "a".into(),
            name: "Other SaaS".into(),
            kind: AlternativeKind::Provider,
            readiness: AlternativeReadiness::Evaluated,
            notes: String::new(),
        }],
        ..ExitPlan::default()
    };
    (
        plan,
        vec![test(
            "2026-06-01",
            OperationalResult::Pass,
            FinancialResult::Pass,
        )],
    )
}

fn test(day: &str, operational: OperationalResult, financial: FinancialResult) -> ExitTest {
    ExitTest {
        id: format!("t{day}"),
        fields: ExitTestFields {
            date: date(day),
            kind: TestKind::Tabletop,
            scenario_id: None,
            operational,
            financial,
            findings: String::new(),
        },
        scenario: String::new(),
        recorded_by: "me".into(),
        recorded_at: chrono::Utc::now(),
    }
}

type Change = Box<dyn Fn(&mut ExitPlan, &mut Vec<ExitTest>)>;

#[test]
fn each_gap_appears_with_its_field_and_goes_with_it() {
    let (plan, tests) = ready();
    let base = readiness(&plan, &tests, date(TODAY));
    assert_eq!(base.gaps, [], "the fixture is ready");
    assert_eq!(base.level, ReadinessLevel::Ready);

    let cases: Vec<(GapCode, &str, Change)> = vec![
        (
            GapCode::NoAgreementDates,
            "agreement.initial_term_end",
            Box::new(|p, _| p.agreement.initial_term_end = None),
        ),
        (
            GapCode::NoAgreementDates,
            "agreement.start",
            Box::new(|p, _| p.agreement.start = None),
        ),
        (
            GapCode::NoNoticePeriod,
            "agreement.notice_days_ours",
            Box::new(|p, _| p.agreement.notice_days_ours = None),
        ),
        (
            GapCode::NoticeDeadlinePassed,
            "agreement.initial_term_end",
            Box::new(|p, _| p.agreement.initial_term_end = Some(date("2027-04-30"))),
        ),
        (
            GapCode::SubstitutabilityNotAssessed,
            "substitutability",
            Box::new(|p, _| p.substitutability = None),
        ),
        (
            GapCode::NoExitOwner,
            "roles.exit_owner",
            Box::new(|p, _| p.roles.exit_owner = " ".into()),
        ),
        (
            GapCode::NoSuccessCriteria,
            "success_criteria",
            Box::new(|p, _| p.success_criteria.clear()),
        ),
        (
            GapCode::NoPlannedScenario,
            "scenarios",
            Box::new(|p, _| p.scenarios.retain(|s| s.kind == ScenarioKind::Stressed)),
        ),
        (
            GapCode::NoStressedScenario,
            "scenarios",
            Box::new(|p, _| p.scenarios[1].kind = ScenarioKind::Planned),
        ),
        (
            GapCode::ScenarioWithoutTriggers,
            "scenarios[1].triggers",
            Box::new(|p, _| p.scenarios[1].triggers.clear()),
        ),
        (
            GapCode::ScenarioWithoutSteps,
            "scenarios[0].steps",
            Box::new(|p, _| p.scenarios[0].steps.clear()),
        ),
        (
            GapCode::ScenarioWithoutOwner,
            "scenarios[1].owner",
            Box::new(|p, _| p.scenarios[1].owner.clear()),
        ),
        (
            GapCode::ScenarioWithoutTarget,
            "scenarios[0].target_days",
            Box::new(|p, _| p.scenarios[0].target_days = None),
        ),
        (
            GapCode::CriticalPathOverTarget,
            "scenarios[1].target_days",
            Box::new(|p, _| p.scenarios[1].target_days = Some(59)),
        ),
        (
            GapCode::CriticalPathOverTarget,
            "scenarios[0].target_days",
            Box::new(|p, _| p.scenarios[0].steps[1].duration_days = 61),
        ),
        (
            GapCode::DataSetWithoutDisposition,
            "data_sets[0].disposition",
            Box::new(|p, _| p.data_sets[0].disposition = None),
        ),
        (
            GapCode::DataSetWithoutWindow,
            "data_sets[0].window_days",
            Box::new(|p, _| p.data_sets[0].window_days = None),
        ),
        (
            GapCode::DataWindowTooShort,
            "data_sets[0].window_days",
            Box::new(|p, _| p.data_sets[0].window_days = Some(29)),
        ),
        (
            GapCode::NoAlternative,
            "alternatives",
            Box::new(|p, _| p.alternatives.clear()),
        ),
        (GapCode::NoTest, "tests", Box::new(|_, t| t.clear())),
        (
            GapCode::TestOverdue,
            "tests",
            Box::new(|_, t| t[0].fields.date = date("2026-02-28")),
        ),
        (
            GapCode::TestOverdue,
            "tests",
            Box::new(|p, _| p.next_test_due = Some(date("2027-02-28"))),
        ),
        (
            GapCode::LastTestFailed,
            "tests",
            Box::new(|_, t| t[0].fields.operational = OperationalResult::Fail),
        ),
        (
            GapCode::LastTestFailed,
            "tests",
            Box::new(|_, t| {
                t.push(test(
                    "2026-07-01",
                    OperationalResult::Pass,
                    FinancialResult::Fail,
                ))
            }),
        ),
    ];
    let mut seen = std::collections::HashSet::new();
    for (code, field, change) in cases {
        let (mut p, mut t) = ready();
        change(&mut p, &mut t);
        p.validate().unwrap();
        let r = readiness(&p, &t, date(TODAY));
        let found: Vec<(GapCode, &str)> =
            r.gaps.iter().map(|g| (g.code, g.field.as_str())).collect();
        assert_eq!(found, [(code, field)], "{code}");
        let want = match code.severity() {
            Severity::Blocking => ReadinessLevel::NotReady,
            Severity::Gap => ReadinessLevel::Gaps,
        };
        assert_eq!(r.level, want, "{code}");
        assert!(!r.gaps[0].reason.is_empty());
        seen.insert(code);
    }
    // A fired trigger is added by the store from the health indicators, not found in the
    // plan (tests/store/health_window.rs).
    assert_eq!(
        seen.len(),
        GapCode::ALL.len() - 1,
        "every gap code the plan gives has its case"
    );
    assert!(!seen.contains(&GapCode::TriggerFired));
}

#[test]
fn closing_the_field_closes_the_gap() {
    let (mut plan, tests) = ready();
    let today = date(TODAY);
    plan.scenarios[1].owner.clear();
    assert_eq!(readiness(&plan, &tests, today).level, ReadinessLevel::Gaps);
    plan.scenarios[1].owner = "Treasury".into();
    assert_eq!(readiness(&plan, &tests, today).level, ReadinessLevel::Ready);
    // Substitutability "easy" needs no alternative.
    plan.alternatives.clear();
    assert_eq!(
        readiness(&plan, &tests, today).gaps[0].code,
        GapCode::NoAlternative
    );
    plan.substitutability = Some(Substitutability::Easy);
    assert_eq!(readiness(&plan, &tests, today).gaps, []);
    // A passed deadline rolls away with an automatic renewal.
    plan.agreement.initial_term_end = Some(date("2027-04-30"));
    assert_eq!(
        readiness(&plan, &tests, today).level,
        ReadinessLevel::NotReady
    );
    plan.agreement.renewal = Renewal::Automatic;
    plan.agreement.renewal_months = Some(12);
    let r = readiness(&plan, &tests, today);
    assert_eq!(r.gaps, []);
    assert_eq!(r.notice.unwrap().term_end, date("2028-04-30"));
    // A failed test is closed by a later one that passes.
    let mut tests = tests;
    tests.push(test(
        "2026-09-01",
        OperationalResult::Fail,
        FinancialResult::NotAssessed,
    ));
    assert_eq!(
        readiness(&plan, &tests, today).level,
        ReadinessLevel::NotReady
    );
    tests.push(test(
        "2026-10-01",
        OperationalResult::Partial,
        FinancialResult::NotAssessed,
    ));
    let r = readiness(&plan, &tests, today);
    assert_eq!(
        (r.level, r.last_test),
        (ReadinessLevel::Ready, Some(date("2026-10-01")))
    );
    assert_eq!(r.next_test_due, Some(date("2027-10-01")));
}

#[test]
fn an_empty_plan_is_not_ready_and_says_why() {
    let r = readiness(&ExitPlan::default(), &[], date(TODAY));
    assert_eq!(r.level, ReadinessLevel::NotReady);
    let codes: Vec<&str> = r.gaps.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "no_agreement_dates",
            "no_notice_period",
            "substitutability_not_assessed",
            "no_exit_owner",
            "no_success_criteria",
            "no_planned_scenario",
            "no_stressed_scenario",
            "no_alternative",
            "no_test"
        ]
    );
}

#[test]
fn timings_compare_the_critical_path_with_the_target() {
    let (plan, tests) = ready();
    let r = readiness(&plan, &tests, date(TODAY));
    assert_eq!(r.scenarios.len(), 2);
    assert_eq!(r.scenarios[1].critical_path.days, 60);
    assert_eq!(r.scenarios[1].critical_path.step_ids, ["s1", "s2"]);
    assert_eq!(r.scenarios[1].target_days, Some(90));
    assert_eq!(r.notice.unwrap().last_day, date("2027-10-02"));
}
