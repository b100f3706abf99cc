//! Backups of a workspace: consistent copies in a `backups/` folder beside the file,
//! named `<stem>-YYYYMMDD-HHMMSS-<reason>.prisk` (UTC), thinned to a rolling set, listed
//! with what they hold, and restored in place.
//!
//! A copy is made with `VACUUM INTO` from a connection of its own: in WAL mode that is a
//! reader, so it sees one consistent snapshot and never holds the write lock, however
//! big the workspace (a file copy of a live WAL database can miss or tear committed
//! pages). Only files whose names this module makes are ever thinned.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::integrity::{quick_check, shm_path, wal_check, wal_path};
use super::migrations::{APPLICATION_ID, LATEST};
use crate::error::{Error, Result};

/// The folder of backups beside a workspace file.
pub const BACKUP_DIR: &str = "backups";
/// While changes happen, a session backup is taken at most this often.
pub const SESSION_INTERVAL_MINUTES: i64 = 30;
/// Thinning keeps the newest `KEEP_LAST` backups, …
pub const KEEP_LAST: usize = 10;
/// … the newest of each of the last `KEEP_DAYS` days (today included), …
pub const KEEP_DAYS: i64 = 14;
/// … and the newest of each of the last `KEEP_MONTHS` calendar months (this one included).
pub const KEEP_MONTHS: i32 = 6;

const STAMP: &str = "%Y%m%d-%H%M%S";

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// Asked for by the user (`prisk backup create`, File → Back up now).
    Manual,
    /// The rolling backup while changes happen.
    Session,
    /// Before a schema migration.
    Migration,
    /// Before an import.
    Import,
    /// Before a partnership's scores are moved onto another matrix.
    MatrixChange,
    /// The file as it was, kept before a restore replaced it.
    BeforeRestore,
}

impl BackupReason {
    pub const ALL: [BackupReason; 6] = [
        BackupReason::Manual,
        BackupReason::Session,
        BackupReason::Migration,
        BackupReason::Import,
        BackupReason::MatrixChange,
        BackupReason::BeforeRestore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Manual => "manual",
            BackupReason::Session => "session",
            BackupReason::Migration => "migration",
            BackupReason::Import => "import",
            BackupReason::MatrixChange => "matrix_change",
            BackupReason::BeforeRestore => "before_restore",
        }
    }

    fn parse(text: &str) -> Option<BackupReason> {
        BackupReason::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// One backup file and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// When it was taken (from its name, UTC).
    pub at: DateTime<Utc>,
    pub reason: BackupReason,
    /// Size of the file in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// Partnerships and risks in it; `None` when it cannot be read (see `problem`).
    #[ts(type = "number | null")]
    pub partnerships: Option<i64>,
    #[ts(type = "number | null")]
    pub risks: Option<i64>,
    /// Its schema version (an older one is migrated when restored and opened).
    #[ts(type = "number | null")]
    pub schema_version: Option<i64>,
    /// Why it cannot be restored, when it cannot.
    pub problem: Option<String>,
}

/// `<dir of workspace>/backups`.
pub fn backup_dir(workspace: &Path) -> PathBuf {
    match workspace.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.join(BACKUP_DIR),
        None => PathBuf::from(BACKUP_DIR),
    }
}

fn stem(workspace: &Path) -> String {
    workspace
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads `<stem>-YYYYMMDD-HHMMSS-<reason>[-N].prisk`: the time and reason, when the name
/// is one this module made for this workspace.
fn parse_name(stem: &str, name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".prisk")?;
    let stamp = rest.get(..15)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let mut tail = rest.get(15..)?.strip_prefix('-')?;
    // A second backup in the same second gets `-2`, `-3`…
    if let Some((reason, n)) = tail.rsplit_once('-') {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            tail = reason;
        }
    }
    Some((Utc.from_utc_datetime(&at), BackupReason::parse(tail)?))
}

/// The backups of `workspace` (by name; contents not read), newest first.
fn scan(workspace: &Path) -> Result<Vec<(PathBuf, DateTime<Utc>, BackupReason)>> {
    let dir = backup_dir(workspace);
    let stem = stem(workspace);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir)(e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&dir))?;
        let name = entry.file_name();
        if let Some((at, reason)) = parse_name(&stem, &name.to_string_lossy()) {
            let written = entry.metadata().and_then(|m| m.modified()).ok();
            found.push((entry.path(), at, reason, written));
        }
    }
    // Newest first; within one second (names have seconds) the file written last.
    found.sort_by(|a, b| (b.1, b.3).cmp(&(a.1, a.3)).then_with(|| b.0.cmp(&a.0)));
    Ok(found
        .into_iter()
        .map(|(path, at, reason, _)| (path, at, reason))
        .collect())
}

