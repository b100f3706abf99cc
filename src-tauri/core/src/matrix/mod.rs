//! Scoring matrices: axes, risk levels, the grid that maps each cell to a level, the
//! presets, the consistency check and the mapping of scores between two matrices.
//!
//! The level of a score is always looked up in the grid, never computed from the
//! likelihood and the impact: many real tables (NIST SP 800-30's among them) are not
//! products.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::rules::{limit_text, require_text};

pub mod ciso_assistant;
pub use ciso_assistant::parse_ciso_assistant;

pub const MIN_AXIS: usize = 2;
pub const MAX_AXIS: usize = 7;
pub const MAX_LEVELS: usize = 7;

/// A position on both axes, 1-based: likelihood 1 is the least likely level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Score {
    pub likelihood: u8,
    pub impact: u8,
}

impl Score {
    pub fn new(likelihood: u8, impact: u8) -> Self {
        Score { likelihood, impact }
    }

    /// Parses `L,I` as typed on a command line, e.g. `4,3`.
    pub fn parse(text: &str, field: &str) -> Result<Self> {
        let bad = || Error::invalid(field, text, "expected likelihood,impact such as 4,3");
        let (l, i) = text.split_once(',').ok_or_else(bad)?;
        let l = l.trim().parse::<u8>().map_err(|_| bad())?;
        let i = i.trim().parse::<u8>().map_err(|_| bad())?;
        Ok(Score::new(l, i))
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{}", self.likelihood, self.impact)
    }
}

/// One step of an axis, e.g. likelihood "Possible" or impact "Major".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AxisLevel {
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Optional numeric band as text, e.g. "20-50 % in 12 months" or "€100k-€1M".
    #[serde(default)]
    pub range: Option<String>,
}

/// A level of risk that a grid cell maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskLevel {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// `#RRGGBB`.
    pub colour: String,
    /// How often a risk at this level is reviewed.
    pub review_days: u32,
    /// Whether a risk at this level is within the organisation's risk appetite.
    pub within_appetite: bool,
}

/// A likelihood × impact matrix. Axes and levels are listed from lowest to highest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Matrix {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The key of the built-in preset this matrix is (presets are read-only).
    #[serde(default)]
    pub preset: Option<String>,
    pub likelihood: Vec<AxisLevel>,
    pub impact: Vec<AxisLevel>,
    pub levels: Vec<RiskLevel>,
    /// `grid[likelihood - 1][impact - 1]` is the index in `levels` of that cell's level.
    pub grid: Vec<Vec<u8>>,
}

/// What the consistency check found: warnings, not errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixCheck {
    pub warnings: Vec<MatrixWarning>,
    /// How many different levels the grid can actually give a risk.
    pub distinct_levels: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MatrixWarning {
    /// `cell` is rated lower than `dominated`, which is no more likely and no more severe.
    NotMonotonic {
        cell: Score,
        level: String,
        dominated: Score,
        dominated_level: String,
    },
    /// A level that no cell maps to.
    UnusedLevel { level: String },
}

impl std::fmt::Display for MatrixWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MatrixWarning::NotMonotonic {
                cell,
                level,
                dominated,
                dominated_level,
            } => write!(
                f,
                "cell L{} I{} is {level} but the less severe cell L{} I{} is {dominated_level}",
                cell.likelihood, cell.impact, dominated.likelihood, dominated.impact
            ),
            MatrixWarning::UnusedLevel { level } => {
                write!(f, "level {level} is not used by any cell")
            }
        }
    }
}

impl Matrix {
    pub fn size(&self) -> (usize, usize) {
        (self.likelihood.len(), self.impact.len())
    }

