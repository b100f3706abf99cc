//! Mitigation actions of a risk.

use rusqlite::{params, Row};

use super::{new_id, Entity, OrNotFound, Store, Writer};
use crate::error::Result;
use crate::model::{Action, ActionFields, ActionStatus, Money};

const ACTION_COLUMNS: &str =
    "a.id, a.risk_id, a.title, a.detail, a.owner, a.due, a.status, a.cost_minor, a.currency, a.created_at, a.updated_at";

fn action_from_row(r: &Row<'_>) -> rusqlite::Result<Action> {
    let status: String = r.get(6)?;
    let minor: Option<i64> = r.get(7)?;
    let currency: Option<String> = r.get(8)?;
    Ok(Action {
        id: r.get(0)?,
        risk_id: r.get(1)?,
        fields: ActionFields {
            title: r.get(2)?,
            detail: r.get(3)?,
            owner: r.get(4)?,
            due: r.get(5)?,
            // The CHECK constraint keeps the column to known statuses.
            status: ActionStatus::parse(&status, "status").unwrap_or(ActionStatus::Planned),
            cost: minor
                .zip(currency)
                .map(|(minor, currency)| Money { minor, currency }),
        },
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

impl Store {
    /// The actions of one risk, by due date (undated last).
    pub fn actions(&self, risk_id: &str) -> Result<Vec<Action>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM actions a WHERE a.risk_id = ?1
             ORDER BY a.due IS NULL, a.due, a.created_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([risk_id], action_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every action of a partnership (its mitigation plan), by due date.
    pub fn partnership_actions(&self, partnership_id: &str) -> Result<Vec<Action>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM actions a JOIN risks r ON r.id = a.risk_id
             WHERE r.partnership_id = ?1 ORDER BY a.due IS NULL, a.due, r.reference"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([partnership_id], action_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn action(&self, id: &str) -> Result<Action> {
        let sql = format!("SELECT {ACTION_COLUMNS} FROM actions a WHERE a.id = ?1");
        self.conn
            .query_row(&sql, [id], action_from_row)
            .or_not_found("action", "action", id)
    }

    pub fn add_action(&mut self, risk_id: &str, fields: ActionFields) -> Result<Action> {
        fields.validate()?;
        let risk = self.risk(risk_id)?;
        let at = super::now();
        let action = Action {
            id: new_id(),
            risk_id: risk.id,
            fields,
            created_at: at,
            updated_at: at,
        };
        self.write(|w| w.insert_action(&action, &risk.partnership_id))?;
        Ok(action)
    }

    pub fn update_action(&mut self, id: &str, fields: ActionFields) -> Result<Action> {
        fields.validate()?;
        let before = self.action(id)?;
        let partnership_id = self.risk(&before.risk_id)?.partnership_id;
        let after = Action {
            fields,
            updated_at: super::now(),
            ..before.clone()
        };
        self.write(|w| {
            let f = &after.fields;
            w.tx.execute(
                "UPDATE actions SET title = ?2, detail = ?3, owner = ?4, due = ?5, status = ?6,
                 cost_minor = ?7, currency = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    id,
                    f.title,
                    f.detail,
                    f.owner,
                    f.due,
                    f.status.as_str(),
                    f.cost.as_ref().map(|c| c.minor),
                    f.cost.as_ref().map(|c| c.currency.as_str()),
                    after.updated_at
                ],
            )?;
            w.audit_update(Entity::Action, id, Some(&partnership_id), &before, &after)?;
            Ok(())
        })?;
        Ok(after)
    }

    pub fn delete_action(&mut self, id: &str) -> Result<()> {
        let old = self.action(id)?;
        let partnership_id = self.risk(&old.risk_id)?.partnership_id;
        self.write(|w| {
            w.tx.execute("DELETE FROM actions WHERE id = ?1", [id])?;
            w.audit_delete(Entity::Action, id, Some(&partnership_id), &old)
        })
    }
}

impl Writer<'_> {
    pub(crate) fn insert_action(&self, action: &Action, partnership_id: &str) -> Result<()> {
        let f = &action.fields;
        self.tx
            .prepare_cached(
                "INSERT INTO actions (id, risk_id, title, detail, owner, due, status, cost_minor, currency, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                action.id,
                action.risk_id,
                f.title,
                f.detail,
                f.owner,
                f.due,
                f.status.as_str(),
                f.cost.as_ref().map(|c| c.minor),
                f.cost.as_ref().map(|c| c.currency.as_str()),
                action.created_at,
                action.updated_at
            ])?;
        self.audit_create(Entity::Action, &action.id, Some(partnership_id), action)
    }
}
