//! PDF reports, read back with lopdf: content, page numbers, fonts, matrices of every
//! shape, filters, the plan on its own, bad options and unwritable paths. Spreadsheet
//! exports (XLSX and CSV), read back from their ZIP and XML and with the csv crate.

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

// ---------------------------------------------------------------------------------------
// Spreadsheets

/// An exported workbook, read back from its ZIP: sheets by name, cells with their
/// shared or inline strings and their styles' fills.
struct Xlsx {
    files: std::collections::HashMap<String, String>,
    shared: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct XCell {
    /// The text, or the number as written.
    value: String,
    style: usize,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The concatenated text of every `<t>` element in `xml`.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<t") {
        rest = &rest[i + 2..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let open = rest.find('>').unwrap();
        let close = rest.find("</t>").unwrap();
        out.push_str(&unescape(&rest[open + 1..close]));
        rest = &rest[close..];
    }
    out
}

/// The bodies of the elements `<name …>…</name>` (or `<name …/>`) with their start tags.
fn elements<'a>(xml: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i..];
        let after = rest.as_bytes()[open.len()];
        if after != b' ' && after != b'>' && after != b'/' {
            rest = &rest[open.len()..];
            continue;
        }
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        if tag.ends_with("/>") {
            out.push((tag, ""));
            rest = &rest[end + 1..];
        } else {
            let stop = rest.find(&close).unwrap();
            out.push((tag, &rest[end + 1..stop]));
            rest = &rest[stop + close.len()..];
        }
    }
    out
}

impl Xlsx {
    fn read(bytes: &[u8]) -> Xlsx {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut files = std::collections::HashMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            files.insert(file.name().to_string(), text);
        }
        let shared = files
            .get("xl/sharedStrings.xml")
            .map(|xml| {
                elements(xml, "si")
                    .into_iter()
                    .map(|(_, body)| texts(body))
                    .collect()
            })
            .unwrap_or_default();
        Xlsx { files, shared }
    }

    /// (name, hidden) of each sheet, in order.
    fn sheets(&self) -> Vec<(String, bool)> {
        elements(&self.files["xl/workbook.xml"], "sheet")
            .into_iter()
            .map(|(tag, _)| {
                (
                    unescape(attr(tag, "name").unwrap()),
                    attr(tag, "state") == Some("hidden"),
                )
            })
            .collect()
    }

    fn sheet_xml(&self, name: &str) -> &str {
        let workbook = &self.files["xl/workbook.xml"];
        let (tag, _) = elements(workbook, "sheet")
            .into_iter()
            .find(|(tag, _)| attr(tag, "name") == Some(name))
            .unwrap_or_else(|| panic!("no sheet {name}"));
        let id = attr(tag, "r:id").unwrap();
        let rels = &self.files["xl/_rels/workbook.xml.rels"];
        let (rel, _) = elements(rels, "Relationship")
            .into_iter()
            .find(|(rel, _)| attr(rel, "Id") == Some(id))
            .unwrap();
        &self.files[&format!("xl/{}", attr(rel, "Target").unwrap())]
    }

    /// Every cell of a sheet by reference (`B2`).
    fn cells(&self, sheet: &str) -> std::collections::HashMap<String, XCell> {
        elements(self.sheet_xml(sheet), "c")
            .into_iter()
            .map(|(tag, body)| {
                let value = match attr(tag, "t") {
                    Some("s") => {
                        let (_, v) = elements(body, "v")[0];
                        self.shared[v.parse::<usize>().unwrap()].clone()
                    }
                    Some("inlineStr") => texts(body),
                    _ => elements(body, "v")
                        .first()
                        .map(|(_, v)| v.to_string())
                        .unwrap_or_default(),
                };
                let style = attr(tag, "s").map_or(0, |s| s.parse().unwrap());
                (attr(tag, "r").unwrap().to_string(), XCell { value, style })
            })
            .collect()
    }

    /// The solid fill of a cell style as `#RRGGBB`, if it has one.
    fn fill(&self, style: usize) -> Option<String> {
        let styles = &self.files["xl/styles.xml"];
        let (_, xfs) = elements(styles, "cellXfs")[0];
        let (xf, _) = elements(xfs, "xf")[style];
        let fill_id: usize = attr(xf, "fillId")?.parse().ok()?;
        let (_, fills) = elements(styles, "fills")[0];
        let (_, fill) = elements(fills, "fill")[fill_id];
        let (fg, _) = *elements(fill, "fgColor").first()?;
        attr(fg, "rgb").map(|argb| format!("#{}", &argb[2..]))
    }

    /// The number format code of a cell style.
    fn num_format(&self, style: usize) -> Option<String> {
        let styles = &self.files["xl/styles.xml"];
        let (_, xfs) = elements(styles, "cellXfs")[0];
        let (xf, _) = elements(xfs, "xf")[style];
        let id = attr(xf, "numFmtId")?;
        elements(styles, "numFmt")
            .into_iter()
            .find(|(tag, _)| attr(tag, "numFmtId") == Some(id))
            .map(|(tag, _)| unescape(attr(tag, "formatCode").unwrap()))
    }
}

