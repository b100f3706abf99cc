//! Writing a merge: the records of the result that differ from ours, inside the caller's
//! transaction, with an audit row for each change and the values other columns derive
//! from them brought up to date.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde_json::Value;

use super::merge::Plan;
use super::refused::wrap;
use super::snapshot::{shared_columns, Row, Snapshot};
use super::tables::{self, Table};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::store::{Entity, Writer};

/// What was written, per table: inserted, updated, deleted.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Written {
    pub table: String,
    pub inserted: usize,
    pub updated: usize,
    pub deleted: usize,
}

fn sql_value(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// A record's columns and values (groups spread back into their columns).
fn column_values(t: &Table, columns: &[String], row: &Row) -> Vec<(String, SqlValue)> {
    let mut out = Vec::new();
    for column in columns {
        let field = t.field_of(column);
        let value = if field == column {
            match row.get(column.as_str()) {
                Some(v) => v.clone(),
                None => continue,
            }
        } else {
            match row.get(field) {
                Some(Value::Object(parts)) => {
                    parts.get(column.as_str()).cloned().unwrap_or(Value::Null)
                }
                Some(_) => Value::Null,
                None => continue,
            }
        };
        out.push((column.clone(), sql_value(&value)));
    }
    out
}

/// How a value is written in the audit log: text as it is, the rest as JSON.
fn audit_text(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

/// `WHERE` naming a row by its key columns, or by all its columns for a row named by its
/// content.
fn where_row(t: &Table, columns: &[String], row: &Row) -> (String, Vec<SqlValue>) {
    let keyed = !t.key.is_empty()
        && t.key
            .iter()
            .all(|k| row.get(*k).is_some_and(|v| !v.is_null()));
    let names: Vec<String> = if keyed {
        t.key.iter().map(|k| k.to_string()).collect()
    } else {
        columns.to_vec()
    };
    let values = column_values(t, &names, row);
    let clause = values
        .iter()
        .enumerate()
        .map(|(n, (c, _))| format!("\"{c}\" IS ?{}", n + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    (clause, values.into_iter().map(|(_, v)| v).collect())
}

/// Runs a statement, compiled once per shape of row.
fn run(conn: &Connection, sql: &str, values: impl rusqlite::Params) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(values)
}

struct Audit<'a> {
    w: &'a Writer<'a>,
    partnership_id: &'a str,
    /// A row per record; off for a plain import, whose records come with their history.
    each: bool,
}

impl Audit<'_> {
    fn created(&self, t: &Table, key: &str, row: &Row) -> Result<()> {
        if !self.each {
            return Ok(());
        }
        match t.entity {
            _ if t.name == "audit_log" => Ok(()),
            // A risk's history reads as the editor writes it.
            Some(Entity::Risk) => {
                let risk = self.w.load_risk(key)?;
                self.w
                    .audit_create(Entity::Risk, key, Some(self.partnership_id), &risk)
            }
            Some(entity) => self
                .w
                .audit_create(entity, key, Some(self.partnership_id), row),
            None => self.w.audit_field(
                Entity::Partnership,
                self.partnership_id,
                Some(self.partnership_id),
                &format!("{}[{key}]", t.name),
                None,
                Some(Value::Object(row.clone()).to_string()),
            ),
        }
    }

    fn deleted(&self, t: &Table, key: &str, row: &Row) -> Result<()> {
        if !self.each {
            return Ok(());
        }
        match t.entity {
            Some(entity) => self
                .w
                .audit_delete(entity, key, Some(self.partnership_id), row),
            None => self.w.audit_field(
                Entity::Partnership,
                self.partnership_id,
                Some(self.partnership_id),
                &format!("{}[{key}]", t.name),
                Some(Value::Object(row.clone()).to_string()),
                None,
            ),
        }
    }

    fn updated(&self, t: &Table, key: &str, field: &str, old: &Row, new: &Row) -> Result<()> {
        if !self.each {
            return Ok(());
        }
        if t.is_latest(field) && t.name != "reference_counters" {
            return Ok(()); // the time of the last change, as every edit
        }
        let (entity, id, name) = match t.entity {
            Some(entity) => (entity, key, field.to_string()),
            None => (
                Entity::Partnership,
                self.partnership_id,
                format!("{}[{key}].{field}", t.name),
            ),
        };
        self.w.audit_field(
            entity,
            id,
            Some(self.partnership_id),
            &name,
            audit_text(old.get(field)),
            audit_text(new.get(field)),
        )
    }
}

/// Writes `plan` (ours → `result`) in the writer's transaction; `source` names the file
/// in refusals.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write(
    w: &Writer<'_>,
    partnership_id: &str,
    mine: &Snapshot,
    result: &Snapshot,
    plan: &Plan,
    matrix: &Matrix,
    prefixes: &HashMap<String, String>,
    each: bool,
    source: &str,
) -> Result<Vec<Written>> {
    let conn: &Connection = &w.tx;
    let audit = Audit {
        w,
        partnership_id,
        each,
    };
    let mut columns = HashMap::new();
    for tp in &plan.tables {
        let t = tables::find(tp.table).expect("plans name tables");
        columns.insert(tp.table, shared_columns(conn, t)?);
    }
    let mut written = Vec::new();
    // The other side's history first, so that the rows this merge writes come after it.
    let history = |tp: &&super::merge::TablePlan| tp.table == "audit_log";
    let ordered: Vec<&super::merge::TablePlan> = plan
        .tables
        .iter()
        .filter(history)
        .chain(plan.tables.iter().filter(|tp| !history(tp)))
        .collect();
    // Deletions, children first (most go with their parent by cascade).
    for tp in plan.tables.iter().rev() {
        let t = tables::find(tp.table).expect("plans name tables");
        let cols = &columns[tp.table];
        for key in &tp.delete {
            let row = mine.get(t.name, key).expect("deleted rows are ours");
            let (clause, values) = where_row(t, cols, row);
            run(
                conn,
                &format!("DELETE FROM {} WHERE {clause}", t.name),
                params_from_iter(values),
            )
            .map_err(|e| wrap(source, t, key, Some(row), e))?;
            audit.deleted(t, key, row)?;
        }
    }
    let mut late: Vec<(&Table, &String)> = Vec::new();
    let mut new_risks = Vec::new();
    let mut touched_risks = Vec::new();
    let mut relevel = Vec::new();
    for tp in ordered {
        let t = tables::find(tp.table).expect("plans name tables");
        let cols = &columns[tp.table];
        // A row replaced by one that arrives is marked so before it arrives (one current
        // reading a day).
        let updates_first = t.replaced_by.is_some();
        for updates in [updates_first, !updates_first] {
            if !updates {
                for key in &tp.insert {
                    let row = result
                        .get(t.name, key)
                        .expect("inserted rows are in the result");
                    let mut values = column_values(t, cols, row);
                    let mut names: Vec<String> = Vec::new();
                    let mut slots: Vec<String> = Vec::new();
                    let mut binds = Vec::new();
                    for (c, v) in values.drain(..) {
                        names.push(format!("\"{c}\""));
                        match t.late.iter().find(|(l, _)| *l == c) {
                            Some((_, placeholder)) => slots.push(placeholder.to_string()),
                            None => {
                                binds.push(v);
                                slots.push(format!("?{}", binds.len()));
                            }
                        }
                    }
                    for (c, expr) in t.local_defaults {
                        names.push(format!("\"{c}\""));
                        slots.push(expr.to_string());
                    }
                    run(
                        conn,
                        &format!(
                            "INSERT INTO {} ({}) VALUES ({})",
                            t.name,
                            names.join(", "),
                            slots.join(", ")
                        ),
                        params_from_iter(binds),
                    )
                    .map_err(|e| wrap(source, t, key, Some(row), e))?;
                    audit.created(t, key, row)?;
                    if !t.late.is_empty() {
                        late.push((t, key));
                    }
                    match t.name {
                        "risks" => new_risks.push(key.clone()),
                        "indicators" => relevel.push(key.clone()),
                        "readings" => {
                            if let Some(i) = row.get("indicator_id").and_then(Value::as_str) {
                                relevel.push(i.to_string());
                            }
                        }
                        _ => {}
                    }
                }
            } else {
                for (key, fields) in &tp.update {
                    let (old, new) = (
                        mine.get(t.name, key).expect("updated rows are ours"),
                        result
                            .get(t.name, key)
                            .expect("updated rows are in the result"),
                    );
                    let now: Vec<String> = cols
                        .iter()
                        .filter(|c| {
                            let f = t.field_of(c);
                            fields.iter().any(|x| x == f) && !t.late.iter().any(|(l, _)| l == c)
                        })
                        .cloned()
                        .collect();
                    if fields.iter().any(|f| t.late.iter().any(|(l, _)| l == f)) {
                        late.push((t, key));
                    }
                    let risk_before = if t.name == "risks" && each {
                        Some(w.load_risk(key)?)
                    } else {
                        None
                    };
                    if !now.is_empty() {
                        let values = column_values(t, &now, new);
                        let (clause, keys) = where_row(t, cols, old);
                        let sets = values
                            .iter()
                            .enumerate()
                            .map(|(n, (c, _))| format!("\"{c}\" = ?{}", keys.len() + n + 1))
                            .collect::<Vec<_>>()
                            .join(", ");
                        run(
                            conn,
                            &format!("UPDATE {} SET {sets} WHERE {clause}", t.name),
                            params_from_iter(
                                keys.into_iter().chain(values.into_iter().map(|(_, v)| v)),
                            ),
                        )
                        .map_err(|e| wrap(source, t, key, Some(new), e))?;
                    }
                    if let Some(before) = risk_before {
                        let after = w.load_risk(key)?;
                        w.audit_update(Entity::Risk, key, Some(partnership_id), &before, &after)?;
                    } else {
                        for f in fields {
                            audit.updated(t, key, f, old, new)?;
                        }
                    }
                    match t.name {
                        "risks" => touched_risks.push(key.clone()),
                        "indicators" => relevel.push(key.clone()),
                        _ => {}
                    }
                }
            }
        }
        written.push(Written {
            table: t.name.into(),
            inserted: tp.insert.len(),
            updated: tp.update.len(),
            deleted: tp.delete.len(),
        });
    }
    // What waits for every row: a closed workshop closes after its ballots arrived.
    for (t, key) in late {
        let row = result
            .get(t.name, key)
            .expect("late rows are in the result");
        let names: Vec<String> = t.late.iter().map(|(c, _)| c.to_string()).collect();
        let values = column_values(t, &names, row);
        let (clause, keys) = where_row(t, &columns[t.name], row);
        let sets = values
            .iter()
            .enumerate()
            .map(|(n, (c, _))| format!("\"{c}\" = ?{}", keys.len() + n + 1))
            .collect::<Vec<_>>()
            .join(", ");
        run(
            conn,
            &format!("UPDATE {} SET {sets} WHERE {clause}", t.name),
            params_from_iter(keys.into_iter().chain(values.into_iter().map(|(_, v)| v))),
        )
        .map_err(|e| wrap(source, t, key, Some(row), e))?;
    }
    derive(conn, &new_risks, &relevel)?;
    // The domain's rules on what arrived, beyond the schema's.
    for id in new_risks.iter().chain(&touched_risks) {
        let risk = w.load_risk(id)?;
        crate::store::check_risk(&risk.fields, matrix, prefixes)
            .map_err(|e| e.within(&format!("risks[{}].", risk.reference)))?;
    }
    if let Some(row) = result.get("exit_plans", partnership_id) {
        if plan
            .tables
            .iter()
            .any(|tp| tp.table == "exit_plans" && !(tp.insert.is_empty() && tp.update.is_empty()))
        {
            let text = row.get("plan").and_then(Value::as_str).unwrap_or("{}");
            let parsed: crate::exit::ExitPlan = serde_json::from_str(text).map_err(|e| {
                Error::invalid(
                    "exit_plans.plan",
                    text.chars().take(40).collect::<String>(),
                    e.to_string(),
                )
            })?;
            parsed.validate().map_err(|e| e.within("exit_plan."))?;
        }
    }
    Ok(written)
}

/// Values kept beside the records that follow from them: the search index and the review
/// due day of new risks, the level of readings under their indicator's thresholds (by the
/// health store's own relevel).
fn derive(conn: &Connection, new_risks: &[String], relevel: &[String]) -> Result<()> {
    let mut index = conn.prepare_cached(
        "INSERT INTO risks_fts (rowid, title, description, owner, tags)
         SELECT num, title, description, owner, tags FROM risks WHERE id = ?1",
    )?;
    let mut due = conn.prepare_cached(
        "UPDATE risks SET review_due = (SELECT due FROM risk_cadence c WHERE c.id = risks.id)
         WHERE id = ?1",
    )?;
    for id in new_risks {
        index.execute([id])?;
        due.execute([id])?;
    }
    let mut seen = std::collections::HashSet::new();
    for id in relevel {
        if seen.insert(id) {
            crate::store::relevel_indicator(conn, id)?;
        }
    }
    Ok(())
}
