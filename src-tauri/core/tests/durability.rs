//! Durability: rolling backups and their thinning, restore, damaged files refused with a
//! way back, two writers on one file, and noticing another program's changes.

use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::store::backups::{self, BackupReason};
use partner_risk_core::{OpenMode, Store};

fn at(text: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
}

fn open(path: &Path) -> Store {
    let mut store = Store::open(path, OpenMode::CreateIfMissing).unwrap();
    store.set_actor("tester");
    store
}

fn add_partnership(store: &mut Store, name: &str, risks: usize) -> String {
    let p = store
        .create_partnership(PartnershipFields::new(name), "5x5")
        .unwrap()
        .id;
    for i in 0..risks {
        store
            .add_risk(&p, RiskFields::new("technical", format!("{name} risk {i}")))
            .unwrap();
    }
    p
}

fn names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .partnerships(true)
        .unwrap()
        .into_iter()
        .map(|p| p.fields.name)
        .collect();
    names.sort();
    names
}

#[test]
fn thinning_keeps_the_last_ten_one_per_day_and_one_per_month() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    let mut store = open(&path);
    add_partnership(&mut store, "Acme", 1);

    // 40 backups over 8 months of fake time, thinned after each one as the app would.
    let mut times = Vec::new();
    for month in 4..=10 {
        for day in [5, 20] {
            times.push(at(&format!("2026-{month:02}-{day:02} 09:00")));
        }
    }
    for day in 10..=23 {
        times.push(at(&format!("2026-11-{day} 09:00")));
    }
    for i in 0..12 {
        times.push(at("2026-11-24 08:00") + Duration::minutes(35 * i));
    }
    assert_eq!(times.len(), 40);
    for &t in &times {
        backups::create(&path, BackupReason::Session, t).unwrap();
    }
    let now = *times.last().unwrap(); // 2026-11-24 14:25

    let mut expected: Vec<DateTime<Utc>> = Vec::new();
    // the last 10 (all on the 24th)…
    expected.extend(&times[30..]);
    // …the newest of each of the 14 days up to today (the 11th to the 23rd; the 10th is
    // 14 days old)…
    for day in 11..=23 {
        expected.push(at(&format!("2026-11-{day} 09:00")));
    }
    // …and the newest of each of the 6 months up to this one (June to October; April
    // and May are older, and November's newest is already kept).
    for month in 6..=10 {
        expected.push(at(&format!("2026-{month:02}-20 09:00")));
    }
    expected.sort();
    let mut kept: Vec<DateTime<Utc>> = backups::list(&path).unwrap().iter().map(|b| b.at).collect();
    kept.sort();
    assert_eq!(kept.len(), 28);
    assert_eq!(kept, expected);

    // Thinning again at the same time deletes nothing more; files it did not make stay.
    let stranger = backups::backup_dir(&path).join("notes.txt");
    std::fs::write(&stranger, "mine").unwrap();
    assert!(backups::thin(&path, now).unwrap().is_empty());
    assert!(stranger.exists());

    let listed = backups::list(&path).unwrap();
    assert!(
        listed.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    let newest = &listed[0];
    assert_eq!(newest.reason, BackupReason::Session);
    assert_eq!((newest.partnerships, newest.risks), (Some(1), Some(1)));
    assert_eq!(newest.problem, None);
    assert!(newest.size > 0);
    let name = newest.path.file_name().unwrap().to_string_lossy();
    assert_eq!(name, "w-20261124-142500-session.prisk");
}

#[test]
fn a_session_backup_follows_the_first_change_then_every_thirty_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    let mut store = open(&path);
    let t0 = at("2026-12-02 10:00");
    assert!(
        store.backup_if_due(t0).unwrap().is_none(),
        "nothing changed yet"
    );
    add_partnership(&mut store, "Acme", 0);
    let first = store.backup_if_due(t0).unwrap().expect("the first change");
    assert_eq!(first.reason, BackupReason::Session);
    assert_eq!(first.partnerships, Some(1));
    add_partnership(&mut store, "Globex", 0);
    assert!(store
        .backup_if_due(t0 + Duration::minutes(29))
        .unwrap()
        .is_none());
    let second = store.backup_if_due(t0 + Duration::minutes(30)).unwrap();
    assert_eq!(second.unwrap().partnerships, Some(2));

    // A new session (a later `prisk` command) sees the backups on disk.
    drop(store);
    let mut store = open(&path);
    add_partnership(&mut store, "Initech", 0);
    assert!(store
        .backup_if_due(t0 + Duration::minutes(40))
        .unwrap()
        .is_none());
    assert!(store
        .backup_if_due(t0 + Duration::minutes(61))
        .unwrap()
        .is_some());
    assert_eq!(backups::list(&path).unwrap().len(), 3);
}

