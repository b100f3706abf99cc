//! The dry run: the table read into risks of a partnership, with every problem named by
//! the row number the spreadsheet shows and the column's header.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{self, ColumnMapping, ColumnTarget};
use super::dates::{detect_date_order, DateOrder};
use super::layout::read_layout;
use super::mapping::{checked_columns, value_mappings, ImportMapping};
use super::problem::ImportProblem;
use super::row::{cell_text, title_from_text, RowReader};
use super::table::{CellValue, SourceInfo, Table, TableRow};
use crate::error::{Error, Result};
use crate::model::RiskFields;
use crate::store::{check_risk, Store};

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
    /// Rows that hold no risk (only a reference, a heading of a group of rows, a stray
    /// cell), left out and named in the warnings.
    pub skipped: usize,
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
    /// The file's numeric dates can be read day-first or month-first, or mix both: the
    /// user must choose the date order (the problems say where).
    pub date_order_unclear: bool,
}

/// Rows read to judge what a column holds (scores, prose, dates, a repeated label).
const COLUMN_SAMPLE: usize = 500;

/// The first category a new workspace lists that is not specific (operational).
const FALLBACK_CATEGORY: &str = "operational";

/// The dry run: reads `table` into the partnership's risks with `mapping`, or with
/// the mapping it proposes; `header_row` overrides the detected header. Writes
/// nothing.
pub fn plan_import(
    store: &Store,
    partnership_id: &str,
    file_name: &str,
    table: &Table,
    mapping: Option<ImportMapping>,
    header_row: Option<u32>,
    date_order: Option<DateOrder>,
) -> Result<ImportPlan> {
    let partnership = store.partnership(partnership_id)?;
    let matrix = store.matrix(&partnership.matrix_id)?;
    let categories = store.categories()?;
    let prefixes = store.category_prefixes()?;
    let header_row = header_row.or(mapping.as_ref().map(|m| m.header_row));
    if table.rows.is_empty() {
        return Err(Error::invalid(
            "file",
            "",
            "the file holds no rows with values",
        ));
    }
    // Problems of the whole file are returned in the plan (not as an error), so that
    // the user sees the columns and can choose the header or the title column.
    let layout = read_layout(&table.rows, header_row)?;
    let mut problems: Vec<ImportProblem> = layout.problem.into_iter().collect();
    let mut warnings = layout.notes;
    let data = &layout.data[..];
    let width = data
        .iter()
        .map(|r| r.cells.len())
        .chain([layout.headers.len()])
        .max()
        .unwrap_or(0);
    let mut headers = layout.headers;
    headers.resize(width, String::new());
    // A file with the same columns as one imported before is read as it was then.
    let remembered = match &mapping {
        None => store
            .remembered_mapping(&headers, &categories)?
            .filter(|m| checked_columns(&m.columns, &headers, &[]).is_ok())
            .map(|m| ImportMapping {
                header_row: layout.header_number,
                ..m
            }),
        Some(_) => None,
    };
    if remembered.is_some() {
        warnings.push(ImportProblem {
            row: None,
            column: None,
            message:
                "read with the mapping chosen when a file with these columns was last imported"
                    .into(),
        });
    }
    let mapping = mapping.or(remembered);
    let column_text = |i: usize| -> Vec<String> {
        data.iter()
            .map(|r| r.cells.get(i).map(cell_text).unwrap_or_default())
            .collect()
    };

    // What a column holds is judged on its first rows, whatever the file's length.
    let sample = |i: usize| -> Vec<String> {
        data.iter()
            .take(COLUMN_SAMPLE)
            .map(|r| r.cells.get(i).map(cell_text).unwrap_or_default())
            .collect()
    };
    let proposed = columns::map_columns(&headers, &sample);
    let columns = match &mapping {
        Some(m) => checked_columns(&m.columns, &headers, &proposed)?,
        None => proposed,
    };
    let title_column = columns
        .iter()
        .find(|c| matches!(c.target, ColumnTarget::Title | ColumnTarget::TitleFromText));
    if let Some(c) = title_column.filter(|c| c.target == ColumnTarget::TitleFromText) {
        warnings.push(ImportProblem {
            row: None,
            column: Some(c.header.clone()),
            message: "the file has no title column: each risk's title is the first line of this column (shortened when long), and the whole text its description".into(),
        });
    }
    if title_column.is_none() && problems.is_empty() {
        problems.push(ImportProblem {
            row: None,
            column: None,
            message:
                "no column is mapped to the title; choose the column that holds the risks' titles"
                    .into(),
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

    let mut new_categories = Vec::new();
    let value_maps = value_mappings(
        &columns,
        &column_text,
        mapping.as_ref(),
        &matrix,
        &categories,
        &mut new_categories,
        &layout.levels,
    )?;
    // Rows may use the categories the import would create.
    let mut prefixes = prefixes;
    for c in &new_categories {
        prefixes.insert(c.code.clone(), c.prefix.clone());
    }
    if !new_categories.is_empty() {
        warnings.push(ImportProblem {
            row: None,
            column: columns
                .iter()
                .find(|c| c.target == ColumnTarget::Category)
                .map(|c| c.header.clone()),
            message: format!(
                "the workspace has no category for {}; {} created with the import",
                new_categories
                    .iter()
                    .map(|c| format!("{:?}", c.name))
                    .collect::<Vec<_>>()
                    .join(", "),
                if new_categories.len() == 1 {
                    "it is"
                } else {
                    "they are"
                }
            ),
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
    let date_columns: Vec<&ColumnMapping> = columns
        .iter()
        .filter(|c| {
            matches!(
                c.target,
                ColumnTarget::NextReview | ColumnTarget::AcceptanceExpiry
            )
        })
        .collect();
    let problems_before_dates = problems.len();
    let date_order = date_order
        .or(mapping.as_ref().and_then(|m| m.date_order))
        .or_else(|| detect_date_order(data, &date_columns, &mut warnings, &mut problems));
    let date_order_unclear = date_order.is_none() && problems.len() > problems_before_dates;

    let existing = store.risks(partnership_id)?;
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

    let reader = RowReader {
        columns: &columns,
        reading,
        default_category: &default_category,
        date_order,
    };
    let mut rows = Vec::with_capacity(data.len());
    let mut skipped = Skipped::default();
    let typical_width = typical_width(data);
    let footer_from = footer_start(data);
    // Without a header or a title column no row can be read (the problem says so).
    let file_problem = problems.iter().any(|p| p.row.is_none());
    let rows_to_read = if title_column.is_some() && !file_problem {
        data
    } else {
        &[]
    };
    for (i, row) in rows_to_read.iter().enumerate() {
        let reason = if i >= footer_from {
            Some(SkipReason::BelowTheRegister)
        } else {
            skip_reason(row, &columns, typical_width)
        };
        if let Some(reason) = reason {
            skipped.add(reason, row);
            continue;
        }
        let cell = |i: usize| row.cells.get(i).unwrap_or(&CellValue::Empty);
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
        let title = match title_column.target {
            ColumnTarget::TitleFromText => title_from_text(&cell_text(cell(title_column.index))),
            _ => cell_text(cell(title_column.index)),
        };
        let matched = by_reference
            .get(&reference.to_lowercase())
            .filter(|_| !reference.is_empty())
            .or_else(|| by_title.get(&title.to_lowercase()))
            .map(|i| &existing[*i]);
        let base = match matched {
            Some(risk) => risk.fields.clone(),
            None => RiskFields::new(default_category.clone(), String::new()),
        };
        let read = reader.read(row, base, matched.is_none());
        let fields = read.fields;
        let mut row_problems = read.problems;
        warnings.extend(read.warnings);
        if !title.is_empty() {
            let key = title.to_lowercase();
            if let Some(first) = seen.get(&key) {
                warnings.push(problem(
                    title_column,
                    format!("the same title as row {first}; both are imported"),
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

    warnings.extend(skipped.notes());
    if rows.is_empty() && title_column.is_some() && problems.is_empty() {
        problems.push(ImportProblem {
            row: None,
            column: None,
            message: if data.is_empty() {
                "the file has a header but no rows below it: nothing to import".to_string()
            } else {
                format!(
                    "no row holds a risk: {}; is it an empty template?",
                    skipped.summary()
                )
            },
        });
    }
    let unread = data.len() - rows.len() - skipped.count;
    let counts = ImportCounts {
        rows: data.len(),
        skipped: skipped.count,
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
            header_row: layout.header_number,
            new_categories,
            columns,
            values: value_maps,
            date_order,
            default_category,
        },
        rows,
        problems,
        warnings,
        counts,
        date_order_unclear,
    })
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

/// Why a row below the header is not a risk, if it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum SkipReason {
    /// Only a reference or number: a template's empty row.
    OnlyReference,
    /// Only a short title, with a section number or nothing else, in a register
    /// whose risks fill several columns: "1 | Legal".
    GroupHeading,
    /// No title and one stray cell: a footer, a total, a copyright line.
    NoRisk,
    /// Lines of one cell each after a blank row below the table: a legend, key terms.
    BelowTheRegister,
}

impl SkipReason {
    fn describe(self, n: usize) -> String {
        let rows = if n == 1 { "row holds" } else { "rows hold" };
        match self {
            SkipReason::OnlyReference => format!("{n} {rows} only a reference or numbers"),
            SkipReason::GroupHeading => format!(
                "{n} {}",
                if n == 1 {
                    "row is a heading of a group of rows"
                } else {
                    "rows are headings of groups of rows"
                }
            ),
            SkipReason::NoRisk => format!("{n} {rows} no title and a single value"),
            SkipReason::BelowTheRegister => format!(
                "{n} {} below the register after a blank row (a legend or notes)",
                if n == 1 { "line is" } else { "lines are" }
            ),
        }
    }
}

#[derive(Default)]
struct Skipped {
    count: usize,
    rows: std::collections::BTreeMap<SkipReason, Vec<u32>>,
}

impl Skipped {
    fn add(&mut self, reason: SkipReason, row: &TableRow) {
        self.count += 1;
        self.rows.entry(reason).or_default().push(row.number);
    }

    fn summary(&self) -> String {
        self.rows
            .iter()
            .map(|(reason, rows)| reason.describe(rows.len()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One warning per reason, naming the rows.
    fn notes(&self) -> Vec<ImportProblem> {
        self.rows
            .iter()
            .map(|(reason, rows)| {
                let mut list: Vec<String> = rows.iter().take(12).map(u32::to_string).collect();
                if rows.len() > 12 {
                    list.push(format!("and {} more", rows.len() - 12));
                }
                ImportProblem {
                    row: None,
                    column: None,
                    message: format!(
                        "{}; skipped (rows {})",
                        reason.describe(rows.len()),
                        list.join(", ")
                    ),
                }
            })
            .collect()
    }
}

/// Where the lines below the table start: after a blank row, every row to the end has
/// one cell, and the table above has rows of several.
fn footer_start(data: &[TableRow]) -> usize {
    let filled = |r: &TableRow| r.cells.iter().filter(|c| !c.is_empty()).count();
    let Some(last_wide) = data.iter().rposition(|r| filled(r) >= 2) else {
        return data.len();
    };
    match data.get(last_wide + 1) {
        Some(next) if next.number > data[last_wide].number + 1 => last_wide + 1,
        _ => data.len(),
    }
}

/// How many cells most rows fill (the median).
fn typical_width(data: &[TableRow]) -> usize {
    let mut widths: Vec<usize> = data
        .iter()
        .map(|r| r.cells.iter().filter(|c| !c.is_empty()).count())
        .collect();
    widths.sort_unstable();
    widths.get(widths.len() / 2).copied().unwrap_or(0)
}

fn skip_reason(
    row: &TableRow,
    columns: &[ColumnMapping],
    typical_width: usize,
) -> Option<SkipReason> {
    if row.cells.iter().skip(columns.len()).any(|c| !c.is_empty()) {
        return None;
    }
    // Numbers outside the score columns are a template's numbering, not a risk.
    let numbering = |c: &ColumnMapping, v: &CellValue| {
        c.target.score_axis().is_none()
            && match v {
                CellValue::Number(_) => true,
                CellValue::Text(t) => !t.chars().any(char::is_alphabetic),
                _ => false,
            }
    };
    let mut filled = 0;
    let mut has_reference = false;
    // The one cell with content, if there is only one (two or more: a risk).
    let mut content: Option<&ColumnMapping> = None;
    for c in columns {
        let Some(v) = row.cells.get(c.index).filter(|v| !v.is_empty()) else {
            continue;
        };
        filled += 1;
        match c.target {
            ColumnTarget::Reference => has_reference = true,
            ColumnTarget::Skip => {}
            _ if numbering(c, v) => {}
            _ if content.is_some() => return None,
            _ => content = Some(c),
        }
    }
    let Some(content) = content else {
        return Some(SkipReason::OnlyReference);
    };
    if !matches!(
        content.target,
        ColumnTarget::Title | ColumnTarget::TitleFromText
    ) {
        return Some(SkipReason::NoRisk);
    }
    // A heading has no reference of its own (its number, if any, sits in a column
    // without a header): "R5 | New risk" is a risk still to be assessed.
    if typical_width >= 4 && filled <= 2 && !has_reference {
        let title = row
            .cells
            .get(content.index)
            .map(cell_text)
            .unwrap_or_default();
        return (title.chars().count() <= 60 && !title.contains('\n'))
            .then_some(SkipReason::GroupHeading);
    }
    None
}
