//! The register as people read it: each risk with the level names of its scores and
//! the state of its actions.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::matrix::{Matrix, Score};
use crate::model::{Action, Partnership, Requirement, Risk, RiskStatus, ScoreKind};
use crate::store::{AuditEntry, RiskFilter, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    #[serde(flatten)]
    pub risk: Risk,
    /// Level names of the scores, looked up in the partnership's matrix.
    pub inherent_level: Option<String>,
    pub residual_level: Option<String>,
    pub target_level: Option<String>,
    /// The earliest due date of the risk's open actions.
    pub next_action_due: Option<NaiveDate>,
    /// Open actions whose due date has passed.
    pub overdue_actions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Register {
    pub partnership: Partnership,
    pub matrix: Matrix,
    pub entries: Vec<RegisterEntry>,
}

/// One line of the register table: only what its columns show, so that a register of
/// ten thousand risks crosses to the window quickly. The editor loads the whole risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RegisterRow {
    pub id: String,
    pub reference: String,
    pub title: String,
    /// Category code.
    pub category: String,
    pub owner: String,
    pub status: RiskStatus,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
    pub target: Option<Score>,
    /// The earliest due date of the risk's open actions.
    pub next_action_due: Option<NaiveDate>,
    /// Open actions whose due date has passed.
    pub overdue_actions: u32,
}

/// A partnership's whole register as the table shows it, in reference order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RegisterTable {
    pub partnership: Partnership,
    pub matrix: Matrix,
    pub rows: Vec<RegisterRow>,
}

/// Everything the risk editor shows about one risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskDetail {
    pub risk: Risk,
    pub actions: Vec<Action>,
    /// The requirements (controls) that mitigate the risk.
    pub requirements: Vec<Requirement>,
    /// The risk's change history, oldest first.
    pub history: Vec<AuditEntry>,
}

impl RegisterEntry {
    pub fn level(&self, kind: ScoreKind) -> Option<&str> {
        match kind {
            ScoreKind::Inherent => self.inherent_level.as_deref(),
            ScoreKind::Residual => self.residual_level.as_deref(),
            ScoreKind::Target => self.target_level.as_deref(),
        }
    }
}

impl Store {
    /// The partnership's register, filtered, as of `today` (which decides "overdue").
    pub fn register(
        &self,
        partnership_id: &str,
        filter: &RiskFilter,
        today: NaiveDate,
    ) -> Result<Register> {
        let partnership = self.partnership(partnership_id)?;
        let matrix = self.matrix(&partnership.matrix_id)?;
        let risks = self.filter_risks(partnership_id, filter)?;
        let mut due = self.action_dates(partnership_id, today)?;
        let level = |risk: &Risk, kind| {
            risk.fields
                .score(kind)
                .and_then(|s| matrix.level(s))
                .map(|l| l.name.clone())
        };
        let entries = risks
            .into_iter()
            .map(|risk| {
                let (next_action_due, overdue_actions) = due.remove(&risk.id).unwrap_or_default();
                RegisterEntry {
                    inherent_level: level(&risk, ScoreKind::Inherent),
                    residual_level: level(&risk, ScoreKind::Residual),
                    target_level: level(&risk, ScoreKind::Target),
                    next_action_due,
                    overdue_actions,
                    risk,
                }
            })
            .collect();
        Ok(Register {
            partnership,
            matrix,
            entries,
        })
    }

    /// The partnership's whole register, one lean row per risk, as of `today`. The
    /// window filters it with [`Store::filter_risk_ids`], so it is loaded once.
    pub fn register_table(&self, partnership_id: &str, today: NaiveDate) -> Result<RegisterTable> {
        let register = self.register(partnership_id, &RiskFilter::default(), today)?;
        let rows = register
            .entries
            .into_iter()
            .map(|e| RegisterRow {
                id: e.risk.id,
                reference: e.risk.reference,
                title: e.risk.fields.title,
                category: e.risk.fields.category,
                owner: e.risk.fields.owner,
                status: e.risk.fields.status,
                inherent: e.risk.fields.inherent,
                residual: e.risk.fields.residual,
                target: e.risk.fields.target,
                next_action_due: e.next_action_due,
                overdue_actions: e.overdue_actions,
            })
            .collect();
        Ok(RegisterTable {
            partnership: register.partnership,
            matrix: register.matrix,
            rows,
        })
    }

    pub fn risk_detail(&self, risk_id: &str) -> Result<RiskDetail> {
        Ok(RiskDetail {
            risk: self.risk(risk_id)?,
            actions: self.actions(risk_id)?,
            requirements: self.risk_requirements(risk_id)?,
            history: self.history(risk_id)?,
        })
    }

    /// Per risk: the next due date of its open actions and how many are overdue.
    fn action_dates(
        &self,
        partnership_id: &str,
        today: NaiveDate,
    ) -> Result<HashMap<String, (Option<NaiveDate>, u32)>> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT a.risk_id, min(a.due), count(*) FILTER (WHERE a.due < ?2)
             FROM actions a JOIN risks r ON r.id = a.risk_id
             WHERE r.partnership_id = ?1 AND a.status IN ('planned', 'in_progress')
             GROUP BY a.risk_id",
        )?;
        let rows = stmt.query_map(rusqlite::params![partnership_id, today], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Everything the review screen shows to judge one risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewContext {
    /// The risk with its actions, linked requirements and change history.
    pub detail: RiskDetail,
    pub partnership: String,
    pub matrix: Matrix,
    /// The risk's reviews, oldest first (undone ones included, marked).
    pub reviews: Vec<crate::review::Review>,
    /// The risk's acceptances, oldest first.
    pub acceptances: Vec<crate::review::acceptance::Acceptance>,
}

impl Store {
    /// What the review screen needs to judge a risk.
    pub fn review_context(&self, risk_id: &str, today: NaiveDate) -> Result<ReviewContext> {
        let detail = self.risk_detail(risk_id)?;
        let partnership = self.partnership(&detail.risk.partnership_id)?;
        Ok(ReviewContext {
            matrix: self.matrix(&partnership.matrix_id)?,
            partnership: partnership.fields.name,
            reviews: self.reviews(&detail.risk.id)?,
            acceptances: self.acceptances(&detail.risk.id, today)?,
            detail,
        })
    }
}
