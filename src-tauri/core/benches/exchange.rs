//! Exchange benchmarks (issue 25) on a 10,000-risk partnership that two workspaces share,
//! each with 1,000 changes of its own since (`cargo bench -p partner-risk-core --bench
//! exchange`).
//!
//! Targets on the project's 2-core machines: the preview of the other side's file ≤ 1 s,
//! the merge itself (backup, one transaction, audit rows) ≤ 2 s, the file of 10,000 risks
//! ≤ 10 MB. The sizes of the files are printed once.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use partner_risk_core::exchange::{self, ExportOptions, MergeOptions, Resolutions, Side};
use partner_risk_core::library::library;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::{OpenMode, Store};

const RISKS: usize = 10_000;
const CHANGES: usize = 1_000;

fn risks() -> Vec<RiskFields> {
    let templates = &library().templates;
    (0..RISKS)
        .map(|n| {
            let t = &templates[n % templates.len()];
            let mut r = RiskFields::new(&t.category, format!("{} #{n}", t.title));
            r.description = t.description.clone();
            r.cause = t.cause.clone();
            r.consequence = t.consequence.clone();
            r.tags = t.tags.clone();
            r.inherent = Some(Score::new((n % 5) as u8 + 1, (n / 5 % 5) as u8 + 1));
            r.residual = Some(Score::new((n % 3) as u8 + 1, (n / 3 % 5) as u8 + 1));
            r
        })
        .collect()
}

/// Edits `CHANGES` risks from `start`, one field each: the owner on one side, the residual
/// score on the other, so that both sides' changes merge by themselves.
fn edit(store: &mut Store, pid: &str, start: usize, owner: bool) {
    let all = store.risks(pid).unwrap();
    for (k, risk) in all.iter().skip(start).take(CHANGES).enumerate() {
        let mut f = risk.fields.clone();
        if owner {
            f.owner = format!("Owner {k}");
        } else {
            f.residual = Some(Score::new((k % 5) as u8 + 1, 2));
        }
        store.update_risk(&risk.id, f).unwrap();
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    a: PathBuf,
    theirs: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let (a_path, b_path) = (path.join("a.prisk"), path.join("b.prisk"));
    let mut a = Store::open(&a_path, OpenMode::CreateIfMissing).unwrap();
    a.set_actor("Ann");
    let p = a
        .create_partnership(PartnershipFields::new("Big partnership"), "5x5")
        .unwrap();
    a.add_risks(&p.id, risks()).unwrap();
    let start = path.join("start.prisk-exchange");
    exchange::export(&mut a, &p.id, &start, &ExportOptions::default()).unwrap();
    let mut b = Store::open(&b_path, OpenMode::CreateIfMissing).unwrap();
    b.set_actor("Bo");
    exchange::merge_file(&mut b, &start, &MergeOptions::default(), false).unwrap();
    edit(&mut a, &p.id, 0, true);
    edit(&mut b, &p.id, RISKS / 2, false);
    let theirs = path.join("bo.prisk-exchange");
    exchange::export(&mut b, &p.id, &theirs, &ExportOptions::default()).unwrap();
    let size = |f: &Path| std::fs::metadata(f).unwrap().len() as f64 / 1e6;
    eprintln!(
        "exchange files: {RISKS} risks {:.2} MB; after a round trip and {CHANGES} changes {:.2} MB",
        size(&start),
        size(&theirs)
    );
    drop(a);
    Setup {
        _dir: dir,
        dir: path,
        a: a_path,
        theirs,
    }
}

/// A fresh copy of workspace A to merge into (the merge changes it).
fn copy_of_a(s: &Setup, n: &mut usize) -> (PathBuf, Store) {
    *n += 1;
    let dir = s.dir.join(format!("copy{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.prisk");
    // The store folds its WAL into the file when it closes, so the file is whole.
    std::fs::copy(&s.a, &path).unwrap();
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    (dir, store)
}

fn benches(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("exchange");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let a = Store::open(&s.a, OpenMode::Existing).unwrap();
    group.bench_function("preview 10k risks, 1k changes each side", |b| {
        b.iter(|| {
            let p = exchange::preview(&a, &s.theirs, &MergeOptions::default()).unwrap();
            assert!(p.conflicts.is_empty());
            assert_eq!(p.apply["risks"].changed, CHANGES);
        })
    });
    drop(a);
    let mut n = 0;
    group.bench_function("merge 10k risks, 1k changes each side", |b| {
        b.iter_batched(
            || copy_of_a(&s, &mut n),
            |(dir, mut store)| {
                let options = MergeOptions {
                    resolutions: Resolutions {
                        take: Some(Side::Mine),
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let r = exchange::merge_file(&mut store, &s.theirs, &options, false).unwrap();
                assert!(r.written);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(exchange_benches, benches);
criterion_main!(exchange_benches);
