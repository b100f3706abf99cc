//! The spread of a round's votes and the consensus rule's verdict on it: a pure function
//! of the votes, the matrix and the rule, so that it is the same on the screen, in the
//! CLI and in the minutes.
//!
//! The rule is judged on three axes — the likelihood rank, the impact rank and the level
//! rank of the voted cells (looked up in the grid) — and the verdict is the worst of the
//! three, so that a room agreeing on the level but not on why it is that level still talks.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::matrix::{Matrix, Score};

/// The rule declared before voting and printed in the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsensusRule {
    /// Consensus when, on every axis, all votes lie within this many steps (default 1).
    pub consensus_range: u8,
    /// Near consensus when, on every axis, at least `near_share_percent` of the votes lie
    /// within this many steps of the median (default 1)…
    pub near_window: u8,
    /// …and so at most the rest lie outside (default 75 %: one vote in four).
    pub near_share_percent: u8,
}

impl Default for ConsensusRule {
    fn default() -> Self {
        ConsensusRule {
            consensus_range: 1,
            near_window: 1,
            near_share_percent: 75,
        }
    }
}

impl ConsensusRule {
    pub fn validate(&self) -> Result<()> {
        if self.consensus_range > 6 {
            return Err(Error::invalid(
                "rule.consensus_range",
                self.consensus_range,
                "a range is 0 to 6 steps",
            ));
        }
        if self.near_window > 6 {
            return Err(Error::invalid(
                "rule.near_window",
                self.near_window,
                "a window is 0 to 6 steps",
            ));
        }
        if !(50..=100).contains(&self.near_share_percent) {
            return Err(Error::invalid(
                "rule.near_share_percent",
                self.near_share_percent,
                "the share is 50 to 100 per cent",
            ));
        }
        Ok(())
    }

    /// The rule in words, for the minutes and the screen.
    pub fn describe(&self) -> String {
        let steps = |n: u8| {
            if n == 1 {
                "1 step".to_string()
            } else {
                format!("{n} steps")
            }
        };
        format!(
            "Consensus when all votes lie within {} on likelihood, impact and level; near consensus when at least {} % lie within ±{} of the median on each; otherwise discuss.",
            steps(self.consensus_range),
            self.near_share_percent,
            steps(self.near_window)
        )
    }
}

/// The rule's verdict, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Consensus,
    NearConsensus,
    Discuss,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Consensus => "Consensus",
            Verdict::NearConsensus => "Near consensus",
            Verdict::Discuss => "Discuss",
        }
    }
}

/// The votes on one axis, as 1-based ranks (levels are ranked from 1 = lowest too).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct AxisSpread {
    pub min: u8,
    pub max: u8,
    /// The lower median: a real vote, so that it is a cell of the matrix.
    pub median: u8,
    /// `max - min`, in steps.
    pub range: u8,
    /// How many votes lie within the rule's window of the median.
    pub within: u32,
    pub verdict: Verdict,
}

/// The spread of one round's votes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Spread {
    pub votes: u32,
    /// The median likelihood and the median impact.
    pub median: Score,
    /// The level index of the median cell.
    pub median_level: usize,
    pub likelihood: AxisSpread,
    pub impact: AxisSpread,
    /// On the level indices of the voted cells, ranked from 1.
    pub level: AxisSpread,
    /// Votes per level index.
    pub histogram: Vec<u32>,
    /// Votes per cell: `cells[likelihood - 1][impact - 1]`.
    pub cells: Vec<Vec<u32>>,
    /// Positions (in the order given) of the votes outside the window on some axis: the
    /// people the room asks to explain first.
    pub outliers: Vec<u32>,
    /// Share of votes within the window on all three axes, in per cent.
    pub share_within: f64,
    pub verdict: Verdict,
}

fn axis(ranks: &mut [u8], rule: &ConsensusRule) -> AxisSpread {
    ranks.sort_unstable();
    let n = ranks.len();
    let (min, max) = (ranks[0], ranks[n - 1]);
    let median = ranks[(n - 1) / 2];
    let within = ranks
        .iter()
        .filter(|&&r| r.abs_diff(median) <= rule.near_window)
        .count() as u32;
    let range = max - min;
    let verdict = if range <= rule.consensus_range {
        Verdict::Consensus
    } else if u64::from(within) * 100 >= u64::from(rule.near_share_percent) * n as u64 {
        Verdict::NearConsensus
    } else {
        Verdict::Discuss
    };
    AxisSpread {
        min,
        max,
        median,
        range,
        within,
        verdict,
    }
}