/// `A1` notation of a 0-based row and column.
fn cell_ref(row: u32, col: u32) -> String {
    let mut name = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// Excel's serial number of a date.
fn serial(date: NaiveDate) -> String {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - epoch).num_days().to_string()
}

#[test]
fn xlsx_export_has_register_actions_requirements_and_matrix_sheets() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let book = Xlsx::read(&store.export_xlsx(&p.id, today()).unwrap());
    let register = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap();
    let matrix = &register.matrix;
    let n = register.entries.len();
    assert!(n > 20);
    assert_eq!(
        book.sheets(),
        [
            ("Register".to_string(), false),
            ("Actions".to_string(), false),
            ("Requirements".to_string(), false),
            ("Matrix".to_string(), false),
            ("Lists".to_string(), true),
        ]
    );

    // Register: a header and one row per risk, in reference order.
    let cells = book.cells("Register");
    let at = |row: u32, col: u32| cells.get(&cell_ref(row, col)).cloned();
    let text = |row: u32, col: u32| at(row, col).map(|c| c.value).unwrap_or_default();
    let headers: Vec<String> = (0..28).map(|c| text(0, c)).collect();
    assert_eq!(headers[..3], ["Reference", "Title", "Category"]);
    assert_eq!(headers[12], "Inherent level");
    assert_eq!(headers[15], "Residual level");
    assert_eq!(headers[27], "ID");
    assert_eq!(text(n as u32 + 1, 0), "");
    let categories: std::collections::HashMap<String, String> = store
        .categories()
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    for (i, entry) in register.entries.iter().enumerate() {
        let row = i as u32 + 1;
        let f = &entry.risk.fields;
        assert_eq!(text(row, 0), entry.risk.reference);
        assert_eq!(text(row, 1), f.title);
        assert_eq!(text(row, 2), categories[&f.category]);
        assert_eq!(text(row, 7), f.status.as_str());
        assert_eq!(text(row, 27), entry.risk.id);
        // Scores as numbers, levels as their names on their colours.
        for (kind, col) in [(f.inherent, 10), (f.residual, 13), (f.target, 16)] {
            match kind {
                Some(score) => {
                    assert_eq!(text(row, col), score.likelihood.to_string());
                    assert_eq!(text(row, col + 1), score.impact.to_string());
                    let level = matrix.level(score).unwrap();
                    let cell = at(row, col + 2).unwrap();
                    assert_eq!(cell.value, level.name);
                    assert_eq!(
                        book.fill(cell.style).as_deref(),
                        Some(level.colour.as_str())
                    );
                }
                None => assert_eq!(at(row, col + 2), None),
            }
        }
        // Dates are real dates: serial numbers with a date format.
        if let Some(next) = f.next_review {
            let cell = at(row, 19).unwrap();
            assert_eq!(cell.value, serial(next));
            assert_eq!(book.num_format(cell.style).as_deref(), Some("yyyy-mm-dd"));
        }
    }
    let scored = register
        .entries
        .iter()
        .filter(|e| e.risk.fields.residual.is_some());
    assert!(scored.count() > 10);

    // Frozen header (and reference column), autofilter, dropdowns.
    let xml = book.sheet_xml("Register");
    let (pane, _) = elements(xml, "pane")[0];
    assert_eq!(attr(pane, "ySplit"), Some("1"));
    assert_eq!(attr(pane, "xSplit"), Some("1"));
    assert_eq!(attr(pane, "state"), Some("frozen"));
    let (filter, _) = elements(xml, "autoFilter")[0];
    assert_eq!(
        attr(filter, "ref"),
        Some(format!("A1:AB{}", n + 1).as_str())
    );
    let validations: Vec<(String, String)> = elements(xml, "dataValidation")
        .into_iter()
        .map(|(tag, body)| {
            assert_eq!(attr(tag, "type"), Some("list"));
            (
                attr(tag, "sqref").unwrap().to_string(),
                unescape(elements(body, "formula1")[0].1),
            )
        })
        .collect();
    let count = categories.len() + 1;
    assert_eq!(
        validations,
        [
            ("C2:C1048576".into(), format!("Lists!$A$2:$A${count}")),
            (
                "H2:H1048576".into(),
                "\"open,mitigating,accepted,closed\"".into()
            ),
            (
                "I2:I1048576".into(),
                "\"avoid,reduce,transfer,share,accept\"".into()
            ),
        ]
    );
    let lists = book.cells("Lists");
    let mut listed: Vec<&str> = (1..count as u32)
        .map(|r| lists[&cell_ref(r, 0)].value.as_str())
        .collect();
    let mut names: Vec<&str> = categories.values().map(String::as_str).collect();
    listed.sort_unstable();
    names.sort_unstable();
    assert_eq!(listed, names);

    // Actions: one row per action, by risk in register order, with the risk's reference.
    let actions = store.partnership_actions(&p.id).unwrap();
    let cells = book.cells("Actions");
    let position: std::collections::HashMap<&str, usize> = register
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.risk.reference.as_str(), i))
        .collect();
    let mut last = 0;
    for row in 1..=actions.len() as u32 {
        let reference = &cells[&cell_ref(row, 0)].value;
        let at = position[reference.as_str()];
        assert!(at >= last, "row {row}: {reference} out of order");
        last = at;
        let id = &cells[&cell_ref(row, 10)].value;
        let action = actions.iter().find(|a| &a.id == id).unwrap();
        assert_eq!(cells[&cell_ref(row, 2)].value, action.fields.title);
        assert_eq!(register.entries[at].risk.id, action.risk_id);
    }
    assert!(!cells.contains_key(&cell_ref(actions.len() as u32 + 1, 0)));
    assert!(elements(book.sheet_xml("Actions"), "pane").len() == 1);

    // Requirements: by code, with the references of the risks they mitigate.
    let requirements = store.requirements(&p.id).unwrap();
    assert!(!requirements.is_empty());
    let cells = book.cells("Requirements");
    for (i, r) in requirements.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(cells[&cell_ref(row, 0)].value, r.fields.code);
        assert_eq!(cells[&cell_ref(row, 4)].value, r.fields.status.as_str());
        let linked = cells.get(&cell_ref(row, 6)).map(|c| c.value.clone());
        assert_eq!(
            linked.is_some(),
            !r.risk_ids.is_empty(),
            "{}",
            r.fields.code
        );
    }

    check_matrix_sheet(&book, matrix);
}

