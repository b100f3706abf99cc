//! The simulation against closed forms (tolerances from its own standard error), its
//! properties, and the rules of estimates, tolerance, cells and mitigation value.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::matrix::{preset, Score};
use crate::model::{Action, ActionFields, ActionStatus, Money, Risk, RiskFields, ScoreKind};
use crate::money::lognormal_params;

fn risk(id: &str, frequency: Frequency, loss: LossPerEvent) -> RiskInput {
    RiskInput {
        risk_id: id.into(),
        reference: id.to_uppercase(),
        title: format!("Risk {id}"),
        frequency,
        loss,
    }
}

fn config(years: u32, seed: u64) -> SimulationConfig {
    SimulationConfig {
        years,
        seed,
        threshold: None,
        threads: None,
    }
}

/// |x − expected| within `k` standard errors.
fn within(x: f64, expected: f64, se: f64, k: f64) {
    assert!(
        (x - expected).abs() <= k * se,
        "{x} is not within {k} × {se} of {expected}"
    );
}

#[test]
fn poisson_lognormal_mean_and_no_loss_match_the_closed_forms() {
    let (lambda, low, high) = (0.8, 10_000.0, 1_000_000.0);
    let r = risk(
        "a",
        Frequency::Rate { per_year: lambda },
        LossPerEvent::Range { low, high },
    );
    let f = simulate(&[r], &config(200_000, 7));
    let (mu, sigma) = lognormal_params(low, high);
    assert!((sigma - (high.ln() - low.ln()) / 3.29).abs() < 1e-3);
    within(
        f.mean,
        lambda * (mu + sigma * sigma / 2.0).exp(),
        f.std_error,
        4.0,
    );
    let p0 = (-lambda).exp();
    let n = f64::from(f.years);
    within(1.0 - f.p_any_loss, p0, (p0 * (1.0 - p0) / n).sqrt(), 4.0);
    assert_eq!(f.risks, 1);
    assert!((f.contributions[0].share_of_mean - 1.0).abs() < 1e-12);
    assert!((f.contributions[0].share_of_tail - 1.0).abs() < 1e-12);
}

#[test]
fn bernoulli_loses_with_its_probability_and_at_most_once_a_year() {
    let p = 0.3;
    let x = 50_000.0;
    let r = risk(
        "b",
        Frequency::Probability { p },
        LossPerEvent::Pert {
            min: x,
            mode: x,
            max: x,
        },
    );
    let f = simulate(&[r], &config(100_000, 11));
    let n = f64::from(f.years);
    within(f.p_any_loss, p, (p * (1.0 - p) / n).sqrt(), 4.0);
    // One fixed loss at most once a year: every total is 0 or x.
    assert_eq!(f.max, x);
    assert_eq!(f.p99, x);
    assert_eq!(f.median, 0.0);
    within(f.mean, p * x, f.std_error, 4.0);
}

#[test]
fn independent_risks_add_their_means() {
    let a = risk(
        "a",
        Frequency::Rate { per_year: 0.5 },
        LossPerEvent::Range {
            low: 20_000.0,
            high: 400_000.0,
        },
    );
    let b = risk(
        "b",
        Frequency::Probability { p: 0.2 },
        LossPerEvent::Pert {
            min: 100_000.0,
            mode: 250_000.0,
            max: 900_000.0,
        },
    );
    let c = config(100_000, 3);
    let (fa, fb, fab) = (
        simulate(std::slice::from_ref(&a), &c),
        simulate(std::slice::from_ref(&b), &c),
        simulate(&[a.clone(), b.clone()], &c),
    );
    // The same draws (streams keyed by risk id): the sum's mean is the means' sum.
    assert!((fab.mean - (fa.mean + fb.mean)).abs() <= 1e-9 * fab.mean);
    let exact = LossEstimate {
        frequency: Some(a.frequency),
        loss: Some(a.loss),
    }
    .expected_annual_loss()
    .unwrap()
        + 0.2 * (100_000.0 + 4.0 * 250_000.0 + 900_000.0) / 6.0;
    within(fab.mean, exact, fab.std_error, 4.0);
    let shares: f64 = fab.contributions.iter().map(|c| c.share_of_mean).sum();
    let tail: f64 = fab.contributions.iter().map(|c| c.share_of_tail).sum();
    assert!((shares - 1.0).abs() < 1e-9 && (tail - 1.0).abs() < 1e-9);
}

