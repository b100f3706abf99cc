//! Readings of a partnership's health indicators from a spreadsheet, read by the same
//! readers as the register import (a [`Table`] from [`super::read_table`] or the isolated
//! reader), with the same dry run: [`plan_readings`] lists every reading it would write
//! and every problem by row and column; [`apply_readings`] writes the plan in one
//! transaction, audited as imported from the file, and nothing when a row has a problem.
//!
//! Two layouts, told apart by the header (the first row with two values or more):
//!
//! - **long**: a column naming the indicator, one with the date, one with the value and,
//!   optionally, one with a note (`indicator,date,value,note`);
//! - **wide**: a date column and a column per indicator, headed by its name (any case);
//!   an empty cell is no reading.
//!
//! The columns are found by their header words; a [`ReadingsOptions::mapping`] overrides
//! that, naming by index what each column is taken as (a file headed "Stichtag", "Wert"
//! or "Uptime (monthly)" imports as it is). The plan reports the columns it used.
//!
//! Dates are read as in the register import (ISO, day- or month-first numbers with the
//! order found from dates that can be read only one way, Excel serial numbers, "31 Mar
//! 2027"); numbers with a decimal point or comma, a trailing `%` allowed. A reading of a
//! day that already has one is a problem unless `replace` is chosen.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{order_evidence, read_date, DateOrder, DateRead};
use super::problem::ImportProblem;
use super::table::{CellValue, Table, TableRow};
use super::values::{clean_text, parse_number};
use crate::error::{Error, Result};
use crate::health::{Indicator, ReadingFields};
use crate::store::{BackupReason, ReadingsAdded, Store};

const INDICATOR_HEADERS: &[&str] = &["indicator", "kri", "metric", "measure", "name"];
const DATE_HEADERS: &[&str] = &["date", "day", "as of", "read on", "period", "reading date"];
const VALUE_HEADERS: &[&str] = &["value", "reading", "measurement", "result"];
const NOTE_HEADERS: &[&str] = &["note", "notes", "comment", "comments", "remark"];

/// What the user chose about a readings import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReadingsOptions {
    /// The order of numeric dates such as 03/04/2027, when the file does not tell.
    pub date_order: Option<DateOrder>,
    /// Replace the reading of a day that has one (the old one is kept, marked replaced).
    pub replace: bool,
    /// What each column is taken as, overriding the headers' words: the columns not
    /// listed are not imported. With an indicator or value column the table is long,
    /// otherwise wide.
    pub mapping: Option<Vec<ColumnChoice>>,
}

/// What a column of a readings file is taken as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnMeaning {
    /// Long layout: the indicator's name.
    Indicator,
    Date,
    /// Long layout: the value.
    Value,
    /// Long layout: a note.
    Note,
    /// Wide layout: the readings of one indicator.
    Readings,
    /// Not imported.
    Ignored,
}

impl ColumnMeaning {
    fn label(self) -> &'static str {
        match self {
            ColumnMeaning::Indicator => "indicator",
            ColumnMeaning::Date => "date",
            ColumnMeaning::Value => "value",
            ColumnMeaning::Note => "note",
            ColumnMeaning::Readings => "readings",
            ColumnMeaning::Ignored => "not imported",
        }
    }
}

/// The user's choice for one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnChoice {
    /// The column's index, from 0.
    pub column: u32,
    pub taken_as: ColumnMeaning,
    /// With [`ColumnMeaning::Readings`]: the indicator whose readings the column holds.
    pub indicator_id: Option<String>,
}

/// A column of the file as the plan used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadingsColumn {
    /// The column's index, from 0.
    pub column: u32,
    pub header: String,
    pub taken_as: ColumnMeaning,
    pub indicator_id: Option<String>,
    /// The indicator's name, with `indicator_id`.
    pub indicator: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadingsLayout {
    Long,
    Wide,
}

