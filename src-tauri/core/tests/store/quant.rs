//! Risk in money in the store: estimates kept in the risk record with their audit rows,
//! settings, runs kept with their fingerprint and marked out of date, the portfolio's
//! single currency, the interchange round trip, the cells and the mitigation value.

use partner_risk_core::interchange::{export_partnership, import_partnership};
use partner_risk_core::model::{ActionFields, Money, PartnershipFields, ScoreKind};
use partner_risk_core::quant::{Frequency, LossEstimate, LossPerEvent, Tolerance, TolerancePoint};
use partner_risk_core::store::{RunRequest, PORTFOLIO};
use partner_risk_core::{OpenMode, Store};

use crate::support::{partnership, risk, temp_store};

fn estimate(rate: f64, low: f64, high: f64) -> LossEstimate {
    LossEstimate {
        frequency: Some(Frequency::Rate { per_year: rate }),
        loss: Some(LossPerEvent::Range { low, high }),
    }
}

fn run(years: u32, seed: u64) -> RunRequest {
    RunRequest {
        stages: vec![],
        years: Some(years),
        seed: Some(seed),
    }
}

#[test]
fn estimates_are_kept_audited_and_refused_whole() {
    let (dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("financial", "Partner cannot pay", Some((3, 4))))
        .unwrap();
    let e = estimate(0.5, 50_000.0, 2_000_000.0);
    store
        .set_loss_estimate(&r.id, ScoreKind::Residual, Some(e))
        .unwrap();
    // Read back from a fresh connection: the estimate is in the record.
    drop(store);
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::Existing).unwrap();
    store.set_actor("tester");
    let back = store.risk(&r.id).unwrap();
    assert_eq!(back.fields.residual_loss, Some(e));
    assert_eq!(back.fields.inherent_loss, None);
    // A bad estimate is refused and nothing changes.
    let bad = LossEstimate {
        frequency: None,
        loss: Some(LossPerEvent::Range {
            low: 1.0,
            high: 2.0,
        }),
    };
    let err = store
        .set_loss_estimate(&r.id, ScoreKind::Target, Some(bad))
        .unwrap_err();
    assert_eq!(err.field(), Some("target_loss.frequency"));
    assert_eq!(store.risk(&r.id).unwrap(), back);
    // Clearing is audited too: one row when set, one when removed.
    store
        .set_loss_estimate(&r.id, ScoreKind::Residual, None)
        .unwrap();
    let rows: Vec<_> = store
        .history(&r.id)
        .unwrap()
        .into_iter()
        .filter(|a| a.field.as_deref() == Some("residual_loss"))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].old_value.is_none() && rows[0].new_value.as_deref().unwrap().contains("rate"));
    assert!(rows[1].old_value.is_some() && rows[1].new_value.is_none());
    // The database itself refuses a column that is not a JSON object.
    let refused = store.connection().execute(
        "UPDATE risks SET target_loss = '[1]' WHERE id = ?1",
        [&r.id],
    );
    assert!(refused.is_err());
}

