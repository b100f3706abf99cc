//! The tables a partnership's exchange carries, and how each merges.
//!
//! One entry per table, in parent-first order (inserts follow it, deletions go in reverse).
//! The columns themselves are read from the schema (`PRAGMA table_info`), so a column that a
//! later migration adds travels and merges without a change here; a table that a later
//! issue adds is one more entry.
//!
//! This file has what a table is and how an entry is written; `list` has the entries.

mod list;

pub(crate) use list::TABLES;

use crate::store::Entity;

/// How the rows of a table merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Records edited in place: three-way, field by field; deletions travel.
    Record,
    /// Evidence that is only ever added (reviews, audit rows, exit tests…): the two sides
    /// are united, a row present on either side is kept, never duplicated.
    AppendOnly,
}

/// What a clash of values of a field across records means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clash {
    /// The incoming record gets the next free reference, and the preview says so.
    Renumber,
    /// A conflict to resolve; `both` may keep the two records when the store allows it.
    Conflict { both_allowed: bool },
}

/// A column that names a record of another table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parent {
    pub column: &'static str,
    pub table: &'static str,
    /// `ON DELETE SET NULL`: a missing parent empties the column rather than dropping the row.
    pub set_null: bool,
}

const fn parent(column: &'static str, table: &'static str) -> Parent {
    Parent {
        column,
        table,
        set_null: false,
    }
}

const fn optional_parent(column: &'static str, table: &'static str) -> Parent {
    Parent {
        column,
        table,
        set_null: true,
    }
}

/// How one table of a partnership is read, merged and written.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    /// The columns whose values name a row across workspaces (its UUID, or the UUIDs it
    /// links). Empty: the row is named by its whole content (audit rows).
    pub key: &'static [&'static str],
    /// For a table without a key: the fields that tell its rows apart well enough (joined,
    /// rather than a digest of the whole row); empty: the digest of the whole row.
    pub identity: &'static [&'static str],
    /// `WHERE …` choosing the partnership's rows, with the partnership id as `?1`.
    pub scope: &'static str,
    /// Columns that never leave the workspace: local row numbers, secrets, values derived
    /// from others and recomputed after a merge.
    pub local: &'static [&'static str],
    /// What a local column gets when a row arrives (SQL expressions).
    pub local_defaults: &'static [(&'static str, &'static str)],
    /// Columns merged as one field (a score is its likelihood and impact together).
    pub groups: &'static [(&'static str, &'static [&'static str])],
    pub kind: Kind,
    pub parents: &'static [Parent],
    /// Fields whose values must not repeat among the partnership's rows (compared trimmed,
    /// in any case).
    pub unique: &'static [(&'static str, Clash)],
    /// Fields that must match as well for two values of a unique field to clash (a day's
    /// reading is unique per indicator).
    pub unique_within: &'static [&'static str],
    /// A field that, when set, marks a row as replaced by another: such a row clashes
    /// with none, and the loser of a clash is marked so instead of being dropped (the
    /// table is append-only in the store: a row can be replaced, never deleted).
    pub replaced_by: Option<&'static str>,
    /// Fields where the later (larger) value wins when both sides changed them: the time
    /// of the last change, a counter.
    pub latest: &'static [&'static str],
    /// Fields written after every row has arrived, with the value a new row holds until
    /// then (a closed workshop's ballots arrive before it is closed).
    pub late: &'static [(&'static str, &'static str)],
    /// The audit log's entity for this table's rows (by their key), when it has one;
    /// otherwise changes are logged on the partnership as `table[key].field`.
    pub entity: Option<Entity>,
    /// The table goes into a share with the partner (`--for-partner`).
    pub partner: bool,
    /// The fields a share with the partner leaves at home.
    pub partner_private: &'static [&'static str],
    /// What people call one of its records, for the preview.
    pub noun: &'static str,
}

const fn table(name: &'static str, noun: &'static str) -> Table {
    Table {
        name,
        key: &["id"],
        identity: &[],
        scope: "partnership_id = ?1",
        local: &[],
        local_defaults: &[],
        groups: &[],
        kind: Kind::Record,
        parents: &[],
        unique: &[],
        unique_within: &[],
        replaced_by: None,
        latest: &["updated_at"],
        late: &[],
        entity: None,
        partner: false,
        partner_private: &[],
        noun,
    }
}

/// The entry of a table by name.
pub(crate) fn find(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

impl Table {
    /// The field a column belongs to: its group's name, or itself.
    pub fn field_of<'a>(&self, column: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.groups
            .iter()
            .find(|(_, cols)| cols.contains(&column))
            .map(|(name, _)| *name)
            .unwrap_or(column)
    }

    pub fn is_latest(&self, field: &str) -> bool {
        self.latest.contains(&field)
    }
}
