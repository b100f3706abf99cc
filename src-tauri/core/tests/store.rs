//! Store tests on real SQLite files in temporary folders.

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{
    ActionFields, ActionStatus, Category, Money, PartnershipFields, RequirementFields,
    RequirementStatus, RiskFields, RiskStatus, ScoreKind, Stage, Treatment,
};
use partner_risk_core::store::migrations::{APPLICATION_ID, LATEST};
use partner_risk_core::store::{Entity, Operation, RiskFilter};
use partner_risk_core::{Error, OpenMode, Store};
use tempfile::TempDir;

fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("tester");
    (dir, store)
}

fn partnership(store: &mut Store, matrix: &str) -> String {
    store
        .create_partnership(PartnershipFields::new("Acme pilot"), matrix)
        .unwrap()
        .id
}

fn risk(category: &str, title: &str, inherent: Option<(u8, u8)>) -> RiskFields {
    RiskFields {
        inherent: inherent.map(|(l, i)| Score::new(l, i)),
        ..RiskFields::new(category, title)
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn new_workspace_is_marked_and_configured() {
    let (_dir, store) = temp_store();
    let conn = store.connection();
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 16384);
    assert_eq!(store.schema_version().unwrap(), LATEST);
    let strict: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'risks_fts%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(strict, 0, "every ordinary table is STRICT");
    assert_eq!(store.matrices().unwrap().len(), 5, "presets seeded");
    assert_eq!(store.categories().unwrap().len(), 8);
}

#[test]
fn opening_a_missing_file_without_create_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.prisk");
    let e = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert_eq!(e.code(), "no_workspace");
    assert!(!path.exists());
}

#[test]
fn migrates_from_every_earlier_version_with_a_backup() {
    for version in 0..LATEST {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.prisk");
        {
            let store = Store::create_at_version(&path, version).unwrap();
            if version >= 1 {
                // Data written by the older schema must survive the migration.
                store
                    .connection()
                    .execute_batch(
                        "INSERT INTO matrices (id, name, created_at, updated_at) VALUES ('m', 'Old', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                         INSERT INTO partnerships (id, name, stage, matrix_id, created_at, updated_at)
                             VALUES ('p', 'Old partnership', 'pilot', 'm', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                         INSERT INTO risks (id, partnership_id, reference, category, title, status, created_at, updated_at)
                             VALUES ('r', 'p', 'TEC-001', 'technical', 'Legacy interface breaks', 'open', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                         INSERT INTO audit_log (at, actor, entity, entity_id, partnership_id, operation, new_value)
                             VALUES ('2026-01-01T00:00:00Z', 'old', 'risk', 'r', 'p', 'create', '{}');",
                    )
                    .unwrap();
            }
            if version >= 3 {
                // From v3 the store indexes new risks itself (no insert trigger).
                store
                    .connection()
                    .execute_batch(
                        "INSERT INTO risks_fts (rowid, title, description, owner, tags)
                         SELECT num, title, description, owner, tags FROM risks",
                    )
                    .unwrap();
            }
        }
        let store = Store::open(&path, OpenMode::Existing).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST, "from v{version}");
        let backups: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if version >= 1 {
            assert_eq!(
                backups.len(),
                1,
                "one backup before migrating v{version}: {backups:?}"
            );
            assert!(
                backups[0].starts_with("old-") && backups[0].ends_with("-migration.prisk"),
                "{backups:?}"
            );
            let backup =
                rusqlite::Connection::open(dir.path().join("backups").join(&backups[0])).unwrap();
            let v: i64 = backup
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, version, "the backup is the file as it was");
            let hits = store.search_risks("p", "legacy", 10).unwrap();
            assert_eq!(hits.len(), 1, "older rows are searchable after migration");
            let history = store.history("r").unwrap();
            assert_eq!(history.len(), 1, "the audit log survives its rebuild");
            assert_eq!(
                (history[0].actor.as_str(), history[0].context.as_deref()),
                ("old", None)
            );
        } else {
            assert!(backups.is_empty(), "no backup of an empty file");
        }
    }
}

