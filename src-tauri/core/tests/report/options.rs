//! What the export's options choose and refuse: the mitigation plan on its own (grouped,
//! with totals), filters, bad options naming their field and value, unwritable paths that
//! leave nothing behind, and the progress stages.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::RiskStatus;
use partner_risk_core::report::{
    Paper, PdfOptions, PlanGrouping, ReportProgress, ReportStage, Section,
};
use partner_risk_core::store::RiskFilter;
use std::collections::BTreeSet;

use crate::support::{demo_on, export, temp_store, today, Pdf};

#[test]
fn plan_only_export_lists_actions_grouped_with_totals() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let actions = store.partnership_actions(&p.id).unwrap();
    let options = PdfOptions {
        plan_only: true,
        ..PdfOptions::default()
    };
    let plan = Pdf::read(&export(&store, &p, &options));
    let full = Pdf::read(&export(&store, &p, &PdfOptions::default()));
    assert!(plan.count() < full.count());
    assert!(plan.has("Mitigation plan") && plan.has("Total cost of the plan"));
    assert!(!plan.has("Appendix: scoring matrix") && !plan.has("Risks by level"));
    for a in &actions {
        assert!(plan.has(&a.fields.title), "{:?}", a.fields.title);
    }
    // Grouped by owner, with the overdue ones marked.
    let owners: BTreeSet<&str> = actions.iter().map(|a| a.fields.owner.as_str()).collect();
    for owner in owners {
        assert!(plan.has(&format!("Subtotal {owner}")), "{owner}");
    }
    let overdue = actions
        .iter()
        .filter(|a| a.fields.is_overdue(today()))
        .count();
    assert!(overdue > 0);
    assert!(plan.has("overdue"));
    // Total per currency equals the sum of the costs.
    let total: i64 = actions
        .iter()
        .filter_map(|a| a.fields.cost.as_ref())
        .map(|c| c.minor)
        .sum();
    let text = format!("{:.2}", total as f64 / 100.0);
    let grouped = add_thousands(&text);
    assert!(plan.has(&format!("{grouped} EUR")), "{grouped}");

    // By due month, and without the cover.
    let options = PdfOptions {
        plan_only: true,
        plan_grouping: PlanGrouping::DueMonth,
        sections: vec![Section::Plan],
        ..PdfOptions::default()
    };
    let by_month = Pdf::read(&export(&store, &p, &options));
    assert!(by_month.has("grouped by due month"));
    assert!(!by_month.has("PARTNERSHIP RISK ASSESSMENT"));
}

fn add_thousands(fixed: &str) -> String {
    let (whole, cents) = fixed.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{cents}")
}

#[test]
fn filters_choose_the_risks_in_the_report() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let matrix = store.matrix(&p.matrix_id).unwrap();
    let high = matrix.find_level("High", "level").unwrap();
    let filter = RiskFilter {
        categories: vec!["technical".into(), "regulatory".into()],
        min_level: Some(high),
        statuses: vec![RiskStatus::Open, RiskStatus::Mitigating],
        ..RiskFilter::default()
    };
    let kept = store.register(&p.id, &filter, today()).unwrap().entries;
    let all = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap()
        .entries;
    assert!(!kept.is_empty() && kept.len() < all.len());
    let options = PdfOptions {
        filter,
        sections: vec![Section::Register],
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&store, &p, &options));
    assert!(pdf.has("level High or higher"));
    for e in &all {
        let listed = pdf.has(&e.risk.fields.title);
        let wanted = kept.iter().any(|k| k.risk.id == e.risk.id);
        assert_eq!(
            listed, wanted,
            "{} {:?}",
            e.risk.reference, e.risk.fields.title
        );
    }
}