    /// Checks the structure: axis sizes, names, colours and a complete grid.
    pub fn validate(&self) -> Result<()> {
        require_text("name", &self.name, 100)?;
        limit_text("description", &self.description, 5_000)?;
        for (axis, levels) in [("likelihood", &self.likelihood), ("impact", &self.impact)] {
            if !(MIN_AXIS..=MAX_AXIS).contains(&levels.len()) {
                return Err(Error::invalid(
                    axis,
                    levels.len(),
                    format!("an axis has {MIN_AXIS} to {MAX_AXIS} levels"),
                ));
            }
            for (i, level) in levels.iter().enumerate() {
                require_text(&format!("{axis}[{}].label", i + 1), &level.label, 60)?;
                limit_text(
                    &format!("{axis}[{}].description", i + 1),
                    &level.description,
                    2_000,
                )?;
                if let Some(range) = &level.range {
                    limit_text(&format!("{axis}[{}].range", i + 1), range, 100)?;
                }
            }
        }
        if !(2..=MAX_LEVELS).contains(&self.levels.len()) {
            return Err(Error::invalid(
                "levels",
                self.levels.len(),
                format!("a matrix has 2 to {MAX_LEVELS} risk levels"),
            ));
        }
        for (i, level) in self.levels.iter().enumerate() {
            let field = |name: &str| format!("levels[{i}].{name}");
            require_text(&field("name"), &level.name, 40)?;
            limit_text(&field("description"), &level.description, 2_000)?;
            if !is_colour(&level.colour) {
                return Err(Error::invalid(
                    field("colour"),
                    &level.colour,
                    "a colour is written #RRGGBB",
                ));
            }
            if !(1..=3650).contains(&level.review_days) {
                return Err(Error::invalid(
                    field("review_days"),
                    level.review_days,
                    "a review interval is 1 to 3650 days",
                ));
            }
            if self.levels[..i].iter().any(|l| l.name == level.name) {
                return Err(Error::invalid(
                    field("name"),
                    &level.name,
                    "two levels have the same name",
                ));
            }
        }
        if self.grid.len() != self.likelihood.len() {
            return Err(Error::invalid(
                "grid",
                self.grid.len(),
                format!(
                    "the grid needs one row per likelihood level ({})",
                    self.likelihood.len()
                ),
            ));
        }
        for (l, row) in self.grid.iter().enumerate() {
            if row.len() != self.impact.len() {
                return Err(Error::invalid(
                    format!("grid[{}]", l + 1),
                    row.len(),
                    format!(
                        "each grid row needs one cell per impact level ({})",
                        self.impact.len()
                    ),
                ));
            }
            for (i, &cell) in row.iter().enumerate() {
                if usize::from(cell) >= self.levels.len() {
                    return Err(Error::invalid(
                        format!("grid[{}][{}]", l + 1, i + 1),
                        cell,
                        format!("no level {cell}: levels are 0 to {}", self.levels.len() - 1),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks that a score lies on this matrix; `field` names the input in the error.
    pub fn check_score(&self, score: Score, field: &str) -> Result<()> {
        let (lmax, imax) = self.size();
        if !(1..=lmax).contains(&usize::from(score.likelihood)) {
            return Err(Error::invalid(
                format!("{field}.likelihood"),
                score.likelihood,
                format!("likelihood is 1 to {lmax} on matrix {}", self.name),
            ));
        }
        if !(1..=imax).contains(&usize::from(score.impact)) {
            return Err(Error::invalid(
                format!("{field}.impact"),
                score.impact,
                format!("impact is 1 to {imax} on matrix {}", self.name),
            ));
        }
        Ok(())
    }

    /// The index in `levels` of a score's cell, or `None` when the score is off the grid.
    pub fn level_index(&self, score: Score) -> Option<usize> {
        let row = self
            .grid
            .get(usize::from(score.likelihood).checked_sub(1)?)?;
        let cell = row.get(usize::from(score.impact).checked_sub(1)?)?;
        Some(usize::from(*cell))
    }

    pub fn level(&self, score: Score) -> Option<&RiskLevel> {
        self.level_index(score).map(|i| &self.levels[i])
    }

    /// Finds a level by name (case-insensitive) or by its index.
    pub fn find_level(&self, name: &str, field: &str) -> Result<usize> {
        if let Some(i) = self
            .levels
            .iter()
            .position(|l| l.name.eq_ignore_ascii_case(name.trim()))
        {
            return Ok(i);
        }
        let names: Vec<&str> = self.levels.iter().map(|l| l.name.as_str()).collect();
        Err(Error::invalid(
            field,
            name,
            format!("matrix {} has the levels {}", self.name, names.join(", ")),
        ))
    }

    /// Reports where the grid breaks consistency. Comparing each cell with its lower
    /// neighbours is enough: monotone neighbours make a monotone grid.
    pub fn check(&self) -> MatrixCheck {
        let mut warnings = Vec::new();
        for (l, row) in self.grid.iter().enumerate() {
            for (i, &cell) in row.iter().enumerate() {
                let here = Score::new(l as u8 + 1, i as u8 + 1);
                let lower = [
                    (l > 0).then(|| (Score::new(l as u8, i as u8 + 1), self.grid[l - 1][i])),
                    (i > 0).then(|| (Score::new(l as u8 + 1, i as u8), row[i - 1])),
                ];
                for (dominated, dominated_cell) in lower.into_iter().flatten() {
                    if cell < dominated_cell {
                        warnings.push(MatrixWarning::NotMonotonic {
                            cell: here,
                            level: self.level_name(cell),
                            dominated,
                            dominated_level: self.level_name(dominated_cell),
                        });
                    }
                }
            }
        }
        let used: std::collections::BTreeSet<u8> = self.grid.iter().flatten().copied().collect();
        for (i, level) in self.levels.iter().enumerate() {
            if !used.contains(&(i as u8)) {
                warnings.push(MatrixWarning::UnusedLevel {
                    level: level.name.clone(),
                });
            }
        }
        MatrixCheck {
            warnings,
            distinct_levels: used.len(),
        }
    }

    fn level_name(&self, index: u8) -> String {
        self.levels
            .get(usize::from(index))
            .map_or_else(|| format!("#{index}"), |l| l.name.clone())
    }
}

fn is_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// Maps a 1-based position on an axis of `from` levels to the same relative rank on an
/// axis of `to` levels: the lowest stays lowest, the highest stays highest, and the
/// order is kept.
pub fn map_rank(position: u8, from: usize, to: usize) -> u8 {
    if from <= 1 || to <= 1 {
        return 1;
    }
    let k = usize::from(position.clamp(1, from as u8)) - 1;
    // round(k * (to - 1) / (from - 1)) in integers, halves rounded up.
    let scaled = (2 * k * (to - 1) + (from - 1)) / (2 * (from - 1));
    (scaled + 1) as u8
}

/// Maps a score from one matrix onto another by rank position on each axis.
pub fn map_score(score: Score, from: &Matrix, to: &Matrix) -> Score {
    let (fl, fi) = from.size();
    let (tl, ti) = to.size();
    Score::new(
        map_rank(score.likelihood, fl, tl),
        map_rank(score.impact, fi, ti),
    )
}

// ---------------------------------------------------------------------------------------
// Presets

/// Keys of the built-in matrices, in the order they are listed.
pub const PRESET_KEYS: [&str; 5] = ["3x3", "4x4", "5x5", "6x6", "nist-800-30"];

/// The id a preset matrix has in every workspace, so that exports refer to it stably.
pub fn preset_id(key: &str) -> String {
    format!("preset-{key}")
}

pub fn presets() -> Vec<Matrix> {
    PRESET_KEYS
        .iter()
        .map(|key| preset(key).expect("known preset"))
        .collect()
}

fn axis(levels: &[(&str, &str, &str)]) -> Vec<AxisLevel> {
    levels
        .iter()
        .map(|(label, description, range)| AxisLevel {
            label: (*label).into(),
            description: (*description).into(),
            range: (!range.is_empty()).then(|| (*range).into()),
        })
        .collect()
}

fn risk_levels(levels: &[(&str, &str, &str, u32, bool)]) -> Vec<RiskLevel> {
    levels
        .iter()
        .map(
            |(name, description, colour, review_days, within_appetite)| RiskLevel {
                name: (*name).into(),
                description: (*description).into(),
                colour: (*colour).into(),
                review_days: *review_days,
                within_appetite: *within_appetite,
            },
        )
        .collect()
}

/// Grids are written top row first (most likely), as they are drawn, and stored bottom up.
fn grid(rows_top_down: &[&[u8]]) -> Vec<Vec<u8>> {
    rows_top_down.iter().rev().map(|row| row.to_vec()).collect()
}

const GREEN: &str = "#2E7D32";
const LIGHT_GREEN: &str = "#7CB342";
const YELLOW: &str = "#FBC02D";
const ORANGE: &str = "#F57C00";
const RED: &str = "#C62828";

pub fn preset(key: &str) -> Option<Matrix> {
    let matrix = |name: &str, description: &str, likelihood, impact, levels, grid| Matrix {
        id: preset_id(key),
        name: name.into(),
        description: description.into(),
        preset: Some(key.into()),
        likelihood,
        impact,
        levels,
        grid,
    };
    let three_levels = || {
        risk_levels(&[
            (
                "Low",
                "Tolerable; monitor at the regular review.",
                GREEN,
                365,
                true,
            ),
            (
                "Medium",
                "Reduce where cost-effective; named owner and actions.",
                YELLOW,
                180,
                true,
            ),
            (
                "High",
                "Not acceptable; treat now and report to the steering group.",
                RED,
                30,
                false,
            ),
        ])
    };
    let four_levels = || {
        risk_levels(&[
            ("Low", "Within appetite; manage by routine procedures.", GREEN, 365, true),
            ("Medium", "Within tolerance; owner monitors and reduces where practical.", YELLOW, 180, true),
            ("High", "Outside appetite; mitigation plan with dates, escalate to the sponsor.", ORANGE, 90, false),
            ("Critical", "Unacceptable; immediate action, report to the board, consider stopping the activity.", RED, 30, false),
        ])
    };
    let m = match key {
        "3x3" => matrix(
            "Simple 3×3",
            "Three levels per axis, for quick first-pass workshops.",
            axis(&[
                ("Unlikely", "Not expected during the partnership; would surprise the team.", "< 10 % a year"),
                ("Possible", "Could happen during the partnership; has happened elsewhere.", "10-50 % a year"),
                ("Likely", "Expected to happen, probably more than once.", "> 50 % a year"),
            ]),
            axis(&[
                ("Minor", "Absorbed by the project team; no customer or regulator notices.", "< €50k"),
                ("Moderate", "Delays a milestone or needs management time; limited external notice.", "€50k-€500k"),
                ("Major", "Threatens the partnership's goals, a regulator's attention or reputation.", "> €500k"),
            ]),
            three_levels(),
            grid(&[&[1, 2, 2], &[0, 1, 2], &[0, 0, 1]]),
        ),
        "4x4" => matrix(
            "Standard 4×4",
            "Four levels per axis, with no middle position to hide in.",
            axis(&[
                ("Rare", "Only in exceptional circumstances.", "< 5 % a year"),
                ("Unlikely", "Could happen but is not expected.", "5-25 % a year"),
                ("Likely", "Will probably happen during the partnership.", "25-75 % a year"),
                ("Almost certain", "Expected to happen, or already happening.", "> 75 % a year"),
            ]),
            axis(&[
                ("Minor", "Small cost or delay absorbed by the team.", "< €25k"),
                ("Moderate", "A milestone slips or budget is reallocated; some customers notice.", "€25k-€250k"),
                ("Major", "A phase fails, a regulator asks questions, customers are harmed.", "€250k-€2.5M"),
                ("Severe", "The partnership fails, a breach is reported, fines or lasting damage.", "> €2.5M"),
            ]),
            four_levels(),
            grid(&[&[1, 2, 3, 3], &[1, 2, 2, 3], &[0, 1, 2, 2], &[0, 0, 1, 1]]),
        ),
        "5x5" => matrix(
            "Standard 5×5",
            "The common five-by-five matrix; descriptions are written to be read aloud in a workshop.",
            axis(&[
                ("Rare", "We cannot imagine this happening during the partnership unless several things go wrong at once.", "< 5 % in 12 months"),
                ("Unlikely", "It could happen, and it has happened to others, but nothing points to it here.", "5-20 % in 12 months"),
                ("Possible", "It might well happen; there are early signs or a known weakness.", "20-50 % in 12 months"),
                ("Likely", "It will probably happen unless we act; it has happened to us before.", "50-80 % in 12 months"),
                ("Almost certain", "It is happening now or will happen soon whatever we do.", "> 80 % in 12 months"),
            ]),
            axis(&[
                ("Insignificant", "Handled within the team in a day or two; nobody outside notices.", "< €10k"),
                ("Minor", "A few days' delay or a small overspend; users may notice an inconvenience.", "€10k-€100k"),
                ("Moderate", "A milestone slips by weeks; a customer complains or an internal audit finding follows.", "€100k-€1M"),
                ("Major", "A phase fails or is stopped; personal data is exposed or a regulator opens an inquiry.", "€1M-€5M"),
                ("Severe", "The partnership collapses; fines, litigation or lasting damage to the brand.", "> €5M"),
            ]),
            four_levels(),
            grid(&[
                &[1, 2, 2, 3, 3],
                &[1, 1, 2, 2, 3],
                &[0, 1, 1, 2, 2],
                &[0, 0, 1, 1, 2],
                &[0, 0, 0, 1, 1],
            ]),
        ),
        "6x6" => matrix(
            "Detailed 6×6",
            "Six levels per axis, for portfolios that need finer distinctions.",
            axis(&[
                ("Very rare", "Has not happened in the industry to our knowledge.", "< 1 % a year"),
                ("Rare", "Has happened in the industry, not to us.", "1-5 % a year"),
                ("Unlikely", "Could happen; no current signs.", "5-20 % a year"),
                ("Possible", "Early signs or known weaknesses.", "20-50 % a year"),
                ("Likely", "Expected unless we act.", "50-80 % a year"),
                ("Almost certain", "Happening or imminent.", "> 80 % a year"),
            ]),
            axis(&[
                ("Negligible", "No measurable effect.", "< €5k"),
                ("Minor", "Absorbed within the team.", "€5k-€50k"),
                ("Moderate", "Management attention; a milestone slips.", "€50k-€500k"),
                ("Major", "A phase fails; customers or regulators notice.", "€500k-€2M"),
                ("Severe", "Partnership goals lost; fines or breach notification.", "€2M-€10M"),
                ("Catastrophic", "Threatens the organisation itself.", "> €10M"),
            ]),
            risk_levels(&[
                ("Very low", "Accept and monitor yearly.", GREEN, 365, true),
                ("Low", "Accept; review twice a year.", LIGHT_GREEN, 180, true),
                ("Medium", "Reduce where cost-effective.", YELLOW, 90, true),
                ("High", "Outside appetite; mitigation plan and escalation.", ORANGE, 30, false),
                ("Very high", "Unacceptable; immediate action and board reporting.", RED, 14, false),
            ]),
            grid(&[
                &[2, 2, 3, 3, 4, 4],
                &[1, 2, 2, 3, 3, 4],
                &[1, 1, 2, 2, 3, 3],
                &[0, 1, 1, 2, 2, 3],
                &[0, 0, 1, 1, 2, 2],
                &[0, 0, 0, 1, 1, 2],
            ]),
        ),
        "nist-800-30" => matrix(
            "NIST SP 800-30 Rev. 1",
            "Qualitative and semi-quantitative scales of NIST SP 800-30 Rev. 1 (Appendices G and H); level of risk from Table I-2.",
            axis(&[
                ("Very Low", "The threat event is highly unlikely to occur and, if it occurs, to have adverse impacts.", "0-4 (0)"),
                ("Low", "The threat event is unlikely to occur or to have adverse impacts.", "5-20 (2)"),
                ("Moderate", "The threat event is somewhat likely to occur and to have adverse impacts.", "21-79 (5)"),
                ("High", "The threat event is highly likely to occur and to have adverse impacts.", "80-95 (8)"),
                ("Very High", "The threat event is almost certain to occur and to have adverse impacts.", "96-100 (10)"),
            ]),
            axis(&[
                ("Very Low", "Negligible adverse effects on operations, assets, individuals or other organisations.", "0-4 (0)"),
                ("Low", "Limited adverse effects.", "5-20 (2)"),
                ("Moderate", "Serious adverse effects.", "21-79 (5)"),
                ("High", "Severe or catastrophic adverse effects.", "80-95 (8)"),
                ("Very High", "Multiple severe or catastrophic adverse effects.", "96-100 (10)"),
            ]),
            risk_levels(&[
                ("Very Low", "Negligible adverse effects could be expected.", GREEN, 365, true),
                ("Low", "Limited adverse effects could be expected.", LIGHT_GREEN, 180, true),
                ("Moderate", "Serious adverse effects could be expected.", YELLOW, 90, false),
                ("High", "Severe or catastrophic adverse effects could be expected.", ORANGE, 30, false),
                ("Very High", "Multiple severe or catastrophic adverse effects could be expected.", RED, 14, false),
            ]),
            // Table I-2: rows are likelihood (Very High at the top), columns impact.
            grid(&[
                &[0, 1, 2, 3, 4],
                &[0, 1, 2, 3, 4],
                &[0, 1, 2, 2, 3],
                &[0, 1, 1, 1, 2],
                &[0, 0, 0, 1, 1],
            ]),
        ),
        _ => return None,
    };
    Some(m)
}
