//! The core's one error type. Every error says what went wrong and, for bad input,
//! which field and which value; the shell turns it into
//! `{ code, message, field, value, reason }`.

use std::path::PathBuf;

mod people;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user breaks a rule of the domain.
    #[error("{field}: {message} (got {value:?})")]
    Invalid {
        field: String,
        value: String,
        message: String,
    },
    /// Something named by the user does not exist.
    #[error("{field}: no {entity} {key:?}")]
    NotFound {
        entity: &'static str,
        field: String,
        key: String,
    },
    /// The change would clash with something that exists.
    #[error("{field}: {message} (got {value:?})")]
    Conflict {
        field: String,
        value: String,
        message: String,
    },
    /// The file is not a Partner Risk workspace; it was not changed.
    #[error("{path}: not a Partner Risk workspace ({reason}); the file was left untouched")]
    NotAWorkspace { path: PathBuf, reason: String },
    /// The file was written by a newer version of Partner Risk; it was not changed.
    #[error("{path}: written by a newer Partner Risk (schema {found}, this build knows up to {supported}); the file was left untouched")]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A workspace file that does not exist where one was expected.
    #[error("{path}: no workspace here (run `prisk init` to create one)")]
    NoWorkspace { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The workspace file failed its integrity check on opening; it was not written to.
    #[error("{}", damaged_message(path, detail, newest_backup.as_deref(), backup_dir))]
    Damaged {
        path: PathBuf,
        detail: String,
        /// The newest backup that passes the same check, to restore.
        newest_backup: Option<PathBuf>,
        /// Where the workspace's backups are kept (named when there is none).
        backup_dir: PathBuf,
    },
    /// Another connection held the write lock for longer than the store waits.
    #[error(
        "the workspace is busy: another program (the app or prisk) is writing to it; try again"
    )]
    Busy,
    #[error("database: {0}")]
    Database(#[source] rusqlite::Error),
}

/// The reasons the input rules give, which the wording for people recognises.
pub(crate) mod reasons {
    /// The reason given for a required text left empty.
    pub const EMPTY: &str = "must not be empty";
    /// The reason given for a text with control characters.
    pub const CONTROL: &str = "contains control characters";
    /// The reason given for a date that does not parse.
    pub const BAD_DATE: &str = "expected a date as YYYY-MM-DD";
    /// The start of the reason given for a date of an implausible year.
    pub const DATE_RANGE: &str = "the year must be between";
}

fn damaged_message(
    path: &std::path::Path,
    detail: &str,
    backup: Option<&std::path::Path>,
    backup_dir: &std::path::Path,
) -> String {
    let head = format!(
        "{}: the workspace file is damaged ({detail}); it was not changed.",
        path.display()
    );
    match backup {
        Some(b) => format!(
            "{head}\nThe newest good backup is {}. Restore it with `prisk --db \"{}\" backup restore \"{}\" --yes` (or File → Restore from backup…), or open another file.",
            b.display(),
            path.display(),
            b.display()
        ),
        None => format!(
            "{head}\nNo good backup of it was found in {}. Open another file, or ask whoever keeps copies of it.",
            backup_dir.display()
        ),
    }
}

/// A lock still held after the busy timeout becomes [`Error::Busy`]; anything else stays
/// a database error.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy
            }
            _ => Error::Database(e),
        }
    }
}

impl Error {
    pub fn invalid(
        field: impl Into<String>,
        value: impl ToString,
        message: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            field: field.into(),
            value: value.to_string(),
            message: message.into(),
        }
    }

    pub fn not_found(entity: &'static str, field: impl Into<String>, key: impl ToString) -> Self {
        Error::NotFound {
            entity,
            field: field.into(),
            key: key.to_string(),
        }
    }

    pub fn conflict(
        field: impl Into<String>,
        value: impl ToString,
        message: impl Into<String>,
    ) -> Self {
        Error::Conflict {
            field: field.into(),
            value: value.to_string(),
            message: message.into(),
        }
    }

    /// A stable machine-readable code, used across IPC and in tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::NotAWorkspace { .. } => "not_a_workspace",
            Error::TooNew { .. } => "too_new",
            Error::NoWorkspace { .. } => "no_workspace",
            Error::Io { .. } => "io",
            Error::Damaged { .. } => "damaged",
            Error::Busy => "busy",
            Error::Database(_) => "database",
        }
    }

    /// The input field the error concerns, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. }
            | Error::NotFound { field, .. }
            | Error::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The value the error concerns, as the user gave it (an invalid or clashing value, the
    /// key of something not found), when there is one.
    pub fn value(&self) -> Option<&str> {
        match self {
            Error::Invalid { value, .. } | Error::Conflict { value, .. } => Some(value),
            Error::NotFound { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The short reason of an error about input, without field or value ("must not be
    /// empty", "no participant"), when there is one.
    pub fn reason(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Error::Invalid { message, .. } | Error::Conflict { message, .. } => {
                Some(message.as_str().into())
            }
            Error::NotFound { entity, .. } => Some(format!("no {entity}").into()),
            Error::NotAWorkspace { reason, .. } => Some(reason.as_str().into()),
            _ => None,
        }
    }

    /// Prefix the field with the place it was found in, e.g. `risks[3].` for imports.
    pub fn within(self, prefix: &str) -> Self {
        match self {
            Error::Invalid {
                field,
                value,
                message,
            } => Error::Invalid {
                field: format!("{prefix}{field}"),
                value,
                message,
            },
            Error::NotFound { entity, field, key } => Error::NotFound {
                entity,
                field: format!("{prefix}{field}"),
                key,
            },
            Error::Conflict {
                field,
                value,
                message,
            } => Error::Conflict {
                field: format!("{prefix}{field}"),
                value,
                message,
            },
            other => other,
        }
    }
}
