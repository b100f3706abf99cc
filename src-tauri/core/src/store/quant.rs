//! Risk in money: the partnership's quantification settings, the stages' estimates (kept
//! in the risk record, see `risks.rs`), and the simulations kept with their inputs'
//! fingerprint.
//!
//! A run is three steps so that a window can simulate off its store's lock:
//! [`Store::prepare_quant_run`] reads the inputs, [`PreparedRun::simulate`] needs no
//! store, [`Store::save_quant_run`] keeps the figures. [`Store::run_quant`] does all three.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::matrices::load_matrix;
use super::{Entity, Store, Writer};
use crate::error::{Error, Result};
use crate::model::{Risk, RiskStatus, ScoreKind};
use crate::quant::{
    check_years, implied_cell, mitigation_value, simulate_with_progress, suggested_estimate,
    CellCheck, LossEstimate, MitigationPlanValue, QuantSettings, RiskInput, SimulationConfig,
    StageFigures, Tolerance, ToleranceCheck,
};

/// The scope of the portfolio's results (a partnership's are kept under its id).
pub const PORTFOLIO: &str = "portfolio";

/// What to simulate: the stages (all three when empty), the years and the seed (the
/// settings' when absent; a fresh seed when the settings have none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RunRequest {
    pub stages: Vec<ScoreKind>,
    pub years: Option<u32>,
    #[ts(type = "string | null")]
    #[serde(with = "crate::quant::seed_text::option")]
    pub seed: Option<u64>,
}

/// The inputs of one stage, read and fingerprinted.
#[derive(Debug, Clone)]
pub struct PreparedStage {
    pub stage: ScoreKind,
    pub risks: Vec<RiskInput>,
    pub fingerprint: String,
}

/// A run ready to simulate: everything it needs, read from the store.
#[derive(Debug, Clone)]
pub struct PreparedRun {
    pub scope: String,
    pub config: SimulationConfig,
    pub stages: Vec<PreparedStage>,
}

impl PreparedRun {
    /// Simulates every stage (no store needed: run it off the window's thread).
    pub fn simulate(&self) -> Vec<StageFigures> {
        self.simulate_with_progress(&|_| {})
    }

    /// [`PreparedRun::simulate`], calling `progress` with the share of the whole run done
    /// (0 to 1), from the simulating threads.
    pub fn simulate_with_progress(&self, progress: &(dyn Fn(f64) + Sync)) -> Vec<StageFigures> {
        let n = self.stages.len().max(1) as f64;
        self.stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let part = |p: f64| progress((i as f64 + p) / n);
                simulate_with_progress(&s.risks, &self.config, &part)
            })
            .collect()
    }
}

/// One stage's kept result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageResult {
    pub stage: ScoreKind,
    pub fingerprint: String,
    pub run_at: DateTime<Utc>,
    pub run_by: String,
    pub figures: StageFigures,
    /// The inputs changed since the run: the figures are not the current ones.
    pub out_of_date: bool,
    /// The curve against the current tolerance, when one is set.
    pub tolerance: Option<ToleranceCheck>,
}

/// The kept results of a partnership (or of the portfolio), with what they are read
/// against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuantResults {
    pub scope: String,
    pub currency: Option<String>,
    pub tolerance: Option<Tolerance>,
    pub stages: Vec<StageResult>,
    /// Per stage, the references of open risks without a complete estimate for it.
    pub incomplete: Vec<(ScoreKind, Vec<String>)>,
}

/// A risk's cells: chosen and implied by its numbers, per stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskCells {
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    pub stages: Vec<CellCheck>,
    /// The chosen cell's bands as a first estimate, per stage that has a cell but no
    /// estimate.
    pub suggestions: Vec<(ScoreKind, LossEstimate)>,
}

impl RiskCells {
    pub fn disagrees(&self) -> bool {
        self.stages.iter().any(|s| s.disagrees)
    }
}

fn read_settings(conn: &rusqlite::Connection, partnership_id: &str) -> Result<QuantSettings> {
    let json: Option<String> = conn
        .prepare_cached("SELECT settings FROM quant_settings WHERE partnership_id = ?1")?
        .query_row([partnership_id], |r| r.get(0))
        .optional()?;
    match json {
        None => Ok(QuantSettings::default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            Error::invalid(
                "quant_settings",
                partnership_id,
                format!("the stored settings cannot be read ({e})"),
            )
        }),
    }
}