/// The time of the newest backup of `workspace`, if any.
pub fn newest_backup_time(workspace: &Path) -> Result<Option<DateTime<Utc>>> {
    Ok(scan(workspace)?.first().map(|b| b.1))
}

/// Every backup of `workspace`, newest first, with what each holds (each is opened
/// read-only; one that cannot be read is listed with its `problem`).
pub fn list(workspace: &Path) -> Result<Vec<BackupInfo>> {
    scan(workspace)?
        .into_iter()
        .map(|(path, at, reason)| describe(path, at, reason, false))
        .collect()
}

fn describe(
    path: PathBuf,
    at: DateTime<Utc>,
    reason: BackupReason,
    check: bool,
) -> Result<BackupInfo> {
    let size = std::fs::metadata(&path).map_err(io(&path))?.len();
    let (mut partnerships, mut risks, mut schema_version, mut problem) = (None, None, None, None);
    match read_contents(&path, check) {
        Ok(c) => {
            partnerships = Some(c.partnerships);
            risks = Some(c.risks);
            schema_version = Some(c.version);
        }
        Err(e) => problem = Some(e),
    }
    Ok(BackupInfo {
        path,
        at,
        reason,
        size,
        partnerships,
        risks,
        schema_version,
        problem,
    })
}

/// What a workspace file holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contents {
    #[ts(type = "number")]
    pub partnerships: i64,
    #[ts(type = "number")]
    pub risks: i64,
    #[ts(type = "number")]
    pub version: i64,
}

/// Opens `path` read-only and counts what it holds; with `check`, also runs the
/// integrity checks. The error is a plain sentence of what is wrong.
fn read_contents(path: &Path, check: bool) -> std::result::Result<Contents, String> {
    if check {
        if let Some(problem) = wal_check(path) {
            return Err(problem);
        }
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("cannot be opened ({e})"))?;
    let header = || -> rusqlite::Result<(i64, i64)> {
        Ok((
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ))
    };
    let (app, version) = header().map_err(|e| format!("not readable ({e})"))?;
    if app != APPLICATION_ID {
        return Err("not a Partner Risk workspace".into());
    }
    if version > LATEST {
        return Err(format!(
            "written by a newer Partner Risk (schema {version}, this build knows up to {LATEST})"
        ));
    }
    if check {
        if let Some(problem) = quick_check(&conn) {
            return Err(format!("damaged ({problem})"));
        }
    }
    let count = |table: &str| -> std::result::Result<i64, String> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| format!("not readable ({e})"))
    };
    Ok(Contents {
        partnerships: count("partnerships")?,
        risks: count("risks")?,
        version,
    })
}

/// What the workspace file at `path` holds (partnerships, risks, schema), read-only,
/// after the integrity checks; the error says what is wrong with it.
pub fn contents(path: &Path) -> std::result::Result<Contents, String> {
    read_contents(path, true)
}

/// The newest backup of `workspace` that passes the integrity checks, if any.
pub fn newest_good(workspace: &Path) -> Option<BackupInfo> {
    scan(workspace)
        .ok()?
        .into_iter()
        .find_map(|(path, at, reason)| {
            describe(path, at, reason, true)
                .ok()
                .filter(|b| b.problem.is_none())
        })
}

/// The backups folder (created if missing) and a free name in it for a backup taken at
/// `now` for `reason`: `-2`, `-3`… when one was already taken in the same second.
fn new_backup_path(
    workspace: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
) -> Result<(PathBuf, PathBuf)> {
    let dir = backup_dir(workspace);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let base = format!(
        "{}-{}-{}",
        stem(workspace),
        now.format(STAMP),
        reason.as_str()
    );
    let mut target = dir.join(format!("{base}.prisk"));
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{base}-{n}.prisk"));
        n += 1;
    }
    Ok((dir, target))
}

