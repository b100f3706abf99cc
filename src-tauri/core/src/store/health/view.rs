//! What the window shows of partnership health: the Health tab (every indicator with its
//! status and its last readings for a sparkline, the counts by status, and what the
//! statuses bring to the analyst), one indicator's chart (every current reading), the
//! indicators a risk is informed by (for the review screen) and the counts per
//! partnership (for the portfolio). Read only; the last readings come from the index on
//! (indicator, day), so the tab costs the same whatever the length of the history.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{history, read_indicator, HealthFlags};
use crate::error::Result;
use crate::health::{status, Indicator, IndicatorStatus, Point, Reading, Status};
use crate::store::Store;

/// The readings a sparkline shows: the last ones, oldest first.
pub const SPARK_POINTS: usize = 30;

/// One indicator as the Health tab lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HealthRow {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
    /// The last [`SPARK_POINTS`] current readings, oldest first.
    pub recent: Vec<Point>,
}

/// How many indicators are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HealthCounts {
    pub green: u32,
    pub amber: u32,
    pub red: u32,
    pub stale: u32,
    pub no_data: u32,
}

impl HealthCounts {
    fn add(&mut self, status: Status) {
        match status {
            Status::Green => self.green += 1,
            Status::Amber => self.amber += 1,
            Status::Red => self.red += 1,
            Status::Stale => self.stale += 1,
            Status::NoData => self.no_data += 1,
        }
    }
}

/// The Health tab of a partnership on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartnershipHealth {
    pub partnership_id: String,
    pub today: NaiveDate,
    /// In the order the indicators were added.
    pub rows: Vec<HealthRow>,
    pub counts: HealthCounts,
    /// The risks brought back for review and the exit triggers fired.
    pub flags: HealthFlags,
}

/// One indicator's chart: its thresholds and status, and every current reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorChart {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
    /// Oldest first; replaced readings are not drawn.
    pub readings: Vec<Reading>,
}

/// The last `n` current readings of an indicator, oldest first.
fn recent(conn: &Connection, indicator_id: &str, n: usize) -> Result<Vec<Point>> {
    let mut stmt = conn.prepare_cached(
        "SELECT read_on, value FROM readings INDEXED BY readings_current
         WHERE indicator_id = ?1 AND replaced_by IS NULL ORDER BY read_on DESC LIMIT ?2",
    )?;
    let mut points = stmt
        .query_map(params![indicator_id, n as i64], |r| {
            Ok(Point {
                date: r.get(0)?,
                value: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    points.reverse();
    Ok(points)
}

impl Store {
    fn health_row(&self, indicator: Indicator, today: NaiveDate) -> Result<HealthRow> {
        let h = history(&self.conn, &indicator)?;
        let status = status(&indicator.fields, &h, today);
        let recent = recent(&self.conn, &indicator.id, SPARK_POINTS)?;
        Ok(HealthRow {
            indicator,
            status,
            recent,
        })
    }

    /// The Health tab of a partnership on `today`.
    pub fn partnership_health(
        &self,
        partnership_id: &str,
        today: NaiveDate,
    ) -> Result<PartnershipHealth> {
        let rows = self
            .indicators(partnership_id)?
            .into_iter()
            .map(|i| self.health_row(i, today))
            .collect::<Result<Vec<_>>>()?;
        let mut counts = HealthCounts::default();
        for row in &rows {
            counts.add(row.status.status);
        }
        let flags = self.health_flags(Some(partnership_id), today)?;
        Ok(PartnershipHealth {
            partnership_id: partnership_id.to_string(),
            today,
            rows,
            counts,
            flags,
        })
    }

    /// One indicator's chart on `today`.
    pub fn indicator_chart(&self, indicator_id: &str, today: NaiveDate) -> Result<IndicatorChart> {
        let health = self.indicator_health(indicator_id, today)?;
        let readings = self.readings(indicator_id, false)?;
        Ok(IndicatorChart {
            indicator: health.indicator,
            status: health.status,
            readings,
        })
    }

    /// The indicators that inform a risk, each with its status and last readings: what
    /// the review screen shows while the analyst decides.
    pub fn risk_indicators(&self, risk_id: &str, today: NaiveDate) -> Result<Vec<HealthRow>> {
        self.risk(risk_id)?;
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT l.indicator_id FROM indicator_risks l JOIN indicators i ON i.id = l.indicator_id
                 WHERE l.risk_id = ?1 ORDER BY i.num",
            )?
            .query_map([risk_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|id| self.health_row(read_indicator(&self.conn, id)?, today))
            .collect()
    }

    /// How many indicators of a partnership are in each status on `today`.
    pub fn health_counts(&self, partnership_id: &str, today: NaiveDate) -> Result<HealthCounts> {
        let mut counts = HealthCounts::default();
        for h in self.health(partnership_id, today)? {
            counts.add(h.status.status);
        }
        Ok(counts)
    }
}
