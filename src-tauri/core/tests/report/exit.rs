//! The exit plan PDF: every part present with the plan's own words, the gaps by their
//! codes, the timeline and the test log; an empty plan says what is missing.

use partner_risk_core::exit::{
    saas_starter, Alternative, AlternativeKind, AlternativeReadiness, Asset, AssetDisposition,
    AssetKind, DataDisposition, DataSet, ExitTestFields, FinancialResult, OperationalResult,
    Renewal, Substitutability, TestKind,
};
use partner_risk_core::model::PartnershipFields;
use partner_risk_core::report::exit_plan::{export_exit_plan, export_exit_plan_to_file};

use crate::support::{temp_store, today, Pdf};

#[test]
fn the_exit_plan_pdf_has_every_part() {
    let (dir, mut store) = temp_store();
    let p = store
        .create_partnership(
            PartnershipFields {
                partner: "Acme Cloud GmbH".into(),
                ..PartnershipFields::new("Claims triage – Zürich")
            },
            "5x5",
        )
        .unwrap();
    let plan = store
        .change_exit_plan(&p.id, |plan| {
            plan.start_from(saas_starter())?;
            plan.agreement.start = Some("2025-01-01".parse().unwrap());
            plan.agreement.initial_term_end = Some("2027-06-30".parse().unwrap());
            plan.agreement.renewal = Renewal::Automatic;
            plan.agreement.renewal_months = Some(12);
            plan.agreement.notice_days_ours = Some(90);
            plan.agreement.termination_for_convenience = true;
            plan.agreement.termination_fee = Some(2_500_000);
            plan.currency = "EUR".into();
            plan.substitutability = Some(Substitutability::HighlyComplex);
            plan.roles.exit_owner = "Zoë Okafor".into();
            plan.scenarios[1].target_days = Some(60);
            plan.scenarios[1].cost.one_off_low = Some(4_000_000);
            plan.scenarios[1].cost.one_off_high = Some(9_000_000);
            plan.data_sets.push(DataSet {
                id: String::new(),
                name: "Claims archive 東京".into(),
                personal_data: true,
                disposition: Some(DataDisposition::Returned),
                format: "Parquet".into(),
                window_days: Some(14),
                paid_by: None,
                deletion_evidence: true,
            });
            Ok(())
        })
        .unwrap();
    store
        .add_exit_test(
            &p.id,
            ExitTestFields {
                date: "2026-09-15".parse().unwrap(),
                kind: TestKind::Tabletop,
                scenario_id: Some(plan.scenarios[1].id.clone()),
                operational: OperationalResult::Fail,
                financial: FinancialResult::NotAssessed,
                findings: "Nobody knew where the export credentials were".into(),
            },
        )
        .unwrap();

    let (bytes, pages) = export_exit_plan(&store, &p.id, today()).unwrap();
    let pdf = Pdf::read(&bytes);
    assert_eq!(pdf.count(), pages);
    assert!(pages >= 5, "{pages} pages");
    for text in [
        "EXIT PLAN",
        "Claims triage – Zürich",
        "with Acme Cloud GmbH",
        "Not ready",
        "Zoë Okafor",
        "The agreement",
        "Automatic, every 12 months",
        "25,000.00 EUR",
        "2027-04-01",
        "Readiness: Not ready",
        "last_test_failed",
        "critical_path_over_target",
        "data_window_too_short",
        "Stressed exit (partner failure) (stressed exit)",
        "The partner's insolvency or sudden failure",
        "40,000.00 EUR to 90,000.00 EUR",
        "Timeline",
        "target 60 days",
        "Secure a copy of the data",
        "Claims archive 東京",
        "Highly complex",
        "Nobody knew where the export credentials were",
        "Sign-off",
        "Exit owner: Zoë Okafor",
        "Page 1 of",
    ] {
        assert!(pdf.has(text), "missing {text:?}");
    }

    // To a file, whole; a folder is refused.
    let out = dir.path().join("exit.pdf");
    let done = export_exit_plan_to_file(&store, &p.id, today(), &out).unwrap();
    assert_eq!(done.pages, pages);
    assert_eq!(std::fs::metadata(&out).unwrap().len(), done.bytes);
    assert!(export_exit_plan_to_file(&store, &p.id, today(), dir.path()).is_err());
}

