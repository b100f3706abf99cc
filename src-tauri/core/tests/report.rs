//! PDF reports, read back with lopdf: content, page numbers, fonts, matrices of every
//! shape, filters, the plan on its own, bad options and unwritable paths.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use lopdf::{Document, Object};
use partner_risk_core::matrix::{AxisLevel, Matrix, RiskLevel, Score};
use partner_risk_core::model::{
    ActionFields, ActionStatus, Money, Partnership, PartnershipFields, RiskFields, RiskStatus,
};
use partner_risk_core::report::{
    Paper, PdfOptions, PlanGrouping, ReportProgress, ReportStage, Section,
};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::{OpenMode, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    (dir, store)
}

/// A custom matrix of any shape, with levels from the 4×4 preset's colours.
fn custom_matrix(store: &mut Store, likelihood: usize, impact: usize) -> Matrix {
    let axis = |name: &str, n: usize| {
        (1..=n)
            .map(|k| AxisLevel {
                label: format!("{name} {k}"),
                description: format!("{name} level {k} of {n}"),
                range: None,
            })
            .collect::<Vec<_>>()
    };
    let colours = ["#2E7D32", "#FBC02D", "#F57C00", "#C62828"];
    let names = ["Low", "Medium", "High", "Critical"];
    let levels: Vec<RiskLevel> = names
        .iter()
        .zip(colours)
        .enumerate()
        .map(|(i, (name, colour))| RiskLevel {
            name: (*name).into(),
            description: format!("{name} risk"),
            colour: colour.into(),
            review_days: 30 * (4 - i as u32),
            within_appetite: i < 2,
        })
        .collect();
    let grid = (0..likelihood)
        .map(|l| {
            (0..impact)
                .map(|i| {
                    let rank =
                        (l as f32 / (likelihood - 1) as f32 + i as f32 / (impact - 1) as f32) / 2.0;
                    ((rank * 3.99) as u8).min(3)
                })
                .collect()
        })
        .collect();
    store
        .create_matrix(Matrix {
            id: format!("custom-{likelihood}x{impact}"),
            name: format!("Custom {likelihood}×{impact}"),
            description: "A test matrix.".into(),
            preset: None,
            likelihood: axis("Likelihood", likelihood),
            impact: axis("Impact", impact),
            levels,
            grid,
        })
        .unwrap()
}

/// The demo partnership (with `extra` generated risks) scored on `matrix`.
fn demo_on(store: &mut Store, extra: usize, matrix: &str) -> Partnership {
    let p = store.create_demo(extra, today()).unwrap();
    if matrix != "5x5" {
        let plan = store.plan_matrix_change(&p.id, matrix).unwrap();
        store.apply_matrix_change(&plan).unwrap();
    }
    store.partnership(&p.id).unwrap()
}

fn export(store: &Store, p: &Partnership, options: &PdfOptions) -> Vec<u8> {
    store
        .export_pdf(&p.id, options, today(), &mut |_| {})
        .unwrap()
}

struct Pdf {
    doc: Document,
    /// Text of each page, whitespace removed (lines wrap anywhere).
    pages: Vec<String>,
}

impl Pdf {
    fn read(bytes: &[u8]) -> Pdf {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let doc = Document::load_mem(bytes).expect("lopdf reads it");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pages = numbers
            .iter()
            .map(|&n| squash(&doc.extract_text(&[n]).expect("text extracts")))
            .collect();
        Pdf { doc, pages }
    }

    fn count(&self) -> usize {
        self.pages.len()
    }

    fn all(&self) -> String {
        self.pages.concat()
    }

    fn has(&self, text: &str) -> bool {
        self.all().contains(&squash(text))
    }

