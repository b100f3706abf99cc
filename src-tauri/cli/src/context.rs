//! What every command is given: the global options and the workspace, opened on first
//! use.

use std::cell::{RefCell, RefMut};
use std::path::PathBuf;

use chrono::NaiveDate;
use partner_risk_core::store::default_path;
use partner_risk_core::{OpenMode, Result, Store};

/// The global options (`--db`, `--actor`) and the store they lead to.
///
/// The store is opened by the first call to [`Context::store`] or
/// [`Context::store_or_create`], so a command that needs no workspace (`template list`)
/// never touches one, and a missing workspace is reported only by commands that need it.
/// A command takes the store once, at its start, and keeps it until it returns; asking
/// again while holding it panics (one `RefCell` borrow at a time).
pub struct Context {
    db: Option<PathBuf>,
    actor: Option<String>,
    store: RefCell<Option<Store>>,
}

impl Context {
    pub fn new(db: Option<PathBuf>, actor: Option<String>) -> Self {
        Context {
            db,
            actor,
            store: RefCell::new(None),
        }
    }

    /// The workspace, which must already exist (`OpenMode::Existing`).
    pub fn store(&self) -> Result<RefMut<'_, Store>> {
        self.open(OpenMode::Existing)
    }

    /// The workspace, created when missing (`OpenMode::CreateIfMissing`): for the
    /// commands that make one (`init`, `demo`, `import`).
    pub fn store_or_create(&self) -> Result<RefMut<'_, Store>> {
        self.open(OpenMode::CreateIfMissing)
    }

    /// The workspace (which must exist), taken out of the context for a command that
    /// shares it with other threads (`workshop serve`); later calls open it again.
    pub fn take_store(&self) -> Result<Store> {
        drop(self.open(OpenMode::Existing)?);
        let taken = self.store.borrow_mut().take();
        // `open` has just filled the slot; an empty one would mean it failed, which it reports.
        taken.ok_or_else(|| partner_risk_core::Error::NoWorkspace {
            path: self.db.clone().unwrap_or_default(),
        })
    }

    /// The workspace file's path, without opening it (`backup list` and `backup restore`
    /// must work on a workspace that does not open).
    pub fn workspace_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => default_path(),
        }
    }

    /// After a command succeeded: the rolling session backup, when the command wrote to
    /// the workspace and the newest backup is 30 minutes old. Its failure does not undo
    /// the command's change, so it comes back as a warning to print.
    pub fn finish(&self) -> Option<String> {
        let mut slot = self.store.borrow_mut();
        let store = slot.as_mut()?;
        match store.backup_if_due(chrono::Utc::now()) {
            Ok(_) => None,
            Err(e) => Some(format!(
                "the change was saved, but the session backup failed: {e}"
            )),
        }
    }

    /// Opens the store on first use; later calls return the same store, whatever the mode.
    fn open(&self, mode: OpenMode) -> Result<RefMut<'_, Store>> {
        let mut slot = self.store.borrow_mut();
        if slot.is_none() {
            let path = self.workspace_path()?;
            // On a network share or in a synced folder SQLite's locking is unsafe: say so
            // on stderr (the output stays the command's own).
            if let Some(warning) = partner_risk_core::store::storage_warning(&path) {
                eprintln!("prisk: warning: {}", warning.replace('\n', " "));
            }
            let mut store = Store::open(path, mode)?;
            if let Some(actor) = &self.actor {
                store.set_actor(actor.clone());
            }
            *slot = Some(store);
        }
        Ok(RefMut::map(slot, |s| s.as_mut().expect("opened above")))
    }

    /// Today's date on this machine: due dates, overdue actions and report dates.
    pub fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}
