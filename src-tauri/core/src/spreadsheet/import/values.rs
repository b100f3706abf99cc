//! Values as people write them in registers, read into the partnership's terms: scores
//! on other scales, in words, as percentages or as money; dates in every common form;
//! statuses, treatments and categories by their synonyms.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lexicon::{fold, Scale, LEXICON};
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

/// Proposes a position on `axis` for each distinct value of a score column;
/// `max_whole` is the largest whole number in all the file's columns of this axis
/// (inherent, residual and target are on one scale); `known_levels` are levels the
/// file names beyond those its cells hold (the sub-headers of marked level columns).
pub fn propose_scores(
    distinct: &[(String, u32)],
    axis: &[AxisLevel],
    likelihood: bool,
    max_whole: usize,
    known_levels: &[String],
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
        [3, 4, 5, 6, 7, 10, 100]
            .into_iter()
            .find(|s| *s >= max_whole)
            .unwrap_or(0)
    };
    // Amounts and numbers beyond any scale (money, days), for a matrix without ranges.
    let magnitudes: Vec<f64> = distinct
        .iter()
        .filter_map(|(v, _)| magnitude(v, scale))
        .collect();
    let extent = (magnitudes.len() >= 2).then(|| {
        let low = magnitudes.iter().copied().fold(f64::INFINITY, f64::min);
        let high = magnitudes.iter().copied().fold(0.0, f64::max);
        (low, high)
    });
    let labels: Vec<String> = distinct.iter().map(|(v, _)| normalise_label(v)).collect();
    let all_labels: Vec<String> = labels
        .iter()
        .cloned()
        .chain(known_levels.iter().map(|l| normalise_label(l)))
        .collect();
    let vocabulary = best_scale(&all_labels);
    let reading = Reading {
        axis,
        likelihood,
        scale,
        all_fractions,
        vocabulary,
        extent,
    };
    distinct
        .iter()
        .zip(&labels)
        .map(|((value, rows), label)| {
            let (to, how) = reading.propose(value, label);
            ValueEntry {
                value: value.clone(),
                rows: *rows,
                to: to.map(|p| p.to_string()),
                how,
            }
        })
        .collect()
}

/// An amount, or a number too large for a scale, as a magnitude to rank.
fn magnitude(value: &str, scale: usize) -> Option<f64> {
    if has_currency(value) {
        return parse_amount(value).map(f64::abs);
    }
    parse_number(value).filter(|n| *n > scale.max(10) as f64)
}

/// What a column's values tell about reading each of them.
struct Reading<'a> {
    axis: &'a [AxisLevel],
    likelihood: bool,
    /// The whole-number scale the column is on (0 when none fits).
    scale: usize,
    /// Every number is a fraction 0-1: probabilities.
    all_fractions: bool,
    vocabulary: Option<&'static Scale>,
    /// The smallest and largest amount in the column.
    extent: Option<(f64, f64)>,
}

impl Reading<'_> {
    fn propose(&self, value: &str, label: &str) -> (Option<u8>, String) {
        let axis = self.axis;
        let size = axis.len();
        if let Some(i) = axis.iter().position(|l| normalise_label(&l.label) == label) {
            return (Some(i as u8 + 1), "the matrix's label".into());
        }
        let percent = value.trim().ends_with('%');
        let number = parse_number(value.trim().trim_end_matches('%'))
            .or_else(|| labelled_number(value).map(|(n, _)| n));
        if let Some(n) = number {
            if percent || (self.all_fractions && self.likelihood) {
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
            let scale = self.scale;
            if n.fract() == 0.0 && n >= 0.0 && (n as usize) <= scale && scale > 0 {
                let n = n as usize;
                return if n == 0 {
                    (
                        Some(1),
                        format!("the lowest level (0 on a 0-{scale} scale)"),
                    )
                } else if scale == 100 {
                    let p = (n * size).div_ceil(100).clamp(1, size);
                    (Some(p as u8), format!("in {size} equal bands of 0-100"))
                } else if scale == size {
                    (Some(n as u8), "the same scale".into())
                } else {
                    (
                        Some(map_rank(n as u8, scale, size)),
                        format!("by rank on a 1-{scale} scale"),
                    )
                };
            }
            if !self.likelihood || has_currency(value) {
                if let Some(p) = band_of(n, axis, false) {
                    return (Some(p), "in the level's range of amounts".into());
                }
            }
            if let Some(p) = self.by_size(n) {
                return p;
            }
            return (None, format!("not on a 1-{size} scale"));
        }
        if has_currency(value) {
            if let Some(amount) = parse_amount(value) {
                if !self.likelihood {
                    if let Some(p) = band_of(amount, axis, false) {
                        return (Some(p), "in the level's range of amounts".into());
                    }
                }
                if let Some(p) = self.by_size(amount.abs()) {
                    return p;
                }
            }
        }
        let ranked = self
            .vocabulary
            .and_then(|voc| voc.rank(label).map(|r| (voc, r)))
            .or_else(|| {
                LEXICON
                    .scales
                    .iter()
                    .find_map(|voc| voc.rank(label).map(|r| (voc, r)))
            });
        if let Some((voc, rank)) = ranked {
            let how = format!("by rank in {}", voc.describe());
            return (Some(map_rank(rank as u8, voc.levels.len(), size)), how);
        }
        (None, "not a known level".into())
    }

    /// A magnitude placed among the column's own on a logarithmic scale, lowest level
    /// for the smallest, highest for the largest.
    fn by_size(&self, x: f64) -> Option<(Option<u8>, String)> {
        let (low, high) = self.extent?;
        let size = self.axis.len();
        let position = if x <= low || high <= low {
            1
        } else {
            let low = low.max(1.0);
            let share = ((x.max(1.0)).ln() - low.ln()) / (high.ln() - low.ln()).max(f64::EPSILON);
            ((share * size as f64).ceil() as usize).clamp(1, size)
        };
        Some((
            Some(position as u8),
            "by size among the file's values (logarithmic)".into(),
        ))
    }
}

