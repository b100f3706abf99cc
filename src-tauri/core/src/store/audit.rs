//! The audit log: written in the same transaction as the change it records.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{Store, Writer};
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Partnership,
    Risk,
    Action,
    Requirement,
    Matrix,
    Category,
    Workshop,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Partnership => "partnership",
            Entity::Risk => "risk",
            Entity::Action => "action",
            Entity::Requirement => "requirement",
            Entity::Matrix => "matrix",
            Entity::Category => "category",
            Entity::Workshop => "workshop",
        }
    }

    fn parse(text: &str) -> Entity {
        match text {
            "partnership" => Entity::Partnership,
            "risk" => Entity::Risk,
            "action" => Entity::Action,
            "requirement" => Entity::Requirement,
            "matrix" => Entity::Matrix,
            "workshop" => Entity::Workshop,
            _ => Entity::Category,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Create,
    Update,
    Delete,
}

impl Operation {
    fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
        }
    }

    fn parse(text: &str) -> Operation {
        match text {
            "create" => Operation::Create,
            "delete" => Operation::Delete,
            _ => Operation::Update,
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub entity: Entity,
    pub entity_id: String,
    pub partnership_id: Option<String>,
    pub operation: Operation,
    /// The changed field, for an update.
    pub field: Option<String>,
    /// The value before (an update) or the whole record (a deletion), as text or JSON.
    pub old_value: Option<String>,
    /// The value after (an update) or the whole record (a creation), as text or JSON.
    pub new_value: Option<String>,
    /// Through what the change was made when not through the editor, e.g.
    /// `workshop "Kick-off" item 3`.
    pub context: Option<String>,
}

/// What one audit row says happened.
struct Change<'a> {
    operation: Operation,
    field: Option<&'a str>,
    old: Option<String>,
    new: Option<String>,
}

/// Fields that change on every write and say nothing about what the user changed.
const NOT_AUDITED: [&str; 2] = ["created_at", "updated_at"];

/// How a value is kept in the log: plain text for strings, JSON for everything else.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

impl Writer<'_> {
    fn audit_row(
        &self,
        entity: Entity,
        entity_id: &str,
        partnership_id: Option<&str>,
        change: Change<'_>,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO audit_log (at, actor, entity, entity_id, partnership_id, operation, field, old_value, new_value, context)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        stmt.execute(params![
            self.at_text,
            self.actor,
            entity.as_str(),
            entity_id,
            partnership_id,
            change.operation.as_str(),
            change.field,
            change.old,
            change.new,
            self.context.borrow().as_deref()
        ])?;
        Ok(())
    }

    pub(crate) fn audit_create(
        &self,
        entity: Entity,
        entity_id: &str,
        partnership_id: Option<&str>,
        record: &impl Serialize,
    ) -> Result<()> {
        let json = serde_json::to_string(record).expect("records serialise");
        self.audit_row(
            entity,
            entity_id,
            partnership_id,
            Change {
                operation: Operation::Create,
                field: None,
                old: None,
                new: Some(json),
            },
        )
    }

    pub(crate) fn audit_delete(
        &self,
        entity: Entity,
        entity_id: &str,
        partnership_id: Option<&str>,
        record: &impl Serialize,
    ) -> Result<()> {
        let json = serde_json::to_string(record).expect("records serialise");
        self.audit_row(
            entity,
            entity_id,
            partnership_id,
            Change {
                operation: Operation::Delete,
                field: None,
                old: Some(json),
                new: None,
            },
        )
    }

    /// One row per top-level field whose value differs; returns how many changed.
    pub(crate) fn audit_update(
        &self,
        entity: Entity,
        entity_id: &str,
        partnership_id: Option<&str>,
        old: &impl Serialize,
        new: &impl Serialize,
    ) -> Result<usize> {
        let (Value::Object(old), Value::Object(new)) = (
            serde_json::to_value(old).expect("records serialise"),
            serde_json::to_value(new).expect("records serialise"),
        ) else {
            unreachable!("records serialise to objects");
        };
        let mut changed = 0;
        for (field, new_value) in &new {
            if NOT_AUDITED.contains(&field.as_str()) {
                continue;
            }
            let old_value = old.get(field).unwrap_or(&Value::Null);
            if old_value != new_value {
                let change = Change {
                    operation: Operation::Update,
                    field: Some(field),
                    old: as_text(old_value),
                    new: as_text(new_value),
                };
                self.audit_row(entity, entity_id, partnership_id, change)?;
                changed += 1;
            }
        }
        Ok(changed)
    }
}

impl Store {
    /// The history of one record (a risk, an action, …), oldest first.
    pub fn history(&self, entity_id: &str) -> Result<Vec<AuditEntry>> {
        self.audit_query("WHERE entity_id = ?1 ORDER BY seq", entity_id)
    }

    /// Every change within a partnership (its risks, actions and requirements
    /// included), oldest first.
    pub fn partnership_history(&self, partnership_id: &str) -> Result<Vec<AuditEntry>> {
        self.audit_query("WHERE partnership_id = ?1 ORDER BY seq", partnership_id)
    }

    fn audit_query(&self, clause: &str, key: &str) -> Result<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT seq, at, actor, entity, entity_id, partnership_id, operation, field, old_value, new_value, context
             FROM audit_log {clause}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([key], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                entity: Entity::parse(&r.get::<_, String>(3)?),
                entity_id: r.get(4)?,
                partnership_id: r.get(5)?,
                operation: Operation::parse(&r.get::<_, String>(6)?),
                field: r.get(7)?,
                old_value: r.get(8)?,
                new_value: r.get(9)?,
                context: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
