//! The checks of what a file carries, before anything of it is written.

use std::collections::HashSet;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::exchange::file::Payload;
use crate::exchange::snapshot::{key_of, shared_columns};
use crate::exchange::tables;
use crate::store::Store;

/// Checks what a file carries before anything is written: known tables and fields, keys
/// that match their records, every record of the file's partnership.
pub(crate) fn check_payload(store: &Store, payload: &Payload) -> Result<()> {
    let pid = payload.partnership_id.as_str();
    let partnerships = payload.records.rows("partnerships");
    let row = partnerships.and_then(|rows| rows.get(pid));
    if partnerships.map_or(0, |r| r.len()) != 1 || row.is_none() {
        return Err(Error::invalid(
            "records.partnerships",
            pid,
            "the file must carry exactly its own partnership",
        ));
    }
    let name = row.and_then(|r| r.get("name")).and_then(Value::as_str);
    if name != Some(payload.partnership_name.as_str()) {
        return Err(Error::invalid(
            "partnership_name",
            &payload.partnership_name,
            "does not match the partnership the file carries",
        ));
    }
    for (table, rows) in &payload.records.tables {
        let Some(t) = tables::find(table) else {
            return Err(Error::invalid(
                "records",
                table,
                "not a kind of record this build knows (written by a newer Partner Risk?)",
            ));
        };
        let columns = shared_columns(store.connection(), t)?;
        let mut known: HashSet<&str> = columns.iter().map(|c| t.field_of(c)).collect();
        known.extend(t.groups.iter().map(|(g, _)| *g));
        for (key, row) in rows {
            if let Some(f) = row.keys().find(|f| !known.contains(f.as_str())) {
                return Err(Error::invalid(
                    format!("records.{table}[{key}]"),
                    f,
                    "not a field this build knows (written by a newer Partner Risk?)",
                ));
            }
            let grouped = |f: &str| t.groups.iter().any(|(g, _)| *g == f);
            if let Some((f, v)) = row.iter().find(|(f, v)| match v {
                Value::Array(_) => true,
                Value::Object(parts) => {
                    !grouped(f) || parts.values().any(|p| p.is_object() || p.is_array())
                }
                _ => false,
            }) {
                return Err(Error::invalid(
                    format!("records.{table}[{key}].{f}"),
                    v.to_string(),
                    "not a value a field holds",
                ));
            }
            let expected = key_of(t, row);
            if !(key == &expected || (expected.starts_with('#') && key.starts_with(&expected))) {
                return Err(Error::invalid(
                    format!("records.{table}"),
                    key,
                    format!("the record's key does not match its content ({expected})"),
                ));
            }
            // What a record names must come with it: no record of the file may point into
            // another partnership of the receiver's.
            for parent in t.parents {
                let Some(id) = row.get(parent.column).and_then(Value::as_str) else {
                    continue;
                };
                if payload.records.get(parent.table, id).is_none() {
                    return Err(Error::invalid(
                        format!("records.{table}[{key}].{}", parent.column),
                        id,
                        format!("names no {} of the file", parent.table),
                    ));
                }
            }
            if let Some(p) = row.get("partnership_id").and_then(Value::as_str) {
                if p != pid && table != "audit_log" {
                    return Err(Error::invalid(
                        format!("records.{table}[{key}].partnership_id"),
                        p,
                        "a record of another partnership",
                    ));
                }
            }
        }
    }
    crate::exchange::check_reference_data(store, payload)
}