/// The scale that holds the most of the labels; on a tie, the shortest.
fn best_scale(labels: &[String]) -> Option<&'static Scale> {
    LEXICON
        .scales
        .iter()
        .map(|voc| (voc, labels.iter().filter(|l| voc.rank(l).is_some()).count()))
        .filter(|(_, hits)| *hits > 0)
        .max_by(|(a, ha), (b, hb)| ha.cmp(hb).then(b.levels.len().cmp(&a.levels.len())))
        .map(|(voc, _)| voc)
}

fn has_currency(text: &str) -> bool {
    text.contains(['€', '$', '£', '¥', '₽', '₹']) || {
        let t = text.to_ascii_uppercase();
        [
            "EUR", "USD", "GBP", "CHF", "PLN", "CZK", "SEK", "NOK", "DKK", "RUB", "JPY",
        ]
        .iter()
        .any(|c| t.contains(c))
    }
}

/// An amount such as "€250k", "$1.5M", "2 000 000 EUR", "300,000 CHF", "1'250.50 CHF",
/// "1.234.567,89 €", "-3,150,000 CHF".
pub fn parse_amount(text: &str) -> Option<f64> {
    let t = text.to_lowercase();
    let t = t.trim();
    let number: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}')
        })
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    let suffix = t
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .next()
        .unwrap_or("");
    let factor = match suffix {
        "bn" | "b" => 1e9,
        "m" | "mn" | "mio" => 1e6,
        "k" => 1e3,
        _ => 1.0,
    };
    let n = grouped_number(&number, factor != 1.0)?;
    let negative = t.starts_with(['-', '−']) || t.starts_with('(');
    Some(if negative { -n } else { n } * factor)
}

/// Digits with `.` and `,` as decimal and grouping marks: the last mark is the decimal
/// one when both occur; a lone mark before exactly three digits groups thousands
/// unless `decimal_likely` (as in "1.5M").
fn grouped_number(text: &str, decimal_likely: bool) -> Option<f64> {
    let marks: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let plain = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let decimal_at = match marks.as_slice() {
        [] => None,
        [(at, _)] => {
            let after = text.len() - at - 1;
            (after != 3 || decimal_likely).then_some(*at)
        }
        many => {
            let (last_at, last) = many[many.len() - 1];
            let mixed = many.iter().any(|(_, c)| *c != last);
            mixed.then_some(last_at)
        }
    };
    let n = match decimal_at {
        Some(at) => format!("{}.{}", plain(&text[..at]), plain(&text[at + 1..])),
        None => plain(text),
    };
    n.parse::<f64>().ok().filter(|n| n.is_finite())
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
    LEXICON.status(&fold(text))
}

pub fn parse_treatment(text: &str) -> Option<Treatment> {
    LEXICON.treatment(&fold(text))
}

/// The workspace's category a value names: by its name, code or prefix, else by the
/// word list (in any of its languages, or one of the value's words).
pub fn parse_category(text: &str, categories: &[Category]) -> Option<String> {
    let label = fold(text);
    if let Some(c) = categories.iter().find(|c| {
        fold(&c.name) == label || c.code.replace('_', " ") == label || fold(&c.prefix) == label
    }) {
        return Some(c.code.clone());
    }
    let code = LEXICON.category(&label)?;
    categories
        .iter()
        .any(|c| c.code == code)
        .then(|| code.to_string())
}