/// The fingerprint of a stage's inputs: the currency, the threshold and every simulated
/// risk's id and estimate, in id order.
fn fingerprint(
    stage: ScoreKind,
    currency: Option<&str>,
    threshold: Option<f64>,
    risks: &[RiskInput],
) -> String {
    let mut ordered: Vec<&RiskInput> = risks.iter().collect();
    ordered.sort_by(|a, b| a.risk_id.cmp(&b.risk_id));
    let mut hash = Sha256::new();
    hash.update(format!("{stage:?}|{currency:?}|{threshold:?}\n"));
    for r in ordered {
        let estimate = serde_json::json!({ "f": r.frequency, "l": r.loss });
        hash.update(format!("{}|{estimate}\n", r.risk_id));
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The simulated inputs of a stage: open (not closed) risks with a complete estimate;
/// and the references of those without one.
fn stage_inputs(risks: &[Risk], stage: ScoreKind) -> (Vec<RiskInput>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut missing = Vec::new();
    for r in risks
        .iter()
        .filter(|r| r.fields.status != RiskStatus::Closed)
    {
        match r.fields.loss(stage).and_then(LossEstimate::complete) {
            Some((frequency, loss)) => inputs.push(RiskInput {
                risk_id: r.id.clone(),
                reference: r.reference.clone(),
                title: r.fields.title.clone(),
                frequency,
                loss,
            }),
            None => missing.push(r.reference.clone()),
        }
    }
    (inputs, missing)
}

impl Store {
    /// A partnership's quantification settings (the defaults until one is set).
    pub fn quant_settings(&self, partnership_id: &str) -> Result<QuantSettings> {
        self.partnership(partnership_id)?;
        read_settings(&self.conn, partnership_id)
    }

    /// Changes a partnership's quantification settings: `change` is given them as stored,
    /// in the transaction that writes them back; one audit row per changed setting
    /// (`quant.currency`, `quant.tolerance`, …). Nothing is written on a refusal.
    pub fn change_quant_settings(
        &mut self,
        partnership_id: &str,
        change: impl FnOnce(&mut QuantSettings) -> Result<()>,
    ) -> Result<QuantSettings> {
        self.partnership(partnership_id)?;
        self.write(|w| {
            let before = read_settings(&w.tx, partnership_id)?;
            let mut after = before.clone();
            change(&mut after)?;
            if let Some(c) = &mut after.currency {
                *c = c.trim().to_ascii_uppercase();
            }
            after.validate()?;
            let (serde_json::Value::Object(old), serde_json::Value::Object(new)) = (
                serde_json::to_value(&before).expect("settings serialise"),
                serde_json::to_value(&after).expect("settings serialise"),
            ) else {
                unreachable!("settings serialise to objects");
            };
            for (field, value) in &new {
                let was = old.get(field).cloned().unwrap_or_default();
                if &was != value {
                    let text = |v: &serde_json::Value| match v {
                        serde_json::Value::Null => None,
                        serde_json::Value::String(s) => Some(s.clone()),
                        other => Some(other.to_string()),
                    };
                    w.audit_field(
                        Entity::Partnership,
                        partnership_id,
                        Some(partnership_id),
                        &format!("quant.{field}"),
                        text(&was),
                        text(value),
                    )?;
                }
            }
            w.save_quant_settings(partnership_id, &after)?;
            Ok(after)
        })
    }

    /// The currency of a partnership's amounts, when set.
    pub fn partnership_currency(&self, partnership_id: &str) -> Result<Option<String>> {
        Ok(self.quant_settings(partnership_id)?.currency)
    }

    /// Sets (or clears, with `None`) one stage's money estimate of a risk; the risk's
    /// other fields are kept. One audit row, like any change of the risk.
    pub fn set_loss_estimate(
        &mut self,
        risk_id: &str,
        stage: ScoreKind,
        estimate: Option<LossEstimate>,
    ) -> Result<Risk> {
        let mut fields = self.risk(risk_id)?.fields;
        *fields.loss_mut(stage) = estimate;
        self.update_risk(risk_id, fields)
    }

    /// The risks a scope simulates: a partnership's, or those of every partnership not
    /// archived (which must share one currency) for [`PORTFOLIO`]. Returns the risks and
    /// the currency.
    fn scope_risks(&self, scope: &str) -> Result<(Vec<Risk>, Option<String>)> {
        if scope != PORTFOLIO {
            let currency = self.quant_settings(scope)?.currency;
            return Ok((self.risks(scope)?, currency));
        }
        let mut all = Vec::new();
        let mut currency: Option<(String, String)> = None;
        for p in self.partnerships(false)? {
            let risks = self.risks(&p.id)?;
            let estimated = risks
                .iter()
                .any(|r| ScoreKind::ALL.iter().any(|&k| r.fields.loss(k).is_some()));
            if let (true, Some(c)) = (estimated, read_settings(&self.conn, &p.id)?.currency) {
                match &currency {
                    Some((known, name)) if *known != c => {
                        return Err(Error::invalid(
                            "currency",
                            format!("{known}, {c}"),
                            format!(
                                "the portfolio cannot add amounts in different currencies \
                                 ({name} is in {known}, {} in {c})",
                                p.fields.name
                            ),
                        ))
                    }
                    Some(_) => {}
                    None => currency = Some((c, p.fields.name.clone())),
                }
            }
            all.extend(risks);
        }
        Ok((all, currency.map(|(c, _)| c)))
    }

    /// Reads what a run of `scope` (a partnership's id or [`PORTFOLIO`]) needs.
    pub fn prepare_quant_run(&self, scope: &str, request: &RunRequest) -> Result<PreparedRun> {
        let (scope, settings) = if scope == PORTFOLIO {
            (PORTFOLIO.to_string(), QuantSettings::default())
        } else {
            let p = self.partnership(scope)?;
            let settings = read_settings(&self.conn, &p.id)?;
            (p.id, settings)
        };
        let years = request.years.unwrap_or(settings.years);
        check_years("years", years)?;
        let seed = match request.seed.or(settings.seed) {
            Some(seed) => seed,
            None => fresh_seed()?,
        };
        let (risks, currency) = self.scope_risks(&scope)?;
        let stages = if request.stages.is_empty() {
            ScoreKind::ALL.to_vec()
        } else {
            let mut s = request.stages.clone();
            s.dedup();
            s
        };
        let stages = stages
            .into_iter()
            .map(|stage| {
                let (inputs, _) = stage_inputs(&risks, stage);
                PreparedStage {
                    stage,
                    fingerprint: fingerprint(
                        stage,
                        currency.as_deref(),
                        settings.threshold,
                        &inputs,
                    ),
                    risks: inputs,
                }
            })
            .collect();
        Ok(PreparedRun {
            scope,
            config: SimulationConfig {
                years,
                seed,
                threshold: settings.threshold,
                threads: None,
            },
            stages,
        })
    }

    /// Keeps a run's figures (replacing the scope's earlier result for each stage).
    pub fn save_quant_run(&mut self, run: &PreparedRun, figures: &[StageFigures]) -> Result<()> {
        let actor = self.actor.clone();
        self.write(|w| {
            let mut stmt = w.tx.prepare_cached(
                "INSERT OR REPLACE INTO quant_results
                 (scope, stage, fingerprint, years, seed, figures, run_at, run_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (stage, f) in run.stages.iter().zip(figures) {
                stmt.execute(params![
                    run.scope,
                    stage.stage.as_str(),
                    stage.fingerprint,
                    f.years,
                    f.seed.to_string(),
                    serde_json::to_string(f).expect("figures serialise"),
                    w.at_text,
                    actor
                ])?;
            }
            Ok(())
        })
    }

    /// Reads, simulates and keeps a run; returns the scope's results.
    pub fn run_quant(&mut self, scope: &str, request: &RunRequest) -> Result<QuantResults> {
        let run = self.prepare_quant_run(scope, request)?;
        let figures = run.simulate();
        self.save_quant_run(&run, &figures)?;
        self.quant_results(&run.scope)
    }

    /// The kept results of a scope, each marked out of date when its inputs changed.
    pub fn quant_results(&self, scope: &str) -> Result<QuantResults> {
        let (scope, settings) = if scope == PORTFOLIO {
            (PORTFOLIO.to_string(), QuantSettings::default())
        } else {
            let p = self.partnership(scope)?;
            let settings = read_settings(&self.conn, &p.id)?;
            (p.id, settings)
        };
        let (risks, currency) = self.scope_risks(&scope)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT stage, fingerprint, figures, run_at, run_by FROM quant_results WHERE scope = ?1",
        )?;
        let rows: Vec<(String, String, String, DateTime<Utc>, String)> = stmt
            .query_map([&scope], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_stage: HashMap<String, _> =
            rows.into_iter().map(|row| (row.0.clone(), row)).collect();
        let mut stages = Vec::new();
        let mut incomplete = Vec::new();
        for stage in ScoreKind::ALL {
            let (inputs, missing) = stage_inputs(&risks, stage);
            if !missing.is_empty() {
                incomplete.push((stage, missing));
            }
            let Some((_, kept, figures, run_at, run_by)) = by_stage.remove(stage.as_str()) else {
                continue;
            };
            let figures: StageFigures = serde_json::from_str(&figures).map_err(|e| {
                Error::invalid(
                    "quant_results",
                    &scope,
                    format!("the stored figures cannot be read ({e})"),
                )
            })?;
            let current = fingerprint(stage, currency.as_deref(), settings.threshold, &inputs);
            stages.push(StageResult {
                stage,
                out_of_date: current != kept,
                tolerance: settings.tolerance.and_then(|t| t.check(&figures.curve)),
                fingerprint: kept,
                run_at,
                run_by,
                figures,
            });
        }
        Ok(QuantResults {
            scope,
            currency,
            tolerance: settings.tolerance,
            stages,
            incomplete,
        })
    }

    /// Each risk's chosen and implied cells per stage, with the chosen cells' bands as
    /// first estimates where a stage has a cell and no estimate.
    pub fn risk_cells(&self, partnership_id: &str) -> Result<Vec<RiskCells>> {
        let p = self.partnership(partnership_id)?;
        let matrix = load_matrix(&self.conn, &p.matrix_id)?;
        Ok(self
            .risks(&p.id)?
            .into_iter()
            .map(|r| {
                let f = &r.fields;
                let stages = ScoreKind::ALL
                    .into_iter()
                    .map(|k| {
                        let implied = f.loss(k).and_then(|e| implied_cell(&matrix, e));
                        CellCheck::new(k, f.score(k), implied)
                    })
                    .collect();
                let suggestions = ScoreKind::ALL
                    .into_iter()
                    .filter(|&k| f.loss(k).is_none())
                    .filter_map(|k| Some((k, suggested_estimate(&matrix, f.score(k)?)?)))
                    .collect();
                RiskCells {
                    risk_id: r.id.clone(),
                    reference: r.reference.clone(),
                    title: f.title.clone(),
                    stages,
                    suggestions,
                }
            })
            .collect())
    }

    /// What the partnership's mitigation plan is worth, best value first.
    pub fn mitigation_plan_value(&self, partnership_id: &str) -> Result<MitigationPlanValue> {
        let settings = self.quant_settings(partnership_id)?;
        let risks = self.risks(partnership_id)?;
        let mut actions = HashMap::new();
        for r in &risks {
            actions.insert(r.id.clone(), self.actions(&r.id)?);
        }
        Ok(mitigation_value(
            &risks,
            &actions,
            settings.currency.as_deref(),
            settings.cost_years,
        ))
    }
}

impl Writer<'_> {
    /// Writes a partnership's settings as given (validated by the caller).
    pub(crate) fn save_quant_settings(
        &self,
        partnership_id: &str,
        settings: &QuantSettings,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO quant_settings (partnership_id, settings, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (partnership_id) DO UPDATE SET settings = excluded.settings,
             updated_at = excluded.updated_at",
            params![
                partnership_id,
                serde_json::to_string(settings).expect("settings serialise"),
                self.at_text
            ],
        )?;
        Ok(())
    }
}

/// A seed from the operating system, for a run that names none.
fn fresh_seed() -> Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::Io {
        path: "getrandom".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(u64::from_le_bytes(bytes))
}
