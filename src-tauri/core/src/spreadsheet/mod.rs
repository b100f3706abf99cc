//! Spreadsheets. Export (here): a partnership's register as an XLSX workbook people can work in
//! (Register, Actions, Requirements, Exit plan when there is one, and Matrix sheets) or as a
//! CSV file of the Register.
//!
//! Both formats are built from one definition of the register's columns
//! ([`register_row`]), read with the same queries as the PDF report
//! ([`Store::register`], [`Store::partnership_actions`], [`Store::requirements`]).
//! Files are written atomically, like the PDF: a temporary file beside the target is
//! renamed over it, so a failed export leaves nothing half-written.
//!
//! - `xlsx`: the workbook, with rust_xlsxwriter.
//! - `csv`: the CSV text, with the csv crate, neutralised against formula injection.
//! - `import`: registers read from XLSX and CSV files (reading, mapping, dry run, import).

mod csv;
mod exit_sheet;
mod health_sheet;
pub mod import;
mod loss_sheet;
mod xlsx;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use self::csv::neutralise;
use crate::error::Result;
use crate::matrix::{Matrix, Score};
use crate::model::{Action, Category, Partnership, Requirement};
use crate::register::RegisterEntry;
use crate::report::output::{check_target, write_atomically};
use crate::store::{RiskFilter, Store};

/// What [`export_xlsx_to_file`] or [`export_csv_to_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SpreadsheetExport {
    pub path: PathBuf,
    pub risks: usize,
    /// Rows of the Actions sheet (0 for CSV, which holds the register only).
    pub actions: usize,
    pub bytes: u64,
}

/// The two kinds of spreadsheet file, as the app asks for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SpreadsheetFormat {
    Xlsx,
    Csv,
}

impl SpreadsheetFormat {
    pub fn extension(self) -> &'static str {
        match self {
            SpreadsheetFormat::Xlsx => "xlsx",
            SpreadsheetFormat::Csv => "csv",
        }
    }

    /// The file type as a save dialog names it.
    pub fn description(self) -> &'static str {
        match self {
            SpreadsheetFormat::Xlsx => "Excel workbook",
            SpreadsheetFormat::Csv => "CSV (comma-separated values)",
        }
    }
}

/// One cell of an exported table, typed so that the workbook gets real numbers and
/// dates and the CSV gets their plain text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Timestamp(DateTime<Utc>),
    /// A risk level: its index in the matrix's levels (name and colour).
    Level(usize),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// The cell as CSV shows it (dates ISO 8601, timestamps RFC 3339 in UTC).
    pub(crate) fn plain(&self, matrix: &Matrix) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Timestamp(t) => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            Cell::Level(i) => matrix
                .levels
                .get(*i)
                .map(|l| l.name.clone())
                .unwrap_or_default(),
        }
    }
}

/// The register's columns: header and width in the workbook (characters).
pub(crate) const REGISTER_COLUMNS: &[(&str, f64)] = &[
    ("Reference", 11.0),
    ("Title", 44.0),
    ("Category", 18.0),
    ("Description", 50.0),
    ("Cause", 30.0),
    ("Consequence", 30.0),
    ("Owner", 18.0),
    ("Status", 12.0),
    ("Treatment", 12.0),
    ("Treatment rationale", 36.0),
    ("Inherent likelihood", 10.0),
    ("Inherent impact", 10.0),
    ("Inherent level", 13.0),
    ("Residual likelihood", 10.0),
    ("Residual impact", 10.0),
    ("Residual level", 13.0),
    ("Target likelihood", 10.0),
    ("Target impact", 10.0),
    ("Target level", 13.0),
    ("Next review", 12.0),
    ("Next action due", 12.0),
    ("Overdue actions", 10.0),
    ("Acceptance approver", 20.0),
    ("Acceptance expiry", 12.0),
    ("Tags", 24.0),
    ("Created", 17.0),
    ("Updated", 17.0),
    ("ID", 38.0),
];

