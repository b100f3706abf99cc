//! Store benchmarks on a workspace of 100,000 risks (run with `cargo bench -p partner-risk-core`).
//!
//! Targets on the project's 2-core machines: insert 100k (audit rows and search index
//! included) ≤ 3 s, load a 10k register ≤ 50 ms, heat map ≤ 10 ms, filtered query
//! ≤ 10 ms, full-text search ≤ 5 ms, review queue over 100k ≤ 50 ms, XLSX export of a
//! 10k register ≤ 0.5 s, and its import ≤ 1 s; every status of 100 indicators with ten
//! years of daily readings ≤ 20 ms, the Health tab's data over them ≤ 100 ms, importing
//! 100,000 readings ≤ 2 s (`-- health`)
//! (`cargo bench -p partner-risk-core --bench store -- spreadsheet`).

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use partner_risk_core::library::library;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields, ScoreKind};
use partner_risk_core::review::QueueFilter;
use partner_risk_core::spreadsheet::import::{read_table, ReadOptions};
use partner_risk_core::store::{ActivityFilter, RiskFilter};
use partner_risk_core::{OpenMode, Store};

const PARTNERSHIPS: usize = 10;
const RISKS_EACH: usize = 10_000;
const OWNERS: [&str; 5] = ["Ada", "Bruno", "Chen", "Dalia", "Emeka"];

/// Varied risks drawn from the library templates, the same on every run.
fn risks(count: usize, salt: usize) -> Vec<RiskFields> {
    let templates = &library().templates;
    (0..count)
        .map(|n| {
            let t = &templates[(n + salt) % templates.len()];
            let mut r = RiskFields::new(&t.category, format!("{} #{n}", t.title));
            r.description = t.description.clone();
            r.owner = OWNERS[n % OWNERS.len()].into();
            r.tags = t.tags.clone();
            r.inherent = Some(Score::new((n % 5) as u8 + 1, (n / 5 % 5) as u8 + 1));
            r.residual = Some(Score::new((n % 3) as u8 + 1, (n / 3 % 5) as u8 + 1));
            r
        })
        .collect()
}

fn workspace(dir: &std::path::Path) -> (Store, Vec<String>) {
    let mut store = Store::open(dir.join("bench.prisk"), OpenMode::CreateIfMissing).unwrap();
    let mut ids = Vec::new();
    for p in 0..PARTNERSHIPS {
        let partnership = store
            .create_partnership(PartnershipFields::new(format!("Partnership {p}")), "5x5")
            .unwrap();
        store
            .add_risks(&partnership.id, risks(RISKS_EACH, p))
            .unwrap();
        ids.push(partnership.id);
    }
    (store, ids)
}

