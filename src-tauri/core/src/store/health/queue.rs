//! The review queue's health side: a risk informed by an amber, red or stale indicator
//! comes into the queue whatever its due day, with the indicator's reason in words. Such
//! risks come first (in the order of [`Store::health_flags`]: partnership, indicator,
//! reference), then the rest of the queue as the due days order it; the queue's filter
//! (partnership, category, level, owner) and its limit apply to them as to any risk.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, OptionalExtension};

use crate::error::Result;
use crate::review::{QueueEntry, QueueFilter, QueueIndicator};
use crate::store::reviews::{queue_entry, QUEUE_SELECT};
use crate::store::Store;

impl Store {
    /// By partnership, the risks health indicators bring back that are not due by `soon`
    /// (the others are counted as due already).
    pub(in crate::store) fn brought_back_counts(
        &self,
        soon: NaiveDate,
        today: NaiveDate,
    ) -> Result<HashMap<String, u64>> {
        let flags = self.health_flags(None, today)?;
        // A risk two indicators bring back counts once.
        let flagged: HashSet<&str> = flags.risks.iter().map(|f| f.risk_id.as_str()).collect();
        let mut counts = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT partnership_id FROM risks WHERE id = ?1 AND review_due > ?2")?;
        for id in flagged {
            if let Some(partnership) = stmt
                .query_row(rusqlite::params![id, soon], |r| r.get::<_, String>(0))
                .optional()?
            {
                *counts.entry(partnership).or_insert(0) += 1;
            }
        }
        Ok(counts)
    }

    /// `queue` (the risks due, in queue order) with the risks health indicators bring back.
    pub(in crate::store) fn queue_with_health(
        &self,
        queue: Vec<QueueEntry>,
        filter: &QueueFilter,
        today: NaiveDate,
    ) -> Result<Vec<QueueEntry>> {
        let flags = self.health_flags(filter.partnership_id.as_deref(), today)?;
        if flags.risks.is_empty() {
            return Ok(queue);
        }
        // The reasons by risk, and the flagged risks in order.
        let mut reasons: HashMap<&str, Vec<QueueIndicator>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for f in &flags.risks {
            let list = reasons.entry(f.risk_id.as_str()).or_default();
            if list.is_empty() {
                order.push(f.risk_id.as_str());
            }
            list.push(QueueIndicator {
                indicator_id: f.indicator_id.clone(),
                indicator: f.indicator.clone(),
                status: f.status,
                reason: f.reason.clone(),
            });
        }
        // The flagged risks the filter keeps, read as queue entries.
        let (clauses, args) = self.queue_clauses(filter)?;
        let marks = vec!["?"; order.len()].join(", ");
        let sql = format!("{QUEUE_SELECT} WHERE r.id IN ({marks}){clauses}");
        let mut values: Vec<SqlValue> = vec![today.to_string().into()];
        values.extend(order.iter().map(|id| SqlValue::from(id.to_string())));
        values.extend(args);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found: HashMap<String, QueueEntry> = stmt
            .query_map(params_from_iter(values), |r| queue_entry(r, today))?
            .map(|e| e.map(|e| (e.risk_id.clone(), e)))
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<QueueEntry> = Vec::with_capacity(queue.len() + found.len());
        for id in &order {
            if let Some(mut entry) = found.remove(*id) {
                entry.indicators = reasons.remove(id).unwrap_or_default();
                out.push(entry);
            }
        }
        let flagged: HashSet<String> = out.iter().map(|e| e.risk_id.clone()).collect();
        out.extend(queue.into_iter().filter(|e| !flagged.contains(&e.risk_id)));
        if let Some(limit) = filter.limit {
            out.truncate(limit);
        }
        Ok(out)
    }
}