#[test]
fn bad_options_name_the_field_and_value() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "3x3");
    let check = |options: PdfOptions, field: &str| {
        let err =
            partner_risk_core::report::export_pdf(&store, &p.id, &options, today(), &mut |_| {})
                .unwrap_err();
        assert_eq!(err.code(), "invalid", "{err}");
        assert_eq!(err.field(), Some(field), "{err}");
    };
    check(
        PdfOptions {
            sections: vec![],
            ..PdfOptions::default()
        },
        "sections",
    );
    check(
        PdfOptions {
            sections: vec![Section::Plan, Section::Plan],
            ..PdfOptions::default()
        },
        "sections",
    );
    let filter = RiskFilter {
        min_level: Some(3),
        ..RiskFilter::default()
    }; // 3x3 has 3 levels
    check(
        PdfOptions {
            filter,
            ..PdfOptions::default()
        },
        "min_level",
    );
    let filter = RiskFilter {
        categories: vec!["nonsense".into()],
        ..RiskFilter::default()
    };
    check(
        PdfOptions {
            filter,
            ..PdfOptions::default()
        },
        "categories",
    );
    let filter = RiskFilter {
        cell: Some(Score::new(4, 1)),
        ..RiskFilter::default()
    };
    check(
        PdfOptions {
            filter,
            ..PdfOptions::default()
        },
        "cell.likelihood",
    );
    check(
        PdfOptions {
            prepared_by: "x".repeat(201),
            ..PdfOptions::default()
        },
        "prepared_by",
    );
    check(
        PdfOptions {
            confidentiality: "two\nlines".into(),
            ..PdfOptions::default()
        },
        "confidentiality",
    );
    let err = partner_risk_core::report::export_pdf(
        &store,
        "no-such-id",
        &PdfOptions::default(),
        today(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), "not_found");

    // Options arrive as JSON from the desktop app: {} is the full default report.
    let parsed: PdfOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(parsed, PdfOptions::default());
    let parsed: PdfOptions = serde_json::from_str(
        r#"{"paper":"letter","sections":["cover","heat_maps"],"filter":{"min_level":1},"plan_only":false}"#,
    )
    .unwrap();
    assert_eq!(parsed.paper, Paper::Letter);
    assert_eq!(parsed.sections, vec![Section::Cover, Section::HeatMaps]);
    assert!(serde_json::from_str::<PdfOptions>(r#"{"paper":"a5"}"#).is_err());
    assert!(serde_json::from_str::<PdfOptions>(r#"{"sections":["index"]}"#).is_err());
    assert_eq!(Section::parse("heat-maps", "s").unwrap(), Section::HeatMaps);
    assert_eq!(
        Paper::parse("nope", "--paper").unwrap_err().field(),
        Some("--paper")
    );
}

#[test]
fn unwritable_paths_are_clear_errors_and_leave_nothing_behind() {
    let (dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let options = PdfOptions::default();
    let write = |path: &std::path::Path| {
        partner_risk_core::report::export_pdf_to_file(
            &store,
            &p.id,
            &options,
            today(),
            path,
            &mut |_| {},
        )
    };
    let missing = dir.path().join("no/such/folder/report.pdf");
    let err = write(&missing).unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(err.to_string().contains("no/such/folder"), "{err}");
    assert!(!missing.exists());

    let err = write(dir.path()).unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(err.to_string().contains("folder"), "{err}");

    // A good export replaces the file; a failed one leaves the old file as it was.
    let out = dir.path().join("report.pdf");
    std::fs::write(&out, b"old").unwrap();
    let done = write(&out).unwrap();
    assert_eq!(done.path, out);
    assert!(done.pages > 5 && done.risks > 0 && done.bytes > 10_000);
    let written = std::fs::read(&out).unwrap();
    assert_eq!(written.len() as u64, done.bytes);
    let bad = PdfOptions {
        sections: vec![],
        ..PdfOptions::default()
    };
    partner_risk_core::report::export_pdf_to_file(&store, &p.id, &bad, today(), &out, &mut |_| {})
        .unwrap_err();
    assert_eq!(std::fs::read(&out).unwrap(), written);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn progress_goes_through_the_stages_and_ends_complete() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 600, "5x5");
    let mut seen: Vec<ReportProgress> = Vec::new();
    partner_risk_core::report::export_pdf(
        &store,
        &p.id,
        &PdfOptions::default(),
        today(),
        &mut |r| seen.push(r),
    )
    .unwrap();
    let stages: Vec<ReportStage> = seen.iter().map(|r| r.stage).collect();
    assert_eq!(stages.first(), Some(&ReportStage::Reading));
    assert_eq!(
        seen.last().map(|r| (r.stage, r.done, r.total)),
        Some((ReportStage::Writing, 1, 1))
    );
    let layout: Vec<&ReportProgress> = seen
        .iter()
        .filter(|r| r.stage == ReportStage::Layout)
        .collect();
    assert!(layout.len() >= 3, "{layout:?}");
    assert!(layout.windows(2).all(|w| w[0].done <= w[1].done));
    let last = layout.last().unwrap();
    assert_eq!(last.done, last.total);
    assert!(last.total > 600);
    let json = serde_json::to_string(&seen[0]).unwrap();
    assert_eq!(json, r#"{"stage":"reading","done":0,"total":1}"#);
}
