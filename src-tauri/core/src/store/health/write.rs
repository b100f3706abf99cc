//! The writes of partnership health inside a transaction: an indicator with its links and
//! audit row, and a reading (checked, replacing the day's reading only when asked) with its
//! level and audit row. Used by the store's own functions and by the interchange.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::{check, level_code, path, read_indicator, reading_from_row, READING_COLUMNS};
use crate::error::{Error, Result};
use crate::health::status::level;
use crate::health::{Indicator, IndicatorFields, Reading, ReadingFields};
use crate::store::{new_id, Entity, Writer};

impl Writer<'_> {
    /// Inserts an indicator (checked) with its audit row; `at` keeps the times of an
    /// imported one.
    pub(crate) fn insert_indicator(
        &self,
        partnership_id: &str,
        id: &str,
        fields: IndicatorFields,
        at: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<Indicator> {
        check(&self.tx, partnership_id, id, &fields)?;
        let (created_at, updated_at) = at.unwrap_or((self.at, self.at));
        self.tx.execute(
            "INSERT INTO indicators (id, partnership_id, name, unit, direction, target, amber, red,
                    frequency, owner, source, description, exit_triggers, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                id,
                partnership_id,
                fields.name,
                fields.unit.as_str(),
                fields.direction.as_str(),
                fields.target,
                fields.amber,
                fields.red,
                fields.frequency.as_str(),
                fields.owner,
                fields.source.as_str(),
                fields.description,
                serde_json::to_string(&fields.exit_triggers).expect("links serialise"),
                created_at,
                updated_at,
            ],
        )?;
        self.write_risk_links(id, &fields.risk_ids)?;
        self.audit_field(
            Entity::Partnership,
            partnership_id,
            Some(partnership_id),
            &path(id),
            None,
            Some(serde_json::to_string(&fields).expect("fields serialise")),
        )?;
        read_indicator(&self.tx, id)
    }

    pub(super) fn write_risk_links(&self, indicator_id: &str, risk_ids: &[String]) -> Result<()> {
        self.tx.execute(
            "DELETE FROM indicator_risks WHERE indicator_id = ?1",
            [indicator_id],
        )?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO indicator_risks (indicator_id, risk_id, position) VALUES (?1, ?2, ?3)",
        )?;
        for (n, risk_id) in risk_ids.iter().enumerate() {
            insert.execute(params![indicator_id, risk_id, n as i64])?;
        }
        Ok(())
    }

    /// Inserts a reading (checked against the indicator's unit and `today`) with its audit
    /// row; a reading of the same day is refused unless `replace`.
    pub(crate) fn insert_reading(
        &self,
        indicator: &Indicator,
        mut fields: ReadingFields,
        replace: bool,
        today: NaiveDate,
    ) -> Result<Reading> {
        fields.note = fields.note.trim().to_string();
        fields.validate(indicator.fields.unit, today)?;
        self.insert_reading_as(indicator, fields, replace, None)
    }

    /// Inserts a reading as given: for an imported one, its id, who recorded it and when;
    /// a new id, the writer's actor and time otherwise.
    pub(crate) fn insert_reading_as(
        &self,
        indicator: &Indicator,
        fields: ReadingFields,
        replace: bool,
        recorded: Option<(&str, &str, DateTime<Utc>)>,
    ) -> Result<Reading> {
        let sql = format!(
            "SELECT {READING_COLUMNS} FROM readings
             WHERE indicator_id = ?1 AND read_on = ?2 AND replaced_by IS NULL"
        );
        let old = self
            .tx
            .prepare_cached(&sql)?
            .query_row(params![indicator.id, fields.date], reading_from_row)
            .optional()?;
        if let (Some(old), false) = (&old, replace) {
            return Err(Error::conflict(
                "date",
                fields.date,
                format!(
                    "{} already has a reading of {} on this day; replace it explicitly to change it",
                    indicator.fields.name,
                    indicator.fields.unit.format(old.fields.value)
                ),
            ));
        }
        let new = new_id();
        let (id, by, at) = recorded.unwrap_or((&new, self.actor, self.at));
        let reading = Reading {
            id: id.to_string(),
            indicator_id: indicator.id.clone(),
            fields,
            recorded_by: by.to_string(),
            recorded_at: at,
            replaces: old.as_ref().map(|o| o.id.clone()),
        };
        if let Some(old) = &old {
            self.tx
                .prepare_cached("UPDATE readings SET replaced_by = ?2 WHERE id = ?1")?
                .execute([old.id.as_str(), reading.id.as_str()])?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO readings (id, indicator_id, read_on, value, level, note, recorded_by, recorded_at, replaces)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                reading.id,
                reading.indicator_id,
                reading.fields.date,
                reading.fields.value,
                level_code(level(&indicator.fields, reading.fields.value)),
                reading.fields.note,
                reading.recorded_by,
                reading.recorded_at,
                reading.replaces,
            ])?;
        let record = |r: &ReadingFields| serde_json::to_string(r).expect("readings serialise");
        self.audit_field(
            Entity::Partnership,
            &indicator.partnership_id,
            Some(&indicator.partnership_id),
            &format!("{}.readings[{}]", path(&indicator.id), reading.fields.date),
            old.as_ref().map(|o| record(&o.fields)),
            Some(record(&reading.fields)),
        )?;
        Ok(reading)
    }
}
