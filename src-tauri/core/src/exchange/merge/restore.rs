//! Records whose parent is gone: dropped with it when unchanged; when the side that kept
//! the parent added or changed them, the parent's deletion is a conflict, and a parent
//! kept brings back the children the other side lost with it.

use serde_json::Value;

use super::{opt, rows_of, ConflictKind, Merger, Resolution, Side};
use crate::exchange::snapshot::Row;
use crate::exchange::tables::{self, Kind, Table, TABLES};

impl Merger<'_> {
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
        p: &tables::Parent,
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
