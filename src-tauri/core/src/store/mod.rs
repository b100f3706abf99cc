//! The SQLite store: one file is one workspace (many partnerships).
//!
//! Every user action is one transaction that also writes its audit rows, so a change
//! and its history land together or not at all.

mod acceptances;
mod actions;
mod audit;
pub mod backups;
mod exit;
mod health;
mod integrity;
mod matrices;
pub mod migrations;
mod partnerships;
mod portfolio;
mod quant;
mod requirements;
mod reviews;
mod risks;
mod settings;
mod storage;
mod workshops;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

pub use audit::{
    ActivityEntry, ActivityFilter, ActivityPage, AuditEntry, Entity, Operation, MAX_ACTIVITY_PAGE,
};
pub use backups::{BackupInfo, BackupReason, Restored};
pub use exit::{ExitReminder, ExitStatus, ReminderKind};
pub(crate) use health::relevel_indicator;
pub use health::{
    FiredTrigger, HealthCounts, HealthFlags, HealthRow, IndicatorChart, IndicatorHealth,
    PartnershipHealth, ReadingsAdded, RiskFlag, SPARK_POINTS,
};
pub use partnerships::{LevelCount, MatrixChangePlan, PartnershipSummary, ScoreChange};
pub use portfolio::{PortfolioRow, EXPIRING_DAYS};
pub use quant::{
    PreparedRun, PreparedStage, QuantResults, RiskCells, RunRequest, StageResult, PORTFOLIO,
};
pub(crate) use risks::check_risk;
pub use risks::{HeatMap, Movement, RiskFilter};
pub use settings::{ActorSource, Whoami, FALLBACK_ACTOR};
pub use storage::storage_warning;

use crate::error::{Error, Result};
use migrations::{APPLICATION_ID, LATEST, MIGRATIONS};

/// The identifier of the desktop app; the default workspace lives in its data folder.
pub const APP_IDENTIFIER: &str = "org.partnerrisk.desktop";
pub const DEFAULT_FILE_NAME: &str = "workspace.prisk";
/// Environment variable that names the workspace file to open.
pub const DB_ENV: &str = "PARTNER_RISK_DB";

/// The workspace opened when no path is given: `$PARTNER_RISK_DB`, or
/// `<platform data dir>/org.partnerrisk.desktop/workspace.prisk` (the desktop app's
/// application-data folder, e.g. `~/.local/share/…` on Linux).
pub fn default_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let base = dirs::data_dir().ok_or_else(|| Error::Io {
        path: PathBuf::from("$XDG_DATA_HOME"),
        source: std::io::Error::other("the platform has no application-data folder"),
    })?;
    Ok(base.join(APP_IDENTIFIER).join(DEFAULT_FILE_NAME))
}

/// The OS user (`USER`, `USERNAME` or `LOGNAME`), when the environment names one.
pub fn os_user_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .map(|s| s.trim().to_string())
}

/// The OS user, or [`FALLBACK_ACTOR`] when the environment names none (never "unknown").
pub fn os_user() -> String {
    os_user_name().unwrap_or_else(|| FALLBACK_ACTOR.into())
}

pub(crate) use crate::ids::now;

/// A timestamp as rusqlite stores a `DateTime<Utc>`, for writing the same instant many
/// times without formatting it each time.
pub(crate) fn timestamp_text(at: DateTime<Utc>) -> String {
    at.format("%F %T%.f%:z").to_string()
}

pub(crate) use crate::ids::new_id;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    actor_source: ActorSource,
    /// `total_changes()` once opened: more since means this session changed something.
    changes_at_open: u64,
    /// The newest backup's time, once looked up (saves a folder scan per write).
    newest_backup: Option<Option<DateTime<Utc>>>,
}

/// Whether opening may create a new workspace file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The file must already be a workspace.
    Existing,
    /// Create the file when it does not exist.
    CreateIfMissing,
}

