//! Which row is the header and which column holds which field: header names are
//! matched with their synonyms in the languages of the word list (`lexicon`), ignoring
//! case, accents, punctuation and suffixes like "(1-5)"; "inherent", "residual",
//! "target" and their synonyms say which assessment a likelihood or impact column
//! belongs to, and unqualified repeats of the pair are taken as inherent, then
//! residual, then target. Values decide what the header leaves open: an "Impact" of
//! sentences is the consequence, a "Next review" of "Weekly" a note.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lexicon::{fold, HeaderMeaning, Stage, LEXICON};
use super::table::TableRow;
use super::values;
use crate::model::ScoreKind;

mod headers;
mod reasons;
pub use headers::*;
use reasons::*;

/// Rows searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnTarget {
    /// Not imported.
    Skip,
    /// Appended to the description as "Header: value", so that nothing is lost.
    Note,
    Reference,
    Title,
    /// The risk's text: the title is its first line (shortened if long) and the whole
    /// text is the description. Chosen when the file has no title column.
    TitleFromText,
    Category,
    Description,
    Cause,
    Consequence,
    Owner,
    Status,
    Treatment,
    TreatmentRationale,
    InherentLikelihood,
    InherentImpact,
    ResidualLikelihood,
    ResidualImpact,
    TargetLikelihood,
    TargetImpact,
    Tags,
    NextReview,
    AcceptanceApprover,
    AcceptanceExpiry,
}

impl ColumnTarget {
    /// Whether several columns may have this target.
    pub fn repeatable(self) -> bool {
        matches!(self, ColumnTarget::Skip | ColumnTarget::Note)
    }

    /// The assessment and axis of a likelihood or impact column.
    pub fn score_axis(self) -> Option<(ScoreKind, Axis)> {
        use ColumnTarget::*;
        Some(match self {
            InherentLikelihood => (ScoreKind::Inherent, Axis::Likelihood),
            InherentImpact => (ScoreKind::Inherent, Axis::Impact),
            ResidualLikelihood => (ScoreKind::Residual, Axis::Likelihood),
            ResidualImpact => (ScoreKind::Residual, Axis::Impact),
            TargetLikelihood => (ScoreKind::Target, Axis::Likelihood),
            TargetImpact => (ScoreKind::Target, Axis::Impact),
            _ => return None,
        })
    }