/// The Matrix sheet: impact labels across, likelihood labels down (highest first), each
/// cell the grid's level name on its colour.
fn check_matrix_sheet(book: &Xlsx, matrix: &partner_risk_core::matrix::Matrix) {
    let cells = book.cells("Matrix");
    let text = |row: u32, col: u32| cells.get(&cell_ref(row, col)).map(|c| c.value.clone());
    assert_eq!(text(0, 0).as_deref(), Some(matrix.name.as_str()));
    let (lmax, imax) = matrix.size();
    let top = 3;
    for (i, level) in matrix.impact.iter().enumerate() {
        assert_eq!(
            text(top, i as u32 + 1),
            Some(format!("{} · {}", i + 1, level.label))
        );
    }
    assert_eq!(text(top, imax as u32 + 1), None);
    for l in 1..=lmax {
        let row = top + 1 + (lmax - l) as u32;
        assert_eq!(
            text(row, 0),
            Some(format!("{l} · {}", matrix.likelihood[l - 1].label))
        );
        for i in 1..=imax {
            let level = &matrix.levels[usize::from(matrix.grid[l - 1][i - 1])];
            let cell = &cells[&cell_ref(row, i as u32)];
            assert_eq!(cell.value, level.name, "L{l} I{i}");
            assert_eq!(
                book.fill(cell.style),
                Some(level.colour.clone()),
                "L{l} I{i}"
            );
        }
    }
    // The levels' legend follows the grid.
    let legend = top + lmax as u32 + 3;
    assert_eq!(text(legend, 0).as_deref(), Some("Level"));
    for (k, level) in matrix.levels.iter().enumerate() {
        assert_eq!(text(legend + 1 + k as u32, 0), Some(level.name.clone()));
        assert_eq!(text(legend + 1 + k as u32, 1), Some(level.colour.clone()));
    }
}

