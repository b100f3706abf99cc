//! What the merge cannot decide alone: the conflicts, their stable ids, and the
//! resolutions that settle them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{label, Merger};
use crate::exchange::tables::Table;

/// One of the two copies being merged: ours (the workspace) or theirs (the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ExchangeSide")]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The same field changed differently on the two sides.
    Field,
    /// A record changed on one side and deleted on the other (or its parent deleted while
    /// it changed).
    EditDelete,
    /// Two records with the same title, code or name; two current readings of one indicator
    /// for one day.
    SameTitle,
    /// Without a common base: a record only one side has.
    OnlyOneSide,
}

impl ConflictKind {
    fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Field => "field",
            ConflictKind::EditDelete => "edit_delete",
            ConflictKind::SameTitle => "same_title",
            ConflictKind::OnlyOneSide => "only_one_side",
        }
    }
}

/// How a conflict is settled: our value, theirs, both records (two of the same title), or
/// a value typed by the user (a field).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Mine,
    Theirs,
    Both,
    Value(#[ts(type = "unknown")] Value),
}

/// One thing the merge cannot decide alone. `base`, `mine`, `theirs`: the field's values
/// (a field conflict) or the whole records (`null`: absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Conflict {
    /// Stable: the same file on the same workspace gives the same id.
    pub id: String,
    pub kind: ConflictKind,
    pub table: String,
    pub key: String,
    /// The record in words, e.g. `risk TEC-004 "Vendor lock-in"`.
    pub record: String,
    pub field: Option<String>,
    #[ts(type = "unknown")]
    pub base: Value,
    #[ts(type = "unknown")]
    pub mine: Value,
    #[ts(type = "unknown")]
    pub theirs: Value,
    /// The other record of a [`ConflictKind::SameTitle`] (theirs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_key: Option<String>,
    /// What may be chosen: `mine`, `theirs`, `both`, `value`.
    pub choices: Vec<String>,
    /// The resolution given, if any.
    pub resolution: Option<Resolution>,
}

/// A new record of theirs given another reference because ours took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Renumbered {
    pub table: String,
    pub key: String,
    pub from: String,
    pub to: String,
    pub title: String,
}

/// The resolutions given: by conflict id, and a side for every other conflict.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolutions {
    pub by_id: BTreeMap<String, Resolution>,
    pub take: Option<Side>,
}

impl Resolutions {
    fn of(&self, id: &str) -> Option<Resolution> {
        self.by_id.get(id).cloned().or_else(|| match self.take? {
            Side::Mine => Some(Resolution::Mine),
            Side::Theirs => Some(Resolution::Theirs),
        })
    }
}

fn conflict_id(kind: ConflictKind, table: &str, key: &str, field: Option<&str>) -> String {
    let text = format!(
        "{}\u{1f}{table}\u{1f}{key}\u{1f}{}",
        kind.as_str(),
        field.unwrap_or("")
    );
    let digest = format!("{:x}", Sha256::digest(text.as_bytes()));
    format!("x{}", &digest[..11])
}

impl Merger<'_> {
    /// Records a conflict and returns its resolution, if any.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn conflict(
        &mut self,
        t: &Table,
        kind: ConflictKind,
        key: &str,
        field: Option<&str>,
        base: Value,
        mine: Value,
        theirs: Value,
        choices: &[&str],
    ) -> Option<Resolution> {
        let id = conflict_id(kind, t.name, key, field);
        let resolution = self.resolutions.of(&id).filter(|r| match r {
            Resolution::Mine | Resolution::Theirs => true,
            Resolution::Both => choices.contains(&"both"),
            Resolution::Value(_) => choices.contains(&"value"),
        });
        let row = self
            .mine
            .get(t.name, key)
            .or_else(|| self.theirs.get(t.name, key))
            .or_else(|| self.base.and_then(|b| b.get(t.name, key)));
        if let Some(existing) = self.conflicts.iter().find(|c| c.id == id) {
            return existing.resolution.clone();
        }
        self.conflicts.push(Conflict {
            id,
            kind,
            table: t.name.into(),
            key: key.into(),
            record: label(t, key, row),
            field: field.map(String::from),
            base,
            mine,
            theirs,
            other_key: None,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            resolution: resolution.clone(),
        });
        resolution
    }
}
