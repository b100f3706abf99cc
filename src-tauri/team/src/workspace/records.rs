//! Change records between two copies of a partnership, and copies stored compressed.

use std::collections::HashSet;
use std::io::{Read, Write};

use partner_risk_core::exchange::Snapshot;
use partner_risk_core::{Error, Result};

use crate::protocol::Change;

/// The records of `now` that differ from `base` (whole records, or deletions), leaving out
/// the records in `held` (table, key): those wait on a conflict.
pub fn diff(base: &Snapshot, now: &Snapshot, held: &HashSet<(String, String)>) -> Vec<Change> {
    let mut out = Vec::new();
    let tables: std::collections::BTreeSet<&String> =
        base.tables.keys().chain(now.tables.keys()).collect();
    for table in tables {
        let held_here = |key: &str| held.contains(&(table.clone(), key.to_string()));
        if let Some(rows) = now.tables.get(table) {
            for (key, row) in rows {
                if held_here(key) || base.get(table, key) == Some(row) {
                    continue;
                }
                out.push(Change {
                    table: table.clone(),
                    key: key.clone(),
                    row: Some(row.clone()),
                });
            }
        }
        if let Some(rows) = base.tables.get(table) {
            for key in rows.keys() {
                if held_here(key) || now.get(table, key).is_some() {
                    continue;
                }
                out.push(Change {
                    table: table.clone(),
                    key: key.clone(),
                    row: None,
                });
            }
        }
    }
    out
}

/// `base` with the changes applied, in order.
pub fn apply(base: &mut Snapshot, changes: &[Change]) {
    for c in changes {
        let rows = base.tables.entry(c.table.clone()).or_default();
        match &c.row {
            Some(row) => {
                rows.insert(c.key.clone(), row.clone());
            }
            None => {
                rows.remove(&c.key);
            }
        }
    }
}

/// A copy as kept in `team_sync.base`: gzip-compressed JSON.
pub fn encode(snapshot: &Snapshot) -> Vec<u8> {
    let json = serde_json::to_vec(snapshot).expect("snapshots serialise");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&json).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

pub fn decode(bytes: &[u8]) -> Result<Snapshot> {
    let bad = |e: String| Error::invalid("team_sync.base", "", e);
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(|e| bad(e.to_string()))?;
    serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn snap(rows: &[(&str, &str, serde_json::Value)]) -> Snapshot {
        let mut s = Snapshot::default();
        for (t, k, v) in rows {
            s.tables
                .entry(t.to_string())
                .or_default()
                .insert(k.to_string(), v.as_object().cloned().unwrap());
        }
        s
    }

    #[test]
    fn the_difference_applied_to_the_base_gives_the_copy_but_held_records() {
        let base = snap(&[
            ("risks", "a", json!({"title": "A"})),
            ("risks", "b", json!({"title": "B"})),
            ("risks", "c", json!({"title": "C"})),
        ]);
        let now = snap(&[
            ("risks", "a", json!({"title": "A"})),
            ("risks", "b", json!({"title": "B2"})),
            ("risks", "d", json!({"title": "D"})),
            ("actions", "x", json!({"title": "X"})),
        ]);
        let changes = diff(&base, &now, &HashSet::new());
        assert_eq!(changes.len(), 4, "{changes:?}");
        let mut applied = base.clone();
        apply(&mut applied, &changes);
        applied.tables.retain(|_, rows| !rows.is_empty());
        assert_eq!(applied, now);
        assert_eq!(decode(&encode(&now)).unwrap(), now);

        let held = HashSet::from([("risks".to_string(), "b".to_string())]);
        let changes = diff(&base, &now, &held);
        assert!(changes.iter().all(|c| c.key != "b"));
        assert_eq!(changes.len(), 3);
    }
}