#[test]
fn an_empty_plan_prints_what_is_missing() {
    let (_dir, mut store) = temp_store();
    let p = store
        .create_partnership(PartnershipFields::new("Bare"), "5x5")
        .unwrap();
    let (bytes, _) = export_exit_plan(&store, &p.id, today()).unwrap();
    let pdf = Pdf::read(&bytes);
    for text in [
        "The plan has no scenarios yet",
        "No data sets recorded.",
        "The plan has never been tested.",
        "no_stressed_scenario",
    ] {
        assert!(pdf.has(text), "missing {text:?}");
    }
}

#[test]
fn a_long_plan_breaks_across_pages() {
    let (_dir, mut store) = temp_store();
    let p = store
        .create_partnership(PartnershipFields::new("Long"), "5x5")
        .unwrap();
    store
        .change_exit_plan(&p.id, |plan| {
            plan.start_from(saas_starter())?;
            let s = &mut plan.scenarios[0];
            let first = s.steps[0].clone();
            for n in 0..80 {
                let mut step = first.clone();
                step.id = String::new();
                step.title = format!("Extra step {n}");
                s.steps.push(step);
            }
            Ok(())
        })
        .unwrap();
    let (bytes, pages) = export_exit_plan(&store, &p.id, today()).unwrap();
    let pdf = Pdf::read(&bytes);
    assert!(pages >= 7, "{pages}");
    assert!(pdf.has("Extra step 79"));
}

#[test]
fn the_workbook_gains_an_exit_plan_sheet() {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let (_dir, mut store) = temp_store();
    let p = store
        .create_partnership(PartnershipFields::new("Workbook"), "5x5")
        .unwrap();
    // Without a plan, the workbook is as before.
    let bytes = partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap();
    let book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert!(!book.sheet_names().contains(&"Exit plan".to_string()));

    store
        .change_exit_plan(&p.id, |plan| {
            plan.start_from(saas_starter())?;
            plan.currency = "EUR".into();
            plan.agreement.initial_term_end = Some("2027-06-30".parse().unwrap());
            plan.agreement.notice_days_ours = Some(90);
            plan.scenarios[1].cost.one_off_high = Some(1_234_550);
            plan.data_sets.push(DataSet {
                id: String::new(),
                name: "=HYPERLINK(\"x\")".into(),
                personal_data: false,
                disposition: None,
                format: String::new(),
                window_days: Some(45),
                paid_by: None,
                deletion_evidence: false,
            });
            plan.assets.push(Asset {
                id: String::new(),
                name: "Claims model v3".into(),
                kind: AssetKind::Model,
                disposition: Some(AssetDisposition::AssignedToUs),
                notes: "trained on our claims".into(),
            });
            plan.alternatives.push(Alternative {
                id: String::new(),
                name: "In-house team".into(),
                kind: AlternativeKind::InHouse,
                readiness: AlternativeReadiness::Evaluated,
                notes: String::new(),
            });
            Ok(())
        })
        .unwrap();
    let bytes = partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let at = names
        .iter()
        .position(|n| n == "Exit plan")
        .expect("an Exit plan sheet");
    assert_eq!(names[at - 1], "Requirements");
    let range = book.worksheet_range("Exit plan").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let find = |label: &str| {
        rows.iter()
            .find(|r| r.first().is_some_and(|c| c == label))
            .unwrap_or_else(|| panic!("no row {label:?}"))
            .clone()
    };
    assert_eq!(rows[0][0], "Exit plan — Workbook");
    assert_eq!(find("Our last day to give notice")[1], "2027-04-01");
    assert_eq!(find("Currency")[1], "EUR");
    let stressed = find("Stressed exit (partner failure)");
    assert_eq!(stressed[2], "stressed");
    assert_eq!(stressed[4], "72");
    assert_eq!(stressed[6], "12345.5");
    // One row per step, with its end day and the critical path marked.
    let steps: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| {
            r.first().is_some_and(|c| c == "Planned exit (end of term)") && !r[1].is_empty()
        })
        .collect();
    assert!(steps.len() >= 7, "{steps:?}");
    // A name that looks like a formula stays text.
    let data = find("=HYPERLINK(\"x\")");
    assert_eq!(data[3], "45");
    assert!(rows
        .iter()
        .any(|r| r.first().is_some_and(|c| c == "no_test")));
    // Assets and alternatives: a table each, under its own heading.
    assert_eq!(find("Asset")[5], "Disposition");
    let model = find("Claims model v3");
    assert_eq!(
        model[..3],
        ["Claims model v3", "trained on our claims", "model"].map(String::from)
    );
    assert_eq!(model[5], "assigned_to_us");
    assert_eq!(find("Alternative")[5], "Readiness");
    let in_house = find("In-house team");
    assert_eq!(
        (in_house[2].as_str(), in_house[5].as_str()),
        ("in_house", "evaluated")
    );
}

