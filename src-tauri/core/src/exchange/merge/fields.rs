//! Record by record and field by field; append-only records united.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{field, fields_of, larger, opt, rows_of, ConflictKind, Merger, Resolution};
use crate::exchange::snapshot::Row;
use crate::exchange::tables::{Kind, Table};

impl Merger<'_> {
    pub(super) fn records(&mut self, t: &Table) {
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
            if t.replaced_by == Some(f) {
                // Which record replaced this one is set once and never changed by the
                // store: ours when we have set it, else theirs. When both sides replaced one
                // record, their two replacements clash (see `unique`) and that one conflict
                // says which stands; asking here too could only end in a refusal.
                let value = if mv.is_null() { tv } else { mv };
                out.insert(f.to_string(), value.clone());
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
}
