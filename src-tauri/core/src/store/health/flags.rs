//! What the indicators' statuses bring to the analyst: the risks an amber, red or stale
//! indicator informs (each with the indicator's reason in words), and the exit triggers a
//! red indicator fires. Nothing here changes a score or a plan: it is read, computed on
//! the day asked, and shown where the analyst decides.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::exit::Trigger;
use crate::health::Status;
use crate::model::RiskStatus;
use crate::store::Store;

/// A risk an indicator brings back for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskFlag {
    pub partnership_id: String,
    pub partnership: String,
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    pub indicator_id: String,
    pub indicator: String,
    /// Amber, red or stale.
    pub status: Status,
    pub since: Option<NaiveDate>,
    /// The indicator's reason ("Availability 98.7 % is below the red threshold 99.0 % since
    /// 31 Mar 2027").
    pub reason: String,
}

/// An exit trigger fired by a red indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FiredTrigger {
    pub partnership_id: String,
    pub partnership: String,
    pub scenario_id: String,
    pub scenario: String,
    /// The checklist code or the custom trigger's words, as linked.
    pub trigger: String,
    /// The trigger in words.
    pub label: String,
    pub indicator_id: String,
    pub indicator: String,
    pub since: Option<NaiveDate>,
    pub reason: String,
}

/// The consequences of the indicators' statuses on a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HealthFlags {
    /// By partnership, then by indicator as added, then by risk reference.
    pub risks: Vec<RiskFlag>,
    pub triggers: Vec<FiredTrigger>,
}

impl Store {
    /// The risks brought back for review and the exit triggers fired by the indicators of
    /// one partnership, or of every partnership that is not archived, on `today`. A
    /// closed risk is not brought back; a link to a scenario or trigger no longer in the
    /// exit plan fires nothing.
    pub fn health_flags(
        &self,
        partnership_id: Option<&str>,
        today: NaiveDate,
    ) -> Result<HealthFlags> {
        let partnerships = match partnership_id {
            Some(id) => vec![self.partnership(id)?],
            // Only those with indicators can have flags (the queue of a workspace of many
            // partnerships without any reads no health at all).
            None => {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT DISTINCT partnership_id FROM indicators")?;
                let with: std::collections::HashSet<String> = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let mut all = self.partnerships(false)?;
                all.retain(|p| with.contains(&p.id));
                all
            }
        };
        let mut flags = HealthFlags::default();
        for p in partnerships {
            let health = self.health(&p.id, today)?;
            if health.iter().all(|h| !h.status.status.needs_review()) {
                continue;
            }
            let plan = self.exit_plan(&p.id)?;
            for h in health.iter().filter(|h| h.status.status.needs_review()) {
                let (i, s) = (&h.indicator, &h.status);
                let mut risks = Vec::new();
                for risk_id in &i.fields.risk_ids {
                    let risk = self.risk(risk_id)?;
                    if risk.fields.status == RiskStatus::Closed {
                        continue;
                    }
                    risks.push(RiskFlag {
                        partnership_id: p.id.clone(),
                        partnership: p.fields.name.clone(),
                        risk_id: risk.id,
                        reference: risk.reference,
                        title: risk.fields.title,
                        indicator_id: i.id.clone(),
                        indicator: i.fields.name.clone(),
                        status: s.status,
                        since: s.since,
                        reason: s.reason.clone(),
                    });
                }
                risks.sort_by(|a, b| a.reference.cmp(&b.reference));
                flags.risks.extend(risks);
                if s.status != Status::Red {
                    continue;
                }
                for link in &i.fields.exit_triggers {
                    let Some(scenario) = plan.scenarios.iter().find(|x| x.id == link.scenario_id)
                    else {
                        continue;
                    };
                    let checklist = Trigger::parse(&link.trigger, "trigger").ok();
                    let present = match checklist {
                        Some(t) => scenario.triggers.contains(&t),
                        None => scenario.custom_triggers.contains(&link.trigger),
                    };
                    if !present {
                        continue;
                    }
                    flags.triggers.push(FiredTrigger {
                        partnership_id: p.id.clone(),
                        partnership: p.fields.name.clone(),
                        scenario_id: scenario.id.clone(),
                        scenario: scenario.name.clone(),
                        trigger: link.trigger.clone(),
                        label: checklist.map_or(link.trigger.clone(), |t| t.label().to_string()),
                        indicator_id: i.id.clone(),
                        indicator: i.fields.name.clone(),
                        since: s.since,
                        reason: s.reason.clone(),
                    });
                }
            }
        }
        Ok(flags)
    }
}