#[test]
fn xlsx_matrix_sheet_follows_matrices_of_other_shapes() {
    let (_dir, mut store) = temp_store();
    let m = custom_matrix(&mut store, 7, 3);
    let p = demo_on(&mut store, 0, &m.id);
    let book = Xlsx::read(&store.export_xlsx(&p.id, today()).unwrap());
    check_matrix_sheet(&book, &store.matrix(&p.matrix_id).unwrap());
}

#[test]
fn csv_export_has_a_bom_the_register_columns_and_no_formulas() {
    let (dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let mut fields = RiskFields::new("technical", "=HYPERLINK(\"http://evil.example\",\"click\")");
    fields.description = "He said \"stop\", twice;\nthen left.\n\nNext line, with commas".into();
    fields.owner = "@owner".into();
    fields.cause = "-12".into();
    fields.consequence = "+1+2".into();
    fields.treatment_rationale = "\tindented".into();
    let risk = store.add_risk(&p.id, fields.clone()).unwrap();

    let out = dir.path().join("register.csv");
    let done = store.export_csv_to_file(&p.id, today(), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(done.bytes, bytes.len() as u64);
    assert_eq!(bytes, store.export_csv(&p.id, today()).unwrap());
    assert!(bytes.starts_with(b"\xEF\xBB\xBFReference,Title,Category,"));

    // The csv crate strips the BOM.
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers.len(), 28);
    assert_eq!(headers[0], "Reference");
    assert_eq!(headers[15], "Residual level");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), done.risks);
    let register = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap();
    assert_eq!(rows.len(), register.entries.len());
    let row = rows
        .iter()
        .find(|r| &r[0] == risk.reference.as_str())
        .unwrap();
    assert_eq!(&row[1], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(&row[3], fields.description.as_str());
    assert_eq!(&row[4], "-12", "a plain number stays a number");
    assert_eq!(&row[5], "'+1+2");
    assert_eq!(&row[6], "'@owner");
    assert_eq!(&row[7], "open");
    assert_eq!(&row[9], "'\tindented");
    assert_eq!(&row[27], risk.id.as_str());
    // No cell anywhere could start a formula.
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r'])
                    && (!cell.starts_with('-') || cell[1..].parse::<f64>().is_ok()),
                "{cell:?}"
            );
        }
    }
    // Levels and dates as text.
    for (entry, row) in register.entries.iter().zip(&rows) {
        assert_eq!(&row[0], entry.risk.reference.as_str());
        assert_eq!(&row[15], entry.residual_level.as_deref().unwrap_or(""));
        let next = entry.risk.fields.next_review.map(|d| d.to_string());
        assert_eq!(&row[19], next.as_deref().unwrap_or(""));
    }

    // The workbook keeps the title as text, not as a formula.
    let book = Xlsx::read(&store.export_xlsx(&p.id, today()).unwrap());
    let xml = book.sheet_xml("Register");
    assert!(!xml.contains("<f>"), "no formulas in the register");
    let at = register
        .entries
        .iter()
        .position(|e| e.risk.id == risk.id)
        .unwrap();
    let cells = book.cells("Register");
    assert_eq!(cells[&cell_ref(at as u32 + 1, 1)].value, fields.title);
    assert_eq!(cells[&cell_ref(at as u32 + 1, 3)].value, fields.description);
}