    fn scored(kind: ScoreKind, axis: Axis) -> ColumnTarget {
        use ColumnTarget::*;
        match (kind, axis) {
            (ScoreKind::Inherent, Axis::Likelihood) => InherentLikelihood,
            (ScoreKind::Inherent, Axis::Impact) => InherentImpact,
            (ScoreKind::Residual, Axis::Likelihood) => ResidualLikelihood,
            (ScoreKind::Residual, Axis::Impact) => ResidualImpact,
            (ScoreKind::Target, Axis::Likelihood) => TargetLikelihood,
            (ScoreKind::Target, Axis::Impact) => TargetImpact,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Likelihood,
    Impact,
}

/// One column of the file and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// 0-based position in the row.
    pub index: usize,
    /// The header as the file has it.
    pub header: String,
    pub target: ColumnTarget,
    /// Why the column goes there, for people ("its header, in German"; "chosen").
    #[serde(default)]
    pub how: String,
}

/// Maps each header to a field. `column_values` gives a column's values below the
/// header (a sample is enough): a likelihood or impact column must hold scores (else it is text: an
/// "Impact" of sentences is the consequence), a date column dates, a title column
/// different titles. Without a title column, the best text column gives the title.
/// Unknown headers become notes appended to the description; empty headers are skipped.
pub fn map_columns(
    headers: &[String],
    column_values: &dyn Fn(usize) -> Vec<String>,
) -> Vec<ColumnMapping> {
    // A column's values are read only when its header leaves something open.
    let cells: Vec<std::cell::OnceCell<Vec<String>>> = (0..headers.len())
        .map(|_| std::cell::OnceCell::new())
        .collect();
    let values = |i: usize| cells[i].get_or_init(|| column_values(i)).as_slice();
    let filled = |i: usize| values(i).iter().filter(|v| !v.trim().is_empty()).count();
    let scored = |i: usize| filled(i) == 0 || values::looks_scored(values(i));
    let prose = |i: usize| values::looks_like_prose(values(i));
    let amounts = |i: usize| filled(i) > 0 && values::looks_like_amounts(values(i));
    let classified: Vec<Option<(HeaderMeaning, Option<Stage>)>> =
        headers.iter().map(|h| classify(h)).collect();
    // "Current" is the residual, unless the file has a residual too (then that is the
    // target): CISO Assistant's inherent, current and residual.
    let stages_used: Vec<Stage> = classified
        .iter()
        .filter_map(|c| {
            c.and_then(|(m, s)| {
                matches!(m, HeaderMeaning::Likelihood | HeaderMeaning::Impact)
                    .then_some(s)
                    .flatten()
            })
        })
        .collect();
    let has_current = stages_used.contains(&Stage::Current);
    let kind_of = |stage: Stage| match stage {
        Stage::Inherent => ScoreKind::Inherent,
        Stage::Current => ScoreKind::Residual,
        Stage::Residual if has_current => ScoreKind::Target,
        Stage::Residual => ScoreKind::Residual,
        Stage::Target => ScoreKind::Target,
    };
    // What each column names once its values are seen.
    let named: Vec<Option<(Named, Option<ScoreKind>)>> = classified
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (meaning, stage) = (*c)?;
            let kind = stage.map(kind_of);
            use HeaderMeaning as M;
            let named = match meaning {
                // A likelihood or impact column is one of scores unless it is written in
                // prose; a "consequence" is one of scores only when its values are.
                M::Likelihood if !prose(i) => Named::Score(Axis::Likelihood),
                M::Likelihood => Named::Text,
                M::Impact if !prose(i) => Named::Score(Axis::Impact),
                M::Consequence | M::ConsequenceOrImpact if scored(i) && filled(i) > 0 => {
                    Named::Score(Axis::Impact)
                }
                M::Impact | M::Consequence | M::ConsequenceOrImpact => {
                    Named::Field(ColumnTarget::Consequence)
                }
                // "Initial risk" of amounts is the impact in money; else its level.
                M::Title | M::TitleOrDescription if stage.is_some() => {
                    if amounts(i) {
                        Named::Score(Axis::Impact)
                    } else {
                        Named::Computed
                    }
                }
                M::Title => Named::Field(ColumnTarget::Title),
                M::TitleOrDescription => Named::TitleOrDescription,
                M::Id => Named::Id,
                M::Computed => Named::Computed,
                M::NextReview | M::AcceptanceExpiry if !values::looks_like_dates(values(i)) => {
                    Named::Text
                }
                M::Reference => Named::Field(ColumnTarget::Reference),
                M::Category => Named::Field(ColumnTarget::Category),
                M::Description => Named::Field(ColumnTarget::Description),
                M::Cause => Named::Field(ColumnTarget::Cause),
                M::Owner => Named::Field(ColumnTarget::Owner),
                M::Status => Named::Field(ColumnTarget::Status),
                M::Treatment => Named::Field(ColumnTarget::Treatment),
                M::TreatmentRationale => Named::Field(ColumnTarget::TreatmentRationale),
                M::Tags => Named::Field(ColumnTarget::Tags),
                M::NextReview => Named::Field(ColumnTarget::NextReview),
                M::AcceptanceApprover => Named::Field(ColumnTarget::AcceptanceApprover),
                M::AcceptanceExpiry => Named::Field(ColumnTarget::AcceptanceExpiry),
            };
            Some((named, kind))
        })
        .collect();
    let mut targets: Vec<Option<ColumnTarget>> = vec![None; headers.len()];
    let taken = |targets: &[Option<ColumnTarget>], t: ColumnTarget| {
        !t.repeatable() && targets.contains(&Some(t))
    };
    // First the headers that name one field without doubt, then the qualified scores,
    // then the rest in column order.
    for (i, c) in named.iter().enumerate() {
        if let Some((Named::Field(t), _)) = c {
            if !taken(&targets, *t) {
                targets[i] = Some(*t);
            }
        }
    }
    for (i, c) in named.iter().enumerate() {
        if let Some((Named::Score(axis), Some(kind))) = c {
            let t = ColumnTarget::scored(*kind, *axis);
            if !taken(&targets, t) {
                targets[i] = Some(t);
            }
        }
    }
    let has_scores = named
        .iter()
        .any(|c| matches!(c, Some((Named::Score(_), _))));
    for (i, c) in named.iter().enumerate() {
        if targets[i].is_some() {
            continue;
        }
        let Some((named, kind)) = c else {
            continue;
        };
        let choices: Vec<ColumnTarget> = match named {
            Named::Score(axis) if kind.is_none() => {
                [ScoreKind::Inherent, ScoreKind::Residual, ScoreKind::Target]
                    .into_iter()
                    .map(|k| ColumnTarget::scored(k, *axis))
                    .collect()
            }
            Named::TitleOrDescription => vec![ColumnTarget::Title, ColumnTarget::Description],
            Named::Id => vec![ColumnTarget::Reference, ColumnTarget::Skip],
            // A level is the app's to compute, but when the file has no scores it is
            // the only assessment there is: kept as a note.
            Named::Computed if has_scores => vec![ColumnTarget::Skip],
            _ => Vec::new(),
        };
        targets[i] = choices.into_iter().find(|t| !taken(&targets, *t));
    }
    // A "title" column that repeats one word on most rows ("Risk", "Risk", …) is a
    // label, not the risks' titles.
    let mut label_column = None;
    if let Some(i) = targets.iter().position(|t| *t == Some(ColumnTarget::Title)) {
        if repeats_one_value(values(i)) {
            targets[i] = Some(ColumnTarget::Note);
            label_column = Some(i);
        }
    }
    // Without a title column, the title comes from the text that says most.
    if !targets.contains(&Some(ColumnTarget::Title)) {
        let text_column = |i: usize| {
            let prose = values(i)
                .iter()
                .filter(|v| v.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .count();
            (prose * 2 >= filled(i).max(1) && prose > 0 && !repeats_one_value(values(i)))
                .then_some(prose)
        };
        let candidates = [
            ColumnTarget::Description,
            ColumnTarget::Consequence,
            ColumnTarget::Cause,
        ];
        let chosen = candidates
            .iter()
            .find_map(|want| {
                (0..headers.len()).find(|&i| targets[i] == Some(*want) && text_column(i).is_some())
            })
            .or_else(|| {
                (0..headers.len())
                    .filter(|&i| targets[i].is_none() && !headers[i].trim().is_empty())
                    .filter_map(|i| text_column(i).map(|n| (i, n)))
                    .max_by_key(|(_, n)| *n)
                    .map(|(i, _)| i)
            });
        if let Some(i) = chosen {
            targets[i] = Some(ColumnTarget::TitleFromText);
        }
    }
    headers
        .iter()
        .zip(targets)
        .enumerate()
        .map(|(index, (header, target))| {
            let target = target.unwrap_or(if header.trim().is_empty() {
                ColumnTarget::Skip
            } else {
                ColumnTarget::Note
            });
            let how = reason(
                header,
                target,
                classified[index],
                named[index].map(|(n, _)| n),
                label_column == Some(index),
            );
            ColumnMapping {
                index,
                header: header.clone(),
                target,
                how,
            }
        })
        .collect()
}

/// Whether one value fills most of a column's cells (at least three of them).
fn repeats_one_value(values: &[String]) -> bool {
    let filled: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if filled.len() < 3 {
        return false;
    }
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in &filled {
        *counts.entry(v).or_default() += 1;
    }
    counts.values().max().is_some_and(|n| n * 2 > filled.len())
}

/// What a column holds once its header and values are read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Named {
    Field(ColumnTarget),
    TitleOrDescription,
    Score(Axis),
    Id,
    Computed,
    /// Kept as a note.
    Text,
}

#[cfg(test)]
mod tests;
