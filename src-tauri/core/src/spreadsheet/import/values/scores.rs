//! Score columns read onto the matrix's axes: numbers on their scale, labels by rank,
//! percentages and amounts into the levels' ranges or by size.
use super::*;

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
pub(super) fn magnitude(value: &str, scale: usize) -> Option<f64> {
    if has_currency(value) {
        return parse_amount(value).map(f64::abs);
    }
    parse_number(value).filter(|n| *n > scale.max(10) as f64)
}

/// What a column's values tell about reading each of them.
pub(super) struct Reading<'a> {
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
pub(super) fn best_scale(labels: &[String]) -> Option<&'static Scale> {
    LEXICON
        .scales
        .iter()
        .map(|voc| (voc, labels.iter().filter(|l| voc.rank(l).is_some()).count()))
        .filter(|(_, hits)| *hits > 0)
        .max_by(|(a, ha), (b, hb)| ha.cmp(hb).then(b.levels.len().cmp(&a.levels.len())))
        .map(|(voc, _)| voc)
}

/// The position of the level whose range ("< 10 % a year", "10-50 %", "€50k-€500k",
/// "> €2.5M") holds `x` (a percentage or an amount).
pub(super) fn band_of(x: f64, axis: &[AxisLevel], percent: bool) -> Option<u8> {
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

pub(crate) fn parse_range(range: &str) -> Option<(f64, f64)> {
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
pub(super) fn first_quantity(text: &str) -> &str {
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
