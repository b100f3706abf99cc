//! Records whose parent is gone: dropped with it when unchanged; when the side that kept
//! the parent added or changed them, the parent's deletion is a conflict, and a parent
//! kept brings back the children the other side lost with it.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{opt, rows_of, ConflictKind, Merger, Resolution, Side};
use crate::exchange::snapshot::{Row, Snapshot};
use crate::exchange::tables::{self, Kind, Table, TABLES};

impl<'a> Merger<'a> {
    /// Records whose parent is not in the result.
    pub(super) fn parents(&mut self) {
        // Parents kept by a resolution, to bring back their children the other side lost
        // with them.
        let mut kept: Vec<(&'static Table, String, Side)> = Vec::new();
        // A record kept against the other side's deletion (unresolved: ours stays) keeps
        // the children that side lost with it.
        for c in &self.conflicts {
            if c.kind != ConflictKind::EditDelete || self.result.get(&c.table, &c.key).is_none() {
                continue;
            }
            let Some(t) = tables::find(&c.table) else {
                continue;
            };
            let keeper = if self.mine.get(t.name, &c.key).is_some() {
                Side::Mine
            } else {
                Side::Theirs
            };
            kept.push((t, c.key.clone(), keeper));
        }
        // Records put back (and what they bring) may name a second parent the result
        // lacks (a ballot brought back with its item, whose participant the other side
        // deleted): checked again until none is left. This ends: a record dropped for a
        // missing parent comes back only with all its parents (with a whole chain of
        // parents, or as a child when the others are there), and a record put back with
        // its parents keeps them (the first tables' records are never dropped, and so on
        // down).
        let mut dropped: BTreeSet<(&'static str, String)> = BTreeSet::new();
        loop {
            let mut found = false;
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
                        found = true;
                        self.orphan(t, p, &key, &mut kept, &mut dropped);
                    }
                }
            }
            let brought = self.bring_back(&mut kept, &dropped);
            if !found && !brought {
                break;
            }
        }
    }

    /// Each record brought back brings back its own children in turn (a workshop its
    /// items, each item its ballots and decision), as the side that kept it has them.
    /// Whether anything came back.
    fn bring_back(
        &mut self,
        kept: &mut Vec<(&'static Table, String, Side)>,
        dropped: &BTreeSet<(&'static str, String)>,
    ) -> bool {
        let mut any = false;
        while let Some((parent_table, parent_key, side)) = kept.pop() {
            for t in TABLES {
                for p in t.parents.iter().filter(|p| p.table == parent_table.name) {
                    let back: Vec<(String, Row)> = rows_of(Some(self.side(side)), t.name)
                        .iter()
                        .filter(|(k, row)| {
                            row.get(p.column).and_then(Value::as_str) == Some(&parent_key)
                                && self.result.get(t.name, k).is_none()
                                && (!dropped.contains(&(t.name, k.to_string()))
                                    || self.has_parents(t, row))
                        })
                        .map(|(k, r)| (k.clone(), r.clone()))
                        .collect();
                    any |= !back.is_empty();
                    for (k, _) in &back {
                        kept.push((t, k.clone(), side));
                    }
                    self.result
                        .tables
                        .entry(t.name.into())
                        .or_default()
                        .extend(back);
                }
            }
        }
        any
    }

    fn orphan(
        &mut self,
        t: &'static Table,
        p: &tables::Parent,
        key: &str,
        kept: &mut Vec<(&'static Table, String, Side)>,
        dropped: &mut BTreeSet<(&'static str, String)>,
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
        let parent_table = tables::find(p.table).expect("parents are tables");
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
            let keeper = match deleted_by {
                Side::Mine => Side::Theirs,
                Side::Theirs => Side::Mine,
            };
            // The record the other side deleted: the parent, or the ancestor it went with.
            let (top_table, top_key) = self.deleted_ancestor(parent_table, &parent_key, keeper);
            let top = |s: Option<&'a Snapshot>| s.and_then(|s| s.get(top_table.name, &top_key));
            let (b, m, th) = (top(self.base), top(Some(self.mine)), top(Some(self.theirs)));
            let r = self.conflict(
                top_table,
                ConflictKind::EditDelete,
                &top_key,
                None,
                opt(b),
                opt(m),
                opt(th),
                &["mine", "theirs"],
            );
            // Unresolved, ours stays as it is: what we changed keeps its parents.
            let keep = matches!(
                (&r, keeper),
                (Some(Resolution::Theirs), Side::Theirs)
                    | (Some(Resolution::Mine) | None, Side::Mine)
            );
            if keep && self.restore_chain(parent_table, &parent_key, keeper, kept) {
                return;
            }
        }
        if let Some(rows) = self.result.tables.get_mut(t.name) {
            rows.remove(key);
        }
        dropped.insert((t.name, key.to_string()));
    }

    /// Whether every parent a record names (other than an optional one) is in the result.
    fn has_parents(&self, t: &Table, row: &Row) -> bool {
        t.parents.iter().filter(|p| !p.set_null).all(|p| {
            row.get(p.column)
                .and_then(Value::as_str)
                .is_none_or(|pk| self.result.get(p.table, pk).is_some())
        })
    }

    /// The side's snapshot.
    fn side(&self, side: Side) -> &'a Snapshot {
        match side {
            Side::Mine => self.mine,
            Side::Theirs => self.theirs,
        }
    }

    /// Whether the other side than `keeper` deleted a record since the base (and the
    /// result lacks it).
    fn lost(&self, t: &Table, key: &str, keeper: Side) -> bool {
        let other = match keeper {
            Side::Mine => Side::Theirs,
            Side::Theirs => Side::Mine,
        };
        self.result.get(t.name, key).is_none()
            && self.base.and_then(|b| b.get(t.name, key)).is_some()
            && self.side(keeper).get(t.name, key).is_some()
            && self.side(other).get(t.name, key).is_none()
    }

    /// The highest record of the chain of parents above `key` of `t` that the other side
    /// than `keeper` deleted with it (a risk whose review's withdrawal changed, a workshop
    /// whose item's decision changed).
    fn deleted_ancestor(
        &self,
        t: &'static Table,
        key: &str,
        keeper: Side,
    ) -> (&'static Table, String) {
        let (mut table, mut key) = (t, key.to_string());
        while let Some(row) = self.side(keeper).get(table.name, &key) {
            let up = table.parents.iter().filter(|p| !p.set_null).find_map(|p| {
                let pk = row.get(p.column)?.as_str()?;
                let pt = tables::find(p.table)?;
                self.lost(pt, pk, keeper).then(|| (pt, pk.to_string()))
            });
            match up {
                Some((pt, pk)) => (table, key) = (pt, pk),
                None => break,
            }
        }
        (table, key)
    }

    /// Puts back `key` of `t` as `keeper` has it, with every parent above it the result
    /// lacks, so that no restored record is left without its parent; each restored record
    /// brings back the children the other side lost with it. False when `keeper` lacks a
    /// record of the chain (nothing is put back then).
    fn restore_chain(
        &mut self,
        t: &'static Table,
        key: &str,
        keeper: Side,
        kept: &mut Vec<(&'static Table, String, Side)>,
    ) -> bool {
        let mut chain: Vec<(&'static Table, String, Row)> = Vec::new();
        let mut todo = vec![(t, key.to_string())];
        while let Some((table, k)) = todo.pop() {
            if self.result.get(table.name, &k).is_some()
                || chain
                    .iter()
                    .any(|(ct, ck, _)| ct.name == table.name && *ck == k)
            {
                continue;
            }
            let Some(row) = self.side(keeper).get(table.name, &k) else {
                return false;
            };
            for p in table.parents.iter().filter(|p| !p.set_null) {
                if let (Some(pk), Some(pt)) = (
                    row.get(p.column).and_then(Value::as_str),
                    tables::find(p.table),
                ) {
                    todo.push((pt, pk.to_string()));
                }
            }
            chain.push((table, k, row.clone()));
        }
        for (table, k, row) in chain {
            self.result
                .tables
                .entry(table.name.into())
                .or_default()
                .insert(k.clone(), row);
            kept.push((table, k, keeper));
        }
        true
    }
}
