//! Values as people write them in registers, read into the partnership's terms: scores
//! on other scales, in words, as percentages or as money; dates in every common form;
//! statuses, treatments and categories by their synonyms.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::matrix::{map_rank, AxisLevel};
use crate::model::{Category, RiskStatus, Treatment};

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

/// Label sets in common use, lowest first (normalised: lower case, single spaces).
#[rustfmt::skip]
const VOCABULARIES: &[&[&str]] = &[
    &["low", "medium", "high"],
    &["low", "moderate", "high"],
    &["l", "m", "h"],
    &["minor", "moderate", "major"],
    &["unlikely", "possible", "likely"],
    &["very low", "low", "medium", "high", "very high"],
    &["very low", "low", "moderate", "high", "very high"],
    &["vl", "l", "m", "h", "vh"],
    &["rare", "unlikely", "possible", "likely", "almost certain"],
    &["very unlikely", "unlikely", "possible", "likely", "very likely"],
    &["insignificant", "minor", "moderate", "major", "catastrophic"],
    &["negligible", "minor", "moderate", "significant", "severe"],
    &["low", "medium", "high", "critical"],
    &["low", "medium", "high", "very high", "critical"],
];

fn normalise_label(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace(['_', '-', '.'], " ");
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.as_str() {
        "med" | "mid" => "medium".into(),
        "almost certainly" | "certain" => "almost certain".into(),
        "v low" => "very low".into(),
        "v high" => "very high".into(),
        _ => joined,
    }
}

/// Whether most of a column's values look like scores (small numbers, percentages or
/// labels of a known scale) rather than prose.
pub fn looks_scored(values: &[String]) -> bool {
    let values: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    if values.is_empty() {
        return false;
    }
    let scored = values
        .iter()
        .filter(|v| {
            let label = normalise_label(v);
            parse_number(v).is_some_and(|n| (0.0..=10.0).contains(&n))
                || v.trim().ends_with('%')
                || VOCABULARIES.iter().any(|voc| voc.contains(&label.as_str()))
        })
        .count();
    scored * 5 >= values.len() * 4
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
        .filter_map(|v| parse_number(v))
        .filter(|n| n.fract() == 0.0 && (1.0..=1000.0).contains(n))
        .fold(0.0f64, |m, n| m.max(n)) as usize
}

/// Proposes a position on `axis` for each distinct value of a score column;
/// `max_whole` is the largest whole number in all the file's columns of this axis
/// (inherent, residual and target are on one scale).
pub fn propose_scores(
    distinct: &[(String, u32)],
    axis: &[AxisLevel],
    likelihood: bool,
    max_whole: usize,
) -> Vec<ValueEntry> {
    let size = axis.len();
    let numbers: Vec<f64> = distinct
        .iter()
        .filter_map(|(v, _)| parse_number(v))
        .collect();
    let all_fractions = !numbers.is_empty()
        && numbers.iter().all(|n| (0.0..=1.0).contains(n))
        && numbers.iter().any(|n| n.fract() != 0.0);
    let scale = if max_whole <= size {
        size
    } else {
        [3, 4, 5, 6, 7, 10]
            .into_iter()
            .find(|s| *s >= max_whole)
            .unwrap_or(0)
    };
    let labels: Vec<String> = distinct.iter().map(|(v, _)| normalise_label(v)).collect();
    let vocabulary = best_vocabulary(&labels);
    distinct
        .iter()
        .zip(&labels)
        .map(|((value, rows), label)| {
            let (to, how) = propose_score(
                value,
                label,
                axis,
                likelihood,
                scale,
                all_fractions,
                vocabulary,
            );
            ValueEntry {
                value: value.clone(),
                rows: *rows,
                to: to.map(|p| p.to_string()),
                how,
            }
        })
        .collect()
}

fn propose_score(
    value: &str,
    label: &str,
    axis: &[AxisLevel],
    likelihood: bool,
    scale: usize,
    all_fractions: bool,
    vocabulary: Option<&[&str]>,
) -> (Option<u8>, String) {
    let size = axis.len();
    if let Some(i) = axis.iter().position(|l| normalise_label(&l.label) == label) {
        return (Some(i as u8 + 1), "the matrix's label".into());
    }
    let percent = value.trim().ends_with('%');
    let number = parse_number(value.trim().trim_end_matches('%'));
    if let Some(n) = number {
        if percent || (all_fractions && likelihood) {
            let share = if percent { n / 100.0 } else { n };
            if !(0.0..=1.0).contains(&share) {
                return (None, "a percentage outside 0-100 %".into());
            }
            return match band_of(share * 100.0, axis, true) {
                Some(p) => (Some(p), "in the level's range of percentages".into()),
                None => {
                    let p = ((share * size as f64).ceil() as usize).clamp(1, size);
                    (
                        Some(p as u8),
                        format!("in {size} equal bands of percentages"),
                    )
                }
            };
        }
        if n.fract() == 0.0 && n >= 1.0 && (n as usize) <= scale {
            let n = n as usize;
            return if scale == size {
                (Some(n as u8), "the same scale".into())
            } else {
                (
                    Some(map_rank(n as u8, scale, size)),
                    format!("by rank on a 1-{scale} scale"),
                )
            };
        }
        if !likelihood || has_currency(value) {
            if let Some(p) = band_of(n, axis, false) {
                return (Some(p), "in the level's range of amounts".into());
            }
        }
        return (None, format!("not on a 1-{size} scale"));
    }
    if !likelihood && has_currency(value) {
        if let Some(amount) = parse_amount(value) {
            if let Some(p) = band_of(amount, axis, false) {
                return (Some(p), "in the level's range of amounts".into());
            }
        }
    }
    if let Some(voc) = vocabulary {
        if let Some(i) = voc.iter().position(|w| *w == label) {
            let how = format!(
                "by rank in {}",
                voc.iter()
                    .map(|w| title_case(w))
                    .collect::<Vec<_>>()
                    .join("…")
            );
            return (Some(map_rank(i as u8 + 1, voc.len(), size)), how);
        }
    }
    (None, "not a known level".into())
}

