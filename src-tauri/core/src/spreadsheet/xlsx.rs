//! The workbook, with rust_xlsxwriter: Register, Actions, Requirements and Matrix sheets,
//! and a hidden Lists sheet that holds the categories the Register's dropdown offers.
//!
//! Every text is written as a string cell, never as a formula, so text that starts with
//! `=` stays text in the workbook. The Register and Actions sheets are written row by
//! row in constant-memory mode (their XML goes to a temporary file, not to memory).

use std::path::Path;

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Formula, Workbook, Worksheet, XlsxError,
};

use super::{
    register_row, Cell, SheetData, COL_CATEGORY, COL_STATUS, COL_TREATMENT, REGISTER_COLUMNS,
};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::model::{ActionStatus, RequirementStatus, RiskStatus, Treatment};
use crate::report::kit::Colour;

pub(crate) const REGISTER: &str = "Register";
pub(crate) const ACTIONS: &str = "Actions";
pub(crate) const REQUIREMENTS: &str = "Requirements";
pub(crate) const MATRIX: &str = "Matrix";
pub(crate) const LISTS: &str = "Lists";

/// The last row of a sheet (0-based): dropdowns cover the whole column below the header,
/// so rows a user adds get them too.
const LAST_ROW: u32 = 1_048_575;

/// The formats every sheet shares, made once.
struct Formats {
    header: Format,
    title: Format,
    date: Format,
    timestamp: Format,
    money: Format,
    /// One per level of the matrix: its colour as the fill, black or white text.
    levels: Vec<Format>,
}

impl Formats {
    fn new(matrix: &Matrix) -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x1F3A5F))
                .set_font_color(Color::White)
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            timestamp: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            money: Format::new().set_num_format("#,##0.00"),
            levels: matrix
                .levels
                .iter()
                .map(|l| level_format(&l.colour))
                .collect(),
        }
    }
}

fn level_format(colour: &str) -> Format {
    let rgb = u32::from_str_radix(colour.trim_start_matches('#'), 16).unwrap_or(0x9E9E9E);
    let text = if Colour::hex(colour).text_on().r > 0.5 {
        Color::White
    } else {
        Color::Black
    };
    Format::new()
        .set_background_color(Color::RGB(rgb))
        .set_font_color(text)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBDBDBD))
}

/// The workbook's bytes; `path` names the file in errors.
pub(super) fn workbook(data: &SheetData, path: &Path) -> Result<Vec<u8>> {
    build(data).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: match e {
            XlsxError::IoError(source) => source,
            other => std::io::Error::other(other.to_string()),
        },
    })
}

fn build(data: &SheetData) -> std::result::Result<Vec<u8>, XlsxError> {
    let formats = Formats::new(&data.matrix);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — risk register", data.partnership.fields.name))
            .set_subject(format!(
                "Risk register of {}, exported {}",
                data.partnership.fields.name,
                data.today.format("%Y-%m-%d")
            ))
            .set_comment("Exported by Partner Risk"),
    );
    register(book.add_worksheet_with_constant_memory()?, data, &formats)?;
    actions(book.add_worksheet_with_constant_memory()?, data, &formats)?;
    requirements(book.add_worksheet(), data, &formats)?;
    if let Some(exit) = &data.exit {
        super::exit_sheet::write(
            book.add_worksheet(),
            &data.partnership.fields.name,
            exit,
            &formats.header,
            &formats.title,
            &formats.money,
        )?;
    }
    if let Some(health) = &data.health {
        let names = data.risk_names();
        let reference = |id: &str| names.get(id).map_or(id, |(r, _)| r).to_string();
        super::health_sheet::write_health(
            book.add_worksheet(),
            &data.partnership.fields.name,
            health,
            &reference,
            &formats.header,
            &formats.title,
        )?;
        super::health_sheet::write_readings(
            book.add_worksheet_with_constant_memory()?,
            health,
            &formats.header,
        )?;
    }
    if let Some(loss) = &data.loss {
        super::loss_sheet::write(
            book.add_worksheet(),
            &data.partnership.fields.name,
            loss,
            &formats.header,
            &formats.title,
        )?;
    }
    matrix(book.add_worksheet(), &data.matrix, &formats)?;
    lists(book.add_worksheet(), data, &formats)?;
    book.save_to_buffer()
}