#[test]
fn restore_brings_back_a_backup_and_keeps_the_current_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    let mut store = open(&path);
    add_partnership(&mut store, "Acme", 3);
    let backup = store.backup_before(BackupReason::Manual).unwrap();
    assert_eq!((backup.partnerships, backup.risks), (Some(1), Some(3)));
    add_partnership(&mut store, "Globex", 2);

    // The store must be closed first: with it open, the restore is refused.
    let e = backups::restore(&path, &backup.path, Utc::now()).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert!(
        e.to_string().contains("close it there, then restore"),
        "{e}"
    );
    assert_eq!(names(&store), ["Acme", "Globex"], "nothing changed");
    drop(store);

    let restored = backups::restore(&path, &backup.path, at("2027-01-01 12:00")).unwrap();
    assert_eq!(
        (restored.contents.partnerships, restored.contents.risks),
        (1, 3)
    );
    let previous = restored.previous.expect("the current file was kept");
    assert_eq!(previous.reason, BackupReason::BeforeRestore);
    assert_eq!((previous.partnerships, previous.risks), (Some(2), Some(5)));
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());

    let store = open(&path);
    assert_eq!(names(&store), ["Acme"]);
    assert_eq!(
        store
            .risks(&store.partnerships(true).unwrap()[0].id)
            .unwrap()
            .len(),
        3
    );
    drop(store);

    // Restoring the kept copy undoes the restore.
    backups::restore(&path, &previous.path, Utc::now()).unwrap();
    assert_eq!(names(&open(&path)), ["Acme", "Globex"]);

    // A file that is not a workspace is not restored, and nothing changes.
    let junk = dir.path().join("junk.prisk");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let before = backups::list(&path).unwrap().len();
    let e = backups::restore(&path, &junk, Utc::now()).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("cannot be restored"), "{e}");
    assert_eq!(backups::list(&path).unwrap().len(), before);
    assert_eq!(names(&open(&path)), ["Acme", "Globex"]);
}

/// A workspace with one partnership and its backup, closed.
fn workspace_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("w.prisk");
    let mut store = open(&path);
    add_partnership(&mut store, "Acme", 40);
    let backup = store.backup_before(BackupReason::Manual).unwrap().path;
    add_partnership(&mut store, "Globex", 40);
    drop(store);
    (path, backup)
}

fn wal(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}

/// A file's bytes; an empty file counts as none (SQLite's read-only check of a file
/// leaves an empty -wal beside it, which holds nothing).
fn bytes(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok().filter(|b| !b.is_empty())
}

type Files = (Option<Vec<u8>>, Option<Vec<u8>>);

/// Where two states of a file and its WAL differ (lengths, first differing byte).
fn diff(a: &Files, b: &Files) -> String {
    let one = |x: &Option<Vec<u8>>, y: &Option<Vec<u8>>| match (x, y) {
        (Some(x), Some(y)) => format!(
            "{} vs {} bytes, first difference at {:?}",
            x.len(),
            y.len(),
            x.iter().zip(y).position(|(p, q)| p != q)
        ),
        (x, y) => format!("present {} vs {}", x.is_some(), y.is_some()),
    };
    format!("file: {}; wal: {}", one(&a.0, &b.0), one(&a.1, &b.1))
}

/// Opening is refused as damaged, names the backup and how to restore it, and writes
/// nothing; the restore then brings the backup's content back.
fn refused_then_restored(path: &Path, backup: &Path, detail: &str) {
    let before = (bytes(path), bytes(&wal(path)));
    let e = Store::open(path, OpenMode::Existing)
        .err()
        .expect("refused");
    assert_eq!(e.code(), "damaged", "{e}");
    let message = e.to_string();
    for part in [
        "the workspace file is damaged",
        detail,
        "it was not changed",
        "The newest good backup is",
        &backup.display().to_string(),
        "backup restore",
    ] {
        assert!(message.contains(part), "{part:?} in {message}");
    }
    let after = (bytes(path), bytes(&wal(path)));
    assert!(
        after == before,
        "not written to: {:?}",
        diff(&before, &after)
    );

    let restored = backups::restore(path, backup, Utc::now()).unwrap();
    let kept = restored.previous.unwrap();
    assert_eq!(kept.reason, BackupReason::BeforeRestore);
    assert!(
        bytes(&kept.path) == before.0,
        "the damaged file is kept as it was"
    );
    assert!(bytes(&wal(&kept.path)) == before.1, "and its WAL with it");
    let store = Store::open(path, OpenMode::Existing).unwrap();
    assert_eq!(names(&store), ["Acme"]);
    let ok: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_truncated_file_is_refused_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (path, backup) = workspace_with_backup(dir.path());
    let len = std::fs::metadata(&path).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(len / 2).unwrap();
    drop(file);
    refused_then_restored(&path, &backup, "malformed");
}

#[test]
fn a_zeroed_page_is_refused_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (path, backup) = workspace_with_backup(dir.path());
    let (page_size, root): (u64, u64) = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'risks'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (size, root)
    };
    let mut data = std::fs::read(&path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    data[start..start + page_size as usize].fill(0);
    std::fs::write(&path, data).unwrap();
    refused_then_restored(&path, &backup, "");
}