#[test]
fn spreadsheet_exports_refuse_unknown_partnerships_and_unwritable_paths() {
    let (dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let out = dir.path().join("r.xlsx");
    for err in [
        store.export_xlsx("nobody", today()).unwrap_err(),
        store.export_csv("nobody", today()).unwrap_err(),
        store
            .export_xlsx_to_file("nobody", today(), &out)
            .unwrap_err(),
        store
            .export_csv_to_file("nobody", today(), &out)
            .unwrap_err(),
    ] {
        assert_eq!(err.code(), "not_found", "{err}");
        assert!(err.to_string().contains("nobody"), "{err}");
    }
    assert!(!out.exists());

    let missing = dir.path().join("no/such/folder/r.xlsx");
    for err in [
        store
            .export_xlsx_to_file(&p.id, today(), &missing)
            .unwrap_err(),
        store
            .export_csv_to_file(&p.id, today(), &missing)
            .unwrap_err(),
    ] {
        assert_eq!(err.code(), "io", "{err}");
        assert!(err.to_string().contains("no/such/folder"), "{err}");
    }
    let err = store
        .export_xlsx_to_file(&p.id, today(), dir.path())
        .unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(err.to_string().contains("folder"), "{err}");

    // A good export replaces the old file; a failed one leaves it as it was.
    std::fs::write(&out, b"old").unwrap();
    let done = store.export_xlsx_to_file(&p.id, today(), &out).unwrap();
    assert_eq!(done.path, out);
    assert!(done.risks > 20 && done.actions > 20, "{done:?}");
    let written = std::fs::read(&out).unwrap();
    assert_eq!(written.len() as u64, done.bytes);
    assert!(written.starts_with(b"PK"));
    store
        .export_xlsx_to_file("nobody", today(), &out)
        .unwrap_err();
    assert_eq!(std::fs::read(&out).unwrap(), written);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let target = locked.join("r.csv");
        let result = store.export_csv_to_file(&p.id, today(), &target);
        // Root may write anywhere; everyone else is refused, naming the file.
        if let Err(err) = result {
            assert_eq!(err.code(), "io", "{err}");
            assert!(err.to_string().contains("locked/r.csv"), "{err}");
            assert!(std::fs::read_dir(&locked).unwrap().next().is_none());
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// ---------------------------------------------------------------------------------------
// Where text lands: every run of text placed from the PDF's own operators and the
// glyph widths of its embedded fonts.

/// One shown run of text: its page, left and right edges and baseline (from the top).
#[derive(Debug)]
struct Run {
    page: usize,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    page_w: f32,
    page_h: f32,
}

/// The glyph widths (per 1000 em) of a Type0 font, from its descendant's `W` and `DW`.
fn cid_widths(
    doc: &Document,
    font: &lopdf::Dictionary,
) -> (std::collections::HashMap<u32, f32>, f32) {
    let resolve = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            other => other.clone(),
        }
    };
    let num = |o: &Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    let mut widths = std::collections::HashMap::new();
    let descendant = font
        .get(b"DescendantFonts")
        .map(resolve)
        .ok()
        .and_then(|a| a.as_array().ok().and_then(|a| a.first().map(resolve)));
    let Some(Object::Dictionary(cid)) = descendant else {
        return (widths, 1000.0);
    };
    let dw = cid.get(b"DW").map(num).unwrap_or(1000.0);
    if let Ok(w) = cid.get(b"W").map(resolve) {
        let w = w
            .as_array()
            .unwrap()
            .iter()
            .map(resolve)
            .collect::<Vec<_>>();
        let mut i = 0;
        while i < w.len() {
            let first = num(&w[i]) as u32;
            match &w[i + 1] {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        widths.insert(first + k as u32, num(&resolve(v)));
                    }
                    i += 2;
                }
                last => {
                    let (last, width) = (num(last) as u32, num(&w[i + 2]));
                    for c in first..=last {
                        widths.insert(c, width);
                    }
                    i += 3;
                }
            }
        }
    }
    (widths, dw)
}

