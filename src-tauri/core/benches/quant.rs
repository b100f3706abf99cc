//! Loss simulation benchmark (run with `cargo bench -p partner-risk-core --bench quant`).
//!
//! Target (issue 24): 100,000 simulated years of a 1,000-risk partnership ≤ 0.5 s on the
//! project's 2-core machines (release), in bounded memory. The inputs are the ones
//! `scripts/quant-compare.py` gives numpy: risk n has rate 0.02 + 0.48 × ((n × 7919) mod
//! 1000) / 1000 events a year and a 90 % loss range from 10k × (1 + n mod 10) to that
//! × (10 + n mod 40); every fifth risk is a probability (the same number) instead.
//!
//! Measured 2026-12-07 (release, load ~4 from other builds): 0.31 s on two threads, 0.58 s
//! on one; the first engine took 2.12 s and 2.26 s.

use criterion::{criterion_group, criterion_main, Criterion};
use partner_risk_core::quant::{simulate, Frequency, LossPerEvent, RiskInput, SimulationConfig};

fn risks(count: usize) -> Vec<RiskInput> {
    (0..count)
        .map(|n| {
            let rate = 0.02 + 0.48 * ((n * 7919) % 1000) as f64 / 1000.0;
            let low = 10_000.0 * (1 + n % 10) as f64;
            let high = low * (10 + n % 40) as f64;
            RiskInput {
                risk_id: format!("risk-{n:04}"),
                reference: format!("FIN-{n:03}"),
                title: format!("Risk {n}"),
                frequency: if n % 5 == 4 {
                    Frequency::Probability { p: rate }
                } else {
                    Frequency::Rate { per_year: rate }
                },
                loss: LossPerEvent::Range { low, high },
            }
        })
        .collect()
}

fn simulation(c: &mut Criterion) {
    let inputs = risks(1_000);
    let mut group = c.benchmark_group("quant");
    group.sample_size(10);
    for threads in [None, Some(1)] {
        let name = match threads {
            None => "100000_years_1000_risks".to_string(),
            Some(t) => format!("100000_years_1000_risks_{t}_thread"),
        };
        let config = SimulationConfig {
            years: 100_000,
            seed: 2024,
            threshold: Some(10_000_000.0),
            threads,
        };
        group.bench_function(name, |b| b.iter(|| simulate(&inputs, &config)));
    }
    group.finish();
}

criterion_group!(benches, simulation);
criterion_main!(benches);