#[test]
fn garbage_in_the_wal_is_refused_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (path, backup) = workspace_with_backup(dir.path());
    let snap = dir.path().join("snap");
    std::fs::create_dir(&snap).unwrap();
    {
        // Committed changes left in the WAL, as after a crash: copied while the writer
        // is still open and has not checkpointed.
        let mut store = open(&path);
        store
            .connection()
            .execute_batch("PRAGMA wal_autocheckpoint = 0")
            .unwrap();
        for name in ["Initech", "Umbrella", "Hooli"] {
            add_partnership(&mut store, name, 2);
        }
        std::fs::copy(&path, snap.join("w.prisk")).unwrap();
        std::fs::copy(wal(&path), snap.join("w.prisk-wal")).unwrap();
    }
    const FRAME: usize = 24 + 16384;
    // `damage`: which frame (from 0, counted from the end when negative) gets garbage.
    let crash = |damage: Option<isize>| {
        std::fs::copy(snap.join("w.prisk"), &path).unwrap();
        let mut log = std::fs::read(snap.join("w.prisk-wal")).unwrap();
        let frames = (log.len() - 32) / FRAME;
        assert!(frames > 3, "several frames in the WAL");
        if let Some(frame) = damage {
            let frame = if frame < 0 {
                frames - frame.unsigned_abs()
            } else {
                frame as usize
            };
            let at = 32 + frame * FRAME + 24 + 1000;
            log[at..at + 64].fill(0xA5);
        }
        std::fs::write(wal(&path), log).unwrap();
        let _ = std::fs::remove_file(format!("{}-shm", path.display()));
    };

    // The crash state itself is sound: the committed changes come back from the WAL.
    crash(None);
    assert_eq!(
        names(&open(&path)),
        ["Acme", "Globex", "Hooli", "Initech", "Umbrella"]
    );
    // Garbage in the last frame looks like a write torn by a power cut: SQLite drops
    // that last transaction (Hooli's last risk) and the file opens.
    crash(Some(-1));
    let store = open(&path);
    assert_eq!(names(&store).len(), 5);
    drop(store);

    // Garbage in the first frame, with later frames committed on top of it: damage.
    crash(Some(0));
    refused_then_restored(&path, &backup, "write-ahead log");
}

#[test]
fn a_damaged_file_without_backups_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    add_partnership(&mut open(&path), "Acme", 40);
    let len = std::fs::metadata(&path).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let e = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert_eq!(e.code(), "damaged");
    assert!(
        e.to_string().contains("No good backup of it was found"),
        "{e}"
    );
}

#[test]
fn a_write_that_meets_another_writers_lock_is_refused_as_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    let first = open(&path);
    let mut second = open(&path);
    second
        .set_busy_timeout(StdDuration::from_millis(50))
        .unwrap();

    first
        .connection()
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('x', '1');")
        .unwrap();
    let e = second
        .create_partnership(PartnershipFields::new("Acme"), "5x5")
        .unwrap_err();
    assert_eq!(e.code(), "busy");
    assert_eq!(
        e.to_string(),
        "the workspace is busy: another program (the app or prisk) is writing to it; try again"
    );
    first.connection().execute_batch("ROLLBACK").unwrap();

    assert!(names(&second).is_empty(), "nothing half-written");
    add_partnership(&mut second, "Acme", 1);
    assert_eq!(names(&first), ["Acme"]);
}

#[test]
fn data_version_tells_of_another_programs_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    let mut mine = open(&path);
    let mut theirs = open(&path);
    let v0 = mine.data_version().unwrap();
    add_partnership(&mut mine, "Acme", 0);
    assert_eq!(mine.data_version().unwrap(), v0, "own changes do not count");
    add_partnership(&mut theirs, "Globex", 0);
    assert_ne!(mine.data_version().unwrap(), v0);
}

#[test]
fn commits_are_durable_and_the_folder_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("w.prisk"));
    let sync: i64 = store
        .connection()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "FULL");
    assert_eq!(
        partner_risk_core::store::storage_warning(store.path()),
        None
    );
}

#[test]
fn an_open_store_restores_a_backup_over_itself_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    let mut store = open(&path);
    add_partnership(&mut store, "Acme", 2);
    let kept = store.backup_before(BackupReason::Manual).unwrap();
    add_partnership(&mut store, "Globex", 1);

    // The window's store: closes its connection, the file is replaced, it opens again.
    let restored = store.restore_from(&kept.path, Utc::now()).unwrap();
    assert_eq!(names(&store), ["Acme"]);
    assert_eq!(
        restored.previous.unwrap().reason,
        BackupReason::BeforeRestore
    );
    assert_eq!(store.actor(), "tester", "the session's actor is kept");
    add_partnership(&mut store, "Initech", 1);
    assert_eq!(names(&store), ["Acme", "Initech"]);

    // A backup that cannot be restored leaves the store on the untouched file.
    let bogus = dir.path().join("not-a-backup.prisk");
    std::fs::write(&bogus, b"nothing here").unwrap();
    let err = store
        .restore_from(&bogus, Utc::now())
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot be restored"), "{err}");
    assert_eq!(names(&store), ["Acme", "Initech"]);
}