fn insert(c: &mut Criterion) {
    let mut group = c.benchmark_group("insert");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("100k risks, one transaction", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let mut store =
                    Store::open(dir.path().join("insert.prisk"), OpenMode::CreateIfMissing)
                        .unwrap();
                let p = store
                    .create_partnership(PartnershipFields::new("Bulk"), "5x5")
                    .unwrap();
                (dir, store, p.id, risks(PARTNERSHIPS * RISKS_EACH, 0))
            },
            |(dir, mut store, id, risks)| {
                store.add_risks(&id, risks).unwrap();
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = workspace(dir.path());
    let id = &ids[3];
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut group = c.benchmark_group("100k workspace");
    group.bench_function("load 10k register", |b| {
        b.iter(|| {
            let register = store.register(id, &RiskFilter::default(), today).unwrap();
            assert_eq!(register.entries.len(), RISKS_EACH);
        })
    });
    group.bench_function("heat map (residual)", |b| {
        b.iter(|| store.heat_map(id, ScoreKind::Residual).unwrap())
    });
    let filter = RiskFilter {
        categories: vec!["regulatory".into()],
        min_level: Some(2),
        ..RiskFilter::default()
    };
    group.bench_function("filter category + min level", |b| {
        b.iter(|| {
            let hits = store.filter_risks(id, &filter).unwrap();
            assert!(!hits.is_empty());
        })
    });
    // Review queue across all ten partnerships (every risk unreviewed: the whole
    // workspace is queued, the worst case). Target ≤ 50 ms.
    let all = QueueFilter::default();
    group.bench_function("review queue, all 100k", |b| {
        b.iter(|| {
            let queue = store.review_queue(&all, today).unwrap();
            assert_eq!(queue.len(), PARTNERSHIPS * RISKS_EACH);
        })
    });
    let page = QueueFilter {
        limit: Some(50),
        ..QueueFilter::default()
    };
    group.bench_function("review queue, first 50 of 100k", |b| {
        b.iter(|| {
            let queue = store.review_queue(&page, today).unwrap();
            assert_eq!(queue.len(), 50);
        })
    });
    group.bench_function("review counts per partnership", |b| {
        b.iter(|| {
            let counts = store.review_counts(today).unwrap();
            assert_eq!(counts.len(), PARTNERSHIPS);
        })
    });
    group.bench_function("full-text search", |b| {
        b.iter(|| {
            let hits = store.search_risks(id, "insolvency", 50).unwrap();
            assert!(!hits.is_empty());
        })
    });
    group.finish();
}

/// The analyst's review at scale: half the 100k risks reviewed on days spread over two
/// years (so the queue mixes unreviewed, past due and due soon), and an audit log of
/// 1,000,000 rows by five people over two years. Targets: the queue's first page and the
/// activity view's first page ≤ 50 ms.
fn review(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = workspace(dir.path());
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let conn = store.connection();
    conn.execute_batch(
        "BEGIN;
         INSERT INTO reviews (id, risk_id, partnership_id, reviewer, at, reviewed_on, decision,
                              next_review, next_review_source, digest)
         SELECT 'bench-' || num, id, partnership_id, 'Ada', '2026-01-01 00:00:00+00:00',
                date('2024-11-26', '+' || (num % 730) || ' days'), 'no_change',
                date('2024-11-26', '+' || (num % 730 + 90) || ' days'), 'level_interval',
                printf('%064d', 0)
         FROM risks WHERE num % 2 = 0;
         COMMIT;",
    )
    .unwrap();
    let audit_rows: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO audit_log (at, actor, entity, entity_id, partnership_id, operation, field,
                                old_value, new_value)
         SELECT strftime('%Y-%m-%d %H:%M:%f+00:00', '2024-11-26', '+' || (i * 63) || ' seconds'),
                CASE i % 5 WHEN 0 THEN 'Ada' WHEN 1 THEN 'Bruno' WHEN 2 THEN 'Chen'
                           WHEN 3 THEN 'Dalia' ELSE 'Emeka' END,
                'risk', r.id, r.partnership_id, 'update',
                CASE i % 4 WHEN 0 THEN 'owner' WHEN 1 THEN 'status' WHEN 2 THEN 'residual'
                           ELSE 'description' END,
                'before ' || i, 'after ' || i
         FROM n JOIN risks r ON r.num = 1 + i % 100000",
        [1_000_000 - audit_rows],
    )
    .unwrap();

    let mut group = c.benchmark_group("review");
    group.sample_size(20);
    let page = QueueFilter {
        limit: Some(50),
        ..QueueFilter::default()
    };
    group.bench_function("queue, first 50 of 100k (half reviewed)", |b| {
        b.iter(|| assert_eq!(store.review_queue(&page, today).unwrap().len(), 50))
    });
    group.bench_function("queue, all of 100k (half reviewed)", |b| {
        b.iter(|| {
            assert!(
                store
                    .review_queue(&QueueFilter::default(), today)
                    .unwrap()
                    .len()
                    > 50_000
            )
        })
    });
    group.bench_function("counts per partnership (half reviewed)", |b| {
        b.iter(|| assert_eq!(store.review_counts(today).unwrap().len(), PARTNERSHIPS))
    });
    let store = &store;
    let first_page = |filter: ActivityFilter| {
        move |b: &mut criterion::Bencher| {
            b.iter(|| assert_eq!(store.activity(&filter).unwrap().entries.len(), 100))
        }
    };
    group.bench_function(
        "activity, first page of 1M",
        first_page(ActivityFilter::default()),
    );
    group.bench_function(
        "activity, one person",
        first_page(ActivityFilter {
            actor: Some("Dalia".into()),
            ..Default::default()
        }),
    );
    group.bench_function(
        "activity, one field",
        first_page(ActivityFilter {
            field: Some("residual".into()),
            ..Default::default()
        }),
    );
    group.bench_function(
        "activity, one person in one month",
        first_page(ActivityFilter {
            actor: Some("Chen".into()),
            since: NaiveDate::from_ymd_opt(2025, 6, 1),
            until: NaiveDate::from_ymd_opt(2025, 6, 30),
            ..Default::default()
        }),
    );
    group.finish();
}