    /// The `/BaseFont` names of the embedded Type0 fonts and whether each has a FontFile2.
    fn fonts(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for object in self.doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            let is_type0 = dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Type0");
            if !is_type0 {
                continue;
            }
            let name = dict
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let has_file = dict
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|d| self.deref_dict(d))
                .and_then(|d| {
                    d.get(b"FontDescriptor")
                        .ok()
                        .and_then(|fd| self.deref_dict(fd))
                })
                .is_some_and(|fd| fd.has(b"FontFile2"));
            out.push((name, has_file));
        }
        out
    }

    fn deref_dict<'a>(&'a self, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).ok()?.as_dict().ok(),
            other => other.as_dict().ok(),
        }
    }

    fn media_box(&self) -> (f32, f32) {
        let (_, id) = self.doc.get_pages().into_iter().next().unwrap();
        let page = self.doc.get_object(id).unwrap().as_dict().unwrap();
        let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let num = |o: &Object| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .unwrap()
        };
        (num(&b[2]), num(&b[3]))
    }
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn full_report_has_every_risk_page_numbers_and_sections() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 60, "5x5");
    let register = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap();
    let pdf = Pdf::read(&export(&store, &p, &PdfOptions::default()));
    let n = pdf.count();
    for e in &register.entries {
        assert!(pdf.has(&e.risk.reference), "{} missing", e.risk.reference);
        assert!(
            pdf.has(&e.risk.fields.title),
            "{:?} missing",
            e.risk.fields.title
        );
    }
    for page in 1..=n {
        assert!(
            pdf.pages[page - 1].contains(&format!("Page{page}of{n}")),
            "page {page}"
        );
    }
    for heading in [
        "Risk register",
        "Summary",
        "Heat maps",
        "Movement from inherent to residual",
        "Mitigation plan",
        "Requirements and controls",
        "Review log",
        "Appendix: scoring matrix",
        "Confidential",
        "Exported 2026-11-26",
    ] {
        assert!(pdf.has(heading), "{heading:?} missing");
    }
    // Every action and requirement is listed.
    for a in store.partnership_actions(&p.id).unwrap() {
        assert!(
            pdf.has(&a.fields.title),
            "action {:?} missing",
            a.fields.title
        );
    }
    for r in store.requirements(&p.id).unwrap() {
        assert!(
            pdf.has(&r.fields.code),
            "requirement {} missing",
            r.fields.code
        );
    }
    // Sane length: a handful of pages around a register of ~10 risks a page.
    let risks = register.entries.len();
    assert!(
        n >= 6 + risks / 20 && n <= 12 + risks / 3,
        "{n} pages for {risks} risks"
    );
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let bytes = export(&store, &p, &PdfOptions::default());
    let pdf = Pdf::read(&bytes);
    let fonts = pdf.fonts();
    assert!(fonts.len() >= 2, "{fonts:?}");
    for (name, has_file) in &fonts {
        let (tag, rest) = name.split_once('+').unwrap_or(("", ""));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name} has no subset tag"
        );
        assert!(
            rest.starts_with("DejaVu") || rest.contains("Droid") || rest.contains("Noto"),
            "{name}"
        );
        assert!(has_file, "{name} is not embedded");
    }
    // Subsetting keeps the file small: the whole of DejaVu Sans alone is ~750 KB.
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
}

#[test]
fn non_ascii_text_is_extractable() {
    let (_dir, mut store) = temp_store();
    let mut fields = PartnershipFields::new("Zürich – €1.2M – 東京");
    fields.partner = "Société Générale · Øresund AB".into();
    let p = store.create_partnership(fields, "5x5").unwrap();
    let mut risk = RiskFields::new("financial", "Zürich – €1.2M – 東京");
    risk.description = "Ελληνικά, кириллица, 日本語の説明文と中文说明。".into();
    risk.owner = "Łukasz Żółć".into();
    risk.inherent = Some(Score::new(4, 4));
    let r = store.add_risk(&p.id, risk).unwrap();
    let mut action = ActionFields::new("Renegotiate the 東京 hosting fee");
    action.cost = Some(Money {
        minor: 120_000_000,
        currency: "EUR".into(),
    });
    action.due = Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    store.add_action(&r.id, action).unwrap();
    let pdf = Pdf::read(&export(&store, &p, &PdfOptions::default()));
    for text in [
        "Zürich – €1.2M – 東京",
        "Société Générale · Øresund AB",
        "Ελληνικά, кириллица, 日本語の説明文と中文说明。",
        "Łukasz Żółć",
        "Renegotiate the 東京 hosting fee",
        "1,200,000.00 EUR",
    ] {
        assert!(pdf.has(text), "{text:?} not extractable");
    }
}

