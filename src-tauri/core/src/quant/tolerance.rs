//! The loss exceedance a partnership tolerates: a curve through two points the user sets
//! (e.g. at most 10 % chance of losing more than 1M a year, 1 % of more than 5M),
//! straight on log-log axes, and the check of a simulated curve against it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::simulate::CurvePoint;
use crate::error::{Error, Result};
use crate::money::check_amount;

/// At most `probability` chance a year of losing more than `loss`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct TolerancePoint {
    pub probability: f64,
    pub loss: f64,
}

impl TolerancePoint {
    /// Parses `0.10:1000000` (probability, then the loss).
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                field,
                text,
                "expected probability:loss such as 0.10:1000000",
            )
        };
        let (p, loss) = text.split_once(':').ok_or_else(bad)?;
        let probability: f64 = p.trim().parse().map_err(|_| bad())?;
        let loss = super::parse_amount(loss, field)?;
        let point = TolerancePoint { probability, loss };
        point.validate(field)?;
        Ok(point)
    }

    fn validate(&self, field: &str) -> Result<()> {
        if !(self.probability.is_finite() && self.probability > 0.0 && self.probability < 1.0) {
            return Err(Error::invalid(
                format!("{field}.probability"),
                self.probability,
                "a tolerated probability is above 0 and below 1",
            ));
        }
        check_amount(&format!("{field}.loss"), self.loss)
    }
}

/// Two points; the curve between and beyond them is straight on log-log axes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Tolerance {
    pub points: [TolerancePoint; 2],
}

/// Where a simulated curve stands against the tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct ToleranceCheck {
    /// The curve rises above the tolerance somewhere.
    pub outside: bool,
    /// The loss where the curve is furthest above (or closest below) the tolerance.
    pub worst_loss: f64,
    /// The simulated probability of losing more than `worst_loss` in a year.
    pub probability: f64,
    /// The tolerated probability at `worst_loss`.
    pub tolerated: f64,
}

impl Tolerance {
    /// Orders the points by loss and checks them: the probability must fall as the loss
    /// grows.
    pub fn new(a: TolerancePoint, b: TolerancePoint) -> Result<Self> {
        let t = if a.loss <= b.loss {
            Tolerance { points: [a, b] }
        } else {
            Tolerance { points: [b, a] }
        };
        t.validate("tolerance")?;
        Ok(t)
    }

    pub fn validate(&self, field: &str) -> Result<()> {
        let [a, b] = self.points;
        a.validate(&format!("{field}.points[0]"))?;
        b.validate(&format!("{field}.points[1]"))?;
        if !(a.loss < b.loss && a.probability > b.probability) {
            return Err(Error::invalid(
                field,
                format!(
                    "{}:{} and {}:{}",
                    a.probability, a.loss, b.probability, b.loss
                ),
                "the two points need a larger loss with a smaller probability",
            ));
        }
        Ok(())
    }

    /// The tolerated probability of losing more than `loss` in a year.
    pub fn probability_at(&self, loss: f64) -> f64 {
        let [a, b] = self.points;
        let slope = (libm::log(b.probability) - libm::log(a.probability))
            / (libm::log(b.loss) - libm::log(a.loss));
        let p = a.probability * libm::pow(loss.max(f64::MIN_POSITIVE) / a.loss, slope);
        p.min(1.0)
    }

    /// Compares a loss exceedance curve with the tolerance at each of its points.
    pub fn check(&self, curve: &[CurvePoint]) -> Option<ToleranceCheck> {
        curve
            .iter()
            .filter(|c| c.loss > 0.0)
            .map(|c| {
                let tolerated = self.probability_at(c.loss);
                ToleranceCheck {
                    outside: c.probability > tolerated,
                    worst_loss: c.loss,
                    probability: c.probability,
                    tolerated,
                }
            })
            // The furthest above in ratio (the curves are drawn on a log scale).
            .max_by(|x, y| {
                let rx = x.probability / x.tolerated;
                let ry = y.probability / y.tolerated;
                rx.total_cmp(&ry)
            })
    }
}