/// Every run of text of the document, placed.
fn text_runs(pdf: &Pdf) -> Vec<Run> {
    let doc = &pdf.doc;
    let num = |o: &Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    let mut runs = Vec::new();
    for (n, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let page = doc.get_object(page_id).unwrap().as_dict().unwrap();
        let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let (page_w, page_h) = (num(&b[2]), num(&b[3]));
        let fonts: std::collections::HashMap<Vec<u8>, _> = doc
            .get_page_fonts(page_id)
            .unwrap()
            .into_iter()
            .map(|(name, dict)| (name, cid_widths(doc, dict)))
            .collect();
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        // Text matrix and line start as (x, y) translations (the kit never scales text).
        let (mut line, mut at) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
        let (mut leading, mut size) = (0.0f32, 0.0f32);
        let mut font: Option<&(std::collections::HashMap<u32, f32>, f32)> = None;
        for op in &content.operations {
            let args = &op.operands;
            let mut shown: Vec<&Object> = Vec::new();
            match op.operator.as_str() {
                "BT" => (line, at) = ((0.0, 0.0), (0.0, 0.0)),
                "Tf" => {
                    font = fonts.get(args[0].as_name().unwrap());
                    size = num(&args[1]);
                }
                "TL" => leading = num(&args[0]),
                "Tm" => {
                    line = (num(&args[4]), num(&args[5]));
                    at = line;
                }
                "Td" => {
                    line = (line.0 + num(&args[0]), line.1 + num(&args[1]));
                    at = line;
                }
                "TD" => {
                    leading = -num(&args[1]);
                    line = (line.0 + num(&args[0]), line.1 + num(&args[1]));
                    at = line;
                }
                "T*" => {
                    line = (line.0, line.1 - leading);
                    at = line;
                }
                "'" => {
                    line = (line.0, line.1 - leading);
                    at = line;
                    shown.push(&args[0]);
                }
                "Tj" => shown.push(&args[0]),
                "TJ" => shown.extend(args[0].as_array().unwrap().iter()),
                _ => {}
            }
            if shown.is_empty() {
                continue;
            }
            let (widths, dw) = font.expect("a font is set before text");
            let x0 = at.0;
            for item in shown {
                match item {
                    Object::String(bytes, _) => {
                        for pair in bytes.chunks(2) {
                            let cid =
                                u32::from(pair[0]) << 8 | u32::from(*pair.get(1).unwrap_or(&0));
                            at.0 += widths.get(&cid).copied().unwrap_or(*dw) / 1000.0 * size;
                        }
                    }
                    adjust => at.0 -= num(adjust) / 1000.0 * size,
                }
            }
            runs.push(Run {
                page: n + 1,
                x0,
                x1: at.0,
                y: page_h - at.1,
                size,
                page_w,
                page_h,
            });
        }
    }
    runs
}

/// The runs that leave the printable area: the page less its 40-point side margins,
/// and less 14 points at the top and bottom (the running header and footer sit there).
fn outside(runs: &[Run]) -> Vec<String> {
    runs.iter()
        .filter(|r| {
            r.x0 < 40.0 - 0.6
                || r.x1 > r.page_w - 40.0 + 0.6
                || r.y - r.size < 14.0
                || r.y > r.page_h - 14.0
        })
        .map(|r| {
            format!(
                "page {}: x {:.1}–{:.1} of {:.0}, baseline {:.1} of {:.0}, {} pt",
                r.page, r.x0, r.x1, r.page_w, r.y, r.page_h, r.size
            )
        })
        .collect()
}