#[test]
fn refuses_a_newer_workspace_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.prisk");
    drop(Store::open(&path, OpenMode::CreateIfMissing).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST + 5)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_bytes(&path);
    let e = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert_eq!(e.code(), "too_new");
    assert!(e.to_string().contains("newer Partner Risk"), "{e}");
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn refuses_foreign_files_and_leaves_them_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "not a database at all, just some text that is long enough",
    )
    .unwrap();
    let other = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    for path in [&text, &other] {
        let before = file_bytes(path);
        let e = Store::open(path, OpenMode::CreateIfMissing).err().unwrap();
        assert_eq!(e.code(), "not_a_workspace", "{}", path.display());
        assert_eq!(file_bytes(path), before, "{} unchanged", path.display());
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "no journal, WAL or backup files were left");
}

#[test]
fn the_database_enforces_enums_ranges_and_links() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("technical", "API drift", Some((2, 2))))
        .unwrap();
    let conn = store.connection();
    let bad = [
        format!("UPDATE risks SET status = 'maybe' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET residual_l = 9, residual_i = 1 WHERE id = '{}'", r.id),
        format!("UPDATE risks SET residual_l = 2 WHERE id = '{}'", r.id),
        format!("UPDATE risks SET next_review = '2026-13-45' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET treatment = 'accept' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET tags = 'not json' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET category = 'nope' WHERE id = '{}'", r.id),
        "INSERT INTO actions (id, risk_id, title, status, created_at, updated_at) VALUES ('a', 'no-such-risk', 't', 'planned', 'x', 'x')".to_string(),
        format!("INSERT INTO actions (id, risk_id, title, status, cost_minor, created_at, updated_at) VALUES ('a', '{}', 't', 'planned', 100, 'x', 'x')", r.id),
        format!("INSERT INTO actions (id, risk_id, title, status, cost_minor, currency, created_at, updated_at) VALUES ('a', '{}', 't', 'planned', -5, 'EUR', 'x', 'x')", r.id),
        "UPDATE partnerships SET stage = 'dreaming'".to_string(),
        "INSERT INTO categories (code, name, prefix) VALUES ('x', 'X', 'lower')".to_string(),
        "UPDATE risks SET partnership_id = 'nope'".to_string(),
    ];
    for sql in bad {
        assert!(
            conn.execute(&sql, []).is_err(),
            "the database accepted: {sql}"
        );
    }
}

#[test]
fn references_use_the_category_prefix_and_are_never_reused() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let a = store.add_risk(&p, risk("technical", "A", None)).unwrap();
    let b = store.add_risk(&p, risk("technical", "B", None)).unwrap();
    let c = store.add_risk(&p, risk("exit", "C", None)).unwrap();
    assert_eq!(
        (
            a.reference.as_str(),
            b.reference.as_str(),
            c.reference.as_str()
        ),
        ("TEC-001", "TEC-002", "EXT-001")
    );
    // Moving a risk to another category keeps its reference.
    let mut fields = a.fields.clone();
    fields.category = "financial".into();
    assert_eq!(
        store.update_risk(&a.id, fields).unwrap().reference,
        "TEC-001"
    );
    store.delete_risk(&b.id).unwrap();
    let d = store.add_risk(&p, risk("technical", "D", None)).unwrap();
    assert_eq!(d.reference, "TEC-003");
    // Another partnership counts on its own.
    let q = store
        .create_partnership(PartnershipFields::new("Other"), "3x3")
        .unwrap();
    assert_eq!(
        store
            .add_risk(&q.id, risk("technical", "E", None))
            .unwrap()
            .reference,
        "TEC-001"
    );
    // User categories bring their own prefix.
    store
        .add_category(Category {
            code: "esg".into(),
            name: "ESG".into(),
            prefix: "ESG".into(),
            built_in: false,
        })
        .unwrap();
    assert_eq!(
        store
            .add_risk(&p, risk("esg", "F", None))
            .unwrap()
            .reference,
        "ESG-001"
    );
    let e = store
        .add_category(Category {
            code: "esg2".into(),
            name: "ESG again".into(),
            prefix: "ESG".into(),
            built_in: false,
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("prefix"));
}

