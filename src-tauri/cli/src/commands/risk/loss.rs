//! The money estimate `risk add` and `risk set` take: one stage's frequency and loss per
//! event (issue 24).

use clap::Args;
use partner_risk_core::error::Error;
use partner_risk_core::model::{RiskFields, ScoreKind};
use partner_risk_core::quant::{
    parse_frequency, parse_loss_range, parse_pert, Frequency, LossEstimate,
};
use partner_risk_core::Result;

#[derive(Args)]
pub struct LossOptions {
    /// Expected events a year: one value (0.5) or a 90 % range (0.2..1.5).
    #[arg(
        long,
        value_name = "RATE|LOW..HIGH",
        conflicts_with = "probability",
        allow_hyphen_values = true
    )]
    frequency: Option<String>,
    /// The probability of at least one event in a year (0 to 1), instead of --frequency.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    probability: Option<String>,
    /// The loss of one event as a 90 % range, e.g. 50000..2000000 or 50k..2M.
    #[arg(
        long,
        value_name = "LOW..HIGH",
        conflicts_with = "pert",
        allow_hyphen_values = true
    )]
    loss: Option<String>,
    /// The loss of one event as a PERT estimate: minimum, most likely, maximum.
    #[arg(long, value_name = "MIN,MODE,MAX", allow_hyphen_values = true)]
    pert: Option<String>,
    /// The stage the estimate is for: inherent, residual (default) or target.
    #[arg(long = "stage", value_name = "STAGE")]
    loss_stage: Option<String>,
    /// Remove the stage's estimate.
    #[arg(long, conflicts_with_all = ["frequency", "probability", "loss", "pert"])]
    clear_estimate: bool,
}

impl LossOptions {
    /// Applies the estimate given (the stage's other half is kept) to `fields`.
    pub fn apply(self, fields: &mut RiskFields) -> Result<()> {
        let stage = match self.loss_stage.as_deref() {
            Some(s) => ScoreKind::parse(s.trim(), "--stage")?,
            None => ScoreKind::Residual,
        };
        let given = self.frequency.is_some()
            || self.probability.is_some()
            || self.loss.is_some()
            || self.pert.is_some();
        if self.clear_estimate {
            *fields.loss_mut(stage) = None;
            return Ok(());
        }
        if !given {
            if self.loss_stage.is_some() {
                return Err(Error::invalid(
                    "--stage",
                    stage.as_str(),
                    "give --frequency, --probability, --loss or --pert for the stage",
                ));
            }
            return Ok(());
        }
        let mut estimate = fields.loss(stage).copied().unwrap_or(LossEstimate {
            frequency: None,
            loss: None,
        });
        if let Some(f) = &self.frequency {
            estimate.frequency = Some(parse_frequency(f, "--frequency")?);
        }
        if let Some(p) = &self.probability {
            let value: f64 = p.trim().parse().map_err(|_| {
                Error::invalid("--probability", p, "expected a probability such as 0.3")
            })?;
            let f = Frequency::Probability { p: value };
            f.validate("--probability").map_err(|_| {
                Error::invalid("--probability", p, "a probability is above 0 and at most 1")
            })?;
            estimate.frequency = Some(f);
        }
        if let Some(l) = &self.loss {
            estimate.loss = Some(parse_loss_range(l, "--loss")?);
        }
        if let Some(l) = &self.pert {
            estimate.loss = Some(parse_pert(l, "--pert")?);
        }
        if estimate.loss.is_some() && estimate.frequency.is_none() {
            return Err(Error::invalid(
                "--loss",
                self.loss.or(self.pert).unwrap_or_default(),
                format!(
                    "a loss per event needs the {} stage's frequency (--frequency or --probability)",
                    stage.as_str()
                ),
            ));
        }
        *fields.loss_mut(stage) = Some(estimate);
        Ok(())
    }
}