#[test]
fn no_text_leaves_the_page_and_long_titles_are_whole_in_every_pdf() {
    use partner_risk_core::review::{ReviewDecision, ReviewFields};
    use partner_risk_core::workshop::{
        Anonymity, BallotSource, DecidedHow, DecisionFields, ParticipantFields, WorkshopFields,
    };
    let (_dir, mut store) = temp_store();
    store.set_actor("Maximiliane Scharnhorst-Wendelstein von Oberammergau-Partenkirchen");
    // The names of the issue and worse: long words, long names, CJK, Arabic, accents.
    let partnership_name = "Vendor onboarding & data-sharing partnership between Überregionale Genossenschaftsbank Nordrhein-Westfalen eG and 株式会社東京データ解析研究所 (شركة البيانات)";
    let mut fields = PartnershipFields::new(partnership_name);
    fields.partner = "Überregionale Genossenschaftsbank Nordrhein-Westfalen und Rheinland-Pfalz eingetragene Genossenschaft — Zentralbereich Informationssicherheit".into();
    fields.owner = "Anne-Sophie Aßmann-Łukasiewicz".into();
    let p = store.create_partnership(fields, "5x5").unwrap();
    let titles = [
        "Vendor onboarding risk workshop – Q2: the partner's sub-processors in three jurisdictions have not signed the data processing agreement and the exit clauses leave the jointly created models unassigned",
        "個人データの越境移転に関する契約上の保護措置が不十分であり、委託先の再委託先に対する監査権が確保されていないリスク",
        "عدم وجود خطة خروج مكتوبة تحدد مصير البيانات والملكية الفكرية المشتركة عند إنهاء الشراكة",
        "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenauszahlungsstellenleiterinnenvertretungsvollmachtsbeglaubigungsurkunde",
    ];
    let owner = "Bartholomew Fitzgerald-Montgomery-Worthington III, Head of Third-Party Risk";
    let mut risk_ids = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let mut risk = RiskFields::new("technical", *title);
        risk.owner = owner.into();
        risk.description = format!("{title} — {}", titles[(n + 1) % titles.len()]);
        risk.inherent = Some(Score::new(5, 5));
        risk.residual = Some(Score::new(3, 4));
        risk.target = Some(Score::new(2, 2));
        let r = store.add_risk(&p.id, risk).unwrap();
        let mut action = ActionFields::new(*title);
        action.owner = owner.into();
        action.due = Some(today());
        action.cost = Some(Money {
            minor: 99_999_999_999,
            currency: "EUR".into(),
        });
        store.add_action(&r.id, action).unwrap();
        risk_ids.push(r.id);
    }
    store
        .add_review(
            &risk_ids[0],
            ReviewFields {
                approver: owner.into(),
                expiry: Some(NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()),
                ..ReviewFields::new(ReviewDecision::Accept, titles[0])
            },
            today(),
        )
        .unwrap();

    // The minutes of a workshop with the issue's title made longer.
    let workshop_title = "Vendor onboarding risk workshop – Q2 with Überregionale Genossenschaftsbank Nordrhein-Westfalen and 東京データ解析研究所";
    let mut w = WorkshopFields::new(workshop_title);
    w.anonymity = Anonymity::Named;
    w.facilitator = owner.into();
    w.place = "Konferenzraum „Zugspitze“, 14. Obergeschoss, Verwaltungsgebäude Süd".into();
    let w = store.create_workshop(&p.id, w).unwrap();
    let mut people = Vec::new();
    for name in [
        owner,
        "Zhāng Wěi-Lóng (张伟龙)",
        "عبد الرحمن بن عبد العزيز",
        "Anne-Sophie Aßmann-Łukasiewicz",
    ] {
        let mut f = ParticipantFields::voter(name);
        f.role = "Chief Information Security Officer and Data Protection Officer (acting)".into();
        people.push(store.add_participant(&w.id, f).unwrap().id);
    }
    let refs: Vec<String> = risk_ids.clone();
    let items = store.add_agenda_items(&w.id, &refs).unwrap();
    store.start_workshop(&w.id).unwrap();
    for item in &items {
        for (k, person) in people.iter().enumerate() {
            let score = Score::new(1 + (k as u8 % 5), 2 + (k as u8 % 4));
            store
                .cast_ballot(
                    &item.id,
                    person,
                    score,
                    titles[k % titles.len()],
                    BallotSource::Room,
                )
                .unwrap();
        }
        store.reveal(&item.id).unwrap();
        store
            .decide(
                &item.id,
                DecisionFields {
                    score: Some(Score::new(3, 3)),
                    how: DecidedHow::Facilitator,
                    rationale: titles.join(" "),
                    dissent: titles[1].into(),
                },
            )
            .unwrap();
    }
    store.close_workshop(&w.id).unwrap();

    let options = PdfOptions {
        prepared_by: owner.into(),
        confidentiality: "Streng vertraulich – nur für den Lenkungsausschuss und die Prüfer".into(),
        ..PdfOptions::default()
    };
    let documents = [
        (
            "report",
            export(&store, &store.partnership(&p.id).unwrap(), &options),
            partnership_name,
        ),
        (
            "report on Letter",
            export(
                &store,
                &store.partnership(&p.id).unwrap(),
                &PdfOptions {
                    paper: Paper::Letter,
                    ..options.clone()
                },
            ),
            partnership_name,
        ),
        (
            "plan only",
            export(
                &store,
                &store.partnership(&p.id).unwrap(),
                &PdfOptions {
                    plan_only: true,
                    ..options.clone()
                },
            ),
            partnership_name,
        ),
        (
            "portfolio",
            store.export_portfolio(today(), owner).unwrap().0,
            partnership_name,
        ),
        (
            "minutes",
            store.export_minutes(&w.id, today()).unwrap().0,
            workshop_title,
        ),
    ];
    // A matrix of the partner's own words: long labels and level names in the heat maps,
    // the grids and the appendix.
    let mut wordy = custom_matrix(&mut store, 5, 4);
    for (n, level) in wordy.likelihood.iter_mut().enumerate() {
        level.label = format!("Wahrscheinlichkeitsstufe {n}: Eintritt im Berichtszeitraum");
    }
    for (n, level) in wordy.impact.iter_mut().enumerate() {
        level.label = format!("Auswirkungsstufe {n} — erhebliche Beeinträchtigung");
    }
    for level in wordy.levels.iter_mut() {
        level.name = format!("{} – an den Lenkungsausschuss", level.name);
    }
    let wordy = store.update_matrix(wordy).unwrap();
    let mut other = PartnershipFields::new("Zweite Partnerschaft mit sehr langen Stufen");
    other.partner = partnership_name.into();
    let q = store.create_partnership(other, &wordy.id).unwrap();
    let mut risk = RiskFields::new("technical", titles[0]);
    risk.inherent = Some(Score::new(5, 4));
    risk.residual = Some(Score::new(2, 3));
    store.add_risk(&q.id, risk).unwrap();
    let documents: Vec<(&str, Vec<u8>, &str)> = documents
        .into_iter()
        .chain([(
            "report on a wordy matrix",
            export(&store, &store.partnership(&q.id).unwrap(), &options),
            "Zweite Partnerschaft mit sehr langen Stufen",
        )])
        .collect();

    // `LOOK_AT_PDFS=DIR` keeps the documents, to render them with pdftoppm and look.
    if let Some(dir) = std::env::var_os("LOOK_AT_PDFS") {
        for (kind, bytes, _) in &documents {
            let name = format!("long-{}.pdf", kind.replace(' ', "-"));
            std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
        }
    }
    let mut problems = Vec::new();
    for (kind, bytes, title) in &documents {
        let pdf = Pdf::read(bytes);
        let runs = text_runs(&pdf);
        assert!(runs.len() > 20, "{kind}: {} runs", runs.len());
        for line in outside(&runs) {
            problems.push(format!("{kind}: {line}"));
        }
        // The whole title is in the text, not cut by an ellipsis.
        if !pdf.has(title) {
            problems.push(format!(
                "{kind}: the whole title {title:?} is not in the text"
            ));
        }
        // The second partnership has one risk, the first title.
        let risks = if kind.contains("wordy") {
            &titles[..1]
        } else {
            &titles[..]
        };
        for t in risks {
            if *kind != "portfolio" && !pdf.has(t) {
                problems.push(format!("{kind}: the risk title {t:?} is not whole"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "text outside the page:\n{}",
        problems.join("\n")
    );

    // The running header of the minutes is shortened at the end of a word.
    let minutes = Pdf::read(&documents[4].1);
    let page_two = minutes.doc.extract_text(&[2]).unwrap();
    let full = format!("{partnership_name} — Workshop minutes: {workshop_title}");
    let start = page_two.rfind(&full[..30]).expect("the running header");
    let end = start
        + page_two[start..]
            .find('…')
            .expect("a shortened running header");
    let header = &page_two[start..end];
    let kept = header.trim_end();
    assert!(full.starts_with(kept), "{header:?}");
    assert!(
        full[kept.len()..].starts_with([' ', ',', '—', '–', ':']),
        "cut inside a word: {header:?}"
    );
}
