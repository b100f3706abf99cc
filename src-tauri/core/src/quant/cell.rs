//! The matrix and the money side by side: the cell a stage's numbers fall in (where the
//! matrix's levels carry numeric ranges, as the presets and many imported matrices do),
//! whether it disagrees with the cell chosen, and the chosen cell's bands offered as a
//! first estimate of the numbers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::matrix::{AxisLevel, Matrix, Score};
use crate::model::ScoreKind;
use crate::money::{Frequency, LossEstimate, LossPerEvent};
use crate::spreadsheet::import::values::parse_range;

/// One stage of a risk: the cell chosen, the cell its numbers imply, and whether they
/// are more than one step apart on either axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellCheck {
    pub stage: ScoreKind,
    pub chosen: Option<Score>,
    pub implied: Option<Score>,
    /// The larger of the two axes' distances, when both cells are known.
    pub steps: Option<u8>,
    /// More than one step apart.
    pub disagrees: bool,
}

impl CellCheck {
    pub fn new(stage: ScoreKind, chosen: Option<Score>, implied: Option<Score>) -> Self {
        let steps = chosen.zip(implied).map(|(c, i)| {
            c.likelihood
                .abs_diff(i.likelihood)
                .max(c.impact.abs_diff(i.impact))
        });
        CellCheck {
            stage,
            chosen,
            implied,
            steps,
            disagrees: steps.is_some_and(|s| s > 1),
        }
    }
}

/// The numeric band of each level of an axis: percentages (likelihood) or amounts.
fn bands(axis: &[AxisLevel], percent: bool) -> Vec<Option<(f64, f64)>> {
    axis.iter()
        .map(|level| {
            let range = level.range.as_deref()?;
            if range.contains('%') != percent {
                return None;
            }
            parse_range(range)
        })
        .collect()
}

/// The 1-based position of the band holding `x`.
fn band_of(bands: &[Option<(f64, f64)>], x: f64) -> Option<u8> {
    bands
        .iter()
        .position(|b| b.is_some_and(|(low, high)| x >= low && (x < high || high.is_infinite())))
        .map(|i| i as u8 + 1)
}

/// The cell an estimate's numbers fall in: the likelihood by the probability of at least
/// one event a year, the impact by the typical (median) loss of an event. `None` when
/// the estimate is incomplete or the matrix's levels carry no usable ranges.
pub fn implied_cell(matrix: &Matrix, estimate: &LossEstimate) -> Option<Score> {
    let (frequency, loss) = estimate.complete()?;
    let likelihood = band_of(
        &bands(&matrix.likelihood, true),
        frequency.probability_any() * 100.0,
    )?;
    let impact = band_of(&bands(&matrix.impact, false), loss.median())?;
    Some(Score::new(likelihood, impact))
}

/// The bands of a cell as a first estimate: the likelihood band as a range of events a
/// year, the impact band as a 90 % loss range. An open band (`< €50k`, `> €500k`) is
/// closed a factor of ten beyond its one end. `None` when the levels carry no ranges.
pub fn suggested_estimate(matrix: &Matrix, cell: Score) -> Option<LossEstimate> {
    let l = bands(&matrix.likelihood, true)
        .get(usize::from(cell.likelihood).checked_sub(1)?)
        .copied()??;
    let i = bands(&matrix.impact, false)
        .get(usize::from(cell.impact).checked_sub(1)?)
        .copied()??;
    let close = |(low, high): (f64, f64), cap: f64| -> (f64, f64) {
        let high = if high.is_finite() {
            high.min(cap)
        } else {
            cap.min(low * 10.0)
        };
        let low = if low.is_finite() && low > 0.0 {
            low
        } else {
            high / 10.0
        };
        (low, high)
    };
    // Percent a year → events a year: P(at least one) = 1 − e^(−rate).
    let (pl, ph) = close(l, 99.0);
    let rate = |percent: f64| -libm::log1p(-percent / 100.0);
    let (low, high) = close(i, f64::INFINITY);
    let estimate = LossEstimate {
        frequency: Some(Frequency::RateRange {
            low: round_sig(rate(pl)),
            high: round_sig(rate(ph)),
        }),
        loss: Some(LossPerEvent::Range {
            low: round_sig(low),
            high: round_sig(high),
        }),
    };
    estimate.validate("suggested").ok().map(|_| estimate)
}

/// Three significant figures: a first estimate, not a measurement.
fn round_sig(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return x;
    }
    // Divide by a whole power of ten rather than multiply by a fraction of one: 693 / 1000
    // is the nearest double to 0.693, 693 × 0.001 is 0.6930000000000001.
    let digits = 2.0 - libm::floor(libm::log10(x));
    let scale = libm::pow(10.0, digits.abs());
    if digits >= 0.0 {
        libm::round(x * scale) / scale
    } else {
        libm::round(x / scale) * scale
    }
}