#[test]
fn an_uncertain_rate_has_the_lognormal_mean_of_its_range() {
    let f = Frequency::RateRange {
        low: 0.1,
        high: 2.0,
    };
    let loss = LossPerEvent::Range {
        low: 1_000.0,
        high: 10_000.0,
    };
    let fig = simulate(&[risk("m", f, loss)], &config(200_000, 5));
    within(fig.mean, f.mean_events() * loss.mean(), fig.std_error, 4.0);
}

#[test]
fn the_figures_do_not_depend_on_the_number_of_threads() {
    let rs: Vec<RiskInput> = (0..20)
        .map(|n| {
            risk(
                &format!("r{n}"),
                Frequency::Rate {
                    per_year: 0.1 + n as f64 / 20.0,
                },
                LossPerEvent::Range {
                    low: 1e4,
                    high: 1e6,
                },
            )
        })
        .collect();
    let one = simulate(
        &rs,
        &SimulationConfig {
            threads: Some(1),
            ..config(50_000, 9)
        },
    );
    let three = simulate(
        &rs,
        &SimulationConfig {
            threads: Some(3),
            ..config(50_000, 9)
        },
    );
    assert_eq!(one, three);
    assert!(one.curve.len() <= CURVE_POINTS && one.curve.len() > 10);
    assert!(one
        .curve
        .windows(2)
        .all(|w| w[0].probability >= w[1].probability));
    assert!(one.p90 <= one.p95 && one.p95 <= one.p99 && one.p99 <= one.es99);
}

