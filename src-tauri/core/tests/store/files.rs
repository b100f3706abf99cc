//! The workspace file: a new one marked and configured, a missing one not created unless
//! asked, migrations from every earlier version with a backup, and newer or foreign files
//! refused and left untouched.

use partner_risk_core::store::migrations::{APPLICATION_ID, LATEST};
use partner_risk_core::{OpenMode, Store};

use crate::support::temp_store;

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
