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
//!    renumbered; two titles, codes or names alike → a conflict.
//! 3. Records whose parent is gone: dropped with it when unchanged; when the side that
//!    kept the parent added or changed them, the parent's deletion becomes a conflict.
//!
//! A conflict not resolved leaves our side as it is in the result, so the preview shows
//! what would happen, and the merge refuses to apply it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::snapshot::{Row, Snapshot};
use super::tables::{Clash, Kind, Table, TABLES};

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
    /// Two records with the same title, code or name.
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

/// A record in words, for people.
pub(crate) fn label(t: &Table, key: &str, row: Option<&Row>) -> String {
    let text = |f: &str| row.and_then(|r| r.get(f)).and_then(Value::as_str);
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

/// How the changes of one side since the base look, for the preview.
fn side_changes(
    t: &Table,
    base: &BTreeMap<String, Row>,
    side: &BTreeMap<String, Row>,
) -> Vec<SideChange> {
    let mut out = Vec::new();
    for (key, row) in side {
        match base.get(key) {
            None => out.push(SideChange {
                table: t.name.into(),
                key: key.clone(),
                record: label(t, key, Some(row)),
                what: What::New,
                fields: Vec::new(),
            }),
            // Append-only records are only ever new (a kept base holds what names them).
            Some(b) if b != row && t.kind == Kind::Record => {
                let fields: Vec<String> = fields_of(&[Some(b), Some(row)])
                    .into_iter()
                    .filter(|f| !t.is_latest(f) && field(row, Some(b), f) != field(b, None, f))
                    .map(String::from)
                    .collect();
                if !fields.is_empty() {
                    out.push(SideChange {
                        table: t.name.into(),
                        key: key.clone(),
                        record: label(t, key, Some(row)),
                        what: What::Changed,
                        fields,
                    });
                }
            }
            Some(_) => {}
        }
    }
    if t.kind == Kind::Record {
        for (key, b) in base {
            if !side.contains_key(key) {
                out.push(SideChange {
                    table: t.name.into(),
                    key: key.clone(),
                    record: label(t, key, Some(b)),
                    what: What::Deleted,
                    fields: Vec::new(),
                });
            }
        }
    }
    out
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
            mine_changes.extend(side_changes(t, b, rows_of(Some(mine), t.name)));
            theirs_changes.extend(side_changes(t, b, rows_of(Some(theirs), t.name)));
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

impl Merger<'_> {
    /// Records a conflict and returns its resolution, if any.
    #[allow(clippy::too_many_arguments)]
    fn conflict(
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

    fn records(&mut self, t: &Table) {
        let base = self.base.map(|b| rows_of(Some(b), t.name));
        let mine = rows_of(Some(self.mine), t.name);
        let theirs = rows_of(Some(self.theirs), t.name);
        let mut out = BTreeMap::new();
        let keys: BTreeSet<&String> = mine
            .keys()
            .chain(theirs.keys())
            .chain(base.into_iter().flat_map(|b| b.keys()))
            .collect();
        for key in keys {
            let (b, m, th) = (
                base.and_then(|b| b.get(key)),
                mine.get(key),
                theirs.get(key),
            );
            if t.kind == Kind::AppendOnly {
                if let Some(row) = m.or(th) {
                    out.insert(key.clone(), row.clone());
                }
                continue;
            }
            let merged = match (base.is_some(), b, m, th) {
                (_, _, Some(m), Some(th)) if m == th => Some(m.clone()),
                (_, _, None, None) => None,
                // Without a base, a record only one side has: kept or not, by choice.
                (false, _, m, th) if m.is_none() || th.is_none() => {
                    let r = self.conflict(
                        t,
                        ConflictKind::OnlyOneSide,
                        key,
                        None,
                        Value::Null,
                        opt(m),
                        opt(th),
                        &["mine", "theirs"],
                    );
                    match r {
                        Some(Resolution::Theirs) => th.cloned(),
                        _ => m.cloned(),
                    }
                }
                (true, None, Some(m), None) => Some(m.clone()),
                (true, None, None, Some(th)) => Some(th.clone()),
                (true, Some(b), None, Some(th)) | (true, Some(b), Some(th), None) if th == b => {
                    None
                }
                (true, Some(b), m, th) if m.is_none() || th.is_none() => {
                    let r = self.conflict(
                        t,
                        ConflictKind::EditDelete,
                        key,
                        None,
                        opt(Some(b)),
                        opt(m),
                        opt(th),
                        &["mine", "theirs"],
                    );
                    match r {
                        Some(Resolution::Theirs) => th.cloned(),
                        _ => m.cloned(),
                    }
                }
                (_, b, Some(m), Some(th)) => Some(self.fields(t, key, b, m, th)),
                _ => unreachable!("every case of presence is matched"),
            };
            if let Some(row) = merged {
                out.insert(key.clone(), row);
            }
        }
        self.result.tables.insert(t.name.into(), out);
    }

    /// Field by field.
    fn fields(&mut self, t: &Table, key: &str, b: Option<&Row>, m: &Row, th: &Row) -> Row {
        let mut out = m.clone();
        for f in fields_of(&[b, Some(m), Some(th)]) {
            let (mv, tv) = (field(m, b, f), field(th, b, f));
            if mv == tv {
                continue;
            }
            let bv = b.map(|b| field(b, None, f));
            let value = if bv == Some(mv) {
                tv.clone()
            } else if bv == Some(tv) {
                mv.clone()
            } else if t.is_latest(f) {
                larger(mv, tv).clone()
            } else {
                let r = self.conflict(
                    t,
                    ConflictKind::Field,
                    key,
                    Some(f),
                    bv.cloned().unwrap_or(Value::Null),
                    mv.clone(),
                    tv.clone(),
                    &["mine", "theirs", "value"],
                );
                match r {
                    Some(Resolution::Theirs) => tv.clone(),
                    Some(Resolution::Value(v)) => v,
                    _ => mv.clone(),
                }
            };
            out.insert(f.to_string(), value);
        }
        out
    }

    /// Whether the record's field has our value (else it came from theirs).
    fn ours(&self, t: &Table, key: &str, f: &str, value: &Value) -> bool {
        self.mine
            .get(t.name, key)
            .is_some_and(|r| r.get(f) == Some(value))
    }

    fn unique(&mut self, t: &Table) {
        // Titles first: a record left out for its title needs no new reference.
        let mut order: Vec<&(&str, Clash)> = t.unique.iter().collect();
        order.sort_by_key(|(_, clash)| *clash == Clash::Renumber);
        for (f, clash) in order {
            let rows = rows_of(Some(&self.result), t.name);
            let mut seen: HashMap<String, Vec<String>> = HashMap::new();
            for (key, row) in rows {
                if let Some(Value::String(v)) = row.get(*f) {
                    seen.entry(v.trim().to_lowercase())
                        .or_default()
                        .push(key.clone());
                }
            }
            let mut clashes: Vec<Vec<String>> =
                seen.into_values().filter(|keys| keys.len() > 1).collect();
            clashes.sort();
            for keys in clashes {
                let value = |k: &String| {
                    self.result
                        .get(t.name, k)
                        .and_then(|r| r.get(*f))
                        .cloned()
                        .unwrap_or(Value::Null)
                };
                // A title that may repeat in a register (a risk's) clashes only between two
                // records new on each side since the base; a value that may not repeat
                // clashes however it came.
                let soft = matches!(clash, Clash::Conflict { both_allowed: true });
                let in_base = |k: &String| self.base.and_then(|b| b.get(t.name, k)).is_some();
                let keys: Vec<String> =
                    keys.into_iter().filter(|k| !(soft && in_base(k))).collect();
                let (ours, incoming): (Vec<String>, Vec<String>) =
                    keys.into_iter().partition(|k| {
                        if soft {
                            self.mine.get(t.name, k).is_some()
                        } else {
                            self.ours(t, k, f, &value(k))
                        }
                    });
                for k in incoming {
                    match clash {
                        Clash::Renumber => self.renumber(t, &k, f),
                        Clash::Conflict { both_allowed } => {
                            let Some(mine_key) = ours.first() else {
                                continue;
                            };
                            self.same_title(t, f, mine_key, &k, *both_allowed);
                        }
                    }
                }
            }
        }
    }

    /// Two records with the same title: keep ours, theirs, or both.
    fn same_title(&mut self, t: &Table, f: &str, mine_key: &str, their_key: &str, both: bool) {
        let row = |k: &str| self.result.get(t.name, k).cloned();
        let (ours, incoming) = (row(mine_key), row(their_key));
        let choices: &[&str] = if both {
            &["mine", "theirs", "both"]
        } else {
            &["mine", "theirs"]
        };
        let r = self.conflict(
            t,
            ConflictKind::SameTitle,
            their_key,
            Some(f),
            Value::Null,
            opt(ours.as_ref()),
            opt(incoming.as_ref()),
            choices,
        );
        if let Some(c) = self.conflicts.iter_mut().rev().find(|c| c.key == their_key) {
            c.other_key = Some(mine_key.to_string());
        }
        // A record that both sides had before is put back as ours had it; a new one goes.
        let undo = |m: &mut Self, k: &str, side: Side| {
            let was = match side {
                Side::Mine => m.mine.get(t.name, k).cloned(),
                Side::Theirs => m.theirs.get(t.name, k).cloned(),
            };
            let table = m.result.tables.entry(t.name.into()).or_default();
            let existed = m.base.and_then(|b| b.get(t.name, k)).is_some();
            match (existed, was) {
                (true, Some(row)) => {
                    table.insert(k.into(), row);
                }
                _ => {
                    table.remove(k);
                }
            }
        };
        match r {
            Some(Resolution::Both) => {}
            Some(Resolution::Theirs) => undo(self, mine_key, Side::Theirs),
            _ => undo(self, their_key, Side::Mine),
        }
    }

    /// Gives the incoming record the next free reference of its prefix.
    fn renumber(&mut self, t: &Table, key: &str, f: &str) {
        let Some(Value::String(from)) =
            self.result.get(t.name, key).and_then(|r| r.get(f)).cloned()
        else {
            return;
        };
        let Some((prefix, _)) = from.rsplit_once('-') else {
            return;
        };
        let number = |reference: &str| {
            reference
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|n| n.parse::<i64>().ok())
        };
        let counters = self
            .result
            .tables
            .entry("reference_counters".into())
            .or_default();
        let counted = counters
            .get(prefix)
            .and_then(|r| r.get("last"))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let used = rows_of(Some(&self.result), t.name)
            .values()
            .filter_map(|r| r.get(f).and_then(Value::as_str).and_then(number))
            .max()
            .unwrap_or(0);
        let next = counted.max(used) + 1;
        let to = format!("{prefix}-{next:03}");
        let table = self.result.tables.entry(t.name.into()).or_default();
        let Some(row) = table.get_mut(key) else {
            return;
        };
        row.insert(f.into(), Value::String(to.clone()));
        let title = row
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let counters = self
            .result
            .tables
            .entry("reference_counters".into())
            .or_default();
        let counter = counters.entry(prefix.to_string()).or_insert_with(|| {
            let mut r = Row::new();
            r.insert("prefix".into(), Value::String(prefix.into()));
            r
        });
        counter.insert("last".into(), Value::from(next));
        // The agenda items of theirs that name the risk keep its reference with it.
        if let Some(items) = self.result.tables.get_mut("workshop_items") {
            for item in items.values_mut() {
                if item.get("risk_id").and_then(Value::as_str) == Some(key)
                    && item.get("reference").and_then(Value::as_str) == Some(from.as_str())
                {
                    item.insert("reference".into(), Value::String(to.clone()));
                }
            }
        }
        self.renumbered.push(Renumbered {
            table: t.name.into(),
            key: key.into(),
            from,
            to,
            title,
        });
    }

    /// Records whose parent is not in the result.
    fn parents(&mut self) {
        // Parents kept by a resolution, to bring back their children the other side lost
        // with them.
        let mut kept: Vec<(&'static Table, String, Side)> = Vec::new();
        // A record kept against the other side's deletion (unresolved: ours stays) keeps
        // the children that side lost with it.
        for c in &self.conflicts {
            if c.kind != ConflictKind::EditDelete || self.result.get(&c.table, &c.key).is_none() {
                continue;
            }
            let Some(t) = super::tables::find(&c.table) else {
                continue;
            };
            let keeper = if self.mine.get(t.name, &c.key).is_some() {
                Side::Mine
            } else {
                Side::Theirs
            };
            kept.push((t, c.key.clone(), keeper));
        }
        for t in TABLES {
            for p in t.parents {
                let keys: Vec<String> = rows_of(Some(&self.result), t.name)
                    .iter()
                    .filter(|(_, row)| {
                        row.get(p.column)
                            .and_then(Value::as_str)
                            .is_some_and(|pk| self.result.get(p.table, pk).is_none())
                    })
                    .map(|(k, _)| k.clone())
                    .collect();
                for key in keys {
                    self.orphan(t, p, &key, &mut kept);
                }
            }
        }
        for (parent_table, parent_key, side) in kept {
            for t in TABLES {
                for p in t.parents.iter().filter(|p| p.table == parent_table.name) {
                    let source = match side {
                        Side::Mine => self.mine,
                        Side::Theirs => self.theirs,
                    };
                    let back: Vec<(String, Row)> = rows_of(Some(source), t.name)
                        .iter()
                        .filter(|(k, row)| {
                            row.get(p.column).and_then(Value::as_str) == Some(&parent_key)
                                && self.result.get(t.name, k).is_none()
                        })
                        .map(|(k, r)| (k.clone(), r.clone()))
                        .collect();
                    self.result
                        .tables
                        .entry(t.name.into())
                        .or_default()
                        .extend(back);
                }
            }
        }
    }

    fn orphan(
        &mut self,
        t: &'static Table,
        p: &super::tables::Parent,
        key: &str,
        kept: &mut Vec<(&'static Table, String, Side)>,
    ) {
        let Some(row) = self.result.get(t.name, key).cloned() else {
            return;
        };
        if p.set_null {
            if let Some(r) = self
                .result
                .tables
                .get_mut(t.name)
                .and_then(|rows| rows.get_mut(key))
            {
                r.insert(p.column.into(), Value::Null);
            }
            return;
        }
        let parent_key = row
            .get(p.column)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let base_row = self.base.and_then(|b| b.get(t.name, key));
        // An append-only record is new or not (a kept base holds only what names it).
        let changed_here = match t.kind {
            Kind::AppendOnly => base_row.is_none(),
            Kind::Record => base_row != Some(&row),
        };
        let parent_table = super::tables::find(p.table).expect("parents are tables");
        let in_base = self.base.and_then(|b| b.get(p.table, &parent_key));
        let (in_mine, in_theirs) = (
            self.mine.get(p.table, &parent_key),
            self.theirs.get(p.table, &parent_key),
        );
        // The parent was deleted by one side while the other added or changed this record:
        // the deletion is a conflict.
        let deleted_by = match (in_base.is_some(), in_mine.is_some(), in_theirs.is_some()) {
            (true, false, true) => Some(Side::Mine),
            (true, true, false) => Some(Side::Theirs),
            _ => None,
        };
        if let (Some(deleted_by), true) = (deleted_by, changed_here) {
            let r = self.conflict(
                parent_table,
                ConflictKind::EditDelete,
                &parent_key,
                None,
                opt(in_base),
                opt(in_mine),
                opt(in_theirs),
                &["mine", "theirs"],
            );
            let keeper = match deleted_by {
                Side::Mine => Side::Theirs,
                Side::Theirs => Side::Mine,
            };
            let keep = matches!(
                (&r, keeper),
                (Some(Resolution::Theirs), Side::Theirs) | (Some(Resolution::Mine), Side::Mine)
            );
            if keep {
                let parent = match keeper {
                    Side::Mine => in_mine,
                    Side::Theirs => in_theirs,
                }
                .cloned();
                if let Some(parent) = parent {
                    self.result
                        .tables
                        .entry(p.table.into())
                        .or_default()
                        .insert(parent_key.clone(), parent);
                    kept.push((parent_table, parent_key, keeper));
                    return;
                }
            }
        }
        if let Some(rows) = self.result.tables.get_mut(t.name) {
            rows.remove(key);
        }
    }
}

/// Which records of the result differ from ours: what applying writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Per table (in [`TABLES`] order): keys to insert, to update (with the fields that
    /// change), and to delete.
    pub tables: Vec<TablePlan>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TablePlan {
    pub table: &'static str,
    pub insert: Vec<String>,
    pub update: Vec<(String, Vec<String>)>,
    pub delete: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.tables
            .iter()
            .all(|t| t.insert.is_empty() && t.update.is_empty() && t.delete.is_empty())
    }
}

/// The writes that turn `mine` into `result`.
pub fn plan(mine: &Snapshot, result: &Snapshot) -> Plan {
    let mut plan = Plan::default();
    for t in TABLES {
        let (old, new) = (rows_of(Some(mine), t.name), rows_of(Some(result), t.name));
        let mut tp = TablePlan {
            table: t.name,
            ..Default::default()
        };
        for (key, row) in new {
            match old.get(key) {
                None => tp.insert.push(key.clone()),
                Some(before) if before != row => {
                    let fields = fields_of(&[Some(before), Some(row)])
                        .into_iter()
                        .filter(|f| before.get(*f) != row.get(*f) && row.contains_key(*f))
                        .map(String::from)
                        .collect::<Vec<_>>();
                    if !fields.is_empty() {
                        tp.update.push((key.clone(), fields));
                    }
                }
                Some(_) => {}
            }
        }
        if t.kind == Kind::Record {
            tp.delete = old
                .keys()
                .filter(|k| !new.contains_key(*k))
                .cloned()
                .collect();
        }
        plan.tables.push(tp);
    }
    plan
}
