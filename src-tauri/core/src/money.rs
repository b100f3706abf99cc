//! One stage's money estimate of a risk: how often, and how much per event (issue 24).
//! A floor below the model, which keeps the estimates in the risk record; the simulation
//! and everything built on the estimates are in `quant`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The largest amount an estimate takes (a thousand billion), so that sums of a
/// million simulated years stay exact enough in `f64`.
pub const MAX_AMOUNT: f64 = 1e12;
/// The most events a year a frequency takes (one a day).
pub const MAX_RATE: f64 = 365.0;

/// z of the 95th percentile of the standard normal: a 90 % range spans 2 × 1.645 = 3.29 σ.
pub(crate) const Z95: f64 = 1.644_853_626_951_472_2;

/// How often a loss event happens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Frequency {
    /// Expected events a year (Poisson).
    Rate { per_year: f64 },
    /// Expected events a year as a 90 % range: the rate of each simulated year is drawn
    /// from the lognormal through the range, then the events from Poisson.
    RateRange { low: f64, high: f64 },
    /// The probability of at least one event in a year (Bernoulli: at most one event).
    Probability { p: f64 },
}

/// The loss of one event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LossPerEvent {
    /// A 90 % range (5th to 95th percentile) of a lognormal loss.
    Range { low: f64, high: f64 },
    /// A PERT estimate: minimum, most likely, maximum.
    Pert { min: f64, mode: f64, max: f64 },
}

/// One stage's estimate (inherent, residual or target). A frequency alone is a draft; a
/// loss needs its frequency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct LossEstimate {
    #[serde(default)]
    pub frequency: Option<Frequency>,
    #[serde(default)]
    pub loss: Option<LossPerEvent>,
}

pub(crate) fn check_amount(field: &str, x: f64) -> Result<()> {
    if !x.is_finite() || x <= 0.0 {
        return Err(Error::invalid(field, x, "a loss is an amount above zero"));
    }
    if x > MAX_AMOUNT {
        return Err(Error::invalid(
            field,
            x,
            "an amount is at most 1,000,000,000,000",
        ));
    }
    Ok(())
}

fn check_rate(field: &str, x: f64) -> Result<()> {
    if !x.is_finite() || x <= 0.0 {
        return Err(Error::invalid(
            field,
            x,
            "a frequency is a number of events a year above zero",
        ));
    }
    if x > MAX_RATE {
        return Err(Error::invalid(
            field,
            x,
            "a frequency is at most 365 events a year",
        ));
    }
    Ok(())
}

fn check_order(field: &str, low: f64, high: f64) -> Result<()> {
    if low > high {
        return Err(Error::invalid(
            field,
            format!("{low}..{high}"),
            "the low end is above the high end",
        ));
    }
    Ok(())
}

impl Frequency {
    pub fn validate(&self, field: &str) -> Result<()> {
        match *self {
            Frequency::Rate { per_year } => check_rate(&format!("{field}.per_year"), per_year),
            Frequency::RateRange { low, high } => {
                check_rate(&format!("{field}.low"), low)?;
                check_rate(&format!("{field}.high"), high)?;
                check_order(field, low, high)
            }
            Frequency::Probability { p } => {
                if !(p.is_finite() && p > 0.0 && p <= 1.0) {
                    return Err(Error::invalid(
                        format!("{field}.p"),
                        p,
                        "a probability is above 0 and at most 1",
                    ));
                }
                Ok(())
            }
        }
    }

    /// Expected events a year.
    pub fn mean_events(&self) -> f64 {
        match *self {
            Frequency::Rate { per_year } => per_year,
            Frequency::RateRange { low, high } => {
                let (mu, sigma) = lognormal_params(low, high);
                libm::exp(mu + sigma * sigma / 2.0)
            }
            Frequency::Probability { p } => p,
        }
    }

    /// The probability of at least one event in a year (for a range, at its median rate).
    pub fn probability_any(&self) -> f64 {
        match *self {
            Frequency::Rate { per_year } => 1.0 - libm::exp(-per_year),
            Frequency::RateRange { low, high } => 1.0 - libm::exp(-libm::sqrt(low * high)),
            Frequency::Probability { p } => p,
        }
    }
}

/// μ and σ of the lognormal whose 5th and 95th percentiles are `low` and `high`.
pub fn lognormal_params(low: f64, high: f64) -> (f64, f64) {
    let (a, b) = (libm::log(low), libm::log(high));
    ((a + b) / 2.0, (b - a) / (2.0 * Z95))
}

impl LossPerEvent {
    pub fn validate(&self, field: &str) -> Result<()> {
        match *self {
            LossPerEvent::Range { low, high } => {
                check_amount(&format!("{field}.low"), low)?;
                check_amount(&format!("{field}.high"), high)?;
                check_order(field, low, high)
            }
            LossPerEvent::Pert { min, mode, max } => {
                check_amount(&format!("{field}.min"), min)?;
                check_amount(&format!("{field}.mode"), mode)?;
                check_amount(&format!("{field}.max"), max)?;
                if !(min <= mode && mode <= max) {
                    return Err(Error::invalid(
                        field,
                        format!("{min},{mode},{max}"),
                        "a PERT estimate needs minimum ≤ most likely ≤ maximum",
                    ));
                }
                Ok(())
            }
        }
    }

