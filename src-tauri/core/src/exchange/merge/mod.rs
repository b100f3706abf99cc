//! The three-way merge of two copies of a partnership against their common base: pure, on
//! [`Snapshot`]s, knowing tables only through [`super::tables`].
//!
//! 1. Record by record and field by field: a field changed on one side only takes that
//!    side's value; changed on both to the same value, that value; to different values, a
//!    conflict (fields "latest" — the time of the last change, counters — take the larger).
//!    A record deleted on one side and changed on the other is a conflict; append-only
//!    records are united. Without a base (a two-way comparison) every difference is a
//!    conflict.
//! 2. Values that must not repeat: two references alike → the incoming record is
//!    renumbered; two titles, codes or names alike → a conflict; two current readings of
//!    one indicator for one day → a conflict, settled by marking the one not chosen as
//!    replaced by the other (readings are never deleted). Which reading replaced an older
//!    one is never asked: ours when we set it (the store never changes it), else theirs;
//!    when both sides replaced one reading, the clash of their two replacements is the one
//!    conflict.
//! 3. Records whose parent is gone: dropped with it when unchanged; when the side that
//!    kept the parent added or changed them (or a descendant of theirs), the deletion of
//!    the highest record of the chain the other side deleted is one conflict; keeping it
//!    (or leaving it unresolved when the change is ours) puts back the whole chain of
//!    parents and what the deleting side lost with it. What comes back is checked again
//!    for a second parent the result lacks (a ballot's participant), until none is left.
//!
//! A conflict not resolved leaves our side as it is in the result, so the preview shows
//! what would happen, and the merge refuses to apply it.

mod changes;
mod conflicts;
mod fields;
mod plan;
mod restore;
mod unique;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::snapshot::{Row, Snapshot};
use super::tables::{Table, TABLES};

pub use conflicts::{Conflict, ConflictKind, Renumbered, Resolution, Resolutions, Side};
pub use plan::{plan, Plan, TablePlan};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ChangeKind")]
#[serde(rename_all = "snake_case")]
pub enum What {
    New,
    Changed,
    Deleted,
}

/// A change of one side since the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SideChange {
    pub table: String,
    pub key: String,
    pub record: String,
    pub what: What,
    /// The fields changed (for `changed`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// The outcome of a merge before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The partnership as it will be: ours with theirs merged in (unresolved conflicts
    /// left as ours).
    pub result: Snapshot,
    pub mine: Vec<SideChange>,
    pub theirs: Vec<SideChange>,
    pub conflicts: Vec<Conflict>,
    pub renumbered: Vec<Renumbered>,
}

impl Merged {
    pub fn unresolved(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts.iter().filter(|c| c.resolution.is_none())
    }
}

/// A record in words, for people.
pub(crate) fn label(t: &Table, key: &str, row: Option<&Row>) -> String {
    let text = |f: &str| row.and_then(|r| r.get(f)).and_then(Value::as_str);
    if let Some(day) = text("read_on") {
        let value = row.and_then(|r| r.get("value")).map(Value::to_string);
        return format!("{} of {day} ({})", t.noun, value.unwrap_or_default());
    }
    match (text("reference"), text("title"), text("name"), text("code")) {
        (Some(reference), Some(title), _, _) => format!("{} {reference} \"{title}\"", t.noun),
        (_, Some(title), _, _) => format!("{} \"{title}\"", t.noun),
        (_, _, Some(name), _) => format!("{} \"{name}\"", t.noun),
        (_, _, _, Some(code)) => format!("{} {code}", t.noun),
        _ => {
            let short: String = key.chars().take(13).collect();
            format!("{} {short}", t.noun)
        }
    }
}

fn opt(row: Option<&Row>) -> Value {
    row.map_or(Value::Null, |r| Value::Object(r.clone()))
}

/// The fields of the rows present, in order.
fn fields_of<'a>(rows: &[Option<&'a Row>]) -> BTreeSet<&'a str> {
    rows.iter()
        .flatten()
        .flat_map(|r| r.keys().map(String::as_str))
        .collect()
}

/// A field's value on a side; a side that does not carry the field (a share with the
/// partner leaves some at home) has the base's.
fn field<'a>(row: &'a Row, base: Option<&'a Row>, f: &str) -> &'a Value {
    row.get(f)
        .or_else(|| base.and_then(|b| b.get(f)))
        .unwrap_or(&Value::Null)
}

fn larger<'a>(a: &'a Value, b: &'a Value) -> &'a Value {
    let bigger = match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.as_f64().unwrap_or(0.0) >= y.as_f64().unwrap_or(0.0)
        }
        (Value::String(x), Value::String(y)) => x >= y,
        (Value::Null, _) => false,
        _ => true,
    };
    if bigger {
        a
    } else {
        b
    }
}

struct Merger<'a> {
    base: Option<&'a Snapshot>,
    mine: &'a Snapshot,
    theirs: &'a Snapshot,
    resolutions: &'a Resolutions,
    result: Snapshot,
    conflicts: Vec<Conflict>,
    renumbered: Vec<Renumbered>,
}

static EMPTY: BTreeMap<String, Row> = BTreeMap::new();

fn rows_of<'s>(s: Option<&'s Snapshot>, table: &str) -> &'s BTreeMap<String, Row> {
    s.and_then(|s| s.rows(table)).unwrap_or(&EMPTY)
}

/// Merges `theirs` into `mine` against `base` (`None`: a two-way comparison).
pub fn merge(
    base: Option<&Snapshot>,
    mine: &Snapshot,
    theirs: &Snapshot,
    resolutions: &Resolutions,
) -> Merged {
    let mut m = Merger {
        base,
        mine,
        theirs,
        resolutions,
        result: Snapshot::default(),
        conflicts: Vec::new(),
        renumbered: Vec::new(),
    };
    for t in TABLES {
        m.records(t);
    }
    for t in TABLES {
        m.unique(t);
    }
    m.parents();
    m.conflicts.sort_by(|a, b| {
        let order = |c: &Conflict| TABLES.iter().position(|t| t.name == c.table);
        (order(a), &a.key, a.kind, &a.field).cmp(&(order(b), &b.key, b.kind, &b.field))
    });
    let (mut mine_changes, mut theirs_changes) = (Vec::new(), Vec::new());
    if let Some(base) = base {
        for t in TABLES {
            let b = rows_of(Some(base), t.name);
            mine_changes.extend(changes::side_changes(t, b, rows_of(Some(mine), t.name)));
            theirs_changes.extend(changes::side_changes(t, b, rows_of(Some(theirs), t.name)));
        }
    }
    Merged {
        result: m.result,
        mine: mine_changes,
        theirs: theirs_changes,
        conflicts: m.conflicts,
        renumbered: m.renumbered,
    }
}