impl Store {
    /// Opens (or creates) a workspace file, migrating it to the current schema.
    /// A file that is not a workspace, one from a newer version, or one that fails its
    /// integrity check ([`Error::Damaged`]) is refused and left untouched. Before an
    /// existing file is migrated, a `migration` backup is taken (see [`backups`]).
    pub fn open(path: impl AsRef<Path>, mode: OpenMode) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let exists = path.exists();
        if !exists && mode == OpenMode::Existing {
            return Err(Error::NoWorkspace { path });
        }
        let version = if exists { inspect(&path)? } else { 0 };
        if !exists {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
        }
        let conn = Connection::open(&path)?;
        if version == 0 {
            // Before the first page is written: 16 KiB pages hold a risk row with its
            // texts without overflow pages, and made a 100,000-risk import ~8% faster.
            conn.execute_batch("PRAGMA page_size = 16384;")?;
        }
        // synchronous = FULL: in WAL mode, NORMAL may lose the last commits at a power
        // cut; FULL syncs the WAL at every commit, so an action that reported success is
        // on disk. Measured on the project's machines: an edit of one risk 4.0 ms
        // (NORMAL 0.35 ms), a 100,000-risk batch no slower.
        // A page cache of up to 256 MiB keeps a bulk insert's pages (risks, audit rows,
        // indexes) in memory until commit instead of spilling them to the WAL early; it
        // only grows as far as a transaction needs.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -262144;
             PRAGMA temp_store = MEMORY;",
        )?;
        // The store prepares its frequent statements once (`prepare_cached`); more of them
        // than rusqlite's default 16 are in use, and evicting them meant compiling SQL again
        // on every request of the voting server.
        conn.set_prepared_statement_cache_capacity(128);
        let mut store = Store {
            conn,
            path,
            actor: String::new(),
            actor_source: ActorSource::Fallback,
            changes_at_open: 0,
            newest_backup: None,
        };
        if version > 0 && version < LATEST {
            store.backup_before(BackupReason::Migration)?;
        }
        store.migrate(version, LATEST)?;
        store.seed_presets()?;
        store.resolve_actor()?;
        store.changes_at_open = store.conn.total_changes();
        Ok(store)
    }

    /// An empty workspace held in memory and written nowhere: what a window holds while
    /// the file it was asked to open cannot be (a damaged workspace waiting for the
    /// user's choice). It takes no backups.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            path: PathBuf::new(),
            actor: String::new(),
            actor_source: ActorSource::Fallback,
            changes_at_open: 0,
            newest_backup: None,
        };
        store.migrate(0, LATEST)?;
        store.seed_presets()?;
        store.resolve_actor()?;
        store.changes_at_open = store.conn.total_changes();
        Ok(store)
    }

    /// A store on a fresh file, for tests and benchmarks: the schema stops at `version`.
    #[doc(hidden)]
    pub fn create_at_version(path: impl AsRef<Path>, version: i64) -> Result<Store> {
        let conn = Connection::open(path.as_ref())?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")?;
        let (actor_source, actor) = match os_user_name() {
            Some(name) => (ActorSource::OsUser, name),
            None => (ActorSource::Fallback, FALLBACK_ACTOR.to_string()),
        };
        // The store prepares its frequent statements once (`prepare_cached`); more of them
        // than rusqlite's default 16 are in use, and evicting them meant compiling SQL again
        // on every request of the voting server.
        conn.set_prepared_statement_cache_capacity(128);
        let mut store = Store {
            conn,
            path: path.as_ref().to_path_buf(),
            actor,
            actor_source,
            changes_at_open: 0,
            newest_backup: None,
        };
        store.migrate(0, version)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Where the actor's name comes from (see [`Store::set_whoami`]).
    pub fn actor_source(&self) -> ActorSource {
        self.actor_source
    }

    /// Sets who is recorded in the audit log for the changes that follow (e.g. the
    /// CLI's `--actor`). A blank name is ignored.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        let actor = actor.into();
        if !actor.trim().is_empty() {
            self.actor = actor.trim().to_string();
            self.actor_source = ActorSource::Explicit;
        }
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Direct access for tests that check what the database itself enforces.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn migrate(&mut self, from: i64, to: i64) -> Result<()> {
        if from > 0 && from < to {
            log::info!(
                "migrating {} from schema {from} to {to}",
                self.path.display()
            );
        }
        for version in from..to {
            let tx = self.conn.transaction()?;
            tx.execute_batch(MIGRATIONS[version as usize])?;
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Takes a backup now, before a risky operation (an import, a matrix change) or on
    /// the user's request; the backups folder is thinned afterwards.
    pub fn backup_before(&mut self, reason: BackupReason) -> Result<BackupInfo> {
        let info = backups::create(&self.path, reason, Utc::now())?;
        self.backup_taken(info.at);
        Ok(info)
    }

    /// The rolling session backup: when this store has changed something since it was
    /// opened and the newest backup of the workspace is
    /// [`backups::SESSION_INTERVAL_MINUTES`] old (or there is none), takes a `session`
    /// backup. Call it after a write; `now` is the clock (injected for tests).
    ///
    /// It holds the store while it copies (80 ms for 10,000 risks, 0.4 s for 100,000);
    /// a window can instead ask [`Store::session_backup_due`], run [`backups::create`]
    /// on another thread (it uses a connection of its own) and report it with
    /// [`Store::backup_taken`].
    pub fn backup_if_due(&mut self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        if !self.session_backup_due(now)? {
            return Ok(None);
        }
        let info = backups::create(&self.path, BackupReason::Session, now)?;
        self.backup_taken(info.at);
        Ok(Some(info))
    }

    /// Whether a session backup is due at `now` (see [`Store::backup_if_due`]).
    pub fn session_backup_due(&mut self, now: DateTime<Utc>) -> Result<bool> {
        // A store in memory has no file to back up.
        if !self.has_changes() || self.path.as_os_str().is_empty() {
            return Ok(false);
        }
        let newest = match self.newest_backup {
            Some(known) => known,
            None => backups::newest_backup_time(&self.path)?,
        };
        self.newest_backup = Some(newest);
        Ok(backups::session_due(newest, now))
    }

    /// Restores `backup` over this store's workspace (see [`backups::restore`]): the
    /// store closes its connection, the file is replaced, and the store opens the
    /// restored file, so a window keeps the same store. When the restore is refused or
    /// fails, the store opens the untouched file again.
    pub fn restore_from(&mut self, backup: &Path, now: DateTime<Utc>) -> Result<Restored> {
        let path = self.path.clone();
        let actor = (self.actor_source == ActorSource::Explicit).then(|| self.actor.clone());
        // SQLite must not have the file open while it is replaced.
        let closed = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        closed.close().map_err(|(_, e)| Error::from(e))?;
        let restored = backups::restore(&path, backup, now);
        *self = Store::open(&path, OpenMode::Existing)?;
        if let Some(actor) = actor {
            self.set_actor(actor);
        }
        restored
    }

    /// Tells the store that a backup of its workspace was taken at `at` elsewhere.
    pub fn backup_taken(&mut self, at: DateTime<Utc>) {
        self.newest_backup = Some(Some(at));
    }

    /// Whether this store has written anything since it was opened.
    pub fn has_changes(&self) -> bool {
        self.conn.total_changes() > self.changes_at_open
    }

    /// SQLite's `data_version`: it changes when another connection (another program)
    /// commits to the workspace, so a window can tell when to refresh what it shows.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// How long a write waits for another program's lock before it is refused as
    /// [`Error::Busy`] (5 s by default); shorter in tests.
    #[doc(hidden)]
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Runs `work` in one transaction: all of it is written, or none of it.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE takes the write lock at the start, waiting up to the busy timeout;
        // a deferred transaction that read first would fail at once on another
        // program's newer commit instead of waiting.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let at = now();
        let writer = Writer {
            tx,
            actor: &self.actor,
            at_text: timestamp_text(at),
            at,
            references: Default::default(),
            first_unindexed_risk: Default::default(),
            context: Default::default(),
        };
        let value = work(&writer)?;
        writer.index_new_risks()?;
        writer.save_reference_counters()?;
        writer.tx.commit()?;
        Ok(value)
    }
}

/// An open transaction together with who is making the change and when.
pub(crate) struct Writer<'a> {
    pub tx: Transaction<'a>,
    pub actor: &'a str,
    pub at: DateTime<Utc>,
    /// `at` as stored, formatted once rather than for every audit row.
    pub at_text: String,
    /// Last reference number per (partnership, prefix) handed out in this transaction,
    /// written back once at commit rather than once per risk.
    references: std::cell::RefCell<std::collections::HashMap<(String, String), i64>>,
    /// Row number of the first risk inserted in this transaction and not yet in the
    /// search index (see [`Writer::index_new_risks`]).
    first_unindexed_risk: std::cell::Cell<Option<i64>>,
    /// Through what the changes that follow are made (see [`AuditEntry::context`]).
    pub context: std::cell::RefCell<Option<String>>,
}

