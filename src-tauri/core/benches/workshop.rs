//! Workshop benchmarks (run with `cargo bench -p partner-risk-core --bench workshop`).
//!
//! Targets on the project's 2-core machines: the spread of 12 votes ≤ 1 ms; the minutes
//! of a 60-item, 12-voter, 2-round workshop ≤ 300 ms.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use partner_risk_core::matrix::{preset, Score};
use partner_risk_core::workshop::{
    Anonymity, BallotSource, ConsensusRule, DecidedHow, DecisionFields, ParticipantFields, Spread,
    WorkshopFields,
};
use partner_risk_core::{OpenMode, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
}

/// A deterministic spread of votes around a cell.
fn vote(seed: usize, voter: usize) -> Score {
    let l = 1 + ((seed * 7 + voter * 3) % 5) as u8;
    let i = 1 + ((seed * 5 + voter * 2) % 5) as u8;
    Score::new(l, i)
}

fn spread(c: &mut Criterion) {
    let matrix = preset("5x5").unwrap();
    let votes: Vec<Score> = (0..12).map(|v| vote(3, v)).collect();
    let rule = ConsensusRule::default();
    c.bench_function("spread of 12 votes", |b| {
        b.iter(|| Spread::of(black_box(&matrix), black_box(&votes), &rule))
    });
}

fn minutes(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store.create_demo(60, today()).unwrap();
    let w = store
        .create_workshop(
            &p.id,
            WorkshopFields {
                anonymity: Anonymity::Named,
                ..WorkshopFields::new("Annual review")
            },
        )
        .unwrap();
    let voters: Vec<String> = (0..12)
        .map(|n| {
            store
                .add_participant(&w.id, ParticipantFields::voter(format!("Voter {n:02}")))
                .unwrap()
                .id
        })
        .collect();
    let refs: Vec<String> = store
        .risks(&p.id)
        .unwrap()
        .into_iter()
        .take(60)
        .map(|r| r.reference)
        .collect();
    let items = store.add_agenda_items(&w.id, &refs).unwrap();
    store.start_workshop(&w.id).unwrap();
    for (n, item) in items.iter().enumerate() {
        for round in 0..2 {
            for (v, voter) in voters.iter().enumerate() {
                let comment = if v % 4 == 0 {
                    "A comment on the score"
                } else {
                    ""
                };
                store
                    .cast_ballot(
                        &item.id,
                        voter,
                        vote(n + round, v),
                        comment,
                        BallotSource::Room,
                    )
                    .unwrap();
            }
            store.reveal(&item.id).unwrap();
            if round == 0 {
                store.revote(&item.id).unwrap();
            }
        }
        store
            .decide(
                &item.id,
                DecisionFields {
                    score: Some(vote(n, 0)),
                    how: DecidedHow::Facilitator,
                    rationale: "The room agreed after discussing the outliers.".into(),
                    dissent: String::new(),
                },
            )
            .unwrap();
    }
    store.close_workshop(&w.id).unwrap();
    let mut group = c.benchmark_group("minutes");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("60 items, 12 voters, 2 rounds", |b| {
        b.iter(|| partner_risk_core::minutes::export_minutes(&store, &w.id, today()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, spread, minutes);
criterion_main!(benches);
