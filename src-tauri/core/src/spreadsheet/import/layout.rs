//! Where the register sits on its sheet: the header row below any title rows, or two
//! header rows when labels span sub-columns ("Probability" over "VL L M H VH"), and
//! such groups of level columns marked with an "X" read as one score column.

use std::borrow::Cow;

use super::columns::{classify, header_score, HEADER_SEARCH_ROWS};
use super::lexicon::{fold, HeaderMeaning, LEXICON};
use super::problem::ImportProblem;
use super::table::{CellValue, TableRow};
use crate::error::{Error, Result};

/// The header and the rows below it, as the mapping reads them.
pub(super) struct Layout<'a> {
    /// The number of the header's (first) row as the spreadsheet shows it.
    pub header_number: u32,
    pub headers: Vec<String>,
    /// The rows below the header, with marked level columns folded into one.
    pub data: Cow<'a, [TableRow]>,
    /// What was read in a way worth saying (two header rows, marked levels).
    pub notes: Vec<ImportProblem>,
    /// For a column folded from marked levels: all the levels its header named, so that
    /// the values are read on that scale even when some level is never marked.
    pub levels: Vec<(usize, Vec<String>)>,
    /// Said when no row looks like a header (the first row is taken).
    pub problem: Option<ImportProblem>,
}

/// Finds the header (at `header_row` when given) and reads the rows below it.
pub(super) fn read_layout(rows: &[TableRow], header_row: Option<u32>) -> Result<Layout<'_>> {
    let (at, two_rows, problem) = match header_row {
        Some(n) => {
            let at = rows.iter().position(|r| r.number == n).ok_or_else(|| {
                Error::invalid("header_row", n, "that row is empty or beyond the table")
            })?;
            let two = merged_header(rows, at).is_some_and(|(_, score)| {
                score > header_score(&texts(&rows[at]))
            });
            (at, two, None)
        }
        None => match detect(rows) {
            Some((at, two)) => (at, two, None),
            None => (
                0,
                false,
                Some(ImportProblem {
                    row: None,
                    column: None,
                    message: format!(
                        "no row among the first {HEADER_SEARCH_ROWS} looks like a header with a title or likelihood column; choose the header row"
                    ),
                }),
            ),
        },
    };
    let mut notes = Vec::new();
    let (headers, groups) = if two_rows {
        let (headers, groups) = merge(&texts(&rows[at]), &texts(&rows[at + 1]));
        notes.push(ImportProblem {
            row: Some(rows[at].number),
            column: None,
            message: format!(
                "the header spans rows {} and {}; their labels are read together",
                rows[at].number,
                rows[at + 1].number
            ),
        });
        (headers, groups)
    } else {
        (texts(&rows[at]), Vec::new())
    };
    let start = at + if two_rows { 2 } else { 1 };
    // The rows are copied only when marked levels are folded into them.
    let mut data: Cow<'_, [TableRow]> = Cow::Borrowed(&rows[start..]);
    for group in &groups {
        notes.push(ImportProblem {
            row: None,
            column: Some(group.label.clone()),
            message: format!(
                "columns {}–{} ({}) are read as one score: the level marked in each row",
                column_letter(group.first),
                column_letter(group.first + group.levels.len() - 1),
                group.levels.join(", ")
            ),
        });
        for row in data.to_mut().iter_mut() {
            fold_marks(row, group, &mut notes);
        }
    }
    Ok(Layout {
        header_number: rows[at].number,
        headers,
        data,
        notes,
        levels: groups.into_iter().map(|g| (g.first, g.levels)).collect(),
        problem,
    })
}

/// Columns under one label whose sub-labels are the levels of a scale.
struct MarkGroup {
    first: usize,
    label: String,
    levels: Vec<String>,
}

fn texts(row: &TableRow) -> Vec<String> {
    row.cells
        .iter()
        .map(|c| match c {
            CellValue::Text(t) => t.trim().to_string(),
            _ => String::new(),
        })
        .collect()
}

/// The best header among the first rows: (index, whether it spans two rows).
fn detect(rows: &[TableRow]) -> Option<(usize, bool)> {
    let mut best: Option<(usize, bool, usize)> = None;
    for at in 0..rows.len().min(HEADER_SEARCH_ROWS) {
        let single = header_score(&texts(&rows[at]));
        // Two rows only when together they say more than either alone.
        let below = rows.get(at + 1).map_or(0, |r| header_score(&texts(r)));
        let pair = merged_header(rows, at).map_or(0, |(_, s)| s);
        let two = pair > single && pair > below;
        let score = if two { pair } else { single };
        if score > 0 && best.is_none_or(|(_, _, s)| score > s) {
            best = Some((at, two, score));
        }
    }
    best.map(|(at, two, _)| (at, two))
}

