//! One row of the table read into a risk's fields, with the row's problems: each
//! mapped column sets its field, values go through the value mappings, dates through
//! the date order, and a score needs both its likelihood and its impact.

use std::collections::HashMap;

use super::columns::{Axis, ColumnMapping, ColumnTarget};
use super::dates::{self, DateOrder, DateRead};
use super::problem::ImportProblem;
use super::table::{CellValue, TableRow};
use super::values;
use crate::matrix::Score;
use crate::model::{RiskFields, RiskStatus, ScoreKind, Treatment};

pub(super) struct RowReader<'a> {
    pub columns: &'a [ColumnMapping],
    /// (column, value) → what it becomes, from the value mappings.
    pub reading: HashMap<(usize, &'a str), Option<String>>,
    /// The category of a new risk whose row has none.
    pub default_category: &'a str,
    pub date_order: Option<DateOrder>,
}

/// A row as read: the fields, what keeps it from being imported, what is worth checking.
pub(super) struct ReadRow {
    pub fields: RiskFields,
    pub problems: Vec<ImportProblem>,
    pub warnings: Vec<ImportProblem>,
}

impl RowReader<'_> {
    /// Reads `row` over `base`: a new risk's fields, or those of the risk it updates,
    /// which only the file's columns change.
    pub fn read(&self, row: &TableRow, base: RiskFields, is_new: bool) -> ReadRow {
        let cell = |i: usize| row.cells.get(i).unwrap_or(&CellValue::Empty);
        let problem = |column: &ColumnMapping, message: String| ImportProblem {
            row: Some(row.number),
            column: Some(column.header.clone()),
            message,
        };
        let mut fields = base;
        let mut problems: Vec<ImportProblem> = Vec::new();
        let mut warnings: Vec<ImportProblem> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        // Likelihood and impact read per assessment, in the order of ScoreKind::ALL.
        let mut scores: [(Option<u8>, Option<u8>); 3] = Default::default();
        let slot_of = |kind: ScoreKind| {
            ScoreKind::ALL
                .iter()
                .position(|k| *k == kind)
                .expect("a kind")
        };
        for c in self.columns {
            let value = cell(c.index);
            let text = cell_text(value);
            let mapped = || {
                self.reading
                    .get(&(c.index, text.as_str()))
                    .cloned()
                    .flatten()
            };
            match c.target {
                ColumnTarget::Skip | ColumnTarget::Reference => {}
                ColumnTarget::Note => {
                    if !text.is_empty() {
                        notes.push(format!("{}: {text}", c.header.trim()));
                    }
                }
                // A title longer than a title may be is shortened; all of it is kept.
                ColumnTarget::Title if text.chars().count() > MAX_TITLE => {
                    let title = title_from_text(&text);
                    warnings.push(problem(
                        c,
                        format!(
                            "the title is {} characters long; shortened to {:?}, the whole text is in the description",
                            text.chars().count(),
                            title
                        ),
                    ));
                    fields.description = if fields.description.trim().is_empty() {
                        text.clone()
                    } else {
                        format!("{text}\n\n{}", fields.description)
                    };
                    fields.title = title;
                }
                ColumnTarget::Title => fields.title = text,
                ColumnTarget::TitleFromText => {
                    let title = title_from_text(&text);
                    if title != text.trim() {
                        fields.description = text.clone();
                    }
                    fields.title = title;
                }
                ColumnTarget::Description => fields.description = text,
                ColumnTarget::Cause => fields.cause = text,
                ColumnTarget::Consequence => fields.consequence = text,
                ColumnTarget::Owner => fields.owner = text,
                ColumnTarget::TreatmentRationale => fields.treatment_rationale = text,
                ColumnTarget::AcceptanceApprover => fields.acceptance_approver = text,
                ColumnTarget::Tags => fields.tags = split_tags(&text),
                ColumnTarget::Category => {
                    if text.is_empty() {
                        if is_new {
                            fields.category = self.default_category.to_string();
                        }
                    } else {
                        match mapped() {
                            Some(code) => fields.category = code,
                            None => problems.push(problem(
                                c,
                                format!("{text:?} is not a category of this workspace"),
                            )),
                        }
                    }
                }
                // A status or treatment the app has no word for comes in as a note, with
                // a warning: the row is worth more than the one word.
                ColumnTarget::Status => {
                    if text.is_empty() {
                        fields.status = RiskStatus::Open;
                    } else {
                        match mapped().and_then(|s| RiskStatus::parse(&s, "status").ok()) {
                            Some(s) => fields.status = s,
                            None => {
                                warnings.push(problem(
                                    c,
                                    format!("{text:?} is not a status (open, mitigating, accepted, closed); kept in the description"),
                                ));
                                notes.push(format!("{}: {text}", c.header.trim()));
                            }
                        }
                    }
                }
                ColumnTarget::Treatment => {
                    if text.is_empty() {
                        fields.treatment = None;
                    } else {
                        match mapped().and_then(|t| Treatment::parse(&t, "treatment").ok()) {
                            Some(t) => fields.treatment = Some(t),
                            None => {
                                warnings.push(problem(
                                    c,
                                    format!("{text:?} is not a treatment (avoid, reduce, transfer, share, accept); kept in the description"),
                                ));
                                notes.push(format!("{}: {text}", c.header.trim()));
                            }
                        }
                    }
                }
                ColumnTarget::NextReview | ColumnTarget::AcceptanceExpiry => {
                    let date = if value.is_empty() {
                        None
                    } else {
                        match dates::read_date(value, self.date_order) {
                            DateRead::Date(d) => Some(d),
                            DateRead::MonthOnly(d) => {
                                warnings
                                    .push(problem(c, format!("{text:?} has no day; read as {d}")));
                                Some(d)
                            }
                            // Reported once for the file by detect_date_order.
                            DateRead::Ambiguous => None,
                            DateRead::Invalid => {
                                problems.push(problem(c, format!("{text:?} is not a date")));
                                None
                            }
                        }
                    };
                    if c.target == ColumnTarget::NextReview {
                        fields.next_review = date;
                    } else {
                        fields.acceptance_expiry = date;
                    }
                }
                target => {
                    let (kind, axis) = target.score_axis().expect("the other targets are scores");
                    let slot = &mut scores[slot_of(kind)];
                    if text.is_empty() {
                        continue;
                    }
                    let noun = match axis {
                        Axis::Likelihood => "likelihood",
                        Axis::Impact => "impact",
                    };
                    match mapped().and_then(|p| p.parse::<u8>().ok()) {
                        Some(p) => match axis {
                            Axis::Likelihood => slot.0 = Some(p),
                            Axis::Impact => slot.1 = Some(p),
                        },
                        None => problems.push(problem(c, format!("{text:?} is not a {noun}"))),
                    }
                }
            }
        }
        // An acceptance needs who approved it and until when; without them the risk
        // comes in untreated and the file's word is kept, for the review to decide.
        if fields.treatment == Some(Treatment::Accept)
            && (fields.acceptance_approver.trim().is_empty() || fields.acceptance_expiry.is_none())
        {
            if let Some(c) = self
                .columns
                .iter()
                .find(|c| c.target == ColumnTarget::Treatment)
            {
                let lacking = match (
                    fields.acceptance_approver.trim().is_empty(),
                    fields.acceptance_expiry.is_none(),
                ) {
                    (true, true) => "approver or expiry date",
                    (true, false) => "approver",
                    _ => "expiry date",
                };
                warnings.push(problem(
                    c,
                    format!("the acceptance has no {lacking}; imported without a treatment, acceptance pending"),
                ));
                notes.push(format!(
                    "{}: {} (acceptance pending: no {lacking})",
                    c.header.trim(),
                    cell_text(cell(c.index))
                ));
                fields.treatment = None;
            }
        }
        if !notes.is_empty() {
            let joined = notes.join("\n");
            // A risk imported before holds the notes already.
            fields.description = if fields.description.ends_with(&joined) {
                fields.description
            } else if fields.description.trim().is_empty() {
                joined
            } else {
                format!("{}\n\n{joined}", fields.description.trim_end())
            };
        }
        for (kind, pair) in ScoreKind::ALL.into_iter().zip(scores) {
            let column_of = |axis: Axis| {
                self.columns
                    .iter()
                    .find(|c| c.target.score_axis() == Some((kind, axis)))
            };
            // A score the file has no column for is left as it is.
            if column_of(Axis::Likelihood).is_none() && column_of(Axis::Impact).is_none() {
                continue;
            }
            match pair {
                (Some(l), Some(i)) => *fields.score_mut(kind) = Some(Score::new(l, i)),
                (None, None) => *fields.score_mut(kind) = None,
                (l, _) => {
                    let (missing_axis, present, missing) = if l.is_none() {
                        (Axis::Likelihood, Axis::Impact, "likelihood")
                    } else {
                        (Axis::Impact, Axis::Likelihood, "impact")
                    };
                    // Only when the cell is empty: an unreadable one is reported already.
                    let empty = column_of(missing_axis).is_none_or(|c| cell(c.index).is_empty());
                    if empty {
                        if let Some(c) = column_of(present) {
                            warnings.push(problem(
                                c,
                                format!(
                                    "the {} score has no {missing}; the risk is imported without it",
                                    kind.as_str()
                                ),
                            ));
                        }
                        *fields.score_mut(kind) = None;
                    }
                }
            }
        }
        ReadRow {
            fields,
            problems,
            warnings,
        }
    }
}

/// The title a risk's text gives: its first line without a bullet, cut after its first
/// sentence or at a word when long.
/// The longest title a risk may have (see `RiskFields::validate`).
const MAX_TITLE: usize = 300;

pub(super) fn title_from_text(text: &str) -> String {
    const LONGEST: usize = 120;
    let line = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['•', '-', '*', '–', '·'])
                .trim()
        })
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if line.chars().count() <= LONGEST {
        return line.to_string();
    }
    let head: String = line.chars().take(LONGEST).collect();
    if let Some(end) = head.find(". ").filter(|at| *at >= 20) {
        return head[..end].to_string();
    }
    let cut = head.rfind(' ').filter(|at| *at >= 40).unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':', ' ']))
}

/// A cell's text as imported (numbers as a person reads them).
pub(super) fn cell_text(cell: &CellValue) -> String {
    match cell {
        CellValue::Text(t) => values::clean_text(t),
        other => other.display(),
    }
}

fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = text
        .split([',', ';', '\n'])
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join("-"))
        .filter(|t| !t.is_empty())
        .collect();
    tags.dedup();
    tags
}