#[test]
fn matrices_3x3_5x5_and_7x4_are_drawn_from_their_own_levels() {
    let (_dir, mut store) = temp_store();
    let m74 = custom_matrix(&mut store, 7, 4);
    for key in ["3x3", "5x5", m74.id.as_str()] {
        let p = demo_on(&mut store, 10, key);
        let matrix = store.matrix(&p.matrix_id).unwrap();
        let register = store
            .register(&p.id, &RiskFilter::default(), today())
            .unwrap();
        let pdf = Pdf::read(&export(&store, &p, &PdfOptions::default()));
        for level in &matrix.levels {
            assert!(pdf.has(&level.name), "{key}: level {} missing", level.name);
        }
        for a in matrix.likelihood.iter().chain(&matrix.impact) {
            assert!(pdf.has(&a.label), "{key}: axis label {} missing", a.label);
        }
        for e in &register.entries {
            assert!(
                pdf.has(&e.risk.reference),
                "{key}: {} missing",
                e.risk.reference
            );
        }
        assert!(pdf.has(&matrix.name), "{key}");
    }
}

#[test]
fn every_matrix_shape_from_2x2_to_7x7_exports() {
    let (_dir, mut store) = temp_store();
    for (l, i) in [(2, 2), (7, 7), (2, 7), (7, 2), (3, 6)] {
        let m = custom_matrix(&mut store, l, i);
        let p = demo_on(&mut store, 0, &m.id);
        let pdf = Pdf::read(&export(&store, &p, &PdfOptions::default()));
        assert!(pdf.has(&format!("Page 1 of {}", pdf.count())), "{l}x{i}");
        assert!(pdf.has(&format!("Likelihood {l}")) && pdf.has(&format!("Impact {i}")));
    }
}

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
        let err = store
            .export_pdf(&p.id, &options, today(), &mut |_| {})
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
    let err = store
        .export_pdf("no-such-id", &PdfOptions::default(), today(), &mut |_| {})
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
        store.export_pdf_to_file(&p.id, &options, today(), path, &mut |_| {})
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
    store
        .export_pdf_to_file(&p.id, &bad, today(), &out, &mut |_| {})
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
    store
        .export_pdf(&p.id, &PdfOptions::default(), today(), &mut |r| {
            seen.push(r)
        })
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

#[test]
fn letter_paper_and_very_long_text() {
    let (_dir, mut store) = temp_store();
    let p = store
        .create_partnership(PartnershipFields::new("Long texts"), "5x5")
        .unwrap();
    let mut risk = RiskFields::new("technical", "A risk with a very long description");
    let words: Vec<String> = (0..2_400).map(|n| format!("w{n}")).collect();
    risk.description = words.join(" ");
    risk.inherent = Some(Score::new(5, 5));
    risk.residual = Some(Score::new(3, 3));
    let r = store.add_risk(&p.id, risk).unwrap();
    let mut action = ActionFields::new("Split the description");
    action.status = ActionStatus::InProgress;
    store.add_action(&r.id, action).unwrap();
    let options = PdfOptions {
        paper: Paper::Letter,
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&store, &p, &options));
    let (w, h) = pdf.media_box();
    assert!(
        (w - 612.0).abs() < 0.5 && (h - 792.0).abs() < 0.5,
        "{w}x{h}"
    );
    // The row runs over several pages and no word is lost.
    let all = pdf.all();
    for n in [0, 1, 1_000, 2_399] {
        assert!(all.contains(&format!("w{n}")), "w{n} missing");
    }
    let register_pages = pdf
        .pages
        .iter()
        .filter(|t| t.contains("w1000") || t.contains("w2000") || t.contains("w10"))
        .count();
    assert!(register_pages >= 2, "{register_pages}");
}