#[test]
fn the_portfolio_has_an_exit_plan_column() {
    let (_dir, mut store) = temp_store();
    let a = store
        .create_partnership(PartnershipFields::new("Alpha"), "5x5")
        .unwrap();
    store
        .create_partnership(PartnershipFields::new("Beta"), "5x5")
        .unwrap();
    store
        .change_exit_plan(&a.id, |plan| plan.start_from(saas_starter()))
        .unwrap();
    let (bytes, _) =
        partner_risk_core::report::portfolio::export_portfolio(&store, today(), "").unwrap();
    let pdf = Pdf::read(&bytes);
    for text in [
        "Exit plan",
        "AlphaStandard 5×5 0 — 0 0 0 0 0 Gaps",
        "Not ready",
        "1 not ready",
    ] {
        assert!(pdf.has(text), "missing {text:?} in {}", pdf.all());
    }
}

#[test]
fn the_partnership_report_has_an_optional_exit_plan_section() {
    use crate::support::{demo_on, export};
    use partner_risk_core::report::{PdfOptions, Section};
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    // Without a plan the section is left out of a full report.
    let all = PdfOptions::default();
    assert!(Section::ALL.contains(&Section::ExitPlan));
    assert!(!Pdf::read(&export(&store, &p, &all)).has("Exit plan"));

    store
        .change_exit_plan(&p.id, |plan| {
            plan.start_from(saas_starter())?;
            plan.agreement.initial_term_end = Some("2027-06-30".parse().unwrap());
            plan.agreement.notice_days_ours = Some(90);
            Ok(())
        })
        .unwrap();
    let pdf = Pdf::read(&export(&store, &p, &all));
    assert!(pdf.has("Exit plan"));
    assert!(pdf.has("The agreement"));
    assert!(pdf.has("Readiness:"));
    assert!(pdf.has("scenario_without_owner"));
    assert!(pdf.has("Scenarios"));
    assert!(pdf.has(&saas_starter().scenarios[0].steps[0].title));
    // Left out when not chosen, and alone when it is the only one.
    let without = PdfOptions {
        sections: Section::ALL
            .into_iter()
            .filter(|s| *s != Section::ExitPlan)
            .collect(),
        ..PdfOptions::default()
    };
    assert!(!Pdf::read(&export(&store, &p, &without)).has("Readiness:"));
    let only = PdfOptions {
        sections: vec![Section::ExitPlan],
        ..PdfOptions::default()
    };
    let alone = Pdf::read(&export(&store, &p, &only));
    assert!(alone.has("The agreement"));
    assert!(!alone.has("Requirements and controls"));
    assert_eq!(
        Section::parse("exit-plan", "sections").unwrap(),
        Section::ExitPlan
    );
}

#[test]
fn a_trigger_fired_by_a_red_indicator_prints_in_the_exit_plan_and_its_sheet() {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    use partner_risk_core::exit::{ExitPlan, Scenario, ScenarioKind, Trigger};
    use partner_risk_core::health::{library, ReadingFields, TriggerLink};
    let (_dir, mut store) = temp_store();
    let p = store
        .create_partnership(PartnershipFields::new("Fired"), "5x5")
        .unwrap();
    let mut stressed = Scenario::new("", "Stressed", ScenarioKind::Stressed);
    stressed.triggers = vec![Trigger::SlaBreach];
    let plan = store
        .save_exit_plan(
            &p.id,
            ExitPlan {
                scenarios: vec![stressed],
                ..Default::default()
            },
        )
        .unwrap();
    let mut availability = library::find("availability").unwrap().fields;
    availability.exit_triggers = vec![TriggerLink {
        scenario_id: plan.scenarios[0].id.clone(),
        trigger: "sla_breach".into(),
    }];
    let a = store.add_indicator(&p.id, availability).unwrap();
    let red = ReadingFields {
        date: today(),
        value: 98.7,
        note: String::new(),
    };
    store.add_reading(&a.id, red, false, today()).unwrap();

    let (bytes, _) = export_exit_plan(&store, &p.id, today()).unwrap();
    let pdf = Pdf::read(&bytes);
    assert!(pdf.has("has fired"), "{}", pdf.all());
    assert!(pdf.has("Availability 98.7 %"), "{}", pdf.all());

    let bytes = partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Exit plan").unwrap();
    assert!(range
        .rows()
        .any(|r| r.first().is_some_and(|c| *c == "trigger_fired")));
}
