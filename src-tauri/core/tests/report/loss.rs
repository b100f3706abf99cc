//! The report's loss section and the workbook's Loss sheet (issue 24): absent for a
//! partnership without money estimates; with them, the kept run's figures, the tolerance
//! breach, the curves drawn as vector lines, the disagreeing cells and the mitigation
//! value; the sheet carries every estimate and the kept figures.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use partner_risk_core::model::{ActionFields, Money, ScoreKind};
use partner_risk_core::quant::{Frequency, LossEstimate, LossPerEvent, Tolerance, TolerancePoint};
use partner_risk_core::report::{PdfOptions, Section};
use partner_risk_core::store::RunRequest;

use crate::support::{demo_on, export, squash, temp_store, today, Pdf};

fn estimate(rate: f64, low: f64, high: f64) -> LossEstimate {
    LossEstimate {
        frequency: Some(Frequency::Rate { per_year: rate }),
        loss: Some(LossPerEvent::Range { low, high }),
    }
}

#[test]
fn the_loss_section_prints_the_kept_run_and_the_value() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let all = PdfOptions::default();
    // Without estimates the section is left out of a full report.
    let plain = Pdf::read(&export(&store, &p, &all));
    assert!(!plain.has("Loss in money"));

    let risks = store.risks(&p.id).unwrap();
    let (a, b) = (&risks[0], &risks[1]);
    store
        .set_loss_estimate(&a.id, ScoreKind::Residual, Some(estimate(0.5, 5e4, 2e6)))
        .unwrap();
    store
        .set_loss_estimate(&a.id, ScoreKind::Target, Some(estimate(0.1, 5e4, 2e6)))
        .unwrap();
    store
        .set_loss_estimate(&b.id, ScoreKind::Residual, Some(estimate(1.0, 1e5, 9e6)))
        .unwrap();
    store
        .add_action(
            &a.id,
            ActionFields {
                cost: Some(Money {
                    minor: 6_000_000,
                    currency: "EUR".into(),
                }),
                ..ActionFields::new("Escrow")
            },
        )
        .unwrap();
    store
        .change_quant_settings(&p.id, |s| {
            s.currency = Some("EUR".into());
            s.tolerance = Some(Tolerance::new(
                TolerancePoint {
                    probability: 0.1,
                    loss: 1e6,
                },
                TolerancePoint {
                    probability: 0.01,
                    loss: 5e6,
                },
            )?);
            Ok(())
        })
        .unwrap();
    // Estimates but no run: the section says so, and still values the plan.
    let only = PdfOptions {
        sections: vec![Section::Loss],
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&store, &p, &only));
    assert!(pdf.has("No simulation is kept"));
    assert!(pdf.has("What the mitigation plan is worth"));
    assert!(pdf.has(&a.reference));

    let request = RunRequest {
        stages: vec![],
        years: Some(20_000),
        seed: Some(99),
    };
    store.run_quant(&p.id, &request).unwrap();
    let bytes = export(&store, &p, &only);
    let pdf = Pdf::read(&bytes);
    assert!(pdf.has("Annual loss in EUR, simulated over 20,000 years (seed 99)"));
    assert!(pdf.has("Figures per stage"));
    assert!(
        pdf.has("Outside"),
        "the second risk's 1M-9M losses break the tolerance"
    );
    assert!(pdf.has("Top contributors (residual)"));
    assert!(pdf.has("The plan:"));
    // The curves are vector lines: many line segments in the page's content.
    let page = *pdf.doc.get_pages().values().next().unwrap();
    let content = String::from_utf8_lossy(&pdf.doc.get_page_content(page)).into_owned();
    assert!(content.matches(" l\n").count() + content.matches(" l ").count() > 100);
    // A full report has the section after the plan.
    let full = Pdf::read(&export(&store, &p, &all));
    let at = |t: &str| full.all().find(&squash(t)).unwrap();
    assert!(at("Loss in money") > at("Mitigation plan"));

    // The workbook's Loss sheet: three estimates, then the kept figures.
    let xlsx = partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("Loss").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let estimates: Vec<&Vec<Data>> = rows
        .iter()
        .filter(|r| matches!(r.get(2), Some(Data::String(s)) if s == "residual" || s == "target"))
        .collect();
    assert_eq!(estimates.len(), 3);
    assert!(estimates
        .iter()
        .any(|r| r[0] == Data::String(a.reference.clone()) && r[4] == Data::Float(0.5)));
    assert!(rows
        .iter()
        .any(|r| r.first() == Some(&Data::String("Simulated stage".into()))));
}

#[test]
fn the_mitigation_plan_can_be_grouped_by_value() {
    use partner_risk_core::report::PlanGrouping;
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let risks = store.risks(&p.id).unwrap();
    let (valued, other) = (&risks[0], &risks[1]);
    for (stage, rate) in [(ScoreKind::Residual, 0.5), (ScoreKind::Target, 0.1)] {
        store
            .set_loss_estimate(&valued.id, stage, Some(estimate(rate, 5e4, 2e6)))
            .unwrap();
    }
    for (risk, title) in [(valued, "Escrow the source"), (other, "Second supplier")] {
        store
            .add_action(
                &risk.id,
                ActionFields {
                    cost: Some(Money {
                        minor: 6_000_000,
                        currency: "EUR".into(),
                    }),
                    ..ActionFields::new(title)
                },
            )
            .unwrap();
    }
    store
        .change_quant_settings(&p.id, |s| {
            s.currency = Some("EUR".into());
            Ok(())
        })
        .unwrap();
    let value = store.mitigation_plan_value(&p.id).unwrap();
    let worth = &value.risks[0];
    assert_eq!(worth.risk_id, valued.id);

    let options = PdfOptions {
        sections: vec![Section::Plan],
        plan_grouping: PlanGrouping::Value,
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&store, &p, &options));
    let text = pdf.all();
    assert!(pdf.has("grouped by risk, the mitigation worth most in money first"));
    // The valued risk's group comes first, named with what it avoids and what its
    // actions cost a year; the others follow in one group.
    let first = squash(&format!(
        "{} {}: avoids {} EUR a year for {} EUR a year",
        valued.reference,
        valued.fields.title,
        thousands(worth.avoided),
        thousands(worth.annual_cost)
    ));
    let at_first = text.find(&first).expect("the valued risk's group");
    let at_rest = text
        .find(&squash("Risks without a value in money"))
        .expect("the group of the others");
    assert!(at_first < at_rest);
    let escrow = text.find(&squash("Escrow the source")).unwrap();
    let second = text.find(&squash("Second supplier")).unwrap();
    assert!(at_first < escrow && escrow < at_rest && at_rest < second);
    assert!(pdf.has(&format!("Subtotal {}", valued.reference)));
}

/// 237193.4 → "237,193".
fn thousands(x: f64) -> String {
    let digits = (x.round() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
