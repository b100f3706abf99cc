//! Values as people write them in registers, read into the partnership's terms: scores
//! on other scales, in words, as percentages or as money; dates in every common form;
//! statuses, treatments and categories by their synonyms.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lexicon::{fold, Scale, LEXICON};
use crate::matrix::{map_rank, AxisLevel};
use crate::model::{Category, RiskStatus, Treatment};

mod amounts;
mod scores;
mod words;
pub use amounts::*;
pub use scores::*;
pub use words::*;

/// The cell's text as imported: trimmed, and without the `'` our CSV export puts
/// before text a spreadsheet would take for a formula.
pub fn clean_text(text: &str) -> String {
    let text = text.trim();
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => text.to_string(),
    }
}

/// A number written with a decimal point or a decimal comma, with or without
/// thousands separators (spaces).
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return None;
    }
    let t = if t.contains(',') && !t.contains('.') && t.matches(',').count() == 1 {
        t.replace(',', ".")
    } else {
        t.replace(',', "")
    };
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A label as compared with the scales: folded, with the common shortenings spelled out.
fn normalise_label(text: &str) -> String {
    let folded = fold(text);
    match folded.as_str() {
        "v low" => "very low".into(),
        "v high" => "very high".into(),
        _ => folded,
    }
}

/// "3 - Possible", "2: Minor", "4 (Likely)": a number that leads a label, and the label.
pub fn labelled_number(text: &str) -> Option<(f64, String)> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = t[digits..].trim_start();
    let label = rest
        .strip_prefix(['-', '–', '—', ':', '.', ')', '=', '('])
        .map(|r| r.trim().trim_end_matches(')').trim())?;
    if !label.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((t[..digits].parse().ok()?, label.to_string()))
}

/// The number a score cell holds: plain, or leading a label.
fn score_number(text: &str) -> Option<f64> {
    parse_number(text).or_else(|| labelled_number(text).map(|(n, _)| n))
}

/// Whether most of a column's values look like scores (numbers, percentages, amounts or
/// labels of a known scale) rather than prose.
pub fn looks_scored(values: &[String]) -> bool {
    mostly(values, |v| {
        score_number(v).is_some_and(|n| (0.0..=100.0).contains(&n))
            || v.trim().ends_with('%')
            || has_currency(v) && parse_amount(v).is_some()
            || scale_of(&normalise_label(v)).is_some()
    })
}

/// Whether most of a column's values are sentences rather than scores: a "Likelihood"
/// or "Impact" column written in prose ("Pages take too long to load") is text, while
/// one of scores with a slip ("Often") stays a score column whose slip is a problem.
pub fn looks_like_prose(values: &[String]) -> bool {
    let filled: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    let prose = filled
        .iter()
        .filter(|v| {
            let words = v.split_whitespace().count();
            !looks_scored(std::slice::from_ref(*v)) && (words >= 3 || v.chars().count() > 25)
        })
        .count();
    prose * 2 > filled.len()
}

/// Whether most of a column's values are amounts of money ("300,000 CHF").
pub fn looks_like_amounts(values: &[String]) -> bool {
    mostly(values, |v| has_currency(v) && parse_amount(v).is_some())
}

/// Whether at least half of a column's values read as dates (an empty column may hold
/// dates): "Weekly" on every row is not a date column, one "TBD" among dates is a slip.
pub fn looks_like_dates(values: &[String]) -> bool {
    let filled: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    let dates = filled
        .iter()
        .filter(|v| {
            !matches!(
                super::dates::read_date(&super::table::CellValue::Text(v.to_string()), None),
                super::dates::DateRead::Invalid
            )
        })
        .count();
    dates * 2 >= filled.len()
}

/// At least four in five of the non-empty values pass.
fn mostly(values: &[String], test: impl Fn(&str) -> bool) -> bool {
    let values: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    !values.is_empty() && values.iter().filter(|v| test(v)).count() * 5 >= values.len() * 4
}

/// The first scale that has this label among its levels.
fn scale_of(label: &str) -> Option<&'static Scale> {
    LEXICON.scales.iter().find(|s| s.rank(label).is_some())
}

/// How one distinct value of a column is read, shown to the user and editable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueEntry {
    /// The value as the file has it (trimmed).
    pub value: String,
    /// How many rows hold it.
    pub rows: u32,
    /// What it becomes: a position on the axis ("1".."7"), a category code, a status
    /// or a treatment; none when it cannot be read (those rows are in error).
    pub to: Option<String>,
    /// Why, e.g. "by rank in Rare…Almost certain".
    pub how: String,
}

/// The largest whole number among values, which tells the scale they are on.
pub fn largest_whole(values: &[String]) -> usize {
    values
        .iter()
        .filter_map(|v| score_number(v))
        .filter(|n| n.fract() == 0.0 && (1.0..=1000.0).contains(n))
        .fold(0.0f64, |m, n| m.max(n)) as usize
}

#[cfg(test)]
mod tests;
