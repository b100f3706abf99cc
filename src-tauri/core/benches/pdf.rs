//! PDF export benchmarks (run with `cargo bench -p partner-risk-core --bench pdf`).
//!
//! Targets on the project's 2-core machines: the full report of the demo partnership
//! with 1,000 risks ≤ 100 ms, with 10,000 risks ≤ 1 s. `scripts/compare-pdf.sh` times
//! the same register against ReportLab and headless Chromium.

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use partner_risk_core::report::{PdfOptions, Section};
use partner_risk_core::{OpenMode, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn export(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("pdf");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for risks in [1_000usize, 10_000] {
        let mut store = Store::open(
            dir.path().join(format!("{risks}.prisk")),
            OpenMode::CreateIfMissing,
        )
        .unwrap();
        // The demo has its own ~45 risks; the rest are generated.
        let p = store
            .create_demo(risks.saturating_sub(45), today())
            .unwrap();
        let full = PdfOptions::default();
        group.bench_function(format!("full report, {risks} risks"), |b| {
            b.iter(|| {
                partner_risk_core::report::export_pdf(&store, &p.id, &full, today(), &mut |_| {})
                    .unwrap()
            })
        });
        let register = PdfOptions {
            sections: vec![Section::Register],
            ..PdfOptions::default()
        };
        group.bench_function(format!("register only, {risks} risks"), |b| {
            b.iter(|| {
                partner_risk_core::report::export_pdf(
                    &store,
                    &p.id,
                    &register,
                    today(),
                    &mut |_| {},
                )
                .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
