//! Settings of the workspace: who is working ("whoami").
//!
//! The actor recorded in the audit log and on reviews is, in this order: a name set
//! for the session ([`Store::set_actor`], the CLI's `--actor`), the display name stored
//! in the workspace ([`Store::set_whoami`], `prisk whoami --set NAME`), the OS user
//! (`USER`, `USERNAME`, `LOGNAME`), and else [`FALLBACK_ACTOR`] — never "unknown".

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{os_user_name, Store};
use crate::error::{Error, Result};

/// The actor when nothing names the person working.
pub const FALLBACK_ACTOR: &str = "local user";

const WHOAMI: &str = "whoami";

/// Where the name of the actor comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActorSource {
    /// Set for this session (`--actor`).
    Explicit,
    /// The display name stored in the workspace.
    Workspace,
    /// The OS user.
    OsUser,
    /// Nothing named anyone: [`FALLBACK_ACTOR`].
    Fallback,
}

impl ActorSource {
    pub fn describe(self) -> &'static str {
        match self {
            ActorSource::Explicit => "--actor",
            ActorSource::Workspace => "workspace setting",
            ActorSource::OsUser => "OS user",
            ActorSource::Fallback => "default (no name set: run `prisk whoami --set NAME`)",
        }
    }
}

impl Store {
    /// The display name of the person using this workspace, when one was set.
    pub fn whoami(&self) -> Result<Option<String>> {
        self.setting(WHOAMI)
    }

    /// Stores the display name of the person using this workspace; it becomes the
    /// actor unless one was set for the session. Non-empty, at most 100 characters,
    /// no control characters.
    pub fn set_whoami(&mut self, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name", name, "a display name is required"));
        }
        if name.chars().count() > 100 {
            return Err(Error::invalid(
                "name",
                name,
                "a display name is at most 100 characters",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(Error::invalid(
                "name",
                name.escape_debug(),
                "a display name has no control characters",
            ));
        }
        self.write(|w| w.set_setting(WHOAMI, name))?;
        if self.actor_source != ActorSource::Explicit {
            self.actor = name.to_string();
            self.actor_source = ActorSource::Workspace;
        }
        Ok(name.to_string())
    }

    /// A setting of the workspace kept by another module (e.g. the import's remembered
    /// mappings), by its key.
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Who is working, for the window's settings.
    pub fn whoami_info(&self) -> Result<Whoami> {
        Ok(Whoami {
            name: self.whoami()?,
            actor: self.actor.clone(),
            source: self.actor_source,
        })
    }

    /// Picks the actor when the workspace is opened.
    pub(super) fn resolve_actor(&mut self) -> Result<()> {
        let (source, actor) = if let Some(name) = self.whoami()? {
            (ActorSource::Workspace, name)
        } else if let Some(name) = os_user_name() {
            (ActorSource::OsUser, name)
        } else {
            (ActorSource::Fallback, FALLBACK_ACTOR.to_string())
        };
        self.actor = actor;
        self.actor_source = source;
        Ok(())
    }
}

/// Who is working: the stored display name, if any, and the name recorded as actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Whoami {
    /// The display name stored in the workspace; `None` until someone sets one.
    pub name: Option<String>,
    /// The name recorded on changes and reviews now.
    pub actor: String,
    pub source: ActorSource,
}

impl super::Writer<'_> {
    /// Sets a setting of the workspace within the writer's transaction.
    pub(crate) fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
