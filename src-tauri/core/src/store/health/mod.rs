//! Partnership health in the store: the indicators of each partnership and their readings.
//!
//! Every change is one transaction with its audit rows. The rows belong to the
//! partnership (entity `partnership`), their field a path such as `health.indicators[<id>]`
//! (an indicator added or removed: one row whose other side is empty),
//! `health.indicators[<id>].amber` (one row per changed field) or
//! `health.indicators[<id>].readings[<date>]` (a reading: the old side empty, or the reading
//! it replaced). Readings are append-only: a second reading for the same day is refused
//! unless replacement is asked for; then the old row is kept, marked as replaced by the new
//! one, which names it.
//!
//! The status of every indicator comes from a few index lookups per indicator (the latest
//! reading, the latest before its period, the latest at each other level), never from
//! reading the whole history: each reading keeps its level, recomputed when the thresholds
//! change.
//!
//! [`flags`] says what the statuses bring to the analyst: the risks to review again and the
//! exit triggers fired.

mod flags;
mod queue;
mod view;
mod write;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{new_id, Entity, OrNotFound, Store};
use crate::error::{Error, Result};
use crate::exit::ExitPlan;
use crate::health::status::{level, period_start};
use crate::health::{
    status, Direction, Frequency, History, Indicator, IndicatorFields, IndicatorStatus, Level,
    Point, Reading, ReadingFields, Source, TriggerLink, Unit,
};

pub use flags::{FiredTrigger, HealthFlags, RiskFlag};
pub use view::{HealthCounts, HealthRow, IndicatorChart, PartnershipHealth, SPARK_POINTS};

const INDICATOR_COLUMNS: &str = "id, partnership_id, name, unit, direction, target, amber, red, frequency, owner, source, description, exit_triggers, created_at, updated_at";
const READING_COLUMNS: &str =
    "id, indicator_id, read_on, value, note, recorded_by, recorded_at, replaces";

/// An indicator with its status on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorHealth {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
}

/// What adding many readings did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ReadingsAdded {
    pub added: usize,
    /// Of them, those that replaced the reading of the same day.
    pub replaced: usize,
}

/// The audit path of an indicator.
fn path(indicator_id: &str) -> String {
    format!("health.indicators[{indicator_id}]")
}

