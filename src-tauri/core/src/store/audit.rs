//! The audit log: written in the same transaction as the change it records.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{Store, Writer};
use crate::error::{Error, Result};

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

    pub const ALL: [Entity; 7] = [
        Entity::Partnership,
        Entity::Risk,
        Entity::Action,
        Entity::Requirement,
        Entity::Matrix,
        Entity::Category,
        Entity::Workshop,
    ];

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

/// Which changes the activity view shows. Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActivityFilter {
    pub partnership_id: Option<String>,
    /// Who made the change (exact name, any case).
    pub actor: Option<String>,
    /// From this day (inclusive, UTC).
    pub since: Option<NaiveDate>,
    /// Up to this day (inclusive, UTC).
    pub until: Option<NaiveDate>,
    /// The kind of record changed.
    pub entity: Option<Entity>,
    /// The changed field (updates only), e.g. `residual`.
    pub field: Option<String>,
    /// The page after the one that ended at this `seq` (from [`ActivityPage::next`]).
    pub before: Option<i64>,
    /// Rows per page: 1 to [`MAX_ACTIVITY_PAGE`], 100 by default.
    pub limit: Option<usize>,
}

pub const MAX_ACTIVITY_PAGE: usize = 1000;

/// One change in the activity view: the audit row, with names to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityEntry {
    #[serde(flatten)]
    pub entry: AuditEntry,
    /// The partnership's name, while it exists.
    pub partnership: Option<String>,
    /// The risk's reference, for a risk or an action of a risk that still exists.
    pub reference: Option<String>,
}