#[test]
fn settings_are_validated_and_audited_per_field() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    assert_eq!(store.partnership_currency(&p).unwrap(), None);
    store
        .change_quant_settings(&p, |s| {
            s.currency = Some("eur".into());
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
    assert_eq!(
        store.partnership_currency(&p).unwrap().as_deref(),
        Some("EUR")
    );
    let fields: Vec<String> = store
        .history(&p)
        .unwrap()
        .into_iter()
        .filter_map(|a| a.field)
        .collect();
    assert!(fields.contains(&"quant.currency".to_string()), "{fields:?}");
    assert!(
        fields.contains(&"quant.tolerance".to_string()),
        "{fields:?}"
    );
    let e = store
        .change_quant_settings(&p, |s| {
            s.years = 5;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("years"));
    assert_eq!(store.quant_settings(&p).unwrap().years, 100_000);
}

#[test]
fn a_run_is_kept_reproducible_and_goes_out_of_date_when_its_inputs_change() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let a = store
        .add_risk(&p, risk("financial", "A", Some((3, 4))))
        .unwrap();
    let b = store
        .add_risk(&p, risk("technical", "B", Some((2, 2))))
        .unwrap();
    store
        .set_loss_estimate(&a.id, ScoreKind::Residual, Some(estimate(0.5, 5e4, 2e6)))
        .unwrap();
    store
        .set_loss_estimate(&b.id, ScoreKind::Residual, Some(estimate(2.0, 1e3, 1e5)))
        .unwrap();
    let first = store.run_quant(&p, &run(20_000, 42)).unwrap();
    let residual = first
        .stages
        .iter()
        .find(|s| s.stage == ScoreKind::Residual)
        .unwrap();
    assert_eq!(residual.figures.risks, 2);
    assert_eq!(residual.figures.seed, 42);
    assert!(!residual.out_of_date);
    assert_eq!(residual.run_by, "tester");
    // No stage without estimates is empty of meaning: its run has no risks.
    let inherent = first
        .stages
        .iter()
        .find(|s| s.stage == ScoreKind::Inherent)
        .unwrap();
    assert_eq!(inherent.figures.risks, 0);
    assert_eq!(inherent.figures.mean, 0.0);
    assert!(first
        .incomplete
        .iter()
        .any(|(k, refs)| *k == ScoreKind::Inherent && refs.len() == 2));
    // The same inputs and seed give the same figures.
    let again = store.run_quant(&p, &run(20_000, 42)).unwrap();
    let again_residual = again
        .stages
        .iter()
        .find(|s| s.stage == ScoreKind::Residual)
        .unwrap();
    assert_eq!(again_residual.figures, residual.figures);
    // A changed estimate marks the kept result out of date; a changed title does not.
    let mut fields = store.risk(&b.id).unwrap().fields;
    fields.title = "B renamed".into();
    store.update_risk(&b.id, fields).unwrap();
    let kept = store.quant_results(&p).unwrap();
    assert!(!kept.stages.iter().any(|s| s.out_of_date));
    store
        .set_loss_estimate(&b.id, ScoreKind::Residual, Some(estimate(3.0, 1e3, 1e5)))
        .unwrap();
    let kept = store.quant_results(&p).unwrap();
    let residual = kept
        .stages
        .iter()
        .find(|s| s.stage == ScoreKind::Residual)
        .unwrap();
    assert!(residual.out_of_date);
    assert!(
        !kept
            .stages
            .iter()
            .find(|s| s.stage == ScoreKind::Target)
            .unwrap()
            .out_of_date
    );
    // A tolerance is checked against the kept curve when read.
    store
        .change_quant_settings(&p, |s| {
            s.tolerance = Some(Tolerance::new(
                TolerancePoint {
                    probability: 0.1,
                    loss: 1e4,
                },
                TolerancePoint {
                    probability: 0.01,
                    loss: 5e4,
                },
            )?);
            Ok(())
        })
        .unwrap();
    let kept = store.quant_results(&p).unwrap();
    let residual = kept
        .stages
        .iter()
        .find(|s| s.stage == ScoreKind::Residual)
        .unwrap();
    assert!(residual.tolerance.unwrap().outside);
    // Years outside 10,000 to 1,000,000 are refused.
    let e = store.run_quant(&p, &run(500, 1)).unwrap_err();
    assert_eq!(e.field(), Some("years"));
}

#[test]
fn the_portfolio_adds_partnerships_in_one_currency_only() {
    let (_dir, mut store) = temp_store();
    let mut ids = Vec::new();
    for (name, currency) in [("One", "EUR"), ("Two", "EUR")] {
        let p = store
            .create_partnership(PartnershipFields::new(name), "5x5")
            .unwrap()
            .id;
        store
            .change_quant_settings(&p, |s| {
                s.currency = Some(currency.into());
                Ok(())
            })
            .unwrap();
        let r = store.add_risk(&p, risk("financial", "A", None)).unwrap();
        store
            .set_loss_estimate(&r.id, ScoreKind::Residual, Some(estimate(0.5, 1e4, 1e6)))
            .unwrap();
        ids.push(p);
    }
    let one = store
        .run_quant(
            &ids[0],
            &RunRequest {
                stages: vec![ScoreKind::Residual],
                ..run(10_000, 5)
            },
        )
        .unwrap();
    let all = store
        .run_quant(
            PORTFOLIO,
            &RunRequest {
                stages: vec![ScoreKind::Residual],
                ..run(10_000, 5)
            },
        )
        .unwrap();
    assert_eq!(all.currency.as_deref(), Some("EUR"));
    let (p1, pf) = (&one.stages[0].figures, &all.stages[0].figures);
    assert_eq!(pf.risks, 2);
    assert!(pf.mean > p1.mean && pf.p99 >= p1.p99);
    store
        .change_quant_settings(&ids[1], |s| {
            s.currency = Some("USD".into());
            Ok(())
        })
        .unwrap();
    let e = store.run_quant(PORTFOLIO, &run(10_000, 5)).unwrap_err();
    assert_eq!(e.field(), Some("currency"));
    assert!(e.to_string().contains("different currencies"), "{e}");
}

#[test]
fn estimates_and_settings_survive_the_interchange() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("financial", "A", Some((3, 4))))
        .unwrap();
    let pert = LossEstimate {
        frequency: Some(Frequency::Probability { p: 0.25 }),
        loss: Some(LossPerEvent::Pert {
            min: 1.5e4,
            mode: 7.25e4,
            max: 3.333e5,
        }),
    };
    store
        .set_loss_estimate(&r.id, ScoreKind::Target, Some(pert))
        .unwrap();
    store
        .set_loss_estimate(
            &r.id,
            ScoreKind::Inherent,
            Some(LossEstimate {
                frequency: Some(Frequency::RateRange {
                    low: 0.1,
                    high: 0.7,
                }),
                loss: Some(LossPerEvent::Range {
                    low: 1e4,
                    high: 1e6 / 3.0,
                }),
            }),
        )
        .unwrap();
    store
        .change_quant_settings(&p, |s| {
            s.currency = Some("CHF".into());
            s.threshold = Some(2.5e6);
            s.seed = Some(u64::MAX);
            Ok(())
        })
        .unwrap();
    let doc = export_partnership(&store, &p).unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    let (_dir2, mut other) = temp_store();
    let imported = import_partnership(&mut other, serde_json::from_str(&json).unwrap()).unwrap();
    let again = export_partnership(&other, &imported.id).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), json);
    assert_eq!(other.risk(&r.id).unwrap().fields.target_loss, Some(pert));
    assert_eq!(other.quant_settings(&p).unwrap().seed, Some(u64::MAX));
}