/// The header read from rows `at` and `at + 1`, and its score, when the second row
/// fills the gaps under the first's labels and holds only text.
fn merged_header(rows: &[TableRow], at: usize) -> Option<(Vec<String>, usize)> {
    let upper = &rows[at];
    let lower = rows.get(at + 1)?;
    if lower.number != upper.number + 1
        || lower
            .cells
            .iter()
            .any(|c| !matches!(c, CellValue::Text(_) | CellValue::Empty))
    {
        return None;
    }
    let (up, low) = (texts(upper), texts(lower));
    let gaps_filled = (0..low.len())
        .filter(|&i| !low[i].is_empty() && up.get(i).is_none_or(String::is_empty))
        .count();
    if gaps_filled < 2 {
        return None;
    }
    let (headers, groups) = merge(&up, &low);
    // A group of marked levels names a score as surely as a header does.
    let score = header_score(&headers) + groups.len();
    Some((headers, score))
}

/// One header from two rows: the upper label spans the empty cells to its right that
/// the lower row fills; a column is named by both labels when they are known together
/// ("Risk" over "Owner"), else by the lower one when it is known, else by both.
fn merge(up: &[String], low: &[String]) -> (Vec<String>, Vec<MarkGroup>) {
    let width = up.len().max(low.len());
    let cell = |row: &[String], i: usize| row.get(i).cloned().unwrap_or_default();
    let mut spanned = Vec::with_capacity(width);
    let mut current = String::new();
    for i in 0..width {
        let u = cell(up, i);
        if !u.is_empty() {
            current = u;
        } else if cell(low, i).is_empty() {
            current = String::new();
        }
        spanned.push(current.clone());
    }
    let groups = mark_groups(
        &spanned,
        &(0..width).map(|i| cell(low, i)).collect::<Vec<_>>(),
    );
    let headers = (0..width)
        .map(|i| {
            let (u, l) = (spanned[i].clone(), cell(low, i));
            if let Some(g) = groups
                .iter()
                .find(|g| (g.first..g.first + g.levels.len()).contains(&i))
            {
                return if i == g.first {
                    u
                } else {
                    format!("{u} › {l}")
                };
            }
            if l.is_empty() || fold(&u) == fold(&l) {
                return if l.is_empty() { u } else { l };
            }
            if u.is_empty() {
                return l;
            }
            // Both when they are known together ("Risk" over "Owner") or when the upper
            // label says which assessment the lower one scores ("Inherent" over
            // "Likelihood"); else the lower one when it is known.
            let both = format!("{u} {l}");
            let (together, lower) = (classify(&both), classify(&l));
            let qualifies =
                matches!((together, lower), (Some((m, Some(_))), Some((n, None))) if m == n);
            if LEXICON.header(&fold(&both)).is_some() || qualifies || lower.is_none() {
                both
            } else {
                l
            }
        })
        .collect();
    (headers, groups)
}

/// Runs of three or more columns under one likelihood or impact label whose
/// sub-labels are levels of one scale (or numbers).
fn mark_groups(spanned: &[String], low: &[String]) -> Vec<MarkGroup> {
    let is_score_label = |label: &str| {
        classify(label).is_some_and(|(m, _)| {
            matches!(
                m,
                HeaderMeaning::Likelihood
                    | HeaderMeaning::Impact
                    | HeaderMeaning::Consequence
                    | HeaderMeaning::ConsequenceOrImpact
            )
        })
    };
    let mut groups = Vec::new();
    let mut i = 0;
    while i < spanned.len() {
        let label = &spanned[i];
        let mut end = i;
        while end < spanned.len() && spanned[end] == *label && !low[end].is_empty() {
            end += 1;
        }
        let levels: Vec<String> = low[i..end].to_vec();
        let on_one_scale = LEXICON
            .scales
            .iter()
            .any(|s| levels.iter().all(|l| s.rank(&fold(l)).is_some()))
            || levels.iter().all(|l| l.parse::<u32>().is_ok());
        if !label.is_empty() && levels.len() >= 3 && is_score_label(label) && on_one_scale {
            groups.push(MarkGroup {
                first: i,
                label: label.clone(),
                levels,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    groups
}

/// Puts the level marked in a group's columns into its first column.
fn fold_marks(row: &mut TableRow, group: &MarkGroup, notes: &mut Vec<ImportProblem>) {
    let columns = group.first..group.first + group.levels.len();
    let marked: Vec<usize> = columns
        .clone()
        .filter(|&i| row.cells.get(i).is_some_and(|c| !c.is_empty()))
        .collect();
    if row.cells.len() < columns.end {
        row.cells.resize(columns.end, CellValue::Empty);
    }
    for i in columns.clone() {
        row.cells[i] = CellValue::Empty;
    }
    if let Some(&first) = marked.first() {
        if marked.len() > 1 {
            notes.push(ImportProblem {
                row: Some(row.number),
                column: Some(group.label.clone()),
                message: format!(
                    "{} levels are marked; the first, {}, is read",
                    marked.len(),
                    group.levels[first - group.first]
                ),
            });
        }
        row.cells[group.first] = CellValue::Text(group.levels[first - group.first].clone());
    }
}

/// "A", "B", … "AA" for a 0-based column.
pub(super) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