#[test]
fn progress_rises_to_one() {
    let rs = [risk(
        "p",
        Frequency::Rate { per_year: 1.0 },
        LossPerEvent::Range {
            low: 1e3,
            high: 1e5,
        },
    )];
    let seen = std::sync::Mutex::new(Vec::new());
    let config = SimulationConfig {
        threads: Some(1),
        ..config(40_000, 1)
    };
    let with = simulate_with_progress(&rs, &config, &|p| seen.lock().unwrap().push(p));
    assert_eq!(with, simulate(&rs, &config));
    let seen = seen.into_inner().unwrap();
    assert!(seen.len() > 10, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(seen.last(), Some(&1.0));
}

fn any_input() -> impl Strategy<Value = (Frequency, LossPerEvent)> {
    let frequency = prop_oneof![
        (0.01f64..3.0).prop_map(|r| Frequency::Rate { per_year: r }),
        (0.01f64..1.0).prop_map(|p| Frequency::Probability { p }),
        (0.01f64..1.0, 1.0f64..5.0).prop_map(|(l, k)| Frequency::RateRange {
            low: l,
            high: l * k
        }),
    ];
    let loss = prop_oneof![
        (1e3f64..1e6, 1.0f64..100.0).prop_map(|(l, k)| LossPerEvent::Range {
            low: l,
            high: l * k
        }),
        (1e3f64..1e6, 0.0f64..1.0, 1.0f64..50.0).prop_map(|(min, m, k)| LossPerEvent::Pert {
            min,
            mode: min + m * (min * k - min),
            max: min * k
        }),
    ];
    (frequency, loss)
}

fn inputs(list: &[(Frequency, LossPerEvent)]) -> Vec<RiskInput> {
    list.iter()
        .enumerate()
        .map(|(n, (f, l))| risk(&format!("risk-{n}"), *f, *l))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_same_seed_gives_the_same_figures(
        list in prop::collection::vec(any_input(), 1..6),
        seed in any::<u64>(),
    ) {
        let rs = inputs(&list);
        prop_assert_eq!(simulate(&rs, &config(10_000, seed)), simulate(&rs, &config(10_000, seed)));
    }

    #[test]
    fn adding_a_risk_never_lowers_a_quantile(
        list in prop::collection::vec(any_input(), 1..5),
        extra in any_input(),
        seed in any::<u64>(),
    ) {
        let rs = inputs(&list);
        let mut more = rs.clone();
        // Inserted first: the others' draws and their order of summing change nowhere.
        more.insert(0, risk("added", extra.0, extra.1));
        let (a, b) = (simulate(&rs, &config(10_000, seed)), simulate(&more, &config(10_000, seed)));
        for (x, y) in [(a.median, b.median), (a.p90, b.p90), (a.p95, b.p95), (a.p99, b.p99),
                       (a.es99, b.es99), (a.max, b.max), (a.mean, b.mean)] {
            prop_assert!(y >= x, "{} fell to {}", x, y);
        }
        prop_assert!(b.p_any_loss >= a.p_any_loss);
    }

    #[test]
    fn more_years_never_widen_the_standard_error(
        list in prop::collection::vec(any_input(), 1..4),
        seed in any::<u64>(),
    ) {
        let rs = inputs(&list);
        let short = simulate(&rs, &config(10_000, seed));
        let long = simulate(&rs, &config(100_000, seed));
        prop_assert!(long.std_error <= short.std_error,
            "{} years: {}, {} years: {}", short.years, short.std_error, long.years, long.std_error);
    }
}

#[test]
fn estimates_are_refused_in_words_with_their_field() {
    let bad = |e: LossEstimate| e.validate("residual_loss").unwrap_err().to_string();
    let range = |low, high| LossPerEvent::Range { low, high };
    let rate = Some(Frequency::Rate { per_year: 0.5 });
    let e = bad(LossEstimate {
        frequency: rate,
        loss: Some(range(2e6, 5e4)),
    });
    assert!(
        e.contains("residual_loss.loss") && e.contains("low end is above the high end"),
        "{e}"
    );
    let e = bad(LossEstimate {
        frequency: Some(Frequency::Probability { p: 1.5 }),
        loss: None,
    });
    assert!(
        e.contains("residual_loss.frequency.p") && e.contains("at most 1"),
        "{e}"
    );
    let e = bad(LossEstimate {
        frequency: rate,
        loss: Some(range(0.0, 5e4)),
    });
    assert!(e.contains("above zero"), "{e}");
    let e = bad(LossEstimate {
        frequency: rate,
        loss: Some(range(-5.0, 5e4)),
    });
    assert!(e.contains("above zero"), "{e}");
    let e = bad(LossEstimate {
        frequency: None,
        loss: Some(range(5e4, 2e6)),
    });
    assert!(
        e.contains("residual_loss.frequency") && e.contains("needs the stage's frequency"),
        "{e}"
    );
    let e = bad(LossEstimate {
        frequency: rate,
        loss: Some(LossPerEvent::Pert {
            min: 10.0,
            mode: 5.0,
            max: 20.0,
        }),
    });
    assert!(e.contains("minimum ≤ most likely ≤ maximum"), "{e}");
    // A risk's fields check their estimates.
    let mut fields = RiskFields::new("technical", "t");
    fields.target_loss = Some(LossEstimate {
        frequency: None,
        loss: Some(range(1.0, 2.0)),
    });
    assert!(fields
        .validate()
        .unwrap_err()
        .to_string()
        .contains("target_loss.frequency"));
}

#[test]
fn typed_estimates_parse() {
    assert_eq!(
        parse_frequency("0.5", "--frequency").unwrap(),
        Frequency::Rate { per_year: 0.5 }
    );
    assert_eq!(
        parse_frequency("0.2..1.5", "--frequency").unwrap(),
        Frequency::RateRange {
            low: 0.2,
            high: 1.5
        }
    );
    assert_eq!(
        parse_loss_range("50k..2M", "--loss").unwrap(),
        LossPerEvent::Range {
            low: 50_000.0,
            high: 2_000_000.0
        }
    );
    assert_eq!(
        parse_pert("10000,50000,400000", "--pert").unwrap(),
        LossPerEvent::Pert {
            min: 1e4,
            mode: 5e4,
            max: 4e5
        }
    );
    let e = parse_loss_range("2000000..50000", "--loss").unwrap_err();
    assert_eq!(e.field(), Some("--loss"));
    assert!(e.to_string().contains("low end is above"));
    assert!(parse_frequency("often", "--frequency").is_err());
    assert!(parse_frequency("-1", "--frequency").is_err());
    assert!(parse_pert("1,2", "--pert").is_err());
    assert!(parse_amount("12 EUR", "--loss").is_err());
}

#[test]
fn the_tolerance_runs_through_its_points_and_flags_a_curve_above_it() {
    let t = Tolerance::new(
        TolerancePoint::parse("0.01:5000000", "--point").unwrap(),
        TolerancePoint::parse("0.10:1000000", "--point").unwrap(),
    )
    .unwrap();
    assert_eq!(t.points[0].loss, 1e6);
    assert!((t.probability_at(1e6) - 0.10).abs() < 1e-12);
    assert!((t.probability_at(5e6) - 0.01).abs() < 1e-12);
    assert!(t.probability_at(2e6) < 0.10 && t.probability_at(2e6) > 0.01);
    let below = [CurvePoint {
        loss: 1e6,
        probability: 0.05,
    }];
    assert!(!t.check(&below).unwrap().outside);
    let above = [
        CurvePoint {
            loss: 1e6,
            probability: 0.05,
        },
        CurvePoint {
            loss: 5e6,
            probability: 0.04,
        },
    ];
    let check = t.check(&above).unwrap();
    assert!(check.outside);
    assert_eq!(check.worst_loss, 5e6);
    let e = Tolerance::new(
        TolerancePoint {
            probability: 0.01,
            loss: 1e6,
        },
        TolerancePoint {
            probability: 0.1,
            loss: 5e6,
        },
    )
    .unwrap_err();
    assert!(e
        .to_string()
        .contains("larger loss with a smaller probability"));
    assert!(TolerancePoint::parse("1.5:100", "--point").is_err());
}

#[test]
fn the_numbers_imply_a_cell_and_a_cell_suggests_numbers() {
    let m = preset("5x5").unwrap();
    // 0.5 events a year → 39 % a year; a typical loss of √(50k × 2M) ≈ 316k.
    let e = LossEstimate {
        frequency: Some(Frequency::Rate { per_year: 0.5 }),
        loss: Some(LossPerEvent::Range {
            low: 50_000.0,
            high: 2_000_000.0,
        }),
    };
    let cell = implied_cell(&m, &e).unwrap();
    let likelihood = m
        .likelihood
        .iter()
        .position(|l| l.range.as_deref().is_some_and(|r| r.starts_with("20-50")));
    let impact = m
        .impact
        .iter()
        .position(|l| l.range.as_deref() == Some("€100k-€1M"));
    assert_eq!(
        (
            Some(cell.likelihood as usize - 1),
            Some(cell.impact as usize - 1)
        ),
        (likelihood, impact),
        "{:?}",
        m.likelihood
    );
    let check = CellCheck::new(ScoreKind::Residual, Some(Score::new(1, 1)), Some(cell));
    assert!(check.disagrees && check.steps.unwrap() >= 2);
    assert!(!CellCheck::new(ScoreKind::Residual, Some(cell), Some(cell)).disagrees);
    // Every cell's bands, taken as the estimate, fall back in that cell.
    for l in 1..=5 {
        for i in 1..=5 {
            let s = Score::new(l, i);
            let suggested = suggested_estimate(&m, s).unwrap();
            suggested.validate("x").unwrap();
            assert_eq!(implied_cell(&m, &suggested), Some(s), "cell {s}");
            // Three significant figures print as three: no 0.6930000000000001.
            if let Some(Frequency::RateRange { low, high }) = suggested.frequency {
                for x in [low, high] {
                    let digits = format!("{x}").replace('.', "");
                    let significant = digits.trim_start_matches('0').trim_end_matches('0');
                    assert!(significant.len() <= 3, "{x}");
                }
            }
        }
    }
}

#[test]
fn mitigation_value_is_loss_avoided_against_the_annual_cost() {
    let estimate = |rate: f64| LossEstimate {
        frequency: Some(Frequency::Rate { per_year: rate }),
        loss: Some(LossPerEvent::Pert {
            min: 100_000.0,
            mode: 100_000.0,
            max: 100_000.0,
        }),
    };
    let now = chrono::Utc::now();
    let mut fields = RiskFields::new("financial", "Partner cannot pay");
    fields.residual_loss = Some(estimate(0.5));
    fields.target_loss = Some(estimate(0.1));
    let r = Risk {
        id: "r1".into(),
        partnership_id: "p".into(),
        reference: "FIN-001".into(),
        fields,
        created_at: now,
        updated_at: now,
    };
    let action = |minor: i64, currency: &str, status| Action {
        id: format!("a{minor}"),
        risk_id: "r1".into(),
        fields: ActionFields {
            cost: Some(Money {
                minor,
                currency: currency.into(),
            }),
            status,
            ..ActionFields::new("Escrow")
        },
        created_at: now,
        updated_at: now,
    };
    let actions = HashMap::from([(
        "r1".to_string(),
        vec![
            action(9_000_000, "EUR", ActionStatus::Planned),
            action(100_000_000, "EUR", ActionStatus::Cancelled),
            action(500, "USD", ActionStatus::Done),
        ],
    )]);
    let v = mitigation_value(&[r], &actions, Some("EUR"), 3);
    let rv = &v.risks[0];
    assert_eq!(rv.from, ScoreKind::Residual);
    assert!((rv.avoided - 40_000.0).abs() < 1e-6);
    assert_eq!(rv.cost, 90_000.0);
    assert_eq!(rv.annual_cost, 30_000.0);
    assert!((rv.net - 10_000.0).abs() < 1e-6);
    assert!((rv.return_on_cost.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(rv.other_currency, 1);
    assert!((v.net - 10_000.0).abs() < 1e-6);
}
