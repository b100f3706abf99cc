//! Risk in money (issue 24): a frequency and a loss per event beside each matrix score,
//! the partnership's quantification settings (currency, tolerance, years, seed), the
//! simulation of annual losses, the cell the numbers imply, and what each mitigation is
//! worth.
//!
//! The domain rules here never touch the store: the store keeps the estimates in the risk
//! record and the results with their inputs' fingerprint (`store::quant`).

mod cell;
mod simulate;
mod tolerance;
mod value;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use crate::money::{lognormal_params, Frequency, LossEstimate, LossPerEvent};
pub use crate::money::{parse_amount, parse_frequency, parse_loss_range, parse_pert};
pub use cell::{implied_cell, suggested_estimate, CellCheck};
pub use simulate::{
    simulate, simulate_with_progress, Contribution, CurvePoint, RiskInput, SimulationConfig,
    StageFigures, CHUNK_YEARS, CURVE_POINTS,
};
pub use tolerance::{Tolerance, ToleranceCheck, TolerancePoint};
pub use value::{mitigation_value, MitigationPlanValue, RiskValue};

/// Simulated years when none are asked for.
pub const DEFAULT_YEARS: u32 = 100_000;
/// The fewest and the most simulated years a run takes.
pub const MIN_YEARS: u32 = 10_000;
pub const MAX_YEARS: u32 = 1_000_000;
/// Over how many years a mitigation's one-off cost is spread when none is set.
pub const DEFAULT_COST_YEARS: u32 = 3;

/// A partnership's quantification settings: the currency of its amounts, the tolerance,
/// the threshold whose exceedance probability is reported, the default run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct QuantSettings {
    /// ISO 4217 code of every amount of the partnership's estimates (e.g. `EUR`).
    pub currency: Option<String>,
    /// The loss exceedance the partnership tolerates, through two points.
    pub tolerance: Option<Tolerance>,
    /// P(annual loss > threshold) is reported with every run when set.
    pub threshold: Option<f64>,
    /// Simulated years of a run that names none.
    pub years: u32,
    /// The seed of a run that names none; a fresh one is drawn (and kept with the results)
    /// when unset.
    #[serde(with = "seed_text::option")]
    #[ts(type = "string | null")]
    pub seed: Option<u64>,
    /// Over how many years a mitigation action's cost is spread.
    pub cost_years: u32,
}

impl Default for QuantSettings {
    fn default() -> Self {
        QuantSettings {
            currency: None,
            tolerance: None,
            threshold: None,
            years: DEFAULT_YEARS,
            seed: None,
            cost_years: DEFAULT_COST_YEARS,
        }
    }
}

impl QuantSettings {
    pub fn is_default(&self) -> bool {
        *self == QuantSettings::default()
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(c) = &self.currency {
            check_currency("currency", c)?;
        }
        if let Some(t) = &self.tolerance {
            t.validate("tolerance")?;
        }
        if let Some(t) = self.threshold {
            crate::money::check_amount("threshold", t)?;
        }
        check_years("years", self.years)?;
        if !(1..=50).contains(&self.cost_years) {
            return Err(Error::invalid(
                "cost_years",
                self.cost_years,
                "a cost is spread over 1 to 50 years",
            ));
        }
        Ok(())
    }
}

/// Refuses a currency that is not three capital letters.
pub fn check_currency(field: &str, code: &str) -> Result<()> {
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::invalid(
            field,
            code,
            "a currency is a three-letter ISO 4217 code such as EUR",
        ));
    }
    Ok(())
}

/// Refuses a number of simulated years outside 10,000 to 1,000,000.
pub fn check_years(field: &str, years: u32) -> Result<()> {
    if !(MIN_YEARS..=MAX_YEARS).contains(&years) {
        return Err(Error::invalid(
            field,
            years,
            format!("a run simulates {MIN_YEARS} to {MAX_YEARS} years"),
        ));
    }
    Ok(())
}

/// A 64-bit seed crosses JSON as text (a JavaScript number holds 53 bits); numbers are
/// read too.
pub(crate) mod seed_text {
    use serde::{Deserialize, Deserializer, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Seed {
        Text(String),
        Number(u64),
    }

    fn read<E: serde::de::Error>(seed: Seed) -> Result<u64, E> {
        match seed {
            Seed::Number(n) => Ok(n),
            Seed::Text(t) => t.trim().parse().map_err(|_| {
                E::custom(format!(
                    "seed: expected a whole number from 0 to {} (got {t:?})",
                    u64::MAX
                ))
            }),
        }
    }

    pub fn serialize<S: Serializer>(seed: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&seed.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        read(Seed::deserialize(d)?)
    }

    /// The same for an optional seed.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(seed: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
            match seed {
                Some(seed) => s.serialize_str(&seed.to_string()),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
            Option::<super::Seed>::deserialize(d)?
                .map(super::read)
                .transpose()
        }
    }
}