#[test]
fn audit_log_records_create_update_and_delete() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("technical", "Model drift", Some((4, 4))))
        .unwrap();
    let history = store.history(&r.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].operation, Operation::Create);
    assert_eq!(history[0].entity, Entity::Risk);
    assert_eq!(history[0].actor, "tester");
    assert!(history[0]
        .new_value
        .as_deref()
        .unwrap()
        .contains("Model drift"));

    let mut fields = r.fields.clone();
    fields.residual = Some(Score::new(2, 3));
    fields.owner = "Dana".into();
    store.update_risk(&r.id, fields.clone()).unwrap();
    let history = store.history(&r.id).unwrap();
    assert_eq!(history.len(), 3, "one row per changed field: {history:#?}");
    let owner = history
        .iter()
        .find(|h| h.field.as_deref() == Some("owner"))
        .unwrap();
    assert_eq!(owner.old_value.as_deref(), Some(""));
    assert_eq!(owner.new_value.as_deref(), Some("Dana"));
    let residual = history
        .iter()
        .find(|h| h.field.as_deref() == Some("residual"))
        .unwrap();
    assert_eq!(residual.old_value, None);
    assert_eq!(
        residual.new_value.as_deref(),
        Some(r#"{"impact":3,"likelihood":2}"#)
    );

    // Saving without a change writes no row.
    store.update_risk(&r.id, fields).unwrap();
    assert_eq!(store.history(&r.id).unwrap().len(), 3);

    let action = store
        .add_action(&r.id, ActionFields::new("Retrain monthly"))
        .unwrap();
    let mut done = action.fields.clone();
    done.status = ActionStatus::Done;
    store.update_action(&action.id, done).unwrap();
    let action_history = store.history(&action.id).unwrap();
    assert_eq!(action_history.len(), 2);
    assert_eq!(action_history[1].field.as_deref(), Some("status"));
    assert_eq!(action_history[1].new_value.as_deref(), Some("done"));

    store.delete_risk(&r.id).unwrap();
    let history = store.history(&r.id).unwrap();
    assert_eq!(history.last().unwrap().operation, Operation::Delete);
    assert!(history
        .last()
        .unwrap()
        .old_value
        .as_deref()
        .unwrap()
        .contains("Dana"));

    let all = store.partnership_history(&p).unwrap();
    assert!(all
        .iter()
        .any(|h| h.entity == Entity::Partnership && h.operation == Operation::Create));
    assert!(all.iter().any(|h| h.entity == Entity::Action));
}

