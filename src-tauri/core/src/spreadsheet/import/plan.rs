//! The dry run: the table read into risks of a partnership, with every problem named by
//! the row number the spreadsheet shows and the column's header.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{self, Axis, ColumnMapping, ColumnTarget};
use super::table::{CellValue, SourceInfo, Table};
use super::values::{self, DateOrder, DateRead, ValueEntry};
use crate::error::{Error, Result};
use crate::matrix::{Matrix, Score};
use crate::model::{RiskFields, RiskStatus, ScoreKind, Treatment};
use crate::store::check_risk;
use crate::store::Store;

/// How the file's columns and values become fields. The dry run proposes one; the user
/// may change it and give it back (`--mapping FILE.json` in `prisk`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportMapping {
    /// The header's row number as the spreadsheet shows it.
    pub header_row: u32,
    pub columns: Vec<ColumnMapping>,
    /// For columns of categories, statuses, treatments and scores: each distinct value
    /// and what it becomes.
    #[serde(default)]
    pub values: Vec<ValueMapping>,
    /// How numeric dates such as 03/04/2027 are read; asked when the file does not say.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
    /// The category of rows without one.
    pub default_category: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueMapping {
    pub column: usize,
    pub header: String,
    pub entries: Vec<ValueEntry>,
}

/// A problem found by the dry run. Without a row, it concerns the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column {c:?}: {}", self.message),
            (Some(r), None) => write!(f, "row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "column {c:?}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowChange {
    New,
    /// A risk with the same reference or title is in the register and will be updated.
    Update,
    /// The same risk is in the register with the same values.
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlannedRow {
    /// The row number as the spreadsheet shows it.
    pub row: u32,
    pub fields: RiskFields,
    pub change: RowChange,
    /// The risk it updates (id and reference).
    pub existing_id: Option<String>,
    pub existing_reference: Option<String>,
    /// Whether the row has no problem.
    pub valid: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportCounts {
    pub rows: usize,
    pub valid: usize,
    pub invalid: usize,
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
}

/// The dry run's result: what an import of this file would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPlan {
    pub partnership_id: String,
    /// The file's name, as the audit log records it.
    pub file_name: String,
    pub source: SourceInfo,
    pub headers: Vec<String>,
    pub mapping: ImportMapping,
    pub rows: Vec<PlannedRow>,
    /// Problems that keep rows (or, without a row, the whole file) from being imported.
    pub problems: Vec<ImportProblem>,
    /// Values read with a guess worth checking (e.g. "May 2027" as 1 May 2027).
    pub warnings: Vec<ImportProblem>,
    pub counts: ImportCounts,
}

/// The first category a new workspace lists that is not specific (operational).
const FALLBACK_CATEGORY: &str = "operational";

impl Store {
    /// The dry run: reads `table` into the partnership's risks with `mapping`, or with
    /// the mapping it proposes; `header_row` overrides the detected header. Writes
    /// nothing.
    pub fn plan_import(
        &self,
        partnership_id: &str,
        file_name: &str,
        table: &Table,
        mapping: Option<ImportMapping>,
        header_row: Option<u32>,
        date_order: Option<DateOrder>,
    ) -> Result<ImportPlan> {
        let partnership = self.partnership(partnership_id)?;
        let matrix = self.matrix(&partnership.matrix_id)?;
        let categories = self.categories()?;
        let prefixes = self.category_prefixes()?;
        let header_row = header_row.or(mapping.as_ref().map(|m| m.header_row));
        // Problems of the whole file are returned in the plan (not as an error), so that
        // the user sees the columns and can choose the header or the title column.
        let mut problems = Vec::new();
        if table.rows.is_empty() {
            return Err(Error::invalid(
                "file",
                "",
                "the file holds no rows with values",
            ));
        }
        let header_at = match header_row {
            Some(n) => table.rows.iter().position(|r| r.number == n).ok_or_else(|| {
                Error::invalid("header_row", n, "that row is empty or beyond the table")
            })?,
            None => columns::detect_header(&table.rows).unwrap_or_else(|| {
                problems.push(ImportProblem {
                    row: None,
                    column: None,
                    message: format!(
                        "no row among the first {} looks like a header with a title or likelihood column; choose the header row",
                        columns::HEADER_SEARCH_ROWS
                    ),
                });
                0
            }),
        };
        let header = &table.rows[header_at];
        let data = &table.rows[header_at + 1..];
        let headers: Vec<String> = header.cells.iter().map(CellValue::display).collect();
        let width = data
            .iter()
            .map(|r| r.cells.len())
            .chain([headers.len()])
            .max()
            .unwrap_or(0);
        let mut headers = headers;
        headers.resize(width, String::new());
        let column_text = |i: usize| -> Vec<String> {
            data.iter()
                .map(|r| r.cells.get(i).map(cell_text).unwrap_or_default())
                .collect()
        };

        let columns = match &mapping {
            Some(m) => checked_columns(&m.columns, &headers)?,
            None => columns::map_columns(&headers, &column_text),
        };
        let title_column = columns.iter().find(|c| c.target == ColumnTarget::Title);
        if title_column.is_none() && problems.is_empty() {
            problems.push(ImportProblem {
                row: None,
                column: None,
                message: "no column is mapped to the title; choose the column that holds the risks' titles".into(),
            });
        }
        let default_category = mapping
            .as_ref()
            .map(|m| m.default_category.clone())
            .unwrap_or_else(|| FALLBACK_CATEGORY.to_string());
        if !prefixes.contains_key(&default_category) {
            return Err(Error::not_found(
                "category",
                "default_category",
                &default_category,
            ));
        }

        // The scale of each axis, from all its columns.
        let largest_whole = |axis: Axis| {
            columns
                .iter()
                .filter(|c| c.target.score_axis().is_some_and(|(_, a)| a == axis))
                .map(|c| values::largest_whole(&column_text(c.index)))
                .max()
                .unwrap_or(0)
        };
        let scales = (largest_whole(Axis::Likelihood), largest_whole(Axis::Impact));
        // Distinct values of the columns whose values are mapped.
        let mut value_maps: Vec<ValueMapping> = Vec::new();
        for c in &columns {
            let mut distinct: BTreeMap<String, u32> = BTreeMap::new();
            let mapped = matches!(
                c.target,
                ColumnTarget::Category | ColumnTarget::Status | ColumnTarget::Treatment
            ) || c.target.score_axis().is_some();
            if !mapped {
                continue;
            }
            let mut order: Vec<String> = Vec::new();
            for text in column_text(c.index) {
                if text.is_empty() {
                    continue;
                }
                let count = distinct.entry(text.clone()).or_insert(0);
                if *count == 0 {
                    order.push(text);
                }
                *count += 1;
            }
            let distinct: Vec<(String, u32)> = order
                .into_iter()
                .map(|v| {
                    let n = distinct[&v];
                    (v, n)
                })
                .collect();
            let mut entries = propose_values(c.target, &distinct, &matrix, &categories, scales);
            // The user's choices win for the values they name.
            if let Some(given) = mapping
                .as_ref()
                .and_then(|m| m.values.iter().find(|v| v.column == c.index))
            {
                for e in &mut entries {
                    if let Some(g) = given.entries.iter().find(|g| g.value == e.value) {
                        if e.to == g.to {
                            continue;
                        }
                        e.to = g.to.clone();
                        e.how = if g.to.is_some() {
                            "chosen".into()
                        } else {
                            "left out".into()
                        };
                    }
                }
                check_value_targets(c, &entries, &matrix, &prefixes)?;
            }
            value_maps.push(ValueMapping {
                column: c.index,
                header: c.header.clone(),
                entries,
            });
        }

        // (column, value) → what it becomes, for the rows below.
        let reading: HashMap<(usize, &str), Option<String>> = value_maps
            .iter()
            .flat_map(|m| {
                m.entries
                    .iter()
                    .map(|e| ((m.column, e.value.as_str()), e.to.clone()))
            })
            .collect();
        let mut warnings = Vec::new();
        let date_columns: Vec<&ColumnMapping> = columns
            .iter()
            .filter(|c| {
                matches!(
                    c.target,
                    ColumnTarget::NextReview | ColumnTarget::AcceptanceExpiry
                )
            })
            .collect();
        let date_order = date_order
            .or(mapping.as_ref().and_then(|m| m.date_order))
            .or_else(|| detect_date_order(data, &date_columns, &mut warnings, &mut problems));

        let existing = self.risks(partnership_id)?;
        let by_reference: HashMap<String, usize> = existing
            .iter()
            .enumerate()
            .flat_map(|(i, r)| [(r.reference.to_lowercase(), i), (r.id.to_lowercase(), i)])
            .collect();
        let by_title: HashMap<String, usize> = existing
            .iter()
            .enumerate()
            .map(|(i, r)| (r.fields.title.trim().to_lowercase(), i))
            .collect();
        let mut seen: HashMap<String, u32> = HashMap::new();

        let mut rows = Vec::with_capacity(data.len());
        // Without a title column no row can be read (the problem says so).
        let rows_to_read = if title_column.is_some() { data } else { &[] };
        for row in rows_to_read {
            let cell = |i: usize| row.cells.get(i).unwrap_or(&CellValue::Empty);
            let mut row_problems: Vec<ImportProblem> = Vec::new();
            let problem = |column: &ColumnMapping, message: String| ImportProblem {
                row: Some(row.number),
                column: Some(column.header.clone()),
                message,
            };
            let reference = columns
                .iter()
                .find(|c| c.target == ColumnTarget::Reference)
                .map(|c| cell_text(cell(c.index)))
                .unwrap_or_default();
            let title_column = title_column.expect("rows are read only with a title column");
            let title = cell_text(cell(title_column.index));
            let matched = by_reference
                .get(&reference.to_lowercase())
                .filter(|_| !reference.is_empty())
                .or_else(|| by_title.get(&title.to_lowercase()))
                .map(|i| &existing[*i]);
            let mut fields = match matched {
                Some(risk) => risk.fields.clone(),
                None => RiskFields::new(default_category.clone(), String::new()),
            };
            let mut notes: Vec<String> = Vec::new();
            // Likelihood and impact read per assessment, in the order of ScoreKind::ALL.
            let mut scores: [(Option<u8>, Option<u8>); 3] = Default::default();
            let slot_of = |kind: ScoreKind| {
                ScoreKind::ALL
                    .iter()
                    .position(|k| *k == kind)
                    .expect("a kind")
            };
            for c in &columns {
                let value = cell(c.index);
                let text = cell_text(value);
                let mapped = || reading.get(&(c.index, text.as_str())).cloned().flatten();
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
                            if matched.is_none() {
                                fields.category = default_category.clone();
                            }
                        } else {
                            match mapped() {
                                Some(code) => fields.category = code,
                                None => row_problems.push(problem(
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
                                None => row_problems.push(problem(c, format!("{text:?} is not a status (open, mitigating, accepted, closed)"))),
                            }
                        }
                    }
                    ColumnTarget::Treatment => {
                        if text.is_empty() {
                            fields.treatment = None;
                        } else {
                            match mapped().and_then(|t| Treatment::parse(&t, "treatment").ok()) {
                                Some(t) => fields.treatment = Some(t),
                                None => row_problems.push(problem(c, format!("{text:?} is not a treatment (avoid, reduce, transfer, share, accept)"))),
                            }
                        }
                    }
                    ColumnTarget::NextReview | ColumnTarget::AcceptanceExpiry => {
                        let date = if value.is_empty() {
                            None
                        } else {
                            match values::read_date(value, date_order) {
                                DateRead::Date(d) => Some(d),
                                DateRead::MonthOnly(d) => {
                                    warnings.push(problem(
                                        c,
                                        format!("{text:?} has no day; read as {d}"),
                                    ));
                                    Some(d)
                                }
                                // Reported once for the file by detect_date_order.
                                DateRead::Ambiguous => None,
                                DateRead::Invalid => {
                                    row_problems
                                        .push(problem(c, format!("{text:?} is not a date")));
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
                        let (kind, axis) =
                            target.score_axis().expect("the other targets are scores");
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
                            None => {
                                row_problems.push(problem(c, format!("{text:?} is not a {noun}")))
                            }
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
                    columns
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
                                row_problems.push(problem(c, format!(
                                    "a {} score needs both likelihood and impact; the {} is missing",
                                    kind.as_str(),
                                    if missing == Axis::Likelihood { "likelihood" } else { "impact" }
                                )));
                            }
                        }
                    }
                }
            }
            if !title.is_empty() {
                let key = title.to_lowercase();
                if let Some(first) = seen.get(&key) {
                    row_problems.push(problem(
                        title_column,
                        format!("the same title as row {first}; each risk is imported once"),
                    ));
                } else {
                    seen.insert(key, row.number);
                }
            }
            if row_problems.is_empty() {
                let fields_now = fields.clone().normalised();
                if let Err(e) = check_risk(&fields_now, &matrix, &prefixes) {
                    row_problems.push(field_problem(row.number, &columns, e));
                }
            }
            let change = match matched {
                None => RowChange::New,
                Some(risk) if risk.fields == fields.clone().normalised() => RowChange::Unchanged,
                Some(_) => RowChange::Update,
            };
            rows.push(PlannedRow {
                row: row.number,
                fields: fields.normalised(),
                change,
                existing_id: matched.map(|r| r.id.clone()),
                existing_reference: matched.map(|r| r.reference.clone()),
                valid: row_problems.is_empty(),
            });
            problems.extend(row_problems);
        }

        let unread = data.len() - rows.len();
        let counts = ImportCounts {
            rows: data.len(),
            valid: rows.iter().filter(|r| r.valid).count(),
            invalid: rows.iter().filter(|r| !r.valid).count() + unread,
            new: rows
                .iter()
                .filter(|r| r.valid && r.change == RowChange::New)
                .count(),
            update: rows
                .iter()
                .filter(|r| r.valid && r.change == RowChange::Update)
                .count(),
            unchanged: rows
                .iter()
                .filter(|r| r.valid && r.change == RowChange::Unchanged)
                .count(),
        };
        Ok(ImportPlan {
            partnership_id: partnership.id,
            file_name: file_name.to_string(),
            source: table.source.clone(),
            headers,
            mapping: ImportMapping {
                header_row: header.number,
                columns,
                values: value_maps,
                date_order,
                default_category,
            },
            rows,
            problems,
            warnings,
            counts,
        })
    }
}

/// A cell's text as imported (numbers as a person reads them).
fn cell_text(cell: &CellValue) -> String {
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

fn propose_values(
    target: ColumnTarget,
    distinct: &[(String, u32)],
    matrix: &Matrix,
    categories: &[crate::model::Category],
    (likelihood_scale, impact_scale): (usize, usize),
) -> Vec<ValueEntry> {
    let entry = |(value, rows): &(String, u32), to: Option<String>, how: &str| ValueEntry {
        value: value.clone(),
        rows: *rows,
        how: if to.is_some() {
            how.to_string()
        } else {
            "not recognised".to_string()
        },
        to,
    };
    match target {
        ColumnTarget::Category => distinct
            .iter()
            .map(|d| entry(d, values::parse_category(&d.0, categories), "by name"))
            .collect(),
        ColumnTarget::Status => distinct
            .iter()
            .map(|d| {
                entry(
                    d,
                    values::parse_status(&d.0).map(|s| s.as_str().to_string()),
                    "by name",
                )
            })
            .collect(),
        ColumnTarget::Treatment => distinct
            .iter()
            .map(|d| {
                entry(
                    d,
                    values::parse_treatment(&d.0).map(|t| t.as_str().to_string()),
                    "by name",
                )
            })
            .collect(),
        _ => match target.score_axis() {
            Some((_, Axis::Likelihood)) => {
                values::propose_scores(distinct, &matrix.likelihood, true, likelihood_scale)
            }
            Some((_, Axis::Impact)) => {
                values::propose_scores(distinct, &matrix.impact, false, impact_scale)
            }
            None => Vec::new(),
        },
    }
}

/// A given mapping's columns, checked against the file's headers.
fn checked_columns(given: &[ColumnMapping], headers: &[String]) -> Result<Vec<ColumnMapping>> {
    let mut columns: Vec<ColumnMapping> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| ColumnMapping {
            index,
            header: header.clone(),
            target: ColumnTarget::Skip,
        })
        .collect();
    for (n, c) in given.iter().enumerate() {
        let Some(slot) = columns.get_mut(c.index) else {
            return Err(Error::invalid(
                format!("columns[{n}].index"),
                c.index,
                format!("the table has {} columns", headers.len()),
            ));
        };
        slot.target = c.target;
    }
    for c in &columns {
        if !c.target.repeatable() && columns.iter().filter(|o| o.target == c.target).count() > 1 {
            let field = serde_json::to_value(c.target)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            return Err(Error::invalid(
                "columns",
                field,
                "two columns are mapped to the same field",
            ));
        }
    }
    Ok(columns)
}

/// Checks the targets a user gave for values: positions on the axis, known categories,
/// statuses and treatments.
fn check_value_targets(
    column: &ColumnMapping,
    entries: &[ValueEntry],
    matrix: &Matrix,
    prefixes: &HashMap<String, String>,
) -> Result<()> {
    let field = format!("values[{:?}]", column.header);
    for e in entries {
        let Some(to) = &e.to else { continue };
        let ok = match column.target {
            ColumnTarget::Category => prefixes.contains_key(to),
            ColumnTarget::Status => RiskStatus::parse(to, "status").is_ok(),
            ColumnTarget::Treatment => Treatment::parse(to, "treatment").is_ok(),
            t => {
                let size = match t.score_axis() {
                    Some((_, Axis::Likelihood)) => matrix.likelihood.len(),
                    _ => matrix.impact.len(),
                };
                to.parse::<usize>().is_ok_and(|p| (1..=size).contains(&p))
            }
        };
        if !ok {
            return Err(Error::invalid(
                format!("{field}[{:?}]", e.value),
                to,
                "is not a value this column can take",
            ));
        }
    }
    Ok(())
}

/// Finds the order of numeric dates from those whose first or second field is above 12;
/// when they disagree or none tells, and some are ambiguous, it is a problem to solve.
fn detect_date_order(
    data: &[super::table::TableRow],
    date_columns: &[&ColumnMapping],
    warnings: &mut Vec<ImportProblem>,
    problems: &mut Vec<ImportProblem>,
) -> Option<DateOrder> {
    let mut evidence: [Option<(u32, String, String)>; 2] = [None, None];
    let mut ambiguous: Option<(u32, String, String)> = None;
    for row in data {
        for c in date_columns {
            let Some(CellValue::Text(t)) = row.cells.get(c.index) else {
                continue;
            };
            let t = t.trim();
            match values::order_evidence(t) {
                Some(DateOrder::Dmy) => {
                    evidence[0].get_or_insert((row.number, c.header.clone(), t.to_string()))
                }
                Some(DateOrder::Mdy) => {
                    evidence[1].get_or_insert((row.number, c.header.clone(), t.to_string()))
                }
                None => {
                    if values::read_date(&CellValue::Text(t.to_string()), None)
                        == DateRead::Ambiguous
                    {
                        ambiguous.get_or_insert((row.number, c.header.clone(), t.to_string()));
                    }
                    continue;
                }
            };
        }
    }
    let at = |(row, column, text): &(u32, String, String), message: String| ImportProblem {
        row: Some(*row),
        column: Some(column.clone()),
        message: message.replace("{}", text),
    };
    match (&evidence[0], &evidence[1], &ambiguous) {
        (Some(d), Some(m), _) => {
            problems.push(at(d, "\"{}\" is day-first".into()));
            problems.push(at(
                m,
                "\"{}\" is month-first; the file mixes date orders, so choose one".into(),
            ));
            None
        }
        (Some(d), None, Some(_)) => {
            warnings.push(at(
                d,
                "dates are read day-first, as \"{}\" can only be".into(),
            ));
            Some(DateOrder::Dmy)
        }
        (None, Some(m), Some(_)) => {
            warnings.push(at(
                m,
                "dates are read month-first, as \"{}\" can only be".into(),
            ));
            Some(DateOrder::Mdy)
        }
        (None, None, Some(a)) => {
            problems.push(ImportProblem {
                row: None,
                column: Some(a.1.clone()),
                message: format!(
                    "dates such as \"{}\" (row {}) can be day-first or month-first; choose the date order",
                    a.2, a.0
                ),
            });
            None
        }
        _ => None,
    }
}

/// A field's error from the risk's validation, named by the column it came from.
fn field_problem(row: u32, columns: &[ColumnMapping], error: Error) -> ImportProblem {
    let field = error.field().unwrap_or_default().to_string();
    let target = match field.split(['.', '[']).next().unwrap_or_default() {
        "title" => Some(ColumnTarget::Title),
        "description" => Some(ColumnTarget::Description),
        "cause" => Some(ColumnTarget::Cause),
        "consequence" => Some(ColumnTarget::Consequence),
        "owner" => Some(ColumnTarget::Owner),
        "treatment_rationale" => Some(ColumnTarget::TreatmentRationale),
        "acceptance_approver" => Some(ColumnTarget::AcceptanceApprover),
        "acceptance_expiry" => Some(ColumnTarget::AcceptanceExpiry),
        "tags" => Some(ColumnTarget::Tags),
        "category" => Some(ColumnTarget::Category),
        _ => None,
    };
    let column = target
        .and_then(|t| columns.iter().find(|c| c.target == t))
        .map(|c| c.header.clone());
    let message = match &error {
        Error::Invalid { value, .. } if column.is_some() && value.trim().is_empty() => {
            "is empty".to_string()
        }
        Error::Invalid { message, value, .. } if column.is_some() => format!("{value:?} {message}"),
        Error::Invalid { message, .. } => message.clone(),
        other => other.to_string(),
    };
    ImportProblem {
        row: Some(row),
        column,
        message,
    }
}
