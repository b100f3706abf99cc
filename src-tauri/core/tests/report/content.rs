//! What a PDF report holds: every risk, page numbers and sections, embedded font subsets,
//! extractable non-ASCII text, matrices drawn from their own levels in every shape, letter
//! paper with very long text, the review log and the portfolio summary.

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{ActionFields, ActionStatus, Money, PartnershipFields, RiskFields};
use partner_risk_core::report::{Paper, PdfOptions, Section};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::Store;

use crate::support::{custom_matrix, demo_on, export, temp_store, today, Pdf};

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
    let err = partner_risk_core::report::export_pdf(&store, &p.id, &future, today(), &mut |_| {})
        .unwrap_err();
    assert_eq!(err.field(), Some("review_since"));

    // The portfolio: one landscape page with every partnership and the totals.
    let second = demo_on(&mut store, 0, "5x5");
    let (bytes, pages) =
        partner_risk_core::report::portfolio::export_portfolio(&store, today(), "Ann Analyst")
            .unwrap();
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
    let done =
        partner_risk_core::report::portfolio::export_portfolio_to_file(&store, today(), "", &path)
            .unwrap();
    assert_eq!((done.partnerships, done.pages), (2, 1));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), done.bytes);
}
