//! A partnership as plain records: per table, its rows by key, each row a map of field to
//! JSON value. What the merge compares and what the exchange file carries.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::tables::{Table, TABLES};
use crate::error::Result;

/// One record: field → value. A grouped field (a score) is an object of its columns, or
/// null when they all are.
pub type Row = Map<String, Value>;

/// A partnership's records, table by table and key by key (both sorted, so that the same
/// records always serialise to the same bytes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub tables: BTreeMap<String, BTreeMap<String, Row>>,
}

impl Snapshot {
    pub fn rows(&self, table: &str) -> Option<&BTreeMap<String, Row>> {
        self.tables.get(table)
    }

    pub fn get(&self, table: &str, key: &str) -> Option<&Row> {
        self.tables.get(table).and_then(|rows| rows.get(key))
    }

    /// A copy to keep as a base: append-only records cut to what names them (a base only
    /// tells whether they are new), the rest whole.
    pub(crate) fn light(&self) -> Snapshot {
        let mut out = Snapshot::default();
        for (name, rows) in &self.tables {
            let t = super::tables::find(name);
            let rows = match t {
                Some(t) if t.kind == super::tables::Kind::AppendOnly => rows
                    .iter()
                    .map(|(k, r)| {
                        let cut: Row = r
                            .iter()
                            .filter(|(f, _)| {
                                t.key.contains(&f.as_str())
                                    || t.identity.contains(&f.as_str())
                                    || t.parents.iter().any(|p| p.column == f.as_str())
                            })
                            .map(|(f, v)| (f.clone(), v.clone()))
                            .collect();
                        (k.clone(), cut)
                    })
                    .collect(),
                _ => rows.clone(),
            };
            out.tables.insert(name.clone(), rows);
        }
        out
    }

    /// The compressed form a workspace keeps.
    pub(crate) fn encode(&self) -> Vec<u8> {
        use std::io::Write;
        let json = serde_json::to_vec(self).expect("snapshots serialise");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&json).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    pub fn count(&self, table: &str) -> usize {
        self.tables.get(table).map_or(0, BTreeMap::len)
    }

    /// SHA-256 of the canonical JSON of the records, in hex: the same records give the
    /// same digest in every workspace.
    pub fn digest(&self) -> String {
        let bytes = serde_json::to_vec(self).expect("snapshots serialise");
        format!("{:x}", Sha256::digest(bytes))
    }
}

/// The columns of a table in this build's schema, in order.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The columns of a table that travel (all but the local ones).
pub(crate) fn shared_columns(conn: &Connection, t: &Table) -> Result<Vec<String>> {
    Ok(columns(conn, t.name)?
        .into_iter()
        .filter(|c| !t.local.contains(&c.as_str()))
        .collect())
}

fn json_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        // No shared column holds bytes (a workshop's secret stays home).
        ValueRef::Blob(b) => Value::String(format!("{:x}", Sha256::digest(b))),
    }
}

/// Turns one table row (column → value) into a record (field → value).
pub(crate) fn fold_groups(t: &Table, columns: &[String], values: Vec<Value>) -> Row {
    let mut row = Row::new();
    for (column, value) in columns.iter().zip(values) {
        let field = t.field_of(column);
        if field == column {
            row.insert(column.clone(), value);
        } else {
            let entry = row
                .entry(field.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(parts) = entry {
                parts.insert(column.clone(), value);
            }
        }
    }
    for (name, _) in t.groups {
        if let Some(Value::Object(parts)) = row.get(*name) {
            if parts.values().all(Value::is_null) {
                row.insert(name.to_string(), Value::Null);
            }
        }
    }
    row
}

/// The key of a record: its key fields' values joined by `/`; the digest of its whole
/// content when the table has none or one of them is empty (an anonymous ballot).
pub(crate) fn key_of(t: &Table, row: &Row) -> String {
    let mut parts = Vec::with_capacity(t.key.len());
    for k in t.key {
        match row.get(*k) {
            Some(Value::String(s)) => parts.push(s.clone()),
            Some(Value::Number(n)) => parts.push(n.to_string()),
            _ => return content_key(row),
        }
    }
    if parts.is_empty() {
        if t.identity.is_empty() {
            return content_key(row);
        }
        let text = |f: &&str| match row.get(*f) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        return format!(
            "#{}",
            t.identity.iter().map(text).collect::<Vec<_>>().join("|")
        );
    }
    parts.join("/")
}

fn content_key(row: &Row) -> String {
    let bytes = serde_json::to_vec(row).expect("rows serialise");
    let digest = format!("{:x}", Sha256::digest(bytes));
    format!("#{}", &digest[..32])
}

/// Reads a partnership's records from the workspace.
pub(crate) fn read(conn: &Connection, partnership_id: &str) -> Result<Snapshot> {
    read_with(conn, partnership_id, false)
}

/// Our side of a merge: append-only records are only ever added to, never compared field
/// by field, so of ours only what names them (key, identity, parents) is read.
pub(crate) fn read_ours(conn: &Connection, partnership_id: &str) -> Result<Snapshot> {
    read_with(conn, partnership_id, true)
}

fn read_with(conn: &Connection, partnership_id: &str, light: bool) -> Result<Snapshot> {
    let mut snapshot = Snapshot::default();
    for t in TABLES {
        let mut columns = shared_columns(conn, t)?;
        if light && t.kind == super::tables::Kind::AppendOnly {
            columns.retain(|c| {
                t.key.contains(&c.as_str())
                    || t.identity.contains(&c.as_str())
                    || t.parents.iter().any(|p| p.column == c)
            });
        }
        let list = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT {list} FROM {} WHERE {}", t.name, t.scope);
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([partnership_id])?;
        let mut records = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let values = (0..columns.len())
                .map(|n| r.get_ref(n).map(json_of))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let row = fold_groups(t, &columns, values);
            let mut key = key_of(t, &row);
            // Identical rows named by their content (two equal audit rows in one
            // millisecond) are told apart by their order.
            if records.contains_key(&key) {
                let mut n = 2;
                while records.contains_key(&format!("{key}.{n}")) {
                    n += 1;
                }
                key = format!("{key}.{n}");
            }
            records.insert(key, row);
        }
        snapshot.tables.insert(t.name.to_string(), records);
    }
    Ok(snapshot)
}

/// Reads a kept copy ([`Snapshot::encode`]).
pub(crate) fn decode(bytes: &[u8]) -> Result<Snapshot> {
    use std::io::Read;
    let bad = |e: String| crate::error::Error::invalid("exchange_snapshots", "", e);
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(|e| bad(e.to_string()))?;
    serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))
}