/// A page of the activity view, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    /// Pass as `before` for the next (older) page; `None` on the last page.
    pub next: Option<i64>,
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

    /// One update row for a field named by the caller: a path within a record kept as one
    /// document (e.g. `exit.scenarios[<id>].owner` of a partnership's exit plan), with the
    /// values before and after as text or JSON (`None`: absent).
    pub(crate) fn audit_field(
        &self,
        entity: Entity,
        entity_id: &str,
        partnership_id: Option<&str>,
        field: &str,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<()> {
        let change = Change {
            operation: Operation::Update,
            field: Some(field),
            old,
            new,
        };
        self.audit_row(entity, entity_id, partnership_id, change)
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
        // A field left out when empty (e.g. a risk's money estimates) and now removed.
        for (field, old_value) in &old {
            if new.contains_key(field) || old_value.is_null() {
                continue;
            }
            let change = Change {
                operation: Operation::Update,
                field: Some(field),
                old: as_text(old_value),
                new: None,
            };
            self.audit_row(entity, entity_id, partnership_id, change)?;
            changed += 1;
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

    /// A page of the audit log across the workspace or one partnership, newest first,
    /// filtered by person, day range, kind of record and field. Each filter that has an
    /// index (partnership, person, days) narrows the scan; the page is read by `seq`.
    pub fn activity(&self, filter: &ActivityFilter) -> Result<ActivityPage> {
        let limit = filter.limit.unwrap_or(100);
        if !(1..=MAX_ACTIVITY_PAGE).contains(&limit) {
            return Err(Error::invalid(
                "limit",
                limit,
                format!("a page has 1 to {MAX_ACTIVITY_PAGE} rows"),
            ));
        }
        crate::model::check_date_opt("since", filter.since)?;
        crate::model::check_date_opt("until", filter.until)?;
        if let (Some(since), Some(until)) = (filter.since, filter.until) {
            if until < since {
                return Err(Error::invalid(
                    "until",
                    until,
                    format!("the range ends before it starts ({since})"),
                ));
            }
        }
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<SqlValue> = Vec::new();
        // A day range is a range of `seq`: the smallest and the largest row number of the
        // rows in it (not those of its first and last rows by time: history merged from
        // another workspace arrives after rows of its day written here). Found through the
        // index on `at` over the range; with one end open, by the row numbers from the
        // nearer end of the log (the first row by time tells which). The `at` test keeps
        // the rows exact.
        let since = filter.since.map(|d| d.to_string());
        let end = filter
            .until
            .map(|d| crate::review::add_days(d, 1).to_string());
        let mut param = |day: &String| {
            args.push(day.clone().into());
            format!("?{}", args.len())
        };
        let (since, end) = (since.as_ref().map(&mut param), end.as_ref().map(&mut param));
        let (lowest, highest) = match (&since, &end) {
            (Some(s), Some(e)) => (
                Some(format!(
                    "(SELECT min(seq) FROM audit_log WHERE at >= {s} AND at < {e})"
                )),
                Some(format!(
                    "(SELECT max(seq) FROM audit_log WHERE at >= {s} AND at < {e})"
                )),
            ),
            (Some(s), None) => (
                Some(format!(
                    "CASE WHEN (SELECT seq FROM audit_log WHERE at >= {s} ORDER BY at LIMIT 1) * 2
                               < (SELECT max(seq) FROM audit_log)
                     THEN (SELECT min(seq) FROM audit_log WHERE at >= {s})
                     ELSE (SELECT min(+seq) FROM audit_log WHERE at >= {s}) END"
                )),
                None,
            ),
            (None, Some(e)) => (
                None,
                Some(format!(
                    "CASE WHEN (SELECT seq FROM audit_log WHERE at < {e} ORDER BY at DESC LIMIT 1) * 2
                               > (SELECT max(seq) FROM audit_log)
                     THEN (SELECT max(seq) FROM audit_log WHERE at < {e})
                     ELSE (SELECT max(+seq) FROM audit_log WHERE at < {e}) END"
                )),
            ),
            (None, None) => (None, None),
        };
        if let (Some(lowest), Some(s)) = (lowest, &since) {
            clauses.push(format!("a.seq >= coalesce({lowest}, 1 << 62)"));
            clauses.push(format!("a.at >= {s}"));
        }
        if let (Some(highest), Some(e)) = (highest, &end) {
            clauses.push(format!("a.seq <= coalesce({highest}, -1)"));
            clauses.push(format!("a.at < {e}"));
        }
        let mut arg = |clause: &str, value: SqlValue, args: &mut Vec<SqlValue>| {
            args.push(value);
            clauses.push(clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(id) = filter.partnership_id.as_deref() {
            let p = self.partnership(id)?;
            arg("a.partnership_id = ?", p.id.into(), &mut args);
        }
        if let Some(actor) = filter
            .actor
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            arg(
                "a.actor = ? COLLATE NOCASE",
                actor.to_string().into(),
                &mut args,
            );
        }
        if let Some(entity) = filter.entity {
            arg(
                "a.entity = ?",
                entity.as_str().to_string().into(),
                &mut args,
            );
        }
        if let Some(field) = filter
            .field
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            arg("a.field = ?", field.to_string().into(), &mut args);
        }
        if let Some(before) = filter.before {
            arg("a.seq < ?", before.into(), &mut args);
        }
        let clause = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT a.seq, a.at, a.actor, a.entity, a.entity_id, a.partnership_id, a.operation,
                    a.field, a.old_value, a.new_value, a.context, p.name,
                    coalesce(r.reference, ar.reference)
             FROM (SELECT * FROM audit_log a {clause} ORDER BY a.seq DESC LIMIT {}) a
             LEFT JOIN partnerships p ON p.id = a.partnership_id
             LEFT JOIN risks r ON a.entity = 'risk' AND r.id = a.entity_id
             LEFT JOIN actions ac ON a.entity = 'action' AND ac.id = a.entity_id
             LEFT JOIN risks ar ON ar.id = ac.risk_id
             ORDER BY a.seq DESC",
            limit + 1
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(ActivityEntry {
                entry: audit_entry(r)?,
                partnership: r.get(11)?,
                reference: r.get(12)?,
            })
        })?;
        let mut entries: Vec<ActivityEntry> = rows.collect::<rusqlite::Result<_>>()?;
        let next = if entries.len() > limit {
            entries.truncate(limit);
            entries.last().map(|e| e.entry.seq)
        } else {
            None
        };
        Ok(ActivityPage { entries, next })
    }

    /// The people who appear in the audit log (for the activity view's filter).
    pub fn actors(&self) -> Result<Vec<String>> {
        // Skips through the (actor, seq) index: one step per distinct name.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn audit_query(&self, clause: &str, key: &str) -> Result<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT seq, at, actor, entity, entity_id, partnership_id, operation, field, old_value, new_value, context
             FROM audit_log {clause}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([key], audit_entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn audit_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
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
}
