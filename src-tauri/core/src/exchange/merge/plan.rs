//! What applying writes: the records of the result that differ from ours.

use super::{fields_of, rows_of};
use crate::exchange::snapshot::Snapshot;
use crate::exchange::tables::{Kind, TABLES};

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
