//! Exit plan benchmarks (run with `cargo bench -p partner-risk-core --bench exit`).
//!
//! Targets on the project's 2-core machines (issue 22): the readiness of 1,000 partnerships
//! for the portfolio ≤ 50 ms — read from the workspace (`exit_statuses`: partnerships, plans
//! and tests in three reads) and computed alone; the exit plan PDF of a 40-step plan
//! ≤ 200 ms.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use partner_risk_core::exit::{
    readiness, saas_starter, ExitTestFields, FinancialResult, OperationalResult, TestKind,
};
use partner_risk_core::model::PartnershipFields;
use partner_risk_core::{OpenMode, Store};

const PARTNERSHIPS: usize = 1_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

fn workspace(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir.join("exit.prisk"), OpenMode::CreateIfMissing).unwrap();
    for n in 0..PARTNERSHIPS {
        let p = store
            .create_partnership(PartnershipFields::new(format!("Partnership {n:04}")), "5x5")
            .unwrap();
        store
            .change_exit_plan(&p.id, |plan| {
                plan.start_from(saas_starter())?;
                plan.agreement.initial_term_end =
                    NaiveDate::from_ymd_opt(2027, 1 + (n % 12) as u32, 28);
                plan.agreement.notice_days_ours = Some(90);
                Ok(())
            })
            .unwrap();
        store
            .add_exit_test(
                &p.id,
                ExitTestFields {
                    date: NaiveDate::from_ymd_opt(2026, 1 + (n % 12) as u32, 1).unwrap(),
                    kind: TestKind::Tabletop,
                    scenario_id: None,
                    operational: OperationalResult::Pass,
                    financial: FinancialResult::NotAssessed,
                    findings: String::new(),
                },
            )
            .unwrap();
    }
    store
}

fn readiness_of_a_portfolio(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = workspace(dir.path());
    let mut group = c.benchmark_group("exit");
    group.sample_size(20);
    group.bench_function("statuses_1000_from_the_workspace", |b| {
        b.iter(|| store.exit_statuses(today()).unwrap())
    });
    let plans: Vec<_> = store
        .partnerships(false)
        .unwrap()
        .iter()
        .map(|p| {
            (
                store.exit_plan(&p.id).unwrap(),
                store.exit_tests(&p.id).unwrap(),
            )
        })
        .collect();
    group.bench_function("readiness_1000_computed", |b| {
        b.iter(|| {
            plans
                .iter()
                .map(|(plan, tests)| readiness(plan, tests, today()).gaps.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn pdf_of_a_long_plan(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("pdf.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Forty steps"), "5x5")
        .unwrap();
    store
        .change_exit_plan(&p.id, |plan| {
            plan.start_from(saas_starter())?;
            // 40 steps in all: the planned exit's 7, then 27 more after them, and the
            // stressed exit's 6.
            let s = &mut plan.scenarios[0];
            let template = s.steps[6].clone();
            for n in 0..27 {
                let mut step = template.clone();
                step.id = format!("extra-{n}");
                step.title = format!("Extra migration wave {n}");
                step.waits_for = Some(if n == 0 {
                    template.id.clone()
                } else {
                    format!("extra-{}", n - 1)
                });
                s.steps.push(step);
            }
            Ok(())
        })
        .unwrap();
    let mut group = c.benchmark_group("exit");
    group.sample_size(20);
    group.bench_function("pdf_40_steps", |b| {
        b.iter(|| {
            partner_risk_core::report::exit_plan::export_exit_plan(&store, &p.id, today()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, readiness_of_a_portfolio, pdf_of_a_long_plan);
criterion_main!(benches);