/// Reads the header of an existing file without changing it, and returns its schema
/// version (0 for an empty file that can become a workspace).
fn inspect(path: &Path) -> Result<i64> {
    let not_workspace = |reason: &str| Error::NotAWorkspace {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    let len = std::fs::metadata(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if len == 0 {
        return Ok(0);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| not_workspace("cannot be opened as an SQLite database"))?;
    let header = || -> rusqlite::Result<(i64, i64, i64)> {
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app, version, objects))
    };
    let damaged = |detail: String| Error::Damaged {
        path: path.to_path_buf(),
        detail,
        newest_backup: backups::newest_good(path).map(|b| b.path),
        backup_dir: backups::backup_dir(path),
    };
    let (app, version, objects) = header().map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => not_workspace("not an SQLite database"),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => damaged(e.to_string()),
        _ => not_workspace(&e.to_string()),
    })?;
    if app == 0 && version == 0 && objects == 0 {
        return Ok(0); // an empty SQLite database: it can become a workspace
    }
    if app != APPLICATION_ID {
        return Err(not_workspace(&format!(
            "an SQLite database of another application (application_id {app:#x})"
        )));
    }
    if version > LATEST {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST,
        });
    }
    // Checked before anything writes to the file: a damaged workspace is left as it is,
    // for a restore or for someone to look at. (quick_check on 10,000 risks: see README.)
    if let Some(detail) = integrity::wal_check(path).or_else(|| integrity::quick_check(&conn)) {
        return Err(damaged(detail));
    }
    Ok(version)
}