/// One reading the import would write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlannedReading {
    /// The row the spreadsheet shows.
    pub row: u32,
    pub indicator_id: String,
    pub indicator: String,
    pub date: NaiveDate,
    pub value: f64,
    pub note: String,
    /// Whether it replaces the reading the indicator has for that day.
    pub replaces: bool,
}

/// The dry run of a readings import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReadingsPlan {
    pub partnership_id: String,
    pub file_name: String,
    pub layout: Option<ReadingsLayout>,
    pub options: ReadingsOptions,
    /// Every column of the header row and what it was taken as.
    pub columns: Vec<ReadingsColumn>,
    /// The data rows read (below the header).
    pub rows: usize,
    pub readings: Vec<PlannedReading>,
    /// What stops the import: by row and column, or about the whole file.
    pub problems: Vec<ImportProblem>,
    /// What the import would do that is worth a look (a month read as its first day).
    pub warnings: Vec<ImportProblem>,
}

impl ReadingsPlan {
    /// Of the planned readings, those that replace one.
    pub fn replacing(&self) -> usize {
        self.readings.iter().filter(|r| r.replaces).count()
    }
}

fn normalise(header: &str) -> String {
    clean_text(header)
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn problem(row: Option<u32>, column: Option<&str>, message: impl Into<String>) -> ImportProblem {
    ImportProblem {
        row,
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// A value cell: a number, or a number written as text (decimal comma, `%` allowed).
fn read_value(cell: &CellValue) -> Option<f64> {
    match cell {
        CellValue::Number(n) => Some(*n),
        CellValue::Text(t) => parse_number(clean_text(t).trim_end_matches('%')),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

/// The columns of each layout.
enum Columns {
    Long {
        indicator: usize,
        date: usize,
        value: usize,
        note: Option<usize>,
    },
    Wide {
        date: usize,
        /// (column, indicator)
        indicators: Vec<(usize, usize)>,
    },
}

/// Plans the import of `table` into the partnership's indicators: nothing is written.
pub fn plan_readings(
    store: &Store,
    partnership_id: &str,
    file_name: &str,
    table: &Table,
    options: &ReadingsOptions,
    today: NaiveDate,
) -> Result<ReadingsPlan> {
    let indicators = store.indicators(partnership_id)?;
    let mut plan = ReadingsPlan {
        partnership_id: partnership_id.to_string(),
        file_name: file_name.to_string(),
        layout: None,
        options: options.clone(),
        columns: Vec::new(),
        rows: 0,
        readings: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    let Some(header_at) = table
        .rows
        .iter()
        .position(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2)
    else {
        plan.problems.push(problem(
            None,
            None,
            "no header row: expected indicator, date and value columns, or a date column and a column per indicator",
        ));
        return Ok(plan);
    };
    let headers: Vec<String> = table.rows[header_at]
        .cells
        .iter()
        .map(|c| c.display())
        .collect();
    let data = &table.rows[header_at + 1..];
    plan.rows = data
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .count();
    let uses = match &options.mapping {
        Some(mapping) => mapped(mapping, &headers, &indicators)?,
        None => detected(&headers, &indicators, &mut plan.problems),
    };
    plan.columns = uses
        .iter()
        .enumerate()
        .map(|(n, (meaning, indicator))| ReadingsColumn {
            column: n as u32,
            header: headers[n].clone(),
            taken_as: *meaning,
            indicator_id: indicator.map(|i| indicators[i].id.clone()),
            indicator: indicator.map(|i| indicators[i].fields.name.clone()),
        })
        .collect();
    let Some(columns) = columns(&uses, &headers, &mut plan.problems) else {
        return Ok(plan);
    };
    plan.layout = Some(match columns {
        Columns::Long { .. } => ReadingsLayout::Long,
        Columns::Wide { .. } => ReadingsLayout::Wide,
    });
    let date_column = match columns {
        Columns::Long { date, .. } | Columns::Wide { date, .. } => date,
    };
    let order = options
        .date_order
        .or_else(|| date_order(data, date_column, &headers, &mut plan.problems));
    let by_name: HashMap<String, usize> = indicators
        .iter()
        .enumerate()
        .map(|(n, i)| (normalise(&i.fields.name), n))
        .collect();
    let mut days: HashMap<usize, HashSet<NaiveDate>> = HashMap::new();
    let mut seen: HashMap<(usize, NaiveDate), u32> = HashMap::new();
    let cell = |row: &TableRow, n: usize| row.cells.get(n).cloned().unwrap_or(CellValue::Empty);
    for row in data {
        if row.cells.iter().all(CellValue::is_empty) {
            continue;
        }
        let at = Some(row.number);
        let date_header = headers[date_column].as_str();
        let date_cell = cell(row, date_column);
        let date = match read_date(&date_cell, order) {
            DateRead::Date(d) => Some(d),
            DateRead::MonthOnly(d) => {
                plan.warnings.push(problem(
                    at,
                    Some(date_header),
                    format!("{:?} is a month: read as {d}", date_cell.display()),
                ));
                Some(d)
            }
            DateRead::Ambiguous => {
                plan.problems.push(problem(
                    at,
                    Some(date_header),
                    format!(
                        "{:?} can be read day-first or month-first: give the date order",
                        date_cell.display()
                    ),
                ));
                None
            }
            DateRead::Invalid if date_cell.is_empty() => {
                plan.problems
                    .push(problem(at, Some(date_header), "the date is missing"));
                None
            }
            DateRead::Invalid => {
                plan.problems.push(problem(
                    at,
                    Some(date_header),
                    format!("{:?} is not a date", date_cell.display()),
                ));
                None
            }
        };
        // (indicator, value column, value cell, note)
        let mut entries: Vec<(usize, usize, CellValue, String)> = Vec::new();
        match &columns {
            Columns::Long {
                indicator,
                value,
                note,
                ..
            } => {
                let name = cell(row, *indicator).display();
                let note = note.map(|n| cell(row, n).display()).unwrap_or_default();
                match by_name.get(&normalise(&name)) {
                    Some(&i) => entries.push((i, *value, cell(row, *value), note)),
                    None => plan.problems.push(problem(
                        at,
                        Some(headers[*indicator].as_str()),
                        if name.is_empty() {
                            "the indicator is missing".to_string()
                        } else {
                            format!("no indicator of the partnership is named {name:?}")
                        },
                    )),
                }
            }
            Columns::Wide { indicators, .. } => {
                for &(column, i) in indicators {
                    let value = cell(row, column);
                    if !value.is_empty() {
                        entries.push((i, column, value, String::new()));
                    }
                }
            }
        }
        let Some(date) = date else { continue };
        for (i, column, value_cell, note) in entries {
            let indicator: &Indicator = &indicators[i];
            let column_name = headers[column].as_str();
            let Some(value) = read_value(&value_cell) else {
                plan.problems.push(problem(
                    at,
                    Some(column_name),
                    if value_cell.is_empty() {
                        "the value is missing".to_string()
                    } else {
                        format!("{:?} is not a number", value_cell.display())
                    },
                ));
                continue;
            };
            let fields = ReadingFields { date, value, note };
            if let Err(e) = fields.validate(indicator.fields.unit, today) {
                let column = match e.field() {
                    Some("date") => date_header,
                    _ => column_name,
                };
                let value = e.value().unwrap_or_default().to_string();
                let reason = e.reason().unwrap_or_default().to_string();
                plan.problems
                    .push(problem(at, Some(column), format!("{value}: {reason}")));
                continue;
            }
            if let Some(first) = seen.insert((i, date), row.number) {
                plan.problems.push(problem(
                    at,
                    Some(column_name),
                    format!(
                        "a second reading of {} for {date} (the first is on row {first})",
                        indicator.fields.name
                    ),
                ));
                continue;
            }
            let existing = match days.get(&i) {
                Some(d) => d,
                None => {
                    let d = store
                        .readings(&indicator.id, false)?
                        .into_iter()
                        .map(|r| r.fields.date)
                        .collect();
                    days.entry(i).or_insert(d)
                }
            };
            let replaces = existing.contains(&date);
            if replaces && !options.replace {
                plan.problems.push(problem(
                    at,
                    Some(column_name),
                    format!(
                        "{} already has a reading on {date}: choose to replace it",
                        indicator.fields.name
                    ),
                ));
                continue;
            }
            plan.readings.push(PlannedReading {
                row: row.number,
                indicator_id: indicator.id.clone(),
                indicator: indicator.fields.name.clone(),
                date,
                value,
                note: fields.note,
                replaces,
            });
        }
    }
    Ok(plan)
}

/// What each column is taken as (and, for readings, the indicator's position).
type Uses = Vec<(ColumnMeaning, Option<usize>)>;

/// The columns found by their header words; a problem for a wide column naming no
/// indicator.
fn detected(
    headers: &[String],
    indicators: &[Indicator],
    problems: &mut Vec<ImportProblem>,
) -> Uses {
    let mut uses: Uses = vec![(ColumnMeaning::Ignored, None); headers.len()];
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&normalise(h).as_str()))
    };
    let date = find(DATE_HEADERS);
    if let (Some(indicator), Some(date), Some(value)) =
        (find(INDICATOR_HEADERS), date, find(VALUE_HEADERS))
    {
        uses[indicator].0 = ColumnMeaning::Indicator;
        uses[date].0 = ColumnMeaning::Date;
        uses[value].0 = ColumnMeaning::Value;
        if let Some(note) = find(NOTE_HEADERS) {
            uses[note].0 = ColumnMeaning::Note;
        }
        return uses;
    }
    let Some(date) = date else {
        return uses;
    };
    uses[date].0 = ColumnMeaning::Date;
    for (n, header) in headers.iter().enumerate() {
        if n == date || header.trim().is_empty() {
            continue;
        }
        match indicators
            .iter()
            .position(|i| normalise(&i.fields.name) == normalise(header))
        {
            Some(i) => uses[n] = (ColumnMeaning::Readings, Some(i)),
            None => problems.push(problem(
                None,
                Some(header),
                "no indicator of the partnership has this name (add it, or choose what the column holds)",
            )),
        }
    }
    uses
}

/// The user's mapping; a column that is not there, or an indicator not of the
/// partnership, is refused.
fn mapped(mapping: &[ColumnChoice], headers: &[String], indicators: &[Indicator]) -> Result<Uses> {
    let mut uses: Uses = vec![(ColumnMeaning::Ignored, None); headers.len()];
    for choice in mapping {
        let n = choice.column as usize;
        if n >= headers.len() {
            return Err(Error::invalid(
                "mapping.column",
                choice.column,
                format!(
                    "the file has {} columns (numbered from 0 to {})",
                    headers.len(),
                    headers.len().saturating_sub(1)
                ),
            ));
        }
        let indicator = match (&choice.indicator_id, choice.taken_as) {
            (Some(id), ColumnMeaning::Readings) => {
                Some(indicators.iter().position(|i| &i.id == id).ok_or_else(|| {
                    Error::invalid(
                        "mapping.indicator_id",
                        id,
                        "no indicator of this partnership has this id",
                    )
                })?)
            }
            (None, ColumnMeaning::Readings) => {
                return Err(Error::invalid(
                    "mapping.indicator_id",
                    "",
                    format!("column {n} holds readings: name their indicator"),
                ))
            }
            _ => None,
        };
        uses[n] = (choice.taken_as, indicator);
    }
    Ok(uses)
}

/// The layout from what the columns are taken as; a problem about the whole file when
/// it fits neither.
fn columns(uses: &Uses, headers: &[String], problems: &mut Vec<ImportProblem>) -> Option<Columns> {
    let taken = |meaning: ColumnMeaning| -> Vec<usize> {
        (0..uses.len()).filter(|&n| uses[n].0 == meaning).collect()
    };
    let before = problems.len();
    let mut one = |meaning: ColumnMeaning, needed: bool| -> Option<usize> {
        match taken(meaning).as_slice() {
            [n] => Some(*n),
            [] => {
                if needed {
                    problems.push(problem(
                        None,
                        None,
                        format!("no column is taken as the {}", meaning.label()),
                    ));
                }
                None
            }
            many => {
                let names: Vec<String> =
                    many.iter().map(|&n| format!("{:?}", headers[n])).collect();
                problems.push(problem(
                    None,
                    None,
                    format!(
                        "{} columns are taken as the {}: {}; choose one",
                        many.len(),
                        meaning.label(),
                        names.join(", ")
                    ),
                ));
                None
            }
        }
    };
    let long =
        !taken(ColumnMeaning::Indicator).is_empty() || !taken(ColumnMeaning::Value).is_empty();
    if long {
        let indicator = one(ColumnMeaning::Indicator, true);
        let date = one(ColumnMeaning::Date, true);
        let value = one(ColumnMeaning::Value, true);
        let note = one(ColumnMeaning::Note, false);
        if !taken(ColumnMeaning::Readings).is_empty() {
            problems.push(problem(
                None,
                None,
                "a table with indicator and value columns has no columns of one indicator's readings",
            ));
        }
        return match (indicator, date, value) {
            (Some(indicator), Some(date), Some(value)) if problems.len() == before => {
                Some(Columns::Long {
                    indicator,
                    date,
                    value,
                    note,
                })
            }
            _ => None,
        };
    }
    if taken(ColumnMeaning::Date).is_empty() {
        problems.push(problem(
            None,
            None,
            "no date column: expected indicator, date and value columns, or a date column and a column per indicator",
        ));
        return None;
    }
    let date = one(ColumnMeaning::Date, true)?;
    let indicators: Vec<(usize, usize)> = (0..uses.len())
        .filter_map(|n| match uses[n] {
            (ColumnMeaning::Readings, Some(i)) => Some((n, i)),
            _ => None,
        })
        .collect();
    if indicators.is_empty() && problems.is_empty() {
        problems.push(problem(
            None,
            None,
            "no column names an indicator of the partnership",
        ));
    }
    Some(Columns::Wide { date, indicators })
}

/// The order of numeric dates, from those that can be read only one way; a problem when
/// they disagree.
fn date_order(
    data: &[TableRow],
    column: usize,
    headers: &[String],
    problems: &mut Vec<ImportProblem>,
) -> Option<DateOrder> {
    let (mut dmy, mut mdy) = (false, false);
    for row in data {
        if let Some(CellValue::Text(t)) = row.cells.get(column) {
            match order_evidence(&clean_text(t)) {
                Some(DateOrder::Dmy) => dmy = true,
                Some(DateOrder::Mdy) => mdy = true,
                None => {}
            }
        }
    }
    match (dmy, mdy) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        (false, false) => None,
        (true, true) => {
            problems.push(problem(
                None,
                Some(headers[column].as_str()),
                "some dates are day-first and others month-first",
            ));
            None
        }
    }
}

/// Writes a plan made by [`plan_readings`] in one transaction, after a backup, its audit
/// rows marked as imported from the file. With any problem, nothing is written.
pub fn apply_readings(
    store: &mut Store,
    plan: &ReadingsPlan,
    today: NaiveDate,
) -> Result<ReadingsAdded> {
    if let Some(first) = plan.problems.first() {
        return Err(Error::invalid(
            "file",
            &plan.file_name,
            format!(
                "{} problems (first: {first}); nothing was imported",
                plan.problems.len()
            ),
        ));
    }
    if plan.readings.is_empty() {
        return Ok(ReadingsAdded::default());
    }
    store.backup_before(BackupReason::Import)?;
    let readings = plan
        .readings
        .iter()
        .map(|r| {
            let fields = ReadingFields {
                date: r.date,
                value: r.value,
                note: r.note.clone(),
            };
            (r.indicator_id.clone(), fields)
        })
        .collect();
    let context = format!("imported from {}", plan.file_name);
    store.add_readings_through(
        &plan.partnership_id,
        readings,
        plan.options.replace,
        today,
        Some(context),
    )
}