    /// The expected loss of one event.
    pub fn mean(&self) -> f64 {
        match *self {
            LossPerEvent::Range { low, high } => {
                let (mu, sigma) = lognormal_params(low, high);
                libm::exp(mu + sigma * sigma / 2.0)
            }
            LossPerEvent::Pert { min, mode, max } => (min + 4.0 * mode + max) / 6.0,
        }
    }

    /// The typical (median) loss of one event: what the impact axis is compared with.
    pub fn median(&self) -> f64 {
        match *self {
            LossPerEvent::Range { low, high } => libm::sqrt(low * high),
            // PERT's median has no closed form; its mean is the usual stand-in.
            LossPerEvent::Pert { .. } => self.mean(),
        }
    }
}

impl LossEstimate {
    /// Checks an estimate; `field` names it (e.g. `residual_loss`).
    pub fn validate(&self, field: &str) -> Result<()> {
        if let Some(f) = &self.frequency {
            f.validate(&format!("{field}.frequency"))?;
        }
        if let Some(l) = &self.loss {
            l.validate(&format!("{field}.loss"))?;
            if self.frequency.is_none() {
                return Err(Error::invalid(
                    format!("{field}.frequency"),
                    "",
                    "a loss per event needs the stage's frequency",
                ));
            }
        }
        Ok(())
    }

    /// Both halves present: the estimate can be simulated.
    pub fn complete(&self) -> Option<(Frequency, LossPerEvent)> {
        self.frequency.zip(self.loss)
    }

    /// The expected annual loss (exact, from the distributions' means).
    pub fn expected_annual_loss(&self) -> Option<f64> {
        self.complete().map(|(f, l)| f.mean_events() * l.mean())
    }
}

/// Parses an amount as typed: `50000`, `50,000`, `50k`, `2.5M`, `1.2bn` (no currency).
pub fn parse_amount(text: &str, field: &str) -> Result<f64> {
    let bad = || Error::invalid(field, text, "expected an amount such as 50000, 50k or 2.5M");
    let t = text.trim().replace(['_', ','], "");
    let (number, factor) = if let Some(n) = t.strip_suffix("bn") {
        (n, 1e9)
    } else if let Some(n) = t.strip_suffix(['k', 'K']) {
        (n, 1e3)
    } else if let Some(n) = t.strip_suffix(['m', 'M']) {
        (n, 1e6)
    } else {
        (t.as_str(), 1.0)
    };
    let number = number.trim();
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == 'e' || c == 'E')
    {
        return Err(bad());
    }
    let x: f64 = number.parse().map_err(|_| bad())?;
    let x = x * factor;
    check_amount(field, x)?;
    Ok(x)
}

/// Splits `LOW..HIGH` (also `LOW-HIGH` when neither side is negative).
fn split_range<'a>(text: &'a str, field: &str, example: &str) -> Result<(&'a str, &'a str)> {
    text.split_once("..")
        .ok_or_else(|| Error::invalid(field, text, format!("expected a range such as {example}")))
}

/// Parses a 90 % loss range `LOW..HIGH`, e.g. `50000..2000000` or `50k..2M`.
pub fn parse_loss_range(text: &str, field: &str) -> Result<LossPerEvent> {
    let (low, high) = split_range(text, field, "50000..2000000")?;
    let loss = LossPerEvent::Range {
        low: parse_amount(low, field)?,
        high: parse_amount(high, field)?,
    };
    loss.validate(field).map_err(|e| as_field(e, field))?;
    Ok(loss)
}

/// Parses a PERT estimate `MIN,MODE,MAX`.
pub fn parse_pert(text: &str, field: &str) -> Result<LossPerEvent> {
    let parts: Vec<&str> = text.split(',').collect();
    let [min, mode, max] = parts.as_slice() else {
        return Err(Error::invalid(
            field,
            text,
            "expected minimum,most likely,maximum such as 10k,50k,400k",
        ));
    };
    let loss = LossPerEvent::Pert {
        min: parse_amount(min, field)?,
        mode: parse_amount(mode, field)?,
        max: parse_amount(max, field)?,
    };
    loss.validate(field).map_err(|e| as_field(e, field))?;
    Ok(loss)
}

/// Parses a frequency: events a year as one value (`0.5`) or a 90 % range (`0.2..1.5`).
pub fn parse_frequency(text: &str, field: &str) -> Result<Frequency> {
    let number = |t: &str| -> Result<f64> {
        t.trim().parse::<f64>().map_err(|_| {
            Error::invalid(
                field,
                text,
                "expected events a year such as 0.5, or a range such as 0.2..1.5",
            )
        })
    };
    let f = match text.split_once("..") {
        Some((low, high)) => Frequency::RateRange {
            low: number(low)?,
            high: number(high)?,
        },
        None => Frequency::Rate {
            per_year: number(text)?,
        },
    };
    f.validate(field).map_err(|e| as_field(e, field))?;
    Ok(f)
}

/// An input error named after the option typed (`--loss`) rather than the part of it.
fn as_field(e: Error, field: &str) -> Error {
    match e {
        Error::Invalid { value, message, .. } => Error::Invalid {
            field: field.into(),
            value,
            message,
        },
        other => other,
    }
}