/// A new category for a value the workspace has no category for: its code and a
/// reference prefix that no category in `taken` uses.
pub fn new_category(name: &str, taken: &[Category]) -> Category {
    let latin = transliterate(&fold(name));
    let mut code: String = latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if !code.starts_with(|c: char| c.is_ascii_lowercase()) {
        code = format!("c_{code}");
    }
    code.truncate(36);
    let code = code.trim_end_matches('_').to_string();
    let code = (1..)
        .map(|n| {
            if n == 1 {
                code.clone()
            } else {
                format!("{code}_{n}")
            }
        })
        .find(|c| !taken.iter().any(|t| t.code == *c))
        .expect("some code is free");
    let letters: Vec<char> = latin
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let words: Vec<&str> = latin
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let initials: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .take(3)
        .collect();
    let mut candidates: Vec<String> = Vec::new();
    if words.len() >= 2 {
        candidates.push(initials);
    }
    candidates.push(letters.iter().take(3).collect());
    // The first letter with each later pair, then any two letters A-Z.
    for i in 1..letters.len() {
        for j in i + 1..letters.len() {
            candidates.push([letters[0], letters[i], letters[j]].iter().collect());
        }
    }
    for a in 'A'..='Z' {
        for b in 'A'..='Z' {
            candidates.push(format!("X{a}{b}"));
        }
    }
    let prefix = candidates
        .into_iter()
        .filter(|p| (2..=4).contains(&p.len()))
        .find(|p| !taken.iter().any(|t| t.prefix == *p))
        .unwrap_or_else(|| "XZZZ".to_string());
    let mut display: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if display.chars().count() > 100 {
        display = display.chars().take(100).collect();
    }
    Category {
        code,
        name: display,
        prefix,
        built_in: false,
    }
}

