//! The SQLite store: one file is one workspace (many partnerships).
//!
//! Every user action is one transaction that also writes its audit rows, so a change
//! and its history land together or not at all.

mod acceptances;
mod actions;
mod audit;
mod matrices;
pub mod migrations;
mod partnerships;
mod portfolio;
mod requirements;
mod reviews;
mod risks;
mod settings;
mod workshops;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

pub use audit::{
    ActivityEntry, ActivityFilter, ActivityPage, AuditEntry, Entity, Operation, MAX_ACTIVITY_PAGE,
};
pub use partnerships::{LevelCount, MatrixChangePlan, PartnershipSummary, ScoreChange};
pub use portfolio::{PortfolioRow, EXPIRING_DAYS};
pub(crate) use risks::check_risk;
pub use risks::{HeatMap, Movement, RiskFilter};
pub use settings::{ActorSource, FALLBACK_ACTOR};

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

pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

/// A timestamp as rusqlite stores a `DateTime<Utc>`, for writing the same instant many
/// times without formatting it each time.
pub(crate) fn timestamp_text(at: DateTime<Utc>) -> String {
    at.format("%F %T%.f%:z").to_string()
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    actor_source: ActorSource,
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
    /// A file that is not a workspace, or one from a newer version, is refused and
    /// left untouched. Before an existing file is migrated, a backup copy is written
    /// beside it.
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
        // A page cache of up to 256 MiB keeps a bulk insert's pages (risks, audit rows,
        // indexes) in memory until commit instead of spilling them to the WAL early; it
        // only grows as far as a transaction needs.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
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
        };
        if version > 0 && version < LATEST {
            store.backup(version)?;
        }
        store.migrate(version, LATEST)?;
        store.seed_presets()?;
        store.resolve_actor()?;
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
        for version in from..to {
            let tx = self.conn.transaction()?;
            tx.execute_batch(MIGRATIONS[version as usize])?;
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Writes a consistent copy of the workspace beside it before a migration.
    fn backup(&self, version: i64) -> Result<PathBuf> {
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
        let name = format!(
            "{}.v{version}-{stamp}.bak",
            self.path.file_name().unwrap_or_default().to_string_lossy()
        );
        let target = self.path.with_file_name(name);
        self.conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])?;
        Ok(target)
    }

    /// Runs `work` in one transaction: all of it is written, or none of it.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
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
    let (app, version, objects) = header().map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => not_workspace("not an SQLite database"),
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
