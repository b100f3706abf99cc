//! How the changes of each side since the base look, for the preview.

use std::collections::BTreeMap;

use super::{field, fields_of, label, SideChange, What};
use crate::exchange::snapshot::Row;
use crate::exchange::tables::{Kind, Table};

/// How the changes of one side since the base look, for the preview.
pub(super) fn side_changes(
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