/// Cyrillic in Latin letters, for codes and prefixes (names keep their own script).
fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            c if c.is_ascii() => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        out.push_str(latin);
    }
    out
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
            to(&propose_scores(&d(&["1", "5", "3"]), &five, true, 5, &[])),
            [Some("1"), Some("5"), Some("3")]
        );
        assert_eq!(
            to(&propose_scores(
                &d(&["Low", "Medium", "High"]),
                &five,
                true,
                0,
                &[]
            )),
            [Some("1"), Some("3"), Some("5")]
        );
        assert_eq!(
            to(&propose_scores(
                &d(&["likely", "RARE", "Often"]),
                &five,
                true,
                0,
                &[]
            )),
            [Some("4"), Some("1"), None]
        );
        assert_eq!(
            to(&propose_scores(
                &d(&["35%", "90 %", "2%"]),
                &five,
                true,
                90,
                &[]
            )),
            [Some("3"), Some("5"), Some("1")]
        );
        assert_eq!(
            to(&propose_scores(&d(&["0.35", "0.9"]), &five, true, 0, &[])),
            [Some("3"), Some("5")]
        );
        assert_eq!(
            to(&propose_scores(&d(&["2", "10"]), &five, true, 10, &[])),
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
                250000,
                &[]
            )),
            [Some("1"), Some("3"), Some("2")]
        );
        let nist = propose_scores(
            &d(&["Very Low", "Moderate", "Very High"]),
            &five,
            false,
            0,
            &[],
        );
        assert_eq!(to(&nist), [Some("1"), Some("3"), Some("5")]);
        assert_eq!(
            nist[1].how,
            "by rank in Very low…Low…Moderate…High…Very high"
        );
    }

    #[test]
    fn labelled_numbers_wide_scales_amounts_and_marked_levels() {
        let five = axis(&[("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", "")]);
        let d = |v: &[&str]| v.iter().map(|s| (s.to_string(), 1)).collect::<Vec<_>>();
        // "3 - Possible": the number leads.
        let labelled = d(&["3 - Possible", "1 - Rare", "5 - Almost Certain"]);
        assert_eq!(
            to(&propose_scores(&labelled, &five, true, 5, &[])),
            [Some("3"), Some("1"), Some("5")]
        );
        assert_eq!(
            largest_whole(&["5 - Extreme".into(), "2 - Minor".into()]),
            5
        );
        // 0-10 scales by rank, 0 the lowest level; 0-100 too.
        assert_eq!(
            to(&propose_scores(
                &d(&["0", "3", "8", "10"]),
                &five,
                true,
                10,
                &[]
            )),
            [Some("1"), Some("2"), Some("4"), Some("5")]
        );
        assert_eq!(
            to(&propose_scores(
                &d(&["15", "55", "95"]),
                &five,
                true,
                95,
                &[]
            )),
            [Some("1"), Some("3"), Some("5")]
        );
        // Amounts without money bands on the matrix: by size, logarithmic.
        let amounts = d(&["1,000 CHF", "1'000'000 CHF", "31,600 CHF"]);
        assert_eq!(
            to(&propose_scores(&amounts, &five, false, 0, &[])),
            [Some("1"), Some("5"), Some("3")]
        );
        assert_eq!(parse_amount("300,000 CHF"), Some(300_000.0));
        assert_eq!(parse_amount("-3,150,000 CHF"), Some(-3_150_000.0));
        assert_eq!(parse_amount("1.234.567,89 €"), Some(1_234_567.89));
        assert_eq!(parse_amount("1'250.50 CHF"), Some(1_250.5));
        assert_eq!(parse_amount("$1.5M"), Some(1_500_000.0));
        assert_eq!(parse_amount("2 000 000 EUR"), Some(2_000_000.0));
        // Marked level columns name their whole scale: L is the second of VL…VH.
        let marked = d(&["L", "M", "H"]);
        let levels: Vec<String> = ["VL", "L", "M", "H", "VH"].map(String::from).to_vec();
        assert_eq!(
            to(&propose_scores(&marked, &five, false, 0, &levels)),
            [Some("2"), Some("3"), Some("4")]
        );
        assert_eq!(
            to(&propose_scores(&marked, &five, false, 0, &[])),
            [Some("1"), Some("3"), Some("5")]
        );
    }

    /// One register's words per language: its levels read by rank, its statuses and
    /// treatments by name.
    #[test]
    fn levels_statuses_and_treatments_in_every_language() {
        let five = axis(&[("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", "")]);
        let d = |v: &[&str]| v.iter().map(|s| (s.to_string(), 1)).collect::<Vec<_>>();
        let cases: &[(&str, [&str; 3], &str, &str)] = &[
            ("en", ["Low", "Medium", "High"], "In progress", "Mitigate"),
            (
                "de",
                ["Niedrig", "Mittel", "Hoch"],
                "In Bearbeitung",
                "Vermeiden",
            ),
            ("fr", ["Faible", "Moyen", "Élevé"], "En cours", "Réduire"),
            ("es", ["Bajo", "Medio", "Alto"], "En curso", "Mitigar"),
            ("it", ["Basso", "Medio", "Alto"], "In corso", "Mitigare"),
            ("pt", ["Baixo", "Médio", "Alto"], "Em andamento", "Mitigar"),
            (
                "nl",
                ["Laag", "Gemiddeld", "Hoog"],
                "In behandeling",
                "Verminderen",
            ),
            (
                "pl",
                ["Niskie", "Średnie", "Wysokie"],
                "W trakcie",
                "Redukcja",
            ),
            ("cs", ["Nízká", "Střední", "Vysoká"], "V řešení", "Snížení"),
            (
                "sk",
                ["Nízka", "Stredná", "Vysoká"],
                "V riešení",
                "Zníženie",
            ),
            (
                "ru",
                ["Низкое", "Среднее", "Высокое"],
                "В работе",
                "Снижение",
            ),
        ];
        for (language, levels, status, treatment) in cases {
            assert_eq!(
                to(&propose_scores(&d(levels), &five, true, 0, &[])),
                [Some("1"), Some("3"), Some("5")],
                "{language}"
            );
            assert_eq!(
                parse_status(status),
                Some(RiskStatus::Mitigating),
                "{language}"
            );
            assert!(
                parse_treatment(treatment).is_some(),
                "{language}: {treatment}"
            );
        }
        // Slovak five-level impacts and a cell cut short.
        let sk = d(&[
            "Zanedbateľný",
            "Malý",
            "Stredný",
            "Závažný",
            "Katastrofický",
        ]);
        assert_eq!(
            to(&propose_scores(&sk, &five, false, 0, &[])),
            [Some("1"), Some("2"), Some("3"), Some("4"), Some("5")]
        );
        assert_eq!(parse_treatment("Предотвращени"), Some(Treatment::Avoid));
    }

    #[test]
    fn new_categories_get_free_codes_and_prefixes() {
        let cats = crate::model::built_in_categories();
        let c = new_category("Logging/Monitoring", &cats);
        assert_eq!(
            (c.code.as_str(), c.prefix.as_str()),
            ("logging_monitoring", "LM")
        );
        let c = new_category("Время / Сроки", &cats);
        assert_eq!(c.code, "vremya_sroki");
        assert_eq!(c.name, "Время / Сроки");
        assert!(c.validate().is_ok());
        // The prefix of a built-in category is not taken again.
        let c = new_category("Security Ops", &cats);
        assert_ne!(c.prefix, "SEC");
        assert!(c.validate().is_ok());
        assert_eq!(
            parse_category("Technisch", &cats).as_deref(),
            Some("technical")
        );
        assert_eq!(
            parse_category("IAM / Phishing", &cats).as_deref(),
            Some("security")
        );
        assert_eq!(parse_category("Vendor", &cats), None);
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