/// Column indexes the workbook gives dropdowns.
pub(crate) const COL_CATEGORY: u16 = 2;
pub(crate) const COL_STATUS: u16 = 7;
pub(crate) const COL_TREATMENT: u16 = 8;

/// One register row, in the order of [`REGISTER_COLUMNS`].
pub(crate) fn register_row(
    entry: &RegisterEntry,
    matrix: &Matrix,
    category_names: &HashMap<&str, &str>,
) -> Vec<Cell> {
    let f = &entry.risk.fields;
    let score = |s: Option<Score>| -> [Cell; 3] {
        match s {
            Some(s) => [
                Cell::Number(f64::from(s.likelihood)),
                Cell::Number(f64::from(s.impact)),
                matrix.level_index(s).map_or(Cell::Empty, Cell::Level),
            ],
            None => [Cell::Empty, Cell::Empty, Cell::Empty],
        }
    };
    let date = |d: Option<NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    let mut row = vec![
        Cell::text(&entry.risk.reference),
        Cell::text(&f.title),
        Cell::text(
            category_names
                .get(f.category.as_str())
                .copied()
                .unwrap_or(&f.category),
        ),
        Cell::text(&f.description),
        Cell::text(&f.cause),
        Cell::text(&f.consequence),
        Cell::text(&f.owner),
        Cell::text(f.status.as_str()),
        Cell::text(f.treatment.map(|t| t.as_str()).unwrap_or_default()),
        Cell::text(&f.treatment_rationale),
    ];
    row.extend(score(f.inherent));
    row.extend(score(f.residual));
    row.extend(score(f.target));
    row.extend([
        date(f.next_review),
        date(entry.next_action_due),
        Cell::Number(f64::from(entry.overdue_actions)),
        Cell::text(&f.acceptance_approver),
        date(f.acceptance_expiry),
        Cell::text(f.tags.join(", ")),
        Cell::Timestamp(entry.risk.created_at),
        Cell::Timestamp(entry.risk.updated_at),
        Cell::text(&entry.risk.id),
    ]);
    debug_assert_eq!(row.len(), REGISTER_COLUMNS.len());
    row
}

/// Everything the sheets draw from, read once.
pub(crate) struct SheetData {
    pub partnership: Partnership,
    pub matrix: Matrix,
    pub entries: Vec<RegisterEntry>,
    pub categories: Vec<Category>,
    /// The partnership's actions in register order (by risk reference, then due date).
    pub actions: Vec<Action>,
    pub requirements: Vec<Requirement>,
    /// The exit plan's sheet, for a workbook of a partnership whose plan has something in it.
    pub exit: Option<exit_sheet::ExitSheet>,
    /// The health sheets, for a workbook of a partnership that has indicators.
    pub health: Option<health_sheet::HealthSheet>,
    /// The loss sheet, for a workbook of a partnership with money estimates or kept runs.
    pub loss: Option<loss_sheet::LossSheet>,
    pub today: NaiveDate,
}

impl SheetData {
    pub fn category_names(&self) -> HashMap<&str, &str> {
        self.categories
            .iter()
            .map(|c| (c.code.as_str(), c.name.as_str()))
            .collect()
    }

    /// Risk id → (reference, title).
    pub fn risk_names(&self) -> HashMap<&str, (&str, &str)> {
        self.entries
            .iter()
            .map(|e| {
                (
                    e.risk.id.as_str(),
                    (e.risk.reference.as_str(), e.risk.fields.title.as_str()),
                )
            })
            .collect()
    }
}