/// The label set that holds the most of the values; on a tie, the shortest.
fn best_vocabulary(labels: &[String]) -> Option<&'static [&'static str]> {
    VOCABULARIES
        .iter()
        .map(|voc| {
            (
                voc,
                labels.iter().filter(|l| voc.contains(&l.as_str())).count(),
            )
        })
        .filter(|(_, hits)| *hits > 0)
        .max_by(|(a, ha), (b, hb)| ha.cmp(hb).then(b.len().cmp(&a.len())))
        .map(|(voc, _)| *voc)
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn has_currency(text: &str) -> bool {
    text.contains(['€', '$', '£', '¥']) || {
        let t = text.to_ascii_uppercase();
        ["EUR", "USD", "GBP", "CHF"].iter().any(|c| t.contains(c))
    }
}

/// An amount such as "€250k", "$1.5M", "2 000 000 EUR".
pub fn parse_amount(text: &str) -> Option<f64> {
    let t = text.to_lowercase();
    let t = t.trim();
    let digits: String = t
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let n = parse_number(&digits)?;
    let factor = if t.ends_with("bn") || t.contains("bn ") {
        1e9
    } else if t
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .ends_with('m')
        || t.contains("m ")
    {
        1e6
    } else if t
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .ends_with('k')
        || t.contains("k ")
    {
        1e3
    } else {
        1.0
    };
    Some(n * factor)
}

/// The position of the level whose range ("< 10 % a year", "10-50 %", "€50k-€500k",
/// "> €2.5M") holds `x` (a percentage or an amount).
fn band_of(x: f64, axis: &[AxisLevel], percent: bool) -> Option<u8> {
    axis.iter()
        .position(|level| {
            let Some(range) = &level.range else {
                return false;
            };
            if range.contains('%') != percent {
                return false;
            }
            let Some((low, high)) = parse_range(range) else {
                return false;
            };
            x >= low && (x < high || high == f64::INFINITY)
        })
        .map(|i| i as u8 + 1)
}

fn parse_range(range: &str) -> Option<(f64, f64)> {
    let r = range.trim();
    let amount = |s: &str| {
        let s = s.trim();
        if s.contains('%') || !has_currency(s) && !s.ends_with(['k', 'M', 'm']) {
            parse_number(s.split('%').next()?.trim())
        } else {
            parse_amount(s)
        }
    };
    if let Some(rest) = r.strip_prefix('<') {
        return Some((f64::NEG_INFINITY, amount(first_quantity(rest))?));
    }
    if let Some(rest) = r.strip_prefix('>') {
        return Some((amount(first_quantity(rest))?, f64::INFINITY));
    }
    let (low, high) = r.split_once('-').or_else(|| r.split_once('–'))?;
    Some((amount(low)?, amount(first_quantity(high))?))
}

/// "50 % a year" → "50 %"; "€500k" → "€500k".
fn first_quantity(text: &str) -> &str {
    let text = text.trim();
    match text
        .find(" a ")
        .or_else(|| text.find(" per "))
        .or_else(|| text.find(" in "))
    {
        Some(i) => &text[..i],
        None => text,
    }
}

// ---------------------------------------------------------------------------------------
// Statuses, treatments, categories

pub fn parse_status(text: &str) -> Option<RiskStatus> {
    Some(match normalise_label(text).as_str() {
        "open" | "new" | "identified" | "active" | "draft" | "proposed" | "raised" | "assessed" => {
            RiskStatus::Open
        }
        "mitigating" | "in progress" | "treating" | "in treatment" | "ongoing"
        | "being treated" | "monitoring" | "under review" => RiskStatus::Mitigating,
        "accepted" | "tolerated" | "retained" => RiskStatus::Accepted,
        "closed" | "resolved" | "done" | "retired" | "mitigated" | "complete" | "completed"
        | "no longer relevant" => RiskStatus::Closed,
        _ => return None,
    })
}

pub fn parse_treatment(text: &str) -> Option<Treatment> {
    Some(match normalise_label(text).as_str() {
        "avoid" | "avoidance" | "terminate" | "eliminate" | "withdraw" => Treatment::Avoid,
        "reduce" | "reduction" | "mitigate" | "mitigation" | "treat" | "modify" | "control" => {
            Treatment::Reduce
        }
        "transfer" | "insure" | "insurance" | "outsource" => Treatment::Transfer,
        "share" | "sharing" => Treatment::Share,
        "accept" | "acceptance" | "tolerate" | "retain" => Treatment::Accept,
        _ => return None,
    })
}

pub fn parse_category(text: &str, categories: &[Category]) -> Option<String> {
    let label = normalise_label(text);
    if let Some(c) = categories.iter().find(|c| {
        normalise_label(&c.name) == label
            || c.code.replace('_', " ") == label
            || c.prefix.to_lowercase() == label
    }) {
        return Some(c.code.clone());
    }
    let code = match label.as_str() {
        "tech" | "technology" | "it" | "technical risk" | "technology risk" => "technical",
        "finance" | "commercial" | "financial risk" | "credit" => "financial",
        "legal"
        | "compliance"
        | "regulation"
        | "legal and regulatory"
        | "legal & regulatory"
        | "regulatory compliance" => "regulatory",
        "termination" | "exit risk" | "exit strategy" | "lock in" | "vendor lock in" => "exit",
        "cyber"
        | "cybersecurity"
        | "cyber security"
        | "information security"
        | "infosec"
        | "it security" => "security",
        "privacy" | "gdpr" | "data privacy" | "personal data" | "data" => "data_protection",
        "ip" | "intellectual property rights" => "intellectual_property",
        "operations" | "operational risk" | "delivery" | "service delivery" | "people"
        | "process" => "operational",
        _ => return None,
    };
    categories
        .iter()
        .any(|c| c.code == code)
        .then(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(labels: &[(&str, &str)]) -> Vec<AxisLevel> {
        labels
            .iter()
            .map(|(label, range)| AxisLevel {
                label: label.to_string(),
                description: String::new(),
                range: (!range.is_empty()).then(|| range.to_string()),
            })
            .collect()
    }

    fn to(entries: &[ValueEntry]) -> Vec<Option<&str>> {
        entries.iter().map(|e| e.to.as_deref()).collect()
    }

    #[test]
    fn scores_come_from_numbers_words_percentages_and_money() {
        let five = axis(&[
            ("Rare", "< 5 %"),
            ("Unlikely", "5-20 %"),
            ("Possible", "20-50 %"),
            ("Likely", "50-80 %"),
            ("Almost certain", "> 80 %"),
        ]);
        let d = |v: &[&str]| v.iter().map(|s| (s.to_string(), 1)).collect::<Vec<_>>();
        assert_eq!(
            to(&propose_scores(&d(&["1", "5", "3"]), &five, true, 5)),
            [Some("1"), Some("5"), Some("3")]
        );
        assert_eq!(
            to(&propose_scores(
                &d(&["Low", "Medium", "High"]),
                &five,
                true,
                0
            )),
            [Some("1"), Some("3"), Some("5")]
        );
        assert_eq!(
            to(&propose_scores(
                &d(&["likely", "RARE", "Often"]),
                &five,
                true,
                0
            )),
            [Some("4"), Some("1"), None]
        );
        assert_eq!(
            to(&propose_scores(&d(&["35%", "90 %", "2%"]), &five, true, 90)),
            [Some("3"), Some("5"), Some("1")]
        );
        assert_eq!(
            to(&propose_scores(&d(&["0.35", "0.9"]), &five, true, 0)),
            [Some("3"), Some("5")]
        );
        assert_eq!(
            to(&propose_scores(&d(&["2", "10"]), &five, true, 10)),
            [Some("1"), Some("5")]
        );
        let money = axis(&[
            ("Minor", "< €50k"),
            ("Moderate", "€50k-€500k"),
            ("Major", "> €500k"),
        ]);
        assert_eq!(
            to(&propose_scores(
                &d(&["€20k", "€1.2M", "250000"]),
                &money,
                false,
                250000
            )),
            [Some("1"), Some("3"), Some("2")]
        );
        let nist = propose_scores(&d(&["Very Low", "Moderate", "Very High"]), &five, false, 0);
        assert_eq!(to(&nist), [Some("1"), Some("3"), Some("5")]);
        assert_eq!(
            nist[1].how,
            "by rank in Very low…Low…Moderate…High…Very high"
        );
    }

    #[test]
    fn statuses_treatments_and_categories_by_synonyms() {
        assert_eq!(parse_status("In progress"), Some(RiskStatus::Mitigating));
        assert_eq!(parse_treatment("Tolerate"), Some(Treatment::Accept));
        let cats = crate::model::built_in_categories();
        assert_eq!(
            parse_category("Cyber security", &cats).as_deref(),
            Some("security")
        );
        assert_eq!(
            parse_category("Data protection", &cats).as_deref(),
            Some("data_protection")
        );
        assert_eq!(parse_category("TEC", &cats).as_deref(), Some("technical"));
        assert_eq!(clean_text("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(parse_number("2,5"), Some(2.5));
    }
}