/// Takes a backup of `workspace` now (`VACUUM INTO` a temporary name, synced, then
/// renamed, so a backup file is whole or absent), then thins the folder.
///
/// It uses a connection of its own, so it may run on another thread than the store's
/// while the store keeps working (in WAL mode the copy is a reader).
pub fn create(workspace: &Path, reason: BackupReason, now: DateTime<Utc>) -> Result<BackupInfo> {
    let (dir, target) = new_backup_path(workspace, reason, now)?;
    let temp = dir.join(format!(
        ".{}.tmp",
        target.file_name().unwrap_or_default().to_string_lossy()
    ));
    let result = copy_consistent(workspace, &temp).and_then(|()| {
        std::fs::rename(&temp, &target).map_err(io(&target))?;
        sync_dir(&dir);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    thin(workspace, now)?;
    log::info!("backup ({}) written: {}", reason.as_str(), target.display());
    describe(target, now.with_nanosecond_zero(), reason, false)
}

/// Removes what backups killed half-way left (`.NAME.prisk.tmp` and its journal). Only
/// files over ten minutes old: a younger one may be another program's backup in progress.
fn remove_interrupted(workspace: &Path) {
    let prefix = format!(".{}-", stem(workspace));
    let Ok(entries) = std::fs::read_dir(backup_dir(workspace)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let leftover = name.starts_with(&prefix)
            && (name.ends_with(".prisk.tmp") || name.ends_with(".prisk.tmp-journal"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if leftover && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

trait NanosZero {
    fn with_nanosecond_zero(self) -> Self;
}
impl NanosZero for DateTime<Utc> {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// A consistent copy of the database at `from` written to `to` (which must not exist),
/// in rollback-journal mode (so reading it later leaves no -wal/-shm beside it) and
/// synced to disk (`VACUUM INTO` itself does not sync).
fn copy_consistent(from: &Path, to: &Path) -> Result<()> {
    let _ = std::fs::remove_file(to); // a leftover of an interrupted attempt
    let source = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    source.busy_timeout(std::time::Duration::from_secs(5))?;
    source.execute("VACUUM INTO ?1", [to.to_string_lossy().as_ref()])?;
    drop(source);
    let copy = Connection::open(to)?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    drop(copy);
    let file = std::fs::File::open(to).map_err(io(to))?;
    file.sync_all().map_err(io(to))?;
    Ok(())
}

/// Makes a rename in `dir` durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Which backups survive thinning at `now`, given newest first: the newest
/// [`KEEP_LAST`], plus the newest of each of the last [`KEEP_DAYS`] days, plus the newest
/// of each of the last [`KEEP_MONTHS`] calendar months (days and months in UTC).
fn survivors(times: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<bool> {
    let today = now.date_naive();
    let month_index = |d: DateTime<Utc>| d.year() * 12 + d.month0() as i32;
    let this_month = month_index(now);
    let mut keep = vec![false; times.len()];
    let mut days_seen = std::collections::HashSet::new();
    let mut months_seen = std::collections::HashSet::new();
    for (i, &at) in times.iter().enumerate() {
        if i < KEEP_LAST {
            keep[i] = true;
        }
        let day = at.date_naive();
        let age_days = (today - day).num_days();
        if (0..KEEP_DAYS).contains(&age_days) && days_seen.insert(day) {
            keep[i] = true;
        }
        let age_months = this_month - month_index(at);
        if (0..KEEP_MONTHS).contains(&age_months) && months_seen.insert(age_months) {
            keep[i] = true;
        }
    }
    keep
}

/// Deletes the backups of `workspace` that the rolling policy no longer keeps at `now`;
/// returns the deleted files.
pub fn thin(workspace: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    remove_interrupted(workspace);
    let found = scan(workspace)?;
    let times: Vec<_> = found.iter().map(|b| b.1).collect();
    let keep = survivors(&times, now);
    let mut deleted = Vec::new();
    for ((path, _, _), keep) in found.into_iter().zip(keep) {
        if !keep {
            std::fs::remove_file(&path).map_err(io(&path))?;
            // A kept damaged file may have its WAL beside it.
            for sidecar in [wal_path(&path), shm_path(&path)] {
                let _ = std::fs::remove_file(sidecar);
            }
            deleted.push(path);
        }
    }
    Ok(deleted)
}

/// Whether a session backup is due at `now`, given the newest backup's time: when there
/// is none, or it is [`SESSION_INTERVAL_MINUTES`] old (or from the future: a changed clock).
pub(crate) fn session_due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match newest {
        None => true,
        Some(at) => {
            let age = now - at;
            age >= Duration::minutes(SESSION_INTERVAL_MINUTES) || age < Duration::zero()
        }
    }
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Restored {
    /// The workspace file, now holding the backup's content.
    pub workspace: PathBuf,
    /// What it holds now.
    pub contents: Contents,
    /// The copy of the file as it was before the restore (none when there was no file).
    pub previous: Option<BackupInfo>,
}

/// Replaces the workspace file with the content of `backup`.
///
/// **The caller closes its [`Store`](super::Store) on `workspace` first**: the file is
/// replaced underneath any open connection. If another program still has it open, the
/// restore is refused (a `conflict` naming the workspace) and nothing is changed.
///
/// Steps: check the backup (readable, a workspace, not from a newer version, passes the
/// integrity checks); keep the current file as a `before_restore` backup (a plain copy of
/// the file and its WAL when it is damaged, since then it cannot be read); write the
/// backup's content to a temporary file beside the workspace and sync it; remove the old
/// file's `-wal`/`-shm` (its committed WAL content was folded in and kept); rename the
/// temporary file over the workspace. A crash at any point leaves either the old file or
/// the restored one, never a mix.
pub fn restore(workspace: &Path, backup: &Path, now: DateTime<Utc>) -> Result<Restored> {
    if !backup.exists() {
        return Err(Error::invalid(
            "backup",
            backup.display(),
            "no such backup file",
        ));
    }
    let contents = contents(backup).map_err(|problem| {
        Error::invalid(
            "backup",
            backup.display(),
            format!("this backup cannot be restored: it is {problem}"),
        )
    })?;
    let mut previous = None;
    if workspace.exists() {
        let healthy = contents_ok(workspace);
        if healthy {
            // Fold the WAL into the file and make sure nobody else has it open.
            fold_wal(workspace)?;
            previous = Some(create(workspace, BackupReason::BeforeRestore, now)?);
        } else {
            previous = Some(keep_damaged(workspace, now)?);
        }
    }
    let dir = match workspace.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    let temp = dir.join(format!(
        ".{}.restoring.tmp",
        workspace.file_name().unwrap_or_default().to_string_lossy()
    ));
    let result = copy_consistent(backup, &temp).and_then(|()| {
        for sidecar in [wal_path(workspace), shm_path(workspace)] {
            match std::fs::remove_file(&sidecar) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&sidecar)(e)),
            }
        }
        std::fs::rename(&temp, workspace).map_err(io(workspace))?;
        sync_dir(&dir);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    Ok(Restored {
        workspace: workspace.to_path_buf(),
        contents,
        previous,
    })
}

fn contents_ok(path: &Path) -> bool {
    contents(path).is_ok()
}

/// Checkpoints the workspace's WAL fully and closes: afterwards the file alone holds
/// everything and no -wal is left. Refused when another connection has it open (its
/// -wal then stays, or the checkpoint cannot finish).
fn fold_wal(workspace: &Path) -> Result<()> {
    let conn = Connection::open(workspace)?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    drop(conn);
    let wal_left = std::fs::metadata(wal_path(workspace)).is_ok();
    if busy != 0 || wal_left {
        return Err(Error::conflict(
            "workspace",
            workspace.display(),
            "the workspace is open in another program (the app or prisk); close it there, then restore",
        ));
    }
    Ok(())
}

/// Keeps a damaged workspace as it is (the file and its WAL, copied byte for byte, since
/// it cannot be read through SQLite) under a `before_restore` name.
fn keep_damaged(workspace: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    let (dir, target) = new_backup_path(workspace, BackupReason::BeforeRestore, now)?;
    let copy = |from: &Path, to: &Path| -> Result<()> {
        std::fs::copy(from, to).map_err(io(to))?;
        std::fs::File::open(to)
            .and_then(|f| f.sync_all())
            .map_err(io(to))
    };
    // The WAL first: a `.prisk` without its `-wal` would look whole but miss changes.
    let wal = wal_path(workspace);
    if wal.exists() {
        copy(&wal, &wal_path(&target))?;
    }
    copy(workspace, &target)?;
    sync_dir(&dir);
    describe(
        target,
        now.with_nanosecond_zero(),
        BackupReason::BeforeRestore,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        Utc.from_utc_datetime(&NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
    }

    #[test]
    fn names_are_read_back_only_for_this_workspace() {
        let (t, r) = parse_name("w", "w-20261202-101500-session.prisk").unwrap();
        assert_eq!((t, r), (at("2026-12-02 10:15"), BackupReason::Session));
        let (_, r) = parse_name("my-w", "my-w-20261202-101500-matrix_change-3.prisk").unwrap();
        assert_eq!(r, BackupReason::MatrixChange);
        for other in [
            "w-x-20261202-101500-session.prisk",
            "w-20261202-101500-whatever.prisk",
            "w-20261202-101500.prisk",
            "w-20261202-101500-session.prisk-wal",
            ".w-20261202-101500-session.prisk.tmp",
            "notes.txt",
        ] {
            assert_eq!(parse_name("w", other), None, "{other}");
        }
    }

    #[test]
    fn a_session_backup_is_due_every_thirty_minutes() {
        let now = at("2026-12-02 10:00");
        assert!(session_due(None, now));
        assert!(!session_due(Some(at("2026-12-02 09:31")), now));
        assert!(session_due(Some(at("2026-12-02 09:30")), now));
        assert!(session_due(Some(at("2026-12-02 11:00")), now), "future");
    }
}