#[test]
fn cells_and_mitigation_value_come_from_the_record() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    store
        .change_quant_settings(&p, |s| {
            s.currency = Some("EUR".into());
            Ok(())
        })
        .unwrap();
    let mut fields = risk("financial", "Partner cannot pay", Some((5, 5)));
    fields.residual = Some(partner_risk_core::matrix::Score::new(1, 1));
    // The numbers say 39 % a year and ~316k a loss: far from cell (1, 1).
    fields.residual_loss = Some(estimate(0.5, 5e4, 2e6));
    fields.target_loss = Some(estimate(0.1, 5e4, 2e6));
    let r = store.add_risk(&p, fields).unwrap();
    let cells = store.risk_cells(&p).unwrap();
    assert!(cells[0].disagrees());
    // The inherent cell (5, 5) has no estimate: its bands are offered.
    let (kind, suggestion) = cells[0].suggestions[0];
    assert_eq!(kind, ScoreKind::Inherent);
    assert!(suggestion.complete().is_some());
    store
        .add_action(
            &r.id,
            ActionFields {
                cost: Some(Money {
                    minor: 3_000_000,
                    currency: "EUR".into(),
                }),
                ..ActionFields::new("Escrow account")
            },
        )
        .unwrap();
    let v = store.mitigation_plan_value(&p).unwrap();
    let expected = (0.5 - 0.1) * estimate(1.0, 5e4, 2e6).expected_annual_loss().unwrap();
    assert!((v.risks[0].avoided - expected).abs() < 1e-6 * expected);
    assert_eq!(v.risks[0].annual_cost, 10_000.0);
    assert_eq!(v.currency.as_deref(), Some("EUR"));
}