#[test]
fn the_review_log_and_the_portfolio_summary() {
    use partner_risk_core::review::{ReviewDecision, ReviewFields};
    let (_dir, mut store) = temp_store();
    store.set_actor("Ann Analyst");
    let p = demo_on(&mut store, 0, "5x5");
    let risks = store.risks(&p.id).unwrap();
    let (a, b, c) = (&risks[0], &risks[1], &risks[2]);
    let day = |t: &str| t.parse::<NaiveDate>().unwrap();
    let old = store
        .add_review(
            &a.id,
            ReviewFields::new(ReviewDecision::NoChange, ""),
            day("2025-01-10"),
        )
        .unwrap();
    let review = |store: &mut Store, id: &str, fields: ReviewFields| {
        store.add_review(id, fields, today()).unwrap()
    };
    review(
        &mut store,
        &a.id,
        ReviewFields::new(ReviewDecision::Escalate, "board must see this"),
    );
    review(
        &mut store,
        &b.id,
        ReviewFields {
            approver: "Ann Analyst".into(),
            expiry: Some(day("2026-12-10")),
            ..ReviewFields::new(ReviewDecision::Accept, "cheap to carry for the pilot")
        },
    );
    let undone = review(
        &mut store,
        &c.id,
        ReviewFields {
            residual: Some(Score::new(1, 1)),
            ..ReviewFields::new(ReviewDecision::Rescore, "controls tested")
        },
    );
    store.undo_review(&undone.id).unwrap();
    // A later change outdates the escalation's sign-off.
    store
        .score_risk(
            &a.id,
            partner_risk_core::model::ScoreKind::Residual,
            Some(Score::new(5, 5)),
        )
        .unwrap();

    let options = PdfOptions {
        sections: vec![Section::ReviewLog],
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&store, &p, &options));
    for text in [
        "Review log",
        "From 2025-11-26 to 2026-11-26: 3 reviews of 3 risks (1 accept, 1 escalate, 1 rescore).",
        "1 sign-off is outdated",
        "1 review was undone",
        "board must see this",
        "Outdated",
        "Undone by Ann Analyst",
        "Acceptances",
        "1 acceptance: 1 in force (1 expiring within 30 days)",
        "approver is the requester",
        "expires soon",
        &a.reference,
        &b.reference,
    ] {
        assert!(pdf.has(text), "{text:?} missing from {}", pdf.all());
    }
    // The period: the review of 2025-01-10 is left out unless asked for.
    assert!(!pdf.has("2025-01-10"));
    let since = PdfOptions {
        review_since: Some(day("2025-01-01")),
        ..options.clone()
    };
    let pdf = Pdf::read(&export(&store, &p, &since));
    assert!(
        pdf.has("2025-01-10") && pdf.has("4 reviews"),
        "{}",
        pdf.all()
    );
    assert_eq!(old.reviewed_on, day("2025-01-10"));
    let future = PdfOptions {
        review_since: Some(day("2026-12-01")),
        ..options
    };
    let err = store
        .export_pdf(&p.id, &future, today(), &mut |_| {})
        .unwrap_err();
    assert_eq!(err.field(), Some("review_since"));

    // The portfolio: one landscape page with every partnership and the totals.
    let second = demo_on(&mut store, 0, "5x5");
    let (bytes, pages) = store.export_portfolio(today(), "Ann Analyst").unwrap();
    assert_eq!(pages, 1);
    let pdf = Pdf::read(&bytes);
    let (w, h) = pdf.media_box();
    assert!(w > h, "landscape");
    for text in [
        "Partnership portfolio",
        "2 partnerships as of 2026-11-26",
        &p.fields.name,
        &second.fields.name,
        "All partnerships",
        "outside appetite",
        "prepared by Ann Analyst",
    ] {
        assert!(pdf.has(text), "{text:?} missing from {}", pdf.all());
    }
    let rows = store.portfolio(today()).unwrap();
    let open: u64 = rows.iter().map(|r| r.open_risks).sum();
    assert!(pdf.has(&format!("{open}openrisks")), "{}", pdf.all());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portfolio.pdf");
    let done = store.export_portfolio_to_file(today(), "", &path).unwrap();
    assert_eq!((done.partnerships, done.pages), (2, 1));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), done.bytes);
}
