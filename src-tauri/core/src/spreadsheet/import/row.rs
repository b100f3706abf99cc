//! One row of the table read into a risk's fields, with the row's problems: each
//! mapped column sets its field, values go through the value mappings, dates through
//! the date order, and a score needs both its likelihood and its impact.

use std::collections::HashMap;

use super::columns::{Axis, ColumnMapping, ColumnTarget};
use super::dates::{self, DateOrder, DateRead};
use super::plan::ImportProblem;
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
                ColumnTarget::Title => fields.title = text,
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
                ColumnTarget::Status => {
                    if text.is_empty() {
                        fields.status = RiskStatus::Open;
                    } else {
                        match mapped().and_then(|s| RiskStatus::parse(&s, "status").ok()) {
                            Some(s) => fields.status = s,
                            None => problems.push(problem(
                                c,
                                format!(
                                    "{text:?} is not a status (open, mitigating, accepted, closed)"
                                ),
                            )),
                        }
                    }
                }
                ColumnTarget::Treatment => {
                    if text.is_empty() {
                        fields.treatment = None;
                    } else {
                        match mapped().and_then(|t| Treatment::parse(&t, "treatment").ok()) {
                            Some(t) => fields.treatment = Some(t),
                            None => problems.push(problem(c, format!("{text:?} is not a treatment (avoid, reduce, transfer, share, accept)"))),
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
                    let missing = if l.is_none() {
                        Axis::Likelihood
                    } else {
                        Axis::Impact
                    };
                    let present = if l.is_none() {
                        Axis::Impact
                    } else {
                        Axis::Likelihood
                    };
                    // Only when the cell is empty: an unreadable one is reported already.
                    let empty = column_of(missing).is_none_or(|c| cell(c.index).is_empty());
                    if empty {
                        if let Some(c) = column_of(present) {
                            problems.push(problem(
                                c,
                                format!(
                                "a {} score needs both likelihood and impact; the {} is missing",
                                kind.as_str(),
                                if missing == Axis::Likelihood { "likelihood" } else { "impact" }
                            ),
                            ));
                        }
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