fn sheet_data(
    store: &Store,
    partnership_id: &str,
    today: NaiveDate,
    full: bool,
) -> Result<SheetData> {
    let register = store.register(partnership_id, &RiskFilter::default(), today)?;
    let categories = store.categories()?;
    let (actions, requirements) = if full {
        let position: HashMap<&str, usize> = register
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.risk.id.as_str(), i))
            .collect();
        let mut actions = store.partnership_actions(&register.partnership.id)?;
        // Stable: within a risk, the store's order (due date, undated last) stays.
        actions.sort_by_key(|a| position.get(a.risk_id.as_str()).copied());
        (actions, store.requirements(&register.partnership.id)?)
    } else {
        (Vec::new(), Vec::new())
    };
    let exit = if full {
        let plan = store.exit_plan(partnership_id)?;
        let tests = store.exit_tests(partnership_id)?;
        if plan.is_empty() && tests.is_empty() {
            None
        } else {
            Some(exit_sheet::ExitSheet {
                readiness: store.exit_readiness(partnership_id, today)?,
                plan,
                tests,
            })
        }
    } else {
        None
    };
    let health = if full {
        let health = store.health(partnership_id, today)?;
        let mut readings = Vec::new();
        for h in &health {
            readings.extend(store.readings(&h.indicator.id, true)?);
        }
        (!health.is_empty()).then_some(health_sheet::HealthSheet { health, readings })
    } else {
        None
    };
    let loss = if full {
        let results = store.quant_results(partnership_id)?;
        let risks: Vec<crate::model::Risk> = register
            .entries
            .iter()
            .filter(|e| {
                crate::model::ScoreKind::ALL
                    .iter()
                    .any(|&k| e.risk.fields.loss(k).is_some())
            })
            .map(|e| e.risk.clone())
            .collect();
        (!risks.is_empty() || !results.stages.is_empty())
            .then_some(loss_sheet::LossSheet { risks, results })
    } else {
        None
    };
    Ok(SheetData {
        exit,
        health,
        loss,
        partnership: register.partnership,
        matrix: register.matrix,
        entries: register.entries,
        categories,
        actions,
        requirements,
        today,
    })
}

/// The partnership as an XLSX workbook: Register, Actions, Requirements, Exit plan (when
/// the partnership's plan has something in it), Health and Readings (when it has
/// indicators) and Matrix
/// sheets. `today` is the export date and decides which actions are overdue.
pub fn export_xlsx(store: &Store, partnership_id: &str, today: NaiveDate) -> Result<Vec<u8>> {
    let data = sheet_data(store, partnership_id, today, true)?;
    xlsx::workbook(&data, Path::new("register.xlsx"))
}

/// Writes the workbook to `path` atomically (see [`crate::report::export_pdf_to_file`]).
pub fn export_xlsx_to_file(
    store: &Store,
    partnership_id: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<SpreadsheetExport> {
    export_spreadsheet_to_file(store, SpreadsheetFormat::Xlsx, partnership_id, today, path)
}

/// The partnership's register as CSV: the Register sheet's columns, UTF-8 with a
/// byte order mark (so that Excel reads it as UTF-8), every text cell that a
/// spreadsheet would take for a formula prefixed with `'` (see [`neutralise`]).
/// `today` decides which actions are overdue.
pub fn export_csv(store: &Store, partnership_id: &str, today: NaiveDate) -> Result<Vec<u8>> {
    let data = sheet_data(store, partnership_id, today, false)?;
    csv::register(&data, Path::new("register.csv"))
}

/// Writes the CSV to `path` atomically.
pub fn export_csv_to_file(
    store: &Store,
    partnership_id: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<SpreadsheetExport> {
    export_spreadsheet_to_file(store, SpreadsheetFormat::Csv, partnership_id, today, path)
}

/// Writes the register in `format` to `path` atomically: the whole file is built in
/// memory first, so a refusal or a failure leaves the old file as it was.
pub fn export_spreadsheet_to_file(
    store: &Store,
    format: SpreadsheetFormat,
    partnership_id: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<SpreadsheetExport> {
    check_target(path)?;
    let workbook = format == SpreadsheetFormat::Xlsx;
    let data = sheet_data(store, partnership_id, today, workbook)?;
    let bytes = match format {
        SpreadsheetFormat::Xlsx => xlsx::workbook(&data, path)?,
        SpreadsheetFormat::Csv => csv::register(&data, path)?,
    };
    write_atomically(path, &bytes)?;
    Ok(SpreadsheetExport {
        path: path.to_path_buf(),
        risks: data.entries.len(),
        // The CSV holds the register only.
        actions: if workbook { data.actions.len() } else { 0 },
        bytes: bytes.len() as u64,
    })
}
