//! A row the workspace refuses while a merge writes, in words: the file, the record and
//! why, rather than SQLite's constraint message.

use super::merge::label;
use super::snapshot::Row;
use super::tables::Table;
use crate::error::Error;

/// A row the workspace refuses, in words: the file, the record, and why.
pub(super) fn wrap(
    source: &str,
    t: &Table,
    key: &str,
    row: Option<&Row>,
    e: rusqlite::Error,
) -> Error {
    Error::invalid(
        format!("{}[{key}]", t.name),
        label(t, key, row),
        format!(
            "from {source}: cannot be written here: {}; nothing was merged",
            refusal_in_words(t, &e)
        ),
    )
}

/// Why SQLite refused a row, for people.
fn refusal_in_words(t: &Table, e: &rusqlite::Error) -> String {
    use rusqlite::ffi;
    let rusqlite::Error::SqliteFailure(failure, message) = e else {
        return e.to_string();
    };
    let message = message.as_deref().unwrap_or_default();
    // "UNIQUE constraint failed: readings.indicator_id, readings.read_on" → the columns.
    let columns = || {
        message
            .split_once(": ")
            .map(|(_, cols)| {
                cols.split(", ")
                    .map(|c| c.rsplit('.').next().unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .unwrap_or_default()
    };
    match failure.extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => format!(
            "another {} of this workspace has the same {}",
            t.noun,
            columns()
        ),
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            let named: Vec<&str> = t.parents.iter().map(|p| p.table).collect();
            let names = if named.is_empty() {
                "a category or a matrix".to_string()
            } else {
                format!("a record ({}, a category or a matrix)", named.join(", "))
            };
            format!("it names {names} that this workspace does not have")
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => format!("{} is empty", columns()),
        ffi::SQLITE_CONSTRAINT_CHECK => {
            format!("a value is outside what the field allows ({})", columns())
        }
        // The store's own rules (an append-only table) say it in words already.
        ffi::SQLITE_CONSTRAINT_TRIGGER => message.to_string(),
        _ => e.to_string(),
    }
}
