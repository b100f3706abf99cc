//! What the mitigation plan is worth: for each risk, the expected annual loss avoided
//! from its current stage (residual, else inherent) to its target, against the cost of
//! its actions spread over the settings' years; and the same for the whole plan.
//!
//! The expected losses are exact (frequency mean × loss mean), not simulated, so the
//! value does not move with the seed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Action, ActionStatus, Risk, ScoreKind};

/// One risk's mitigation value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskValue {
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    /// The stage the loss is avoided from: residual, or inherent when it has no residual
    /// estimate.
    pub from: ScoreKind,
    /// Expected annual loss now and at the target.
    pub current_loss: f64,
    pub target_loss: f64,
    pub avoided: f64,
    /// The actions' costs (not cancelled) in the partnership's currency.
    pub cost: f64,
    /// `cost` spread over the settings' years.
    pub annual_cost: f64,
    /// `avoided − annual_cost`.
    pub net: f64,
    /// `(avoided − annual_cost) / annual_cost`; none without a cost.
    pub return_on_cost: Option<f64>,
    /// Actions whose cost is in another currency, left out of `cost`.
    pub other_currency: u32,
}

/// The value of a partnership's mitigation plan, best value first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MitigationPlanValue {
    pub currency: Option<String>,
    pub cost_years: u32,
    pub risks: Vec<RiskValue>,
    pub avoided: f64,
    pub annual_cost: f64,
    pub net: f64,
    pub return_on_cost: Option<f64>,
    /// References of open risks without both a current and a target estimate.
    pub without_estimates: Vec<String>,
}

/// The mitigation value of `risks` with their actions (`actions[risk_id]`); costs in
/// `currency` count (all of them when it is unset and they share one currency).
pub fn mitigation_value(
    risks: &[Risk],
    actions: &HashMap<String, Vec<Action>>,
    currency: Option<&str>,
    cost_years: u32,
) -> MitigationPlanValue {
    let cost_years = cost_years.max(1);
    let currency: Option<String> = currency.map(str::to_string).or_else(|| {
        actions
            .values()
            .flatten()
            .find_map(|a| a.fields.cost.as_ref().map(|c| c.currency.clone()))
    });
    let mut values = Vec::new();
    let mut without = Vec::new();
    for risk in risks {
        let f = &risk.fields;
        let current = [ScoreKind::Residual, ScoreKind::Inherent]
            .into_iter()
            .find_map(|k| {
                f.loss(k)
                    .and_then(|e| e.expected_annual_loss())
                    .map(|l| (k, l))
            });
        let target = f
            .loss(ScoreKind::Target)
            .and_then(|e| e.expected_annual_loss());
        let (Some((from, current_loss)), Some(target_loss)) = (current, target) else {
            if f.status != crate::model::RiskStatus::Closed {
                without.push(risk.reference.clone());
            }
            continue;
        };
        let mut cost = 0.0;
        let mut other_currency = 0;
        for a in actions.get(&risk.id).into_iter().flatten() {
            if a.fields.status == ActionStatus::Cancelled {
                continue;
            }
            if let Some(c) = &a.fields.cost {
                if Some(&c.currency) == currency.as_ref() {
                    cost += c.minor as f64 / 100.0;
                } else {
                    other_currency += 1;
                }
            }
        }
        let annual_cost = cost / f64::from(cost_years);
        let avoided = current_loss - target_loss;
        values.push(RiskValue {
            risk_id: risk.id.clone(),
            reference: risk.reference.clone(),
            title: f.title.clone(),
            from,
            current_loss,
            target_loss,
            avoided,
            cost,
            annual_cost,
            net: avoided - annual_cost,
            return_on_cost: (annual_cost > 0.0).then(|| (avoided - annual_cost) / annual_cost),
            other_currency,
        });
    }
    values.sort_by(|a, b| {
        b.net
            .total_cmp(&a.net)
            .then_with(|| a.reference.cmp(&b.reference))
    });
    let avoided: f64 = values.iter().map(|v| v.avoided).sum();
    let annual_cost: f64 = values.iter().map(|v| v.annual_cost).sum();
    MitigationPlanValue {
        currency,
        cost_years,
        avoided,
        annual_cost,
        net: avoided - annual_cost,
        return_on_cost: (annual_cost > 0.0).then(|| (avoided - annual_cost) / annual_cost),
        risks: values,
        without_estimates: without,
    }
}