/// The header row, column widths, frozen header (and first `frozen_cols` columns) and an
/// autofilter over `rows` data rows.
fn table_head(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    rows: usize,
    frozen_cols: u16,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    // Two lines: long headers ("Residual likelihood") wrap in their narrow columns.
    sheet.set_row_height(0, 30)?;
    for (col, (header, width)) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, *width)?;
        sheet.write_string_with_format(0, col, *header, &formats.header)?;
    }
    sheet.set_freeze_panes(1, frozen_cols)?;
    sheet.autofilter(0, 0, rows as u32, columns.len() as u16 - 1)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    matrix: &Matrix,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(row, col, s)?;
        }
        Cell::Number(n) => {
            sheet.write_number(row, col, *n)?;
        }
        Cell::Date(d) => {
            use chrono::Datelike;
            let excel = u16::try_from(d.year())
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
            match excel {
                Some(excel) => sheet.write_datetime_with_format(row, col, excel, &formats.date)?,
                // Outside Excel's calendar (before 1900): the ISO text.
                None => sheet.write_string(row, col, d.format("%Y-%m-%d").to_string())?,
            };
        }
        Cell::Timestamp(t) => {
            match ExcelDateTime::from_timestamp(t.timestamp()) {
                Ok(excel) => {
                    sheet.write_datetime_with_format(row, col, excel, &formats.timestamp)?
                }
                Err(_) => sheet.write_string(row, col, t.to_rfc3339())?,
            };
        }
        Cell::Level(index) => write_level(sheet, row, col, matrix, *index, formats)?,
    }
    Ok(())
}

/// A level cell: the level's name on its colour.
fn write_level(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    matrix: &Matrix,
    index: usize,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    if let (Some(level), Some(format)) = (matrix.levels.get(index), formats.levels.get(index)) {
        sheet.write_string_with_format(row, col, &level.name, format)?;
    }
    Ok(())
}

fn register(
    sheet: &mut Worksheet,
    data: &SheetData,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(REGISTER)?;
    table_head(sheet, REGISTER_COLUMNS, data.entries.len(), 1, formats)?;
    // Dropdowns: categories from the Lists sheet (a literal list is capped at 255
    // characters and users add categories), statuses and treatments as literal lists.
    let categories = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "={LISTS}!$A$2:$A${}",
            data.categories.len().max(1) + 1
        )))
        .set_error_title("Category")?
        .set_error_message("Choose one of the workspace's categories.")?;
    sheet.add_data_validation(1, COL_CATEGORY, LAST_ROW, COL_CATEGORY, &categories)?;
    let statuses: Vec<&str> = RiskStatus::ALL.iter().map(|s| s.as_str()).collect();
    let status = DataValidation::new().allow_list_strings(&statuses)?;
    sheet.add_data_validation(1, COL_STATUS, LAST_ROW, COL_STATUS, &status)?;
    let treatments: Vec<&str> = Treatment::ALL.iter().map(|t| t.as_str()).collect();
    let treatment = DataValidation::new()
        .allow_list_strings(&treatments)?
        .ignore_blank(true);
    sheet.add_data_validation(1, COL_TREATMENT, LAST_ROW, COL_TREATMENT, &treatment)?;

    let names = data.category_names();
    for (i, entry) in data.entries.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, cell) in register_row(entry, &data.matrix, &names).iter().enumerate() {
            write_cell(sheet, row, col as u16, cell, &data.matrix, formats)?;
        }
    }
    Ok(())
}

const ACTION_COLUMNS: &[(&str, f64)] = &[
    ("Risk reference", 11.0),
    ("Risk title", 36.0),
    ("Action", 40.0),
    ("Detail", 44.0),
    ("Owner", 18.0),
    ("Due", 12.0),
    ("Status", 12.0),
    ("Overdue", 9.0),
    ("Cost", 12.0),
    ("Currency", 9.0),
    ("ID", 38.0),
];

fn actions(
    sheet: &mut Worksheet,
    data: &SheetData,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(ACTIONS)?;
    table_head(sheet, ACTION_COLUMNS, data.actions.len(), 1, formats)?;
    let statuses: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.as_str()).collect();
    let status = DataValidation::new().allow_list_strings(&statuses)?;
    sheet.add_data_validation(1, 6, LAST_ROW, 6, &status)?;
    let names = data.risk_names();
    for (i, action) in data.actions.iter().enumerate() {
        let row = i as u32 + 1;
        let (reference, title) = names
            .get(action.risk_id.as_str())
            .copied()
            .unwrap_or_default();
        let f = &action.fields;
        let cells = [
            Cell::text(reference),
            Cell::text(title),
            Cell::text(&f.title),
            Cell::text(&f.detail),
            Cell::text(&f.owner),
            f.due.map_or(Cell::Empty, Cell::Date),
            Cell::text(f.status.as_str()),
            Cell::text(if f.is_overdue(data.today) { "yes" } else { "" }),
        ];
        for (col, cell) in cells.iter().enumerate() {
            write_cell(sheet, row, col as u16, cell, &data.matrix, formats)?;
        }
        if let Some(cost) = &f.cost {
            sheet.write_number_with_format(row, 8, cost.minor as f64 / 100.0, &formats.money)?;
            sheet.write_string(row, 9, &cost.currency)?;
        }
        sheet.write_string(row, 10, &action.id)?;
    }
    Ok(())
}

const REQUIREMENT_COLUMNS: &[(&str, f64)] = &[
    ("Code", 12.0),
    ("Title", 40.0),
    ("Area", 16.0),
    ("Description", 50.0),
    ("Status", 14.0),
    ("Evidence", 36.0),
    ("Risks", 30.0),
    ("ID", 38.0),
];