/// Turns "no rows" into a not-found error naming the input.
pub(crate) trait OrNotFound<T> {
    fn or_not_found(self, entity: &'static str, field: &str, key: &str) -> Result<T>;
}

impl<T> OrNotFound<T> for rusqlite::Result<T> {
    fn or_not_found(self, entity: &'static str, field: &str, key: &str) -> Result<T> {
        self.optional()?
            .ok_or_else(|| Error::not_found(entity, field, key))
    }
}

/// The records whose names must be unique in the workspace.
#[derive(Clone, Copy)]
pub(crate) enum Named {
    Matrix,
    Partnership,
}

impl Store {
    /// Refuses `name` when another record of the kind (any id but `id`) has it.
    pub(crate) fn ensure_unique_name(&self, kind: Named, name: &str, id: &str) -> Result<()> {
        let (sql, reason) = match kind {
            Named::Matrix => (
                "SELECT 1 FROM matrices WHERE name = ?1 AND id <> ?2",
                "another matrix has this name",
            ),
            Named::Partnership => (
                "SELECT 1 FROM partnerships WHERE name = ?1 AND id <> ?2",
                "another partnership has this name",
            ),
        };
        let taken = self
            .conn
            .query_row(sql, [name.trim(), id], |_| Ok(()))
            .optional()?
            .is_some();
        if taken {
            return Err(Error::conflict("name", name, reason));
        }
        Ok(())
    }
}