/// Spreadsheet export of the demo partnership grown to 10,000 risks (with its actions
/// and requirements). Target: XLSX ≤ 0.5 s.
fn spreadsheet(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut store =
        Store::open(dir.path().join("sheets.prisk"), OpenMode::CreateIfMissing).unwrap();
    let demo = store.create_demo(0, today).unwrap();
    let own = store.risks(&demo.id).unwrap().len();
    store.delete_partnership(&demo.id).unwrap();
    let p = store.create_demo(10_000 - own, today).unwrap();
    assert_eq!(store.risks(&p.id).unwrap().len(), 10_000);
    let mut group = c.benchmark_group("spreadsheet");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("xlsx, 10k risks", |b| {
        b.iter(|| partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today).unwrap())
    });
    group.bench_function("csv, 10k risks", |b| {
        b.iter(|| partner_risk_core::spreadsheet::export_csv(&store, &p.id, today).unwrap())
    });

    // Import of the same 10,000 risks from the exported workbook (target ≤ 1 s):
    // reading, the dry run, and reading + dry run + writing into a new partnership.
    let path = dir.path().join("register.xlsx");
    partner_risk_core::spreadsheet::export_xlsx_to_file(&store, &p.id, today, &path).unwrap();
    let options = ReadOptions::default();
    group.bench_function("import xlsx 10k: read", |b| {
        b.iter(|| read_table(&path, &options).unwrap())
    });
    let table = read_table(&path, &options).unwrap();
    group.bench_function("import xlsx 10k: dry run", |b| {
        b.iter(|| {
            partner_risk_core::spreadsheet::import::plan_import(
                &store,
                &p.id,
                "register.xlsx",
                &table,
                None,
                None,
                None,
            )
            .unwrap()
        })
    });
    // Setup and routine both change the store: share it through a RefCell.
    let store = std::cell::RefCell::new(store);
    let mut copy: Option<String> = None;
    group.bench_function("import xlsx 10k: read, dry run, write", |b| {
        b.iter_batched(
            || {
                let mut store = store.borrow_mut();
                if let Some(old) = copy.take() {
                    store.delete_partnership(&old).unwrap();
                }
                let fields = PartnershipFields::new("Imported copy");
                let target = store.create_partnership(fields, "5x5").unwrap().id;
                copy = Some(target.clone());
                target
            },
            |target| {
                let mut store = store.borrow_mut();
                let table = read_table(&path, &options).unwrap();
                let plan = partner_risk_core::spreadsheet::import::plan_import(
                    &store,
                    &target,
                    "register.xlsx",
                    &table,
                    None,
                    None,
                    None,
                )
                .unwrap();
                assert_eq!(
                    partner_risk_core::spreadsheet::import::apply_import(&mut store, &plan, false)
                        .unwrap()
                        .created,
                    10_000
                );
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Partnership health at the scale: 100 indicators with ten years of daily readings
/// (365,000 readings, entered through the store with their audit rows). Target: every
/// status ≤ 20 ms. Half the indicators move between levels every few days; the other half
/// stay at one level for the whole ten years (the longest run to look back over).
fn health(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(dir.path().join("health.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Healthy"), "5x5")
        .unwrap()
        .id;
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let first = today - chrono::Duration::days(3649);
    let library = partner_risk_core::health::library();
    for n in 0..100 {
        let mut fields = library[n % library.len()].fields.clone();
        fields.name = format!("{} #{n}", fields.name);
        let (low, high) = (fields.red.min(fields.amber), fields.red.max(fields.amber));
        let i = store.add_indicator(&p, fields.clone()).unwrap();
        let readings = (0..3650)
            .map(|d| {
                let value = if n % 2 == 0 {
                    // Around the thresholds: green, amber and red runs of a few days.
                    match (d * 7 + n) % 11 {
                        0..=1 => low - 1.0,
                        2..=4 => (low + high) / 2.0,
                        _ => high + 1.0,
                    }
                } else {
                    fields.target.unwrap_or(high)
                };
                let value = match fields.unit {
                    partner_risk_core::health::Unit::Percent => value.clamp(0.0, 100.0),
                    _ => value.max(0.0).round(),
                };
                let date = first + chrono::Duration::days(d as i64);
                let note = String::new();
                (
                    i.id.clone(),
                    partner_risk_core::health::ReadingFields { date, value, note },
                )
            })
            .collect();
        store.add_readings(&p, readings, false, today).unwrap();
    }
    let mut group = c.benchmark_group("health");
    group.sample_size(20);
    group.bench_function("every status, 100 indicators x 3,650 readings", |b| {
        b.iter(|| assert_eq!(store.health(&p, today).unwrap().len(), 100))
    });
    // The Health tab's data (target ≤ 100 ms): every status, the last 30 readings of each
    // for its sparkline, the counts and the flags, and the JSON the window receives.
    group.bench_function(
        "Health tab, 100 indicators x 3,650 readings, as JSON",
        |b| {
            b.iter(|| {
                let tab = store.partnership_health(&p, today).unwrap();
                assert_eq!(tab.rows.len(), 100);
                serde_json::to_vec(&tab).unwrap().len()
            })
        },
    );
    // One indicator's chart: every one of its 3,650 readings, and its JSON.
    let first_indicator = store.indicators(&p).unwrap()[0].id.clone();
    group.bench_function("one indicator's chart, 3,650 readings, as JSON", |b| {
        b.iter(|| {
            let chart = store.indicator_chart(&first_indicator, today).unwrap();
            assert_eq!(chart.readings.len(), 3650);
            serde_json::to_vec(&chart).unwrap().len()
        })
    });
    group.finish();
}

/// Importing 100,000 readings (100 indicators × 1,000 days) from a wide CSV table: read,
/// dry run and write with a backup and an audit row each, into a fresh workspace every
/// time. Target: ≤ 2 s.
fn import_readings(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    use partner_risk_core::spreadsheet::import::read_table_bytes;
    use partner_risk_core::spreadsheet::import::readings::{apply_readings, plan_readings};
    let library = partner_risk_core::health::library();
    let first = today - chrono::Duration::days(1000);
    // A wide table: the register import reads at most 100,000 rows, so a long table holds
    // one reading fewer than the figure; 1,000 days × 100 indicator columns is the figure.
    let names: Vec<String> = (0..100)
        .map(|n| format!("{} #{n}", library[n % library.len()].fields.name))
        .collect();
    let mut csv = format!("date,{}\n", names.join(","));
    for d in 0..1000 {
        let date = first + chrono::Duration::days(d);
        csv.push_str(&date.to_string());
        for n in 0..100 {
            let f = &library[n % library.len()].fields;
            csv.push_str(&format!(",{}", f.target.unwrap_or(f.amber)));
        }
        csv.push('\n');
    }
    let mut group = c.benchmark_group("health import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("100k readings from CSV: read, dry run, write", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let mut store =
                    Store::open(dir.path().join("readings.prisk"), OpenMode::CreateIfMissing)
                        .unwrap();
                let p = store
                    .create_partnership(PartnershipFields::new("Imported"), "5x5")
                    .unwrap()
                    .id;
                for n in 0..100 {
                    let mut fields = library[n % library.len()].fields.clone();
                    fields.name = format!("{} #{n}", fields.name);
                    store.add_indicator(&p, fields).unwrap();
                }
                (dir, store, p)
            },
            |(dir, mut store, p)| {
                let table = read_table_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
                let plan = plan_readings(
                    &store,
                    &p,
                    "readings.csv",
                    &table,
                    &Default::default(),
                    today,
                )
                .unwrap();
                assert!(plan.problems.is_empty(), "{:?}", plan.problems.first());
                let added = apply_readings(&mut store, &plan, today).unwrap();
                assert_eq!(added.added, 100_000);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(
    benches,
    spreadsheet,
    insert,
    queries,
    review,
    health,
    import_readings
);
criterion_main!(benches);