impl Spread {
    /// The spread of `votes` on `matrix` under `rule`; `None` when nobody voted. Votes
    /// must lie on the matrix (the store checks them when they are cast).
    pub fn of(matrix: &Matrix, votes: &[Score], rule: &ConsensusRule) -> Option<Spread> {
        if votes.is_empty() {
            return None;
        }
        let level_of = |s: &Score| matrix.level_index(*s).unwrap_or(0);
        let mut l: Vec<u8> = votes.iter().map(|s| s.likelihood).collect();
        let mut i: Vec<u8> = votes.iter().map(|s| s.impact).collect();
        let mut v: Vec<u8> = votes.iter().map(|s| level_of(s) as u8 + 1).collect();
        let likelihood = axis(&mut l, rule);
        let impact = axis(&mut i, rule);
        let level = axis(&mut v, rule);
        let median = Score::new(likelihood.median, impact.median);

        let (rows, cols) = matrix.size();
        let mut cells = vec![vec![0u32; cols]; rows];
        let mut histogram = vec![0u32; matrix.levels.len()];
        let mut outliers = Vec::new();
        for (n, s) in votes.iter().enumerate() {
            if let Some(row) = cells.get_mut(usize::from(s.likelihood).wrapping_sub(1)) {
                if let Some(cell) = row.get_mut(usize::from(s.impact).wrapping_sub(1)) {
                    *cell += 1;
                }
            }
            if let Some(h) = histogram.get_mut(level_of(s)) {
                *h += 1;
            }
            let far = |rank: u8, m: u8| rank.abs_diff(m) > rule.near_window;
            if far(s.likelihood, likelihood.median)
                || far(s.impact, impact.median)
                || far(level_of(s) as u8 + 1, level.median)
            {
                outliers.push(n as u32);
            }
        }
        let count = votes.len() as u32;
        let verdict = likelihood.verdict.max(impact.verdict).max(level.verdict);
        Some(Spread {
            votes: count,
            median,
            median_level: level_of(&median),
            likelihood,
            impact,
            level,
            histogram,
            cells,
            share_within: f64::from(count - outliers.len() as u32) * 100.0 / f64::from(count),
            outliers,
            verdict,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::preset;
    use proptest::prelude::*;

    fn m5() -> Matrix {
        preset("5x5").unwrap()
    }

    fn votes(list: &[(u8, u8)]) -> Vec<Score> {
        list.iter().map(|&(l, i)| Score::new(l, i)).collect()
    }

    #[test]
    fn no_votes_no_spread() {
        assert_eq!(Spread::of(&m5(), &[], &ConsensusRule::default()), None);
    }

    #[test]
    fn within_one_step_is_consensus() {
        let s = Spread::of(
            &m5(),
            &votes(&[(3, 3), (3, 4), (4, 3), (4, 4)]),
            &ConsensusRule::default(),
        )
        .unwrap();
        assert_eq!(s.likelihood.range, 1);
        assert_eq!(s.impact.range, 1);
        assert_eq!(s.median, Score::new(3, 3));
        assert!(s.outliers.is_empty());
        assert_eq!(
            s.cells[2][2] + s.cells[2][3] + s.cells[3][2] + s.cells[3][3],
            4
        );
        assert_eq!(s.histogram.iter().sum::<u32>(), 4);
    }

    #[test]
    fn one_far_vote_in_five_is_near_consensus_and_named_as_outlier() {
        let s = Spread::of(
            &m5(),
            &votes(&[(3, 3), (3, 3), (3, 3), (3, 3), (5, 3)]),
            &ConsensusRule::default(),
        )
        .unwrap();
        assert_eq!(s.likelihood.range, 2);
        assert_eq!(s.likelihood.verdict, Verdict::NearConsensus);
        assert_eq!(s.outliers, vec![4]);
        assert_eq!(s.verdict, Verdict::NearConsensus);
        assert_eq!(s.share_within, 80.0);
    }

    #[test]
    fn two_far_votes_in_four_is_discuss() {
        let s = Spread::of(
            &m5(),
            &votes(&[(1, 3), (1, 3), (5, 3), (5, 3)]),
            &ConsensusRule::default(),
        )
        .unwrap();
        assert_eq!(s.verdict, Verdict::Discuss);
        assert_eq!(s.median.likelihood, 1, "the lower median is a real vote");
    }

    #[test]
    fn thresholds_are_the_facilitators() {
        let strict = ConsensusRule {
            consensus_range: 0,
            near_window: 0,
            near_share_percent: 100,
        };
        let s = Spread::of(&m5(), &votes(&[(3, 3), (3, 4)]), &strict).unwrap();
        assert_eq!(s.verdict, Verdict::Discuss);
        let loose = ConsensusRule {
            consensus_range: 4,
            ..ConsensusRule::default()
        };
        let s = Spread::of(&m5(), &votes(&[(1, 1), (5, 5)]), &loose).unwrap();
        assert_eq!(s.verdict, Verdict::Consensus);
        assert!(ConsensusRule {
            near_share_percent: 30,
            ..ConsensusRule::default()
        }
        .validate()
        .is_err());
    }

    fn arb_votes() -> impl Strategy<Value = Vec<(u8, u8)>> {
        prop::collection::vec((1u8..=5, 1u8..=5), 1..13)
    }

    proptest! {
        #[test]
        fn order_of_votes_does_not_matter(list in arb_votes(), seed in any::<u64>()) {
            let m = m5();
            let rule = ConsensusRule::default();
            let mut shuffled = list.clone();
            // A deterministic shuffle from the seed.
            let mut x = seed | 1;
            for k in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(k, (x % (k as u64 + 1)) as usize);
            }
            let a = Spread::of(&m, &votes(&list), &rule).unwrap();
            let b = Spread::of(&m, &votes(&shuffled), &rule).unwrap();
            prop_assert_eq!(a.verdict, b.verdict);
            prop_assert_eq!(a.median, b.median);
            prop_assert_eq!(a.cells, b.cells);
            prop_assert_eq!(a.histogram, b.histogram);
            prop_assert_eq!(a.outliers.len(), b.outliers.len());
            prop_assert_eq!(a.likelihood, b.likelihood);
        }

        #[test]
        fn a_vote_at_the_median_never_worsens_an_axis(list in arb_votes()) {
            let m = m5();
            let rule = ConsensusRule::default();
            let before = Spread::of(&m, &votes(&list), &rule).unwrap();
            // A vote at the median likelihood (impact as one of the votes) cannot worsen the
            // likelihood axis; likewise for impact.
            let mut more = list.clone();
            more.push((before.likelihood.median, list[0].1));
            let after = Spread::of(&m, &votes(&more), &rule).unwrap();
            prop_assert!(after.likelihood.verdict <= before.likelihood.verdict);
            prop_assert_eq!(after.likelihood.median, before.likelihood.median);
            let mut more = list.clone();
            more.push((list[0].0, before.impact.median));
            let after = Spread::of(&m, &votes(&more), &rule).unwrap();
            prop_assert!(after.impact.verdict <= before.impact.verdict);
        }

        #[test]
        fn a_vote_at_the_median_cell_never_worsens_a_one_level_room(l in 1u8..=5, i in 1u8..=5, n in 1usize..12) {
            // When everyone already agrees, more agreement keeps the verdict.
            let m = m5();
            let rule = ConsensusRule::default();
            let list = vec![(l, i); n];
            let before = Spread::of(&m, &votes(&list), &rule).unwrap();
            let mut more = list.clone();
            more.push((before.median.likelihood, before.median.impact));
            let after = Spread::of(&m, &votes(&more), &rule).unwrap();
            prop_assert_eq!(after.verdict, Verdict::Consensus);
        }

        #[test]
        fn counts_add_up_and_the_verdict_is_the_worst_axis(list in arb_votes()) {
            let m = m5();
            let s = Spread::of(&m, &votes(&list), &ConsensusRule::default()).unwrap();
            prop_assert_eq!(s.votes as usize, list.len());
            prop_assert_eq!(s.histogram.iter().sum::<u32>() as usize, list.len());
            prop_assert_eq!(s.cells.iter().flatten().sum::<u32>() as usize, list.len());
            let worst = s.likelihood.verdict.max(s.impact.verdict).max(s.level.verdict);
            prop_assert_eq!(s.verdict, worst);
            prop_assert!(s.likelihood.min <= s.likelihood.median && s.likelihood.median <= s.likelihood.max);
            prop_assert!(s.share_within >= 0.0 && s.share_within <= 100.0);
            if s.likelihood.range <= 1 && s.impact.range <= 1 && s.level.range <= 1 {
                prop_assert_eq!(s.verdict, Verdict::Consensus);
            }
        }
    }
}
