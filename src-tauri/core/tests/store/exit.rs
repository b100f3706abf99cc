//! Exit plans in the store: one transaction per change with its audit rows, refusals that
//! change nothing, the append-only test log and readiness read from the file.

use partner_risk_core::exit::{
    DataDisposition, DataSet, ExitPlan, ExitTestFields, FinancialResult, GapCode,
    OperationalResult, ReadinessLevel, Renewal, Scenario, ScenarioKind, Step, StepStatus, TestKind,
    Trigger,
};
use partner_risk_core::store::{AuditEntry, Operation};
use partner_risk_core::{Error, OpenMode, Store};

use crate::support::{partnership, risk, temp_store, today};

fn exit_rows(store: &Store, p: &str) -> Vec<AuditEntry> {
    store
        .partnership_history(p)
        .unwrap()
        .into_iter()
        .filter(|e| e.field.as_deref().is_some_and(|f| f.starts_with("exit.")))
        .collect()
}

fn step(title: &str, days: u32) -> Step {
    Step {
        id: String::new(),
        title: title.into(),
        owner: "Ops".into(),
        duration_days: days,
        waits_for: None,
        status: StepStatus::NotStarted,
    }
}

#[test]
fn a_plan_is_saved_whole_and_audited_field_by_field() {
    let (dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    assert_eq!(store.exit_plan(&p).unwrap(), ExitPlan::default());

    let mut plan = ExitPlan::default();
    plan.agreement.initial_term_end = Some("2027-12-31".parse().unwrap());
    plan.agreement.notice_days_ours = Some(90);
    plan.currency = "EUR".into();
    let mut s = Scenario::new("", "Insolvency", ScenarioKind::Stressed);
    s.triggers = vec![Trigger::Insolvency];
    s.steps = vec![step("Export data", 10), step("Switch over", 5)];
    s.cost.one_off_low = Some(1_000_000);
    plan.scenarios.push(s);
    let saved = store.save_exit_plan(&p, plan).unwrap();
    // New items get ids.
    let scenario_id = saved.scenarios[0].id.clone();
    assert!(!scenario_id.is_empty());
    assert!(saved.scenarios[0].steps.iter().all(|s| !s.id.is_empty()));
    assert_eq!(store.exit_plan(&p).unwrap(), saved);
    let rows = exit_rows(&store, &p);
    let fields: Vec<&str> = rows.iter().map(|r| r.field.as_deref().unwrap()).collect();
    assert_eq!(
        fields,
        [
            "exit.agreement.initial_term_end",
            "exit.agreement.notice_days_ours",
            "exit.currency",
            &format!("exit.scenarios[{scenario_id}]"),
        ]
    );
    assert!(rows
        .iter()
        .all(|r| r.operation == Operation::Update && r.actor == "tester" && r.entity_id == p));
    assert_eq!(rows[1].old_value, None);
    assert_eq!(rows[1].new_value.as_deref(), Some("90"));

    // One step's status: one row, named by the ids.
    let step_id = saved.scenarios[0].steps[1].id.clone();
    let changed = store
        .change_exit_plan(&p, |plan| {
            plan.scenarios[0].steps[1].status = StepStatus::Done;
            Ok(())
        })
        .unwrap();
    let rows = exit_rows(&store, &p);
    let last = rows.last().unwrap();
    assert_eq!(
        last.field.as_deref(),
        Some(format!("exit.scenarios[{scenario_id}].steps[{step_id}].status").as_str())
    );
    assert_eq!(
        (last.old_value.as_deref(), last.new_value.as_deref()),
        (Some("not_started"), Some("done"))
    );
    // Saving the same plan again writes nothing.
    let count = rows.len();
    store.save_exit_plan(&p, changed.clone()).unwrap();
    assert_eq!(exit_rows(&store, &p).len(), count);

    // The plan is in the file.
    drop(store);
    let store = Store::open(dir.path().join("w.prisk"), OpenMode::Existing).unwrap();
    assert_eq!(store.exit_plan(&p).unwrap(), changed);
}

#[test]
fn a_refusal_changes_nothing() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut plan = ExitPlan::default();
    plan.agreement.notice_days_ours = Some(30);
    let saved = store.save_exit_plan(&p, plan).unwrap();
    let rows = exit_rows(&store, &p).len();

    // A rule of the plan: the field and the value are named.
    let e = store
        .change_exit_plan(&p, |plan| {
            plan.agreement.notice_days_ours = Some(10);
            plan.agreement.renewal = Renewal::Automatic;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("agreement.renewal_months"));
    // A circle of steps.
    let e = store
        .change_exit_plan(&p, |plan| {
            let mut s = Scenario::new("s", "Planned", ScenarioKind::Planned);
            s.steps = vec![step("a", 1), step("b", 1)];
            s.steps[0].id = "a".into();
            s.steps[1].id = "b".into();
            s.steps[0].waits_for = Some("b".into());
            s.steps[1].waits_for = Some("a".into());
            plan.scenarios.push(s);
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("scenarios[0].steps[0].waits_for"));
    assert!(e.to_string().contains("circle"), "{e}");
    // The caller's own refusal.
    let e = store
        .change_exit_plan(&p, |plan| {
            plan.currency = "EUR".into();
            Err(Error::invalid("--step", "9", "no such step"))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("--step"));
    assert_eq!(store.exit_plan(&p).unwrap(), saved);
    assert_eq!(exit_rows(&store, &p).len(), rows);
    // An unknown partnership.
    assert!(matches!(
        store.exit_plan("nope").unwrap_err(),
        Error::NotFound { .. }
    ));
}

#[test]
fn the_test_log_is_append_only_and_feeds_readiness() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let plan = store
        .change_exit_plan(&p, |plan| {
            plan.scenarios
                .push(Scenario::new("", "Insolvency", ScenarioKind::Stressed));
            Ok(())
        })
        .unwrap();
    let scenario = plan.scenarios[0].id.clone();
    let fields = |day: &str, operational| ExitTestFields {
        date: day.parse().unwrap(),
        kind: TestKind::Tabletop,
        scenario_id: Some(scenario.clone()),
        operational,
        financial: FinancialResult::NotAssessed,
        findings: "exports took 3 days".into(),
    };
    let late = store
        .add_exit_test(&p, fields("2026-10-01", OperationalResult::Fail))
        .unwrap();
    let early = store
        .add_exit_test(&p, fields("2026-03-01", OperationalResult::Pass))
        .unwrap();
    assert_eq!(late.scenario, "Insolvency");
    assert_eq!(late.recorded_by, "tester");
    let tests = store.exit_tests(&p).unwrap();
    assert_eq!(tests, [early.clone(), late.clone()]);
    let rows = exit_rows(&store, &p);
    assert_eq!(
        rows.last().unwrap().field.as_deref(),
        Some(format!("exit.tests[{}]", early.id).as_str())
    );

    // The last test failed: not ready, with the gap's code.
    let r = store.exit_readiness(&p, today()).unwrap();
    assert_eq!(r.level, ReadinessLevel::NotReady);
    assert!(r.gaps.iter().any(|g| g.code == GapCode::LastTestFailed));
    assert_eq!(r.last_test, Some(late.fields.date));

    // Refusals: a scenario not in the plan, a date of the wrong century.
    let mut bad = fields("2026-10-02", OperationalResult::Pass);
    bad.scenario_id = Some("elsewhere".into());
    let e = store.add_exit_test(&p, bad).unwrap_err();
    assert_eq!(
        (e.field(), e.value()),
        (Some("scenario_id"), Some("elsewhere"))
    );
    let e = store
        .add_exit_test(&p, fields("0026-10-02", OperationalResult::Pass))
        .unwrap_err();
    assert_eq!(e.field(), Some("date"));
    assert_eq!(store.exit_tests(&p).unwrap().len(), 2);

    // The file refuses to change or delete a test; the partnership takes them with it.
    let conn = store.connection();
    assert!(conn
        .execute("UPDATE exit_tests SET findings = 'x'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM exit_tests", []).is_err());
    store.delete_partnership(&p).unwrap();
    let left: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM exit_tests", [], |r| r.get(0))
        .unwrap();
    let plans: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM exit_plans", [], |r| r.get(0))
        .unwrap();
    assert_eq!((left, plans), (0, 0));
}

#[test]
fn readiness_follows_the_stored_plan() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let codes = |store: &Store| -> Vec<GapCode> {
        store
            .exit_readiness(&p, today())
            .unwrap()
            .gaps
            .iter()
            .map(|g| g.code)
            .collect()
    };
    assert!(!codes(&store).contains(&GapCode::DataSetWithoutDisposition));
    store
        .change_exit_plan(&p, |plan| {
            plan.data_sets.push(DataSet {
                id: String::new(),
                name: "Customer records".into(),
                personal_data: true,
                disposition: None,
                format: String::new(),
                window_days: Some(14),
                paid_by: None,
                deletion_evidence: true,
            });
            Ok(())
        })
        .unwrap();
    let found = codes(&store);
    assert!(found.contains(&GapCode::DataSetWithoutDisposition));
    assert!(found.contains(&GapCode::DataWindowTooShort));
    store
        .change_exit_plan(&p, |plan| {
            plan.data_sets[0].disposition = Some(DataDisposition::Deleted);
            plan.data_sets[0].window_days = Some(30);
            Ok(())
        })
        .unwrap();
    let found = codes(&store);
    assert!(!found.contains(&GapCode::DataSetWithoutDisposition));
    assert!(!found.contains(&GapCode::DataWindowTooShort));
}

#[test]
fn the_partnership_document_carries_the_plan_losslessly() {
    use partner_risk_core::exit::{
        Alternative, AlternativeKind, AlternativeReadiness, Asset, AssetDisposition, AssetKind,
        Payer, Substitutability,
    };
    use partner_risk_core::interchange::{
        document_json, export_partnership, import_partnership, parse_document,
    };
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    // Without a plan the document has no exit fields (as before exit plans existed).
    let bare = document_json(&export_partnership(&store, &p).unwrap());
    assert!(!bare.contains("exit_plan") && !bare.contains("exit_tests"));

    let plan = store
        .change_exit_plan(&p, |plan| {
            plan.agreement.start = Some("2025-01-01".parse().unwrap());
            plan.agreement.initial_term_end = Some("2027-12-31".parse().unwrap());
            plan.agreement.renewal = Renewal::Automatic;
            plan.agreement.renewal_months = Some(12);
            plan.agreement.termination_fee = Some(2_500_000);
            plan.agreement.change_of_control_note = "may terminate within 60 days".into();
            plan.currency = "CHF".into();
            plan.substitutability = Some(Substitutability::HighlyComplex);
            plan.roles.exit_owner = "Zoë Müller".into();
            plan.success_criteria = vec!["data verified – 東京 too".into()];
            let mut s = Scenario::new("", "Insolvency", ScenarioKind::Stressed);
            s.triggers = vec![Trigger::Insolvency, Trigger::SlaBreach];
            s.custom_triggers = vec!["loss of ISO 27001".into()];
            s.target_days = Some(60);
            s.steps = vec![step("Export", 10), step("Switch", 5)];
            s.cost.one_off_low = Some(1);
            s.cost.one_off_high = Some(2);
            s.cost.running_monthly = Some(3);
            plan.scenarios.push(s);
            plan.data_sets.push(DataSet {
                id: String::new(),
                name: "Claims".into(),
                personal_data: true,
                disposition: Some(DataDisposition::Transferred),
                format: "Parquet".into(),
                window_days: Some(90),
                paid_by: Some(Payer::Shared),
                deletion_evidence: true,
            });
            plan.assets.push(Asset {
                id: String::new(),
                name: "Scoring model".into(),
                kind: AssetKind::Model,
                disposition: Some(AssetDisposition::JointOwnership),
                notes: "weights escrowed".into(),
            });
            plan.alternatives.push(Alternative {
                id: String::new(),
                name: "In house".into(),
                kind: AlternativeKind::InHouse,
                readiness: AlternativeReadiness::Evaluated,
                notes: String::new(),
            });
            Ok(())
        })
        .unwrap();
    let linked = store
        .add_risk(&p, risk("exit", "No written exit plan", None))
        .unwrap();
    store
        .change_exit_plan(&p, |plan| {
            let first = plan.scenarios[0].steps[0].id.clone();
            plan.scenarios[0].steps[1].waits_for = Some(first);
            plan.risk_ids = vec![linked.id.clone()];
            Ok(())
        })
        .unwrap();
    store
        .add_exit_test(
            &p,
            ExitTestFields {
                date: "2026-05-05".parse().unwrap(),
                kind: TestKind::DryRunMigration,
                scenario_id: Some(plan.scenarios[0].id.clone()),
                operational: OperationalResult::Partial,
                financial: FinancialResult::Pass,
                findings: "took 12 days".into(),
            },
        )
        .unwrap();

    let first = export_partnership(&store, &p).unwrap();
    let json = document_json(&first);
    assert!(json.contains("\"exit_plan\"") && json.contains("\"exit_tests\""));
    let (_dir2, mut empty) = temp_store();
    import_partnership(&mut empty, parse_document(&json).unwrap()).unwrap();
    let second = export_partnership(&empty, &p).unwrap();
    assert_eq!(document_json(&second), json);
    assert_eq!(second.exit_plan, store.exit_plan(&p).unwrap());
    assert_eq!(second.exit_tests, store.exit_tests(&p).unwrap());
    assert_eq!(second.exit_plan.risk_ids, std::slice::from_ref(&linked.id));
    // The import's changes are in the log.
    assert!(!exit_rows(&empty, &p).is_empty());

    // A bad plan in a document is refused with its path, and nothing is written.
    let (_dir3, mut other) = temp_store();
    let mut doc = parse_document(&json).unwrap();
    doc.exit_plan.scenarios[0].steps[0].waits_for = Some("nowhere".into());
    let e = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(e.field(), Some("exit_plan.scenarios[0].steps[0].waits_for"));
    let mut doc = parse_document(&json).unwrap();
    doc.exit_plan.risk_ids = vec!["someone-elses".into()];
    let e = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(e.field(), Some("exit_plan.risk_ids[0]"));
    let mut doc = parse_document(&json).unwrap();
    doc.exit_tests[0].fields.findings = "\u{7}".into();
    let e = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(e.field(), Some("exit_tests[0].findings"));
    assert!(other.partnerships(true).unwrap().is_empty());
    // An unknown field of a plan is refused, not dropped.
    let typo = json.replacen("\"currency\": \"CHF\"", "\"curency\": \"CHF\"", 1);
    assert!(parse_document(&typo).is_err());
}

#[test]
fn the_plan_links_risks_and_requirements_of_its_partnership() {
    use partner_risk_core::model::{PartnershipFields, RequirementFields, RequirementStatus};
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let exit_risk = store
        .add_risk(&p, risk("exit", "No written exit plan", Some((3, 4))))
        .unwrap();
    let other_risk = store
        .add_risk(&p, risk("exit", "Data not returned", None))
        .unwrap();
    let requirement = store
        .add_requirement(
            &p,
            RequirementFields {
                code: "EXIT-1".into(),
                title: "Exit plan tested yearly".into(),
                area: String::new(),
                description: String::new(),
                status: RequirementStatus::NotStarted,
                evidence: String::new(),
            },
            vec![],
        )
        .unwrap();
    let plan = store
        .change_exit_plan(&p, |plan| {
            plan.risk_ids = vec![exit_risk.id.clone(), other_risk.id.clone()];
            plan.requirement_ids = vec![requirement.id.clone()];
            Ok(())
        })
        .unwrap();
    assert_eq!(plan.risk_ids.len(), 2);

    // Another partnership's risk, or the same link twice, is refused.
    let q = store
        .create_partnership(PartnershipFields::new("Other"), "5x5")
        .unwrap();
    let foreign = store
        .add_risk(&q.id, risk("exit", "Elsewhere", None))
        .unwrap();
    let e = store
        .change_exit_plan(&p, |plan| {
            plan.risk_ids.push(foreign.id.clone());
            Ok(())
        })
        .unwrap_err();
    assert_eq!(
        (e.field(), e.value()),
        (Some("risk_ids[2]"), Some(foreign.id.as_str()))
    );
    let e = store
        .change_exit_plan(&p, |plan| {
            plan.risk_ids.push(exit_risk.id.clone());
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("risk_ids[2]"));

    // A deleted risk drops out of the plan.
    store.delete_risk(&other_risk.id).unwrap();
    assert_eq!(
        store.exit_plan(&p).unwrap().risk_ids,
        std::slice::from_ref(&exit_risk.id)
    );
    store.delete_requirement(&requirement.id).unwrap();
    assert!(store.exit_plan(&p).unwrap().requirement_ids.is_empty());
}

#[test]
fn statuses_and_reminders_across_the_workspace() {
    use partner_risk_core::model::PartnershipFields;
    use partner_risk_core::store::ReminderKind;
    let (_dir, mut store) = temp_store();
    let a = partnership(&mut store, "5x5");
    let b = store
        .create_partnership(PartnershipFields::new("Beta"), "5x5")
        .unwrap()
        .id;
    let archived = store
        .create_partnership(
            PartnershipFields {
                archived: true,
                ..PartnershipFields::new("Gone")
            },
            "5x5",
        )
        .unwrap();
    assert!(archived.fields.archived);
    store
        .change_exit_plan(&a, |plan| {
            plan.agreement.initial_term_end = Some("2027-03-31".parse().unwrap());
            plan.agreement.notice_days_ours = Some(90);
            Ok(())
        })
        .unwrap();
    store
        .add_exit_test(
            &a,
            ExitTestFields {
                date: "2025-12-01".parse().unwrap(),
                kind: TestKind::DeskReview,
                scenario_id: None,
                operational: OperationalResult::Pass,
                financial: FinancialResult::Pass,
                findings: String::new(),
            },
        )
        .unwrap();
    let statuses = store.exit_statuses(today()).unwrap();
    let names: Vec<&str> = statuses.iter().map(|s| s.partnership.as_str()).collect();
    assert_eq!(names, ["Acme pilot", "Beta"]);
    assert_eq!(statuses[0].partnership_id, a);
    assert_eq!(statuses[1].partnership_id, b);
    // The statuses agree with each partnership's own readiness.
    for s in &statuses {
        let r = store.exit_readiness(&s.partnership_id, today()).unwrap();
        assert_eq!(s.level, r.level);
        assert_eq!(s.gaps, r.gaps.iter().map(|g| g.code).collect::<Vec<_>>());
        assert_eq!(s.next_test_due, r.next_test_due);
    }
    let reminders = store.exit_reminders(today(), 90).unwrap();
    let got: Vec<(ReminderKind, String, i64)> = reminders
        .iter()
        .map(|r| (r.kind, r.date.to_string(), r.days_left))
        .collect();
    assert_eq!(
        got,
        [
            (ReminderKind::TestDue, "2026-12-01".into(), 5),
            (ReminderKind::NoticeDeadline, "2026-12-31".into(), 35),
        ]
    );
    // Within 30 days only the test; a test overdue stays.
    assert_eq!(store.exit_reminders(today(), 30).unwrap().len(), 1);
    let later = "2027-01-15".parse().unwrap();
    let late = store.exit_reminders(later, 0).unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(
        (late[0].kind, late[0].days_left),
        (ReminderKind::TestDue, -45)
    );

    // A failed test is a reminder from its day until a later test passes.
    let failed = |date: &str, operational| ExitTestFields {
        date: date.parse().unwrap(),
        kind: TestKind::Tabletop,
        scenario_id: None,
        operational,
        financial: FinancialResult::NotAssessed,
        findings: String::new(),
    };
    store
        .add_exit_test(&b, failed("2026-11-20", OperationalResult::Fail))
        .unwrap();
    let due: Vec<(String, ReminderKind, i64)> = store
        .exit_reminders(today(), 90)
        .unwrap()
        .into_iter()
        .map(|r| (r.partnership, r.kind, r.days_left))
        .collect();
    assert!(
        due.contains(&("Beta".into(), ReminderKind::TestFailed, -6)),
        "{due:?}"
    );
    store
        .add_exit_test(&b, failed("2026-11-25", OperationalResult::Pass))
        .unwrap();
    assert!(!store
        .exit_reminders(today(), 90)
        .unwrap()
        .iter()
        .any(|r| r.kind == ReminderKind::TestFailed));
}

#[test]
fn a_finding_becomes_an_action_on_a_linked_risk() {
    use partner_risk_core::model::ActionFields;
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("exit", "Data not returned", None))
        .unwrap();
    let fields = |findings: &str| ExitTestFields {
        date: "2026-10-01".parse().unwrap(),
        kind: TestKind::DryRunMigration,
        scenario_id: None,
        operational: OperationalResult::Partial,
        financial: FinancialResult::Pass,
        findings: findings.into(),
    };
    let silent = store.add_exit_test(&p, fields("  ")).unwrap();
    let t = store
        .add_exit_test(&p, fields("\nExports take 9 days\nno checksum"))
        .unwrap();
    let e = store
        .exit_finding_action(&p, &t.id, &r.id, ActionFields::new(""))
        .unwrap_err();
    assert_eq!(e.field(), Some("risk"));
    store
        .change_exit_plan(&p, |plan| {
            plan.risk_ids.push(r.id.clone());
            Ok(())
        })
        .unwrap();
    let e = store
        .exit_finding_action(&p, &silent.id, &r.id, ActionFields::new(""))
        .unwrap_err();
    assert_eq!(e.field(), Some("test"));
    let a = store
        .exit_finding_action(&p, &t.id, &r.id, ActionFields::new(""))
        .unwrap();
    assert_eq!(
        a.fields.title,
        "Exit test of 2026-10-01 (dry_run_migration): Exports take 9 days"
    );
    assert_eq!(a.fields.detail, t.fields.findings);
    assert_eq!(store.actions(&r.id).unwrap(), [a]);
}