#[test]
fn bad_input_is_refused_with_the_field_and_nothing_is_written() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "3x3");
    let count = |s: &Store| -> i64 {
        s.connection()
            .query_row(
                "SELECT (SELECT count(*) FROM risks) + (SELECT count(*) FROM audit_log)",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = count(&store);
    let cases: Vec<(RiskFields, &str)> = vec![
        (risk("technical", "  ", None), "title"),
        (risk("nope", "t", None), "category"),
        (risk("technical", "t", Some((4, 1))), "inherent.likelihood"),
        (risk("technical", "t", Some((1, 0))), "inherent.impact"),
        (
            RiskFields {
                treatment: Some(Treatment::Accept),
                ..risk("technical", "t", None)
            },
            "acceptance_approver",
        ),
        (
            RiskFields {
                tags: vec!["two words".into()],
                ..risk("technical", "t", None)
            },
            "tags[0]",
        ),
    ];
    for (fields, field) in cases {
        let e = store.add_risk(&p, fields).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
        assert_eq!(e.code(), "invalid");
    }
    // A batch with one bad risk writes none of them.
    let batch = vec![
        risk("technical", "fine", None),
        risk("technical", "also fine", None),
        risk("technical", "bad", Some((9, 9))),
    ];
    let e = store.add_risks(&p, batch).unwrap_err();
    assert_eq!(e.field(), Some("risks[2].inherent.likelihood"));
    assert_eq!(count(&store), before);

    let e = store
        .add_risk("no-such-partnership", risk("technical", "t", None))
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    let mut action = ActionFields::new("x");
    action.cost = Some(Money {
        minor: 5,
        currency: "euro".into(),
    });
    let r = store.add_risk(&p, risk("technical", "ok", None)).unwrap();
    assert_eq!(
        store.add_action(&r.id, action).unwrap_err().field(),
        Some("cost.currency")
    );
    let e = store
        .create_partnership(PartnershipFields::new("Acme pilot"), "5x5")
        .unwrap_err();
    assert_eq!((e.code(), e.field()), ("conflict", Some("name")));
    let e = store
        .create_partnership(PartnershipFields::new("New"), "9x9")
        .unwrap_err();
    assert_eq!((e.code(), e.field()), ("not_found", Some("matrix")));
}

#[test]
fn heat_map_filters_and_search() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut risks = Vec::new();
    for (n, (category, l, i)) in [
        ("technical", 5, 5),
        ("technical", 1, 1),
        ("regulatory", 4, 5),
        ("regulatory", 2, 2),
        ("exit", 5, 5),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = risk(
            category,
            &format!("Risk {n} about insolvency"),
            Some((l, i)),
        );
        r.residual = Some(Score::new(l, i));
        r.owner = if n % 2 == 0 {
            "Ana".into()
        } else {
            "Ben".into()
        };
        r.tags = vec![format!("tag{n}")];
        risks.push(r);
    }
    risks[3].title = "Zürich data centre outage".into();
    risks[4].residual = None;
    store.add_risks(&p, risks).unwrap();

    let map = store.heat_map(&p, ScoreKind::Residual).unwrap();
    assert_eq!(map.counts[4][4], 1);
    assert_eq!(map.counts[3][4], 1);
    assert_eq!(map.unscored, 1);
    assert_eq!(map.counts.iter().flatten().sum::<u64>(), 4);
    let inherent = store.heat_map(&p, ScoreKind::Inherent).unwrap();
    assert_eq!(inherent.counts[4][4], 2);

    let matrix = store.find_matrix("5x5").unwrap();
    let high = matrix.find_level("high", "min").unwrap();
    let filter = RiskFilter {
        categories: vec!["regulatory".into()],
        min_level: Some(high),
        ..Default::default()
    };
    let hits = store.filter_risks(&p, &filter).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].fields.residual, Some(Score::new(4, 5)));

    let by_owner = store
        .filter_risks(
            &p,
            &RiskFilter {
                owner: Some("ben".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(by_owner.len(), 2);
    let by_cell = store
        .filter_risks(
            &p,
            &RiskFilter {
                cell: Some(Score::new(5, 5)),
                kind: Some(ScoreKind::Inherent),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(by_cell.len(), 2);

    assert_eq!(
        store.search_risks(&p, "zurich", 10).unwrap().len(),
        1,
        "diacritics folded"
    );
    assert_eq!(
        store.search_risks(&p, "insolv", 10).unwrap().len(),
        4,
        "prefix match while typing"
    );
    assert_eq!(
        store.search_risks(&p, "tag3", 10).unwrap().len(),
        1,
        "tags are searched"
    );
    assert_eq!(
        store.search_risks(&p, "ana", 10).unwrap().len(),
        3,
        "owners are searched"
    );
    assert!(
        store.search_risks(&p, "\"*()", 10).unwrap().is_empty(),
        "syntax is not passed through"
    );
    let text = RiskFilter {
        text: Some("risk insolvency".into()),
        categories: vec!["technical".into()],
        ..Default::default()
    };
    assert_eq!(store.filter_risks(&p, &text).unwrap().len(), 2);

    // References are not in the index, yet a reference typed, or its start, finds its
    // risks; a LIKE wildcard typed is only a character.
    let all = store.filter_risks(&p, &RiskFilter::default()).unwrap();
    let typed = |t: &str| {
        let f = RiskFilter {
            text: Some(t.into()),
            ..Default::default()
        };
        let found: Vec<String> = store
            .filter_risks(&p, &f)
            .unwrap()
            .into_iter()
            .map(|r| r.reference)
            .collect();
        found
    };
    let one = &all[0].reference;
    assert_eq!(typed(one), [one.as_str()]);
    assert_eq!(typed(&one.to_lowercase()), [one.as_str()]);
    let start = &one[..one.len() - 1];
    let mut expected: Vec<String> = all
        .iter()
        .filter(|r| r.reference.starts_with(start))
        .map(|r| r.reference.clone())
        .collect();
    let mut found = typed(start);
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert!(typed(&format!("{}_", &one[..one.len() - 1])).is_empty());

    // The window's path: ids of the same risks, in the same order, and one lean row per
    // risk of the whole register.
    for f in [&filter, &text, &RiskFilter::default()] {
        let ids: Vec<String> = store
            .filter_risks(&p, f)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(store.filter_risk_ids(&p, f).unwrap(), ids);
    }
    let table = store.register_table(&p, today()).unwrap();
    let all = store.filter_risks(&p, &RiskFilter::default()).unwrap();
    assert_eq!(table.rows.len(), all.len());
    assert_eq!(table.rows[0].reference, all[0].reference);
    assert_eq!(table.rows[0].residual, all[0].fields.residual);

    // Edits keep the index current.
    let r = store.find_risk(&p, "EXT-001").unwrap();
    let mut f = r.fields.clone();
    f.title = "Escrow agent unavailable".into();
    store.update_risk(&r.id, f).unwrap();
    assert_eq!(store.search_risks(&p, "escrow", 10).unwrap().len(), 1);
    assert_eq!(store.search_risks(&p, "insolvency", 10).unwrap().len(), 3);
    assert_search_index_matches(&store);
}

/// FTS5's own check of the search index against the risks table.
fn assert_search_index_matches(store: &Store) {
    store
        .connection()
        .execute(
            "INSERT INTO risks_fts (risks_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("the search index matches the risks");
}

#[test]
fn new_risks_are_indexed_once_per_transaction_and_stay_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Index"), "5x5")
        .unwrap()
        .id;
    let batch: Vec<RiskFields> = (0..300)
        .map(|n| {
            let mut f = RiskFields::new("financial", format!("Currency exposure {n}"));
            f.description = format!("Payments in yen number {n}");
            f
        })
        .collect();
    let added = store.add_risks(&p, batch).unwrap();
    assert_search_index_matches(&store);
    assert_eq!(store.search_risks(&p, "currency", 500).unwrap().len(), 300);
    assert_eq!(store.search_risks(&p, "yen", 500).unwrap().len(), 300);

    // A refused batch leaves neither risks nor index entries behind.
    let mut bad = vec![RiskFields::new("financial", "Hedging cost")];
    bad.push(RiskFields::new("nope", "Unknown category"));
    assert!(store.add_risks(&p, bad).is_err());
    assert!(store.search_risks(&p, "hedging", 10).unwrap().is_empty());

    // Edits and deletions after a batch keep the index exact.
    let mut f = added[7].fields.clone();
    f.title = "Sanctions screening gap".into();
    store.update_risk(&added[7].id, f).unwrap();
    store.delete_risk(&added[8].id).unwrap();
    assert_eq!(store.search_risks(&p, "currency", 500).unwrap().len(), 298);
    assert_eq!(store.search_risks(&p, "sanctions", 10).unwrap().len(), 1);
    assert_search_index_matches(&store);

    // Another partnership's risks are added to the same index without disturbing it.
    let q = store
        .create_partnership(PartnershipFields::new("Second"), "3x3")
        .unwrap()
        .id;
    store
        .add_risks(
            &q,
            vec![RiskFields::new("exit", "Currency of the exit fee")],
        )
        .unwrap();
    assert_eq!(store.search_risks(&q, "currency", 10).unwrap().len(), 1);
    assert_eq!(store.search_risks(&p, "currency", 500).unwrap().len(), 298);
    store.delete_partnership(&p).unwrap();
    assert_search_index_matches(&store);
}

#[test]
fn changing_the_matrix_maps_scores_only_when_confirmed() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut fields = risk("technical", "t", Some((5, 5)));
    fields.residual = Some(Score::new(3, 2));
    let r = store.add_risk(&p, fields).unwrap();
    store.add_risk(&p, risk("exit", "unscored", None)).unwrap();

    let plan = store.plan_matrix_change(&p, "3x3").unwrap();
    assert_eq!(plan.changes.len(), 2);
    let inherent = plan
        .changes
        .iter()
        .find(|c| c.kind == ScoreKind::Inherent)
        .unwrap();
    assert_eq!(
        (inherent.from, inherent.to),
        (Score::new(5, 5), Score::new(3, 3))
    );
    assert_eq!(inherent.to_level, "High");
    let residual = plan
        .changes
        .iter()
        .find(|c| c.kind == ScoreKind::Residual)
        .unwrap();
    assert_eq!(residual.to, Score::new(2, 2));
    // Planning wrote nothing.
    assert_eq!(
        store.risk(&r.id).unwrap().fields.inherent,
        Some(Score::new(5, 5))
    );
    assert_eq!(store.partnership(&p).unwrap().matrix_id, "preset-5x5");

    // A plan made before the register changed is refused.
    let stale = plan.clone();
    store
        .score_risk(&r.id, ScoreKind::Target, Some(Score::new(1, 1)))
        .unwrap();
    let e = store.apply_matrix_change(&stale).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(store.partnership(&p).unwrap().matrix_id, "preset-5x5");

    let plan = store.plan_matrix_change(&p, "3x3").unwrap();
    assert_eq!(plan.changes.len(), 3);
    store.apply_matrix_change(&plan).unwrap();
    let after = store.risk(&r.id).unwrap();
    assert_eq!(store.partnership(&p).unwrap().matrix_id, "preset-3x3");
    assert_eq!(after.fields.inherent, Some(Score::new(3, 3)));
    assert_eq!(after.fields.residual, Some(Score::new(2, 2)));
    assert_eq!(after.fields.target, Some(Score::new(1, 1)));
    let history = store.history(&r.id).unwrap();
    assert!(history
        .iter()
        .any(|h| h.field.as_deref() == Some("inherent")));
}

#[test]
fn custom_matrices_are_cloned_edited_and_protected() {
    let (_dir, mut store) = temp_store();
    let mut m = store.clone_matrix("4x4", "Our 4×4").unwrap();
    assert!(m.preset.is_none());
    m.levels[3].colour = "#880000".into();
    m.grid[0][0] = 3;
    let saved = store.update_matrix(m.clone()).unwrap();
    assert_eq!(store.matrix(&saved.id).unwrap().grid[0][0], 3);
    assert!(!store.matrix(&saved.id).unwrap().check().warnings.is_empty());
    let history = store.history(&saved.id).unwrap();
    assert!(history.iter().any(|h| h.field.as_deref() == Some("grid")));

    let mut preset = store.find_matrix("5x5").unwrap();
    preset.name = "Mine".into();
    assert_eq!(store.update_matrix(preset).unwrap_err().code(), "invalid");

    let p = store
        .create_partnership(PartnershipFields::new("Uses it"), &saved.id)
        .unwrap();
    let mut bigger = saved.clone();
    bigger.likelihood.push(bigger.likelihood[0].clone());
    bigger.likelihood[4].label = "Extra".into();
    bigger.grid.push(vec![3; 4]);
    let e = store.update_matrix(bigger).unwrap_err();
    assert_eq!(e.field(), Some("likelihood"));
    assert_eq!(
        store.delete_matrix(&saved.id).unwrap_err().code(),
        "conflict"
    );
    store.delete_partnership(&p.id).unwrap();
    store.delete_matrix(&saved.id).unwrap();
    assert_eq!(
        store.find_matrix("Our 4×4").unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn actions_requirements_and_register() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("regulatory", "No DPA signed", Some((4, 5))))
        .unwrap();
    let mut late = ActionFields::new("Sign the DPA");
    late.due = Some(today() - chrono::Days::new(3));
    late.cost = Some(Money::parse("1200.5 EUR", "cost").unwrap());
    let mut next = ActionFields::new("Map data flows");
    next.due = Some(today() + chrono::Days::new(10));
    let mut done = ActionFields::new("Appoint a DPO");
    done.due = Some(today() - chrono::Days::new(30));
    done.status = ActionStatus::Done;
    for a in [late, next, done] {
        store.add_action(&r.id, a).unwrap();
    }
    let actions = store.actions(&r.id).unwrap();
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.fields.is_overdue(today()))
            .count(),
        1
    );
    assert_eq!(actions[1].fields.cost.as_ref().unwrap().minor, 120_050);

    let q = store
        .add_requirement(
            &p,
            RequirementFields {
                code: "DP-01".into(),
                title: "DPA signed".into(),
                area: "Data protection".into(),
                description: String::new(),
                status: RequirementStatus::InProgress,
                evidence: String::new(),
            },
            vec![r.id.clone()],
        )
        .unwrap();
    assert_eq!(store.risk_requirements(&r.id).unwrap()[0].id, q.id);
    let other = store
        .create_partnership(PartnershipFields::new("Other"), "5x5")
        .unwrap();
    let e = store
        .add_requirement(&other.id, q.fields.clone(), vec![r.id.clone()])
        .unwrap_err();
    assert_eq!(e.field(), Some("risk_ids[0]"));

    // Links are made and removed one risk at a time, idempotently, and audited.
    let r2 = store
        .add_risk(&p, risk("exit", "No exit plan", None))
        .unwrap();
    let linked = store.set_requirement_link(&q.id, &r2.id, true).unwrap();
    let mut ids = linked.risk_ids.clone();
    ids.sort();
    let mut expected = vec![r.id.clone(), r2.id.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    let again = store.set_requirement_link(&q.id, &r2.id, true).unwrap();
    assert_eq!(again.risk_ids.len(), 2, "linking twice keeps one link");
    assert_eq!(store.risk_requirements(&r2.id).unwrap()[0].id, q.id);
    let history = store.history(&q.id).unwrap();
    let change = history.last().unwrap();
    assert_eq!(change.field.as_deref(), Some("risk_ids"));
    assert_eq!(history.len(), 2, "the idempotent call wrote nothing");
    let unlinked = store.set_requirement_link(&q.id, &r.id, false).unwrap();
    assert_eq!(unlinked.risk_ids, vec![r2.id.clone()]);
    assert!(store.risk_requirements(&r.id).unwrap().is_empty());
    let foreign = store
        .add_risk(&other.id, risk("exit", "Elsewhere", None))
        .unwrap();
    let e = store
        .set_requirement_link(&q.id, &foreign.id, true)
        .unwrap_err();
    assert_eq!(e.field(), Some("risk_ids[1]"));
    assert_eq!(
        store.requirement(&q.id).unwrap().risk_ids,
        vec![r2.id.clone()]
    );
    let e = store.set_requirement_link("nope", &r.id, true).unwrap_err();
    assert_eq!(e.code(), "not_found");
    store.set_requirement_link(&q.id, &r.id, true).unwrap();
    store.delete_risk(&r2.id).unwrap();

    let register = store.register(&p, &RiskFilter::default(), today()).unwrap();
    let entry = &register.entries[0];
    assert_eq!(entry.inherent_level.as_deref(), Some("Critical"));
    assert_eq!(entry.residual_level, None);
    assert_eq!(entry.overdue_actions, 1);
    assert_eq!(entry.next_action_due, Some(today() - chrono::Days::new(3)));

    let summaries = store.partnership_summaries(false).unwrap();
    let s = summaries.iter().find(|s| s.partnership.id == p).unwrap();
    assert_eq!(s.risk_count, 1);
    assert_eq!(
        s.risks_by_level
            .iter()
            .find(|l| l.level == "Critical")
            .unwrap()
            .count,
        1
    );

    // Archiving hides a partnership from the default list.
    let mut fields = store.partnership(&p).unwrap().fields;
    fields.archived = true;
    fields.stage = Stage::Ended;
    store.update_partnership(&p, fields).unwrap();
    assert!(store.partnerships(false).unwrap().iter().all(|x| x.id != p));
    assert!(store.partnerships(true).unwrap().iter().any(|x| x.id == p));
}

#[test]
fn statuses_round_trip_through_the_store() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    for status in RiskStatus::ALL {
        let mut f = risk("operational", status.as_str(), None);
        f.status = *status;
        f.treatment = Some(Treatment::Accept);
        f.acceptance_approver = "Board".into();
        f.acceptance_expiry = Some(today());
        let r = store.add_risk(&p, f.clone()).unwrap();
        assert_eq!(store.risk(&r.id).unwrap().fields, f);
    }
    assert!(matches!(
        RiskStatus::parse("maybe", "status"),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn names_are_stored_trimmed_and_returned_as_stored() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut fields = risk("technical", "  Padded title  ", None);
    fields.owner = " Ana ".into();
    let r = store.add_risk(&p, fields).unwrap();
    assert_eq!(r.fields.title, "Padded title");
    assert_eq!(r.fields.owner, "Ana");
    assert_eq!(
        store.risk(&r.id).unwrap(),
        r,
        "what add_risk returns is what was stored"
    );
}