fn indicator_from_row(r: &Row<'_>) -> rusqlite::Result<Indicator> {
    let text = |n: usize| r.get::<_, String>(n);
    let parse_err = |n: usize, e: Error| {
        rusqlite::Error::FromSqlConversionFailure(n, rusqlite::types::Type::Text, Box::new(e))
    };
    let triggers: Vec<TriggerLink> = serde_json::from_str(&text(12)?).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(12, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Indicator {
        id: r.get(0)?,
        partnership_id: r.get(1)?,
        fields: IndicatorFields {
            name: r.get(2)?,
            unit: Unit::parse(&text(3)?, "unit").map_err(|e| parse_err(3, e))?,
            direction: Direction::parse(&text(4)?, "direction").map_err(|e| parse_err(4, e))?,
            target: r.get(5)?,
            amber: r.get(6)?,
            red: r.get(7)?,
            frequency: Frequency::parse(&text(8)?, "frequency").map_err(|e| parse_err(8, e))?,
            owner: r.get(9)?,
            source: Source::parse(&text(10)?, "source").map_err(|e| parse_err(10, e))?,
            description: r.get(11)?,
            risk_ids: Vec::new(),
            exit_triggers: triggers,
        },
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

fn reading_from_row(r: &Row<'_>) -> rusqlite::Result<Reading> {
    Ok(Reading {
        id: r.get(0)?,
        indicator_id: r.get(1)?,
        fields: ReadingFields {
            date: r.get(2)?,
            value: r.get(3)?,
            note: r.get(4)?,
        },
        recorded_by: r.get(5)?,
        recorded_at: r.get(6)?,
        replaces: r.get(7)?,
    })
}

/// The indicator's linked risks, in their order.
fn risk_ids(conn: &Connection, indicator_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT risk_id FROM indicator_risks WHERE indicator_id = ?1 ORDER BY position",
    )?;
    let ids = stmt
        .query_map([indicator_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

fn read_indicator(conn: &Connection, id: &str) -> Result<Indicator> {
    let sql = format!("SELECT {INDICATOR_COLUMNS} FROM indicators WHERE id = ?1");
    let mut indicator = conn
        .prepare_cached(&sql)?
        .query_row([id], indicator_from_row)
        .or_not_found("indicator", "indicator", id)?;
    indicator.fields.risk_ids = risk_ids(conn, id)?;
    Ok(indicator)
}

/// The partnership's exit plan as stored (the empty plan when there is none).
fn exit_plan(conn: &Connection, partnership_id: &str) -> Result<ExitPlan> {
    let json: Option<String> = conn
        .prepare_cached("SELECT plan FROM exit_plans WHERE partnership_id = ?1")?
        .query_row([partnership_id], |r| r.get(0))
        .optional()?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

/// Whether the plan has the trigger: a checklist code or a custom trigger's words.
fn plan_has(plan: &ExitPlan, link: &TriggerLink) -> bool {
    plan.scenarios.iter().any(|s| {
        s.id == link.scenario_id
            && (s.triggers.iter().any(|t| t.as_str() == link.trigger)
                || s.custom_triggers.iter().any(|c| c == &link.trigger))
    })
}

/// Refuses fields that break a rule, a name another indicator of the partnership has (any
/// case), a risk of another partnership and an exit trigger its plan does not have.
fn check(conn: &Connection, partnership_id: &str, id: &str, f: &IndicatorFields) -> Result<()> {
    f.validate()?;
    let taken: bool = conn
        .prepare_cached(
            "SELECT 1 FROM indicators WHERE partnership_id = ?1 AND lower(name) = lower(?2) AND id <> ?3",
        )?
        .exists(params![partnership_id, f.name, id])?;
    if taken {
        return Err(Error::conflict(
            "name",
            &f.name,
            "another indicator of the partnership has this name",
        ));
    }
    let mut risk =
        conn.prepare_cached("SELECT 1 FROM risks WHERE id = ?1 AND partnership_id = ?2")?;
    for (n, risk_id) in f.risk_ids.iter().enumerate() {
        if !risk.exists([risk_id.as_str(), partnership_id])? {
            return Err(Error::invalid(
                format!("risk_ids[{n}]"),
                risk_id,
                "not one of the partnership's risks",
            ));
        }
    }
    if !f.exit_triggers.is_empty() {
        let plan = exit_plan(conn, partnership_id)?;
        for (n, link) in f.exit_triggers.iter().enumerate() {
            if !plan_has(&plan, link) {
                return Err(Error::invalid(
                    format!("exit_triggers[{n}]"),
                    &link.trigger,
                    "not a trigger of that scenario of the partnership's exit plan",
                ));
            }
        }
    }
    Ok(())
}

/// How a reading's level is stored: 0 green, 1 amber, 2 red.
fn level_code(level: Level) -> i64 {
    match level {
        Level::Green => 0,
        Level::Amber => 1,
        Level::Red => 2,
    }
}

/// The readings' stored levels after the thresholds or the direction changed, or after
/// readings arrived by a merge: each by the domain's [`level`], the one definition.
fn relevel(conn: &Connection, indicator_id: &str, f: &IndicatorFields) -> Result<()> {
    let mut read =
        conn.prepare_cached("SELECT num, value, level FROM readings WHERE indicator_id = ?1")?;
    let stored = read
        .query_map([indicator_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut write = conn.prepare_cached("UPDATE readings SET level = ?2 WHERE num = ?1")?;
    for (num, value, was) in stored {
        let now = level_code(level(f, value));
        if now != was {
            write.execute(params![num, now])?;
        }
    }
    Ok(())
}

/// [`relevel`] of an indicator by its id, with the thresholds it has now.
pub(crate) fn relevel_indicator(conn: &Connection, indicator_id: &str) -> Result<()> {
    let indicator = read_indicator(conn, indicator_id)?;
    relevel(conn, indicator_id, &indicator.fields)
}

/// What the status of one indicator needs, found with index lookups.
fn history(conn: &Connection, indicator: &Indicator) -> Result<History> {
    let id = indicator.id.as_str();
    let f = &indicator.fields;
    let point = |r: &Row<'_>| {
        Ok(Point {
            date: r.get(0)?,
            value: r.get(1)?,
        })
    };
    let latest = conn
        .prepare_cached(
            "SELECT read_on, value FROM readings INDEXED BY readings_current
             WHERE indicator_id = ?1 AND replaced_by IS NULL ORDER BY read_on DESC LIMIT 1",
        )?
        .query_row([id], point)
        .optional()?;
    let Some(latest) = latest else {
        return Ok(History::default());
    };
    let start = period_start(f.frequency, latest.date);
    let previous = conn
        .prepare_cached(
            "SELECT read_on, value FROM readings INDEXED BY readings_current
             WHERE indicator_id = ?1 AND replaced_by IS NULL AND read_on < ?2
             ORDER BY read_on DESC LIMIT 1",
        )?
        .query_row(params![id, start], point)
        .optional()?;
    // The latest reading at another level, then the first reading after it.
    let at = level_code(level(f, latest.value));
    let mut other: Option<NaiveDate> = None;
    let mut at_level = conn.prepare_cached(
        "SELECT read_on FROM readings INDEXED BY readings_levels
         WHERE indicator_id = ?1 AND replaced_by IS NULL AND level = ?2
         ORDER BY read_on DESC LIMIT 1",
    )?;
    for code in (0..3).filter(|c| *c != at) {
        let date: Option<NaiveDate> = at_level
            .query_row(params![id, code], |r| r.get(0))
            .optional()?;
        other = other.max(date);
    }
    let run_start: Option<NaiveDate> = conn
        .prepare_cached(
            "SELECT read_on FROM readings INDEXED BY readings_current
             WHERE indicator_id = ?1 AND replaced_by IS NULL AND read_on > ?2
             ORDER BY read_on LIMIT 1",
        )?
        .query_row(params![id, other.unwrap_or(NaiveDate::MIN)], |r| r.get(0))
        .optional()?;
    Ok(History {
        latest: Some(latest),
        previous,
        run_start,
    })
}

impl Store {
    /// The indicators of a partnership, in the order they were added.
    pub fn indicators(&self, partnership_id: &str) -> Result<Vec<Indicator>> {
        self.partnership(partnership_id)?;
        let sql = format!(
            "SELECT {INDICATOR_COLUMNS} FROM indicators WHERE partnership_id = ?1 ORDER BY num"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut all = stmt
            .query_map([partnership_id], indicator_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut links = self.conn.prepare_cached(
            "SELECT l.indicator_id, l.risk_id FROM indicator_risks l
             JOIN indicators i ON i.id = l.indicator_id
             WHERE i.partnership_id = ?1 ORDER BY l.indicator_id, l.position",
        )?;
        let mut rows = links.query([partnership_id])?;
        while let Some(row) = rows.next()? {
            let (indicator_id, risk_id): (String, String) = (row.get(0)?, row.get(1)?);
            if let Some(i) = all.iter_mut().find(|i| i.id == indicator_id) {
                i.fields.risk_ids.push(risk_id);
            }
        }
        Ok(all)
    }

    pub fn indicator(&self, id: &str) -> Result<Indicator> {
        read_indicator(&self.conn, id)
    }

    /// Finds an indicator by id, or by name (any case) in the partnership `partnership` (id
    /// or exact name) — or, without it, in the only partnership that has an indicator of
    /// that name.
    pub fn find_indicator(&self, partnership: Option<&str>, key: &str) -> Result<Indicator> {
        let key = key.trim();
        if let Ok(indicator) = read_indicator(&self.conn, key) {
            return Ok(indicator);
        }
        let found: Vec<String> = match partnership {
            Some(p) => {
                let p = self.find_partnership(p)?;
                self.conn
                    .prepare_cached(
                        "SELECT id FROM indicators WHERE partnership_id = ?1 AND lower(name) = lower(?2)",
                    )?
                    .query_map([p.id.as_str(), key], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            }
            None => self
                .conn
                .prepare_cached("SELECT id FROM indicators WHERE lower(name) = lower(?1)")?
                .query_map([key], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        };
        match found.as_slice() {
            [id] => read_indicator(&self.conn, id),
            [] => Err(Error::not_found("indicator", "indicator", key)),
            _ => Err(Error::invalid(
                "indicator",
                key,
                "several partnerships have an indicator of this name: name the partnership",
            )),
        }
    }

    /// Adds an indicator to a partnership.
    pub fn add_indicator(
        &mut self,
        partnership_id: &str,
        fields: IndicatorFields,
    ) -> Result<Indicator> {
        self.partnership(partnership_id)?;
        let fields = fields.normalised();
        self.write(|w| w.insert_indicator(partnership_id, &new_id(), fields, None))
    }

    /// Changes an indicator: `change` is given its fields as stored, read in the same
    /// transaction that writes them back. One audit row per changed field; on any refusal
    /// nothing is written.
    pub fn change_indicator(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut IndicatorFields) -> Result<()>,
    ) -> Result<Indicator> {
        self.write(|w| {
            let before = read_indicator(&w.tx, id)?;
            let mut fields = before.fields.clone();
            change(&mut fields)?;
            let fields = fields.normalised();
            check(&w.tx, &before.partnership_id, id, &fields)?;
            if fields == before.fields {
                return Ok(before);
            }
            w.tx.execute(
                "UPDATE indicators SET name = ?2, unit = ?3, direction = ?4, target = ?5, amber = ?6,
                        red = ?7, frequency = ?8, owner = ?9, source = ?10, description = ?11,
                        exit_triggers = ?12, updated_at = ?13
                 WHERE id = ?1",
                params![
                    id,
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
                    w.at,
                ],
            )?;
            w.write_risk_links(id, &fields.risk_ids)?;
            let before_f = &before.fields;
            if (before_f.direction, before_f.amber, before_f.red)
                != (fields.direction, fields.amber, fields.red)
            {
                relevel(&w.tx, id, &fields)?;
            }
            let (old, new) = (
                serde_json::to_value(&before.fields).expect("fields serialise"),
                serde_json::to_value(&fields).expect("fields serialise"),
            );
            for (key, new_value) in new.as_object().expect("an object") {
                let old_value = &old[key];
                if old_value != new_value {
                    w.audit_field(
                        Entity::Partnership,
                        &before.partnership_id,
                        Some(&before.partnership_id),
                        &format!("{}.{key}", path(id)),
                        text(old_value),
                        text(new_value),
                    )?;
                }
            }
            read_indicator(&w.tx, id)
        })
    }

    /// Removes an indicator with its readings (the audit row keeps the indicator and says
    /// how many readings went with it).
    pub fn remove_indicator(&mut self, id: &str) -> Result<Indicator> {
        self.write(|w| {
            let indicator = read_indicator(&w.tx, id)?;
            let readings: i64 = w.tx.query_row(
                "SELECT count(*) FROM readings WHERE indicator_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            w.tx.execute("DELETE FROM indicators WHERE id = ?1", [id])?;
            let mut record = serde_json::to_value(&indicator.fields).expect("fields serialise");
            record["readings"] = readings.into();
            w.audit_field(
                Entity::Partnership,
                &indicator.partnership_id,
                Some(&indicator.partnership_id),
                &path(id),
                Some(record.to_string()),
                None,
            )?;
            Ok(indicator)
        })
    }

    /// Records a reading of an indicator. A reading of a day that has one is refused unless
    /// `replace`; then the old reading is kept, marked as replaced. `today` bounds the date.
    pub fn add_reading(
        &mut self,
        indicator_id: &str,
        fields: ReadingFields,
        replace: bool,
        today: NaiveDate,
    ) -> Result<Reading> {
        self.write(|w| {
            let indicator = read_indicator(&w.tx, indicator_id)?;
            w.insert_reading(&indicator, fields, replace, today)
        })
    }

    /// Records many readings of a partnership's indicators in one transaction: all or none.
    /// An error names the position of the reading at fault (`readings[12].value`).
    pub fn add_readings(
        &mut self,
        partnership_id: &str,
        readings: Vec<(String, ReadingFields)>,
        replace: bool,
        today: NaiveDate,
    ) -> Result<ReadingsAdded> {
        self.add_readings_through(partnership_id, readings, replace, today, None)
    }

    /// [`Store::add_readings`] with the audit rows' context (`imported from FILE`).
    pub(crate) fn add_readings_through(
        &mut self,
        partnership_id: &str,
        readings: Vec<(String, ReadingFields)>,
        replace: bool,
        today: NaiveDate,
        context: Option<String>,
    ) -> Result<ReadingsAdded> {
        self.partnership(partnership_id)?;
        self.write(|w| {
            *w.context.borrow_mut() = context;
            let mut cache: HashMap<String, Indicator> = HashMap::new();
            let mut seen = HashSet::new();
            let mut out = ReadingsAdded::default();
            for (n, (indicator_id, fields)) in readings.into_iter().enumerate() {
                let at = |e: Error| e.within(&format!("readings[{n}]."));
                if !cache.contains_key(&indicator_id) {
                    let i = read_indicator(&w.tx, &indicator_id).map_err(at)?;
                    if i.partnership_id != partnership_id {
                        return Err(at(Error::not_found(
                            "indicator",
                            "indicator",
                            &indicator_id,
                        )));
                    }
                    cache.insert(indicator_id.clone(), i);
                }
                let indicator = &cache[&indicator_id];
                if !seen.insert((indicator_id.clone(), fields.date)) {
                    return Err(at(Error::conflict(
                        "date",
                        fields.date,
                        format!("a second reading of {} for this day", indicator.fields.name),
                    )));
                }
                let reading = w
                    .insert_reading(indicator, fields, replace, today)
                    .map_err(at)?;
                out.added += 1;
                out.replaced += usize::from(reading.replaces.is_some());
            }
            Ok(out)
        })
    }

    /// The current readings of an indicator, oldest first (`with_replaced`: the replaced
    /// ones too, each before the reading that replaced it).
    pub fn readings(&self, indicator_id: &str, with_replaced: bool) -> Result<Vec<Reading>> {
        read_indicator(&self.conn, indicator_id)?;
        let filter = if with_replaced {
            ""
        } else {
            "AND replaced_by IS NULL"
        };
        let sql = format!(
            "SELECT {READING_COLUMNS} FROM readings WHERE indicator_id = ?1 {filter} ORDER BY read_on, num"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let all = stmt
            .query_map([indicator_id], reading_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(all)
    }

    /// The status of one indicator on `today`.
    pub fn indicator_health(
        &self,
        indicator_id: &str,
        today: NaiveDate,
    ) -> Result<IndicatorHealth> {
        let indicator = read_indicator(&self.conn, indicator_id)?;
        let history = history(&self.conn, &indicator)?;
        let status = status(&indicator.fields, &history, today);
        Ok(IndicatorHealth { indicator, status })
    }

    /// Every indicator of a partnership with its status on `today`, in the order added.
    pub fn health(&self, partnership_id: &str, today: NaiveDate) -> Result<Vec<IndicatorHealth>> {
        self.indicators(partnership_id)?
            .into_iter()
            .map(|indicator| {
                let history = history(&self.conn, &indicator)?;
                let status = status(&indicator.fields, &history, today);
                Ok(IndicatorHealth { indicator, status })
            })
            .collect()
    }
}

fn text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