fn requirements(
    sheet: &mut Worksheet,
    data: &SheetData,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(REQUIREMENTS)?;
    table_head(
        sheet,
        REQUIREMENT_COLUMNS,
        data.requirements.len(),
        1,
        formats,
    )?;
    let statuses: Vec<&str> = RequirementStatus::ALL.iter().map(|s| s.as_str()).collect();
    let status = DataValidation::new().allow_list_strings(&statuses)?;
    sheet.add_data_validation(1, 4, LAST_ROW, 4, &status)?;
    let names = data.risk_names();
    for (i, requirement) in data.requirements.iter().enumerate() {
        let row = i as u32 + 1;
        let f = &requirement.fields;
        let mut risks: Vec<&str> = requirement
            .risk_ids
            .iter()
            .filter_map(|id| names.get(id.as_str()).map(|(reference, _)| *reference))
            .collect();
        risks.sort_unstable();
        let cells = [
            Cell::text(&f.code),
            Cell::text(&f.title),
            Cell::text(&f.area),
            Cell::text(&f.description),
            Cell::text(f.status.as_str()),
            Cell::text(&f.evidence),
            Cell::text(risks.join(", ")),
            Cell::text(&requirement.id),
        ];
        for (col, cell) in cells.iter().enumerate() {
            write_cell(sheet, row, col as u16, cell, &data.matrix, formats)?;
        }
    }
    Ok(())
}

/// Where the Matrix sheet's grid starts: the impact labels' row (0-based).
pub(crate) const GRID_HEADER_ROW: u32 = 3;

/// The grid in its colours, likelihood from the highest level at the top to the lowest,
/// impact from left to right, then the levels and both axes' definitions.
fn matrix(
    sheet: &mut Worksheet,
    matrix: &Matrix,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(MATRIX)?;
    let label = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xECEFF1))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBDBDBD));
    let bold = Format::new().set_bold();
    let (lmax, imax) = matrix.size();
    sheet.set_column_width(0, 26)?;
    for col in 1..=imax.max(4) as u16 {
        sheet.set_column_width(col, 18)?;
    }
    sheet.write_string_with_format(0, 0, &matrix.name, &formats.title)?;
    if !matrix.description.is_empty() {
        sheet.write_string(1, 0, &matrix.description)?;
    }
    let top = GRID_HEADER_ROW;
    sheet.write_string_with_format(top, 0, "Likelihood ↓ / Impact →", &formats.header)?;
    for (i, level) in matrix.impact.iter().enumerate() {
        sheet.write_string_with_format(
            top,
            i as u16 + 1,
            format!("{} · {}", i + 1, level.label),
            &label,
        )?;
    }
    for (k, l) in (0..lmax).rev().enumerate() {
        let row = top + 1 + k as u32;
        sheet.set_row_height(row, 30)?;
        let likelihood = &matrix.likelihood[l];
        sheet.write_string_with_format(
            row,
            0,
            format!("{} · {}", l + 1, likelihood.label),
            &label,
        )?;
        for i in 0..imax {
            let index = usize::from(matrix.grid[l][i]);
            write_level(sheet, row, i as u16 + 1, matrix, index, formats)?;
        }
    }

    let mut row = top + lmax as u32 + 2;
    sheet.write_string_with_format(row, 0, "Risk levels", &bold)?;
    row += 1;
    for (col, header) in [
        "Level",
        "Colour",
        "Review every (days)",
        "Within appetite",
        "Description",
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(row, col as u16, header, &formats.header)?;
    }
    for (index, level) in matrix.levels.iter().enumerate() {
        row += 1;
        write_level(sheet, row, 0, matrix, index, formats)?;
        sheet.write_string(row, 1, &level.colour)?;
        sheet.write_number(row, 2, level.review_days)?;
        sheet.write_string(row, 3, if level.within_appetite { "yes" } else { "no" })?;
        if !level.description.is_empty() {
            sheet.write_string(row, 4, &level.description)?;
        }
    }

    for (name, axis) in [
        ("Likelihood", &matrix.likelihood),
        ("Impact", &matrix.impact),
    ] {
        row += 2;
        sheet.write_string_with_format(row, 0, name, &bold)?;
        row += 1;
        for (col, header) in ["Level", "Label", "Range", "Description"]
            .into_iter()
            .enumerate()
        {
            sheet.write_string_with_format(row, col as u16, header, &formats.header)?;
        }
        for (k, level) in axis.iter().enumerate() {
            row += 1;
            sheet.write_number(row, 0, k as f64 + 1.0)?;
            sheet.write_string(row, 1, &level.label)?;
            if let Some(range) = &level.range {
                sheet.write_string(row, 2, range)?;
            }
            if !level.description.is_empty() {
                sheet.write_string(row, 3, &level.description)?;
            }
        }
    }
    Ok(())
}

/// The hidden sheet the Register's category dropdown reads.
fn lists(
    sheet: &mut Worksheet,
    data: &SheetData,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(LISTS)?;
    sheet.set_column_width(0, 24)?;
    sheet.write_string_with_format(0, 0, "Categories", &formats.header)?;
    for (i, category) in data.categories.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, &category.name)?;
    }
    sheet.set_hidden(true);
    Ok(())
}
