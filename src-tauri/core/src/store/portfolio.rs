//! The portfolio: every partnership in one table — open risks per level, outside
//! appetite, reviews due, overdue actions and acceptances running out — so that an
//! analyst sees where to look first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::matrices::load_matrix;
use super::partnerships::level_counts;
use super::{LevelCount, Store};
use crate::error::Result;
use crate::matrix::Score;
use crate::review::add_days;

/// An acceptance expiring within this many days (today included) is "expiring".
pub const EXPIRING_DAYS: u32 = 30;

/// One partnership's figures in the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PortfolioRow {
    pub partnership_id: String,
    pub partnership: String,
    pub matrix_name: String,
    /// Risks that are not closed.
    pub open_risks: u64,
    /// Open risks per level of the partnership's matrix (residual score, else
    /// inherent), lowest level first.
    pub by_level: Vec<LevelCount>,
    /// Open risks without any score.
    pub unscored: u64,
    /// Open risks at a level outside the partnership's appetite.
    pub outside_appetite: u64,
    pub unreviewed: u64,
    pub past_due_reviews: u64,
    pub due_soon_reviews: u64,
    /// Planned or in-progress actions of open risks whose due date has passed.
    pub overdue_actions: u64,
    /// Accepted risks whose acceptance expires within [`EXPIRING_DAYS`].
    pub acceptances_expiring: u64,
    /// Accepted risks whose acceptance has already expired.
    pub acceptances_expired: u64,
    /// Health indicators that are red, amber and stale.
    pub indicators_red: u32,
    pub indicators_amber: u32,
    pub indicators_stale: u32,
}

impl Store {
    /// The portfolio of the unarchived partnerships, by name, as of `today`.
    pub fn portfolio(&self, today: NaiveDate) -> Result<Vec<PortfolioRow>> {
        let mut scores = self.conn.prepare_cached(
            "SELECT coalesce(residual_l, inherent_l), coalesce(residual_i, inherent_i), count(*)
             FROM risks WHERE partnership_id = ?1 AND status <> 'closed' GROUP BY 1, 2",
        )?;
        let mut figures = self.conn.prepare_cached(
            "SELECT
               (SELECT count(*) FROM actions a JOIN risks r ON r.id = a.risk_id
                 WHERE r.partnership_id = ?1 AND r.status <> 'closed'
                   AND a.status IN ('planned', 'in_progress') AND a.due < ?2),
               (SELECT count(*) FROM risks WHERE partnership_id = ?1 AND status <> 'closed'
                   AND treatment = 'accept' AND acceptance_expiry BETWEEN ?2 AND ?3),
               (SELECT count(*) FROM risks WHERE partnership_id = ?1 AND status <> 'closed'
                   AND treatment = 'accept' AND acceptance_expiry < ?2)",
        )?;
        let counts = self.review_counts(today)?;
        let horizon = add_days(today, EXPIRING_DAYS - 1);
        let mut out = Vec::new();
        for partnership in self.partnerships(false)? {
            let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
            let mut by_level = vec![0u64; matrix.levels.len()];
            let (mut open, mut unscored) = (0, 0);
            let mut rows = scores.query([&partnership.id])?;
            while let Some(r) = rows.next()? {
                let (l, i, n): (Option<u8>, Option<u8>, u64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                open += n;
                match l
                    .zip(i)
                    .and_then(|(l, i)| matrix.level_index(Score::new(l, i)))
                {
                    Some(level) => by_level[level] += n,
                    None => unscored += n,
                }
            }
            let outside_appetite = matrix
                .levels
                .iter()
                .zip(&by_level)
                .filter(|(level, _)| !level.within_appetite)
                .map(|(_, n)| n)
                .sum();
            let (overdue_actions, acceptances_expiring, acceptances_expired) = figures
                .query_row(rusqlite::params![partnership.id, today, horizon], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            let review = counts
                .iter()
                .find(|c| c.partnership_id == partnership.id)
                .cloned()
                .unwrap_or_default();
            let health = self.health_counts(&partnership.id, today)?;
            out.push(PortfolioRow {
                by_level: level_counts(&matrix, by_level),
                partnership_id: partnership.id,
                partnership: partnership.fields.name,
                matrix_name: matrix.name.clone(),
                open_risks: open,
                unscored,
                outside_appetite,
                unreviewed: review.unreviewed,
                past_due_reviews: review.past_due,
                due_soon_reviews: review.due_soon,
                overdue_actions,
                acceptances_expiring,
                acceptances_expired,
                indicators_red: health.red,
                indicators_amber: health.amber,
                indicators_stale: health.stale,
            });
        }
        Ok(out)
    }
}
