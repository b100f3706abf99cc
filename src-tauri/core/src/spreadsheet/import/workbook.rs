//! Workbooks (XLSX, and XLS, XLSB and ODS). The ZIP container is checked before calamine opens it, and cells
//! are read with calamine's streaming reader under row and column caps, because a
//! small hostile file can make calamine allocate without bound: a `sharedStrings.xml`
//! that declares billions of strings, a zip bomb, or cells at A1 and XFD1048576 (whose
//! rectangle `worksheet_range` would allocate).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Sheets, Xlsx};

use super::table::{CellValue, FileKind, TableRow};
use super::text::{too_many_columns, too_many_rows};
use super::{columns, ReadOptions, MAX_COLUMNS, MAX_ROWS};
use crate::error::{Error, Result};

/// At most this many files in the container (a large real workbook has a few dozen).
const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes once inflated, per file and in all.
const MAX_ENTRY_INFLATED: u64 = 150 * 1024 * 1024;
const MAX_INFLATED: u64 = 200 * 1024 * 1024;
/// Rows of each sheet read to choose the sheet that looks like a register.
const SAMPLE_ROWS: usize = 20;

fn refused(message: impl Into<String>) -> Error {
    Error::invalid("file", "XLSX", message)
}

/// Checks the ZIP container: the number of files, their declared and their actual
/// inflated sizes (each inflated into a counter, never into memory), and that the
/// shared strings do not declare more strings than their size can hold.
pub(super) fn check_container(bytes: &[u8]) -> Result<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refused(format!("the workbook's ZIP container cannot be read: {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(refused(format!(
            "the workbook holds {} files; a workbook holds at most {MAX_ENTRIES}",
            archive.len()
        )));
    }
    let mut total: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| {
            refused(format!(
                "file {} of the workbook cannot be read: {e}",
                i + 1
            ))
        })?;
        let name = entry.name().to_string();
        if entry.size() > MAX_ENTRY_INFLATED || total + entry.size() > MAX_INFLATED {
            return Err(bomb(&name));
        }
        let shared_strings = name.eq_ignore_ascii_case("xl/sharedStrings.xml");
        let mut head = Vec::new();
        let mut inflated: u64 = 0;
        loop {
            let n = entry
                .read(&mut buffer)
                .map_err(|e| refused(format!("{name} in the workbook is damaged: {e}")))?;
            if n == 0 {
                break;
            }
            if shared_strings && head.len() < 4096 {
                head.extend_from_slice(&buffer[..n.min(4096 - head.len())]);
            }
            inflated += n as u64;
            if inflated > MAX_ENTRY_INFLATED || total + inflated > MAX_INFLATED {
                return Err(bomb(&name));
            }
        }
        total += inflated;
        if shared_strings {
            check_shared_strings(&head, inflated)?;
        }
    }
    Ok(())
}

fn bomb(name: &str) -> Error {
    refused(format!(
        "{name} would inflate beyond {} MB; the file is refused as a possible zip bomb",
        MAX_INFLATED / (1024 * 1024)
    ))
}

/// Each string takes at least `<si></si>` (9 bytes), so a `uniqueCount` above the
/// inflated size / 9 cannot be true; calamine would reserve memory for it.
fn check_shared_strings(head: &[u8], inflated: u64) -> Result<()> {
    let head = String::from_utf8_lossy(head);
    for attribute in ["uniqueCount=\"", "count=\""] {
        let Some(at) = head.find(attribute) else {
            continue;
        };
        let digits: String = head[at + attribute.len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let declared: u64 = digits.parse().unwrap_or(u64::MAX);
        if declared > inflated / 9 + 1 {
            return Err(refused(format!(
                "the shared strings declare {declared} strings in {inflated} bytes; the file is damaged or hostile"
            )));
        }
    }
    Ok(())
}

/// Reads the chosen sheet of an XLSX workbook: the one named in the options, or else
/// the one whose first rows hold the header that looks most like a register's (else
/// the first sheet).
pub(super) fn read(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Vec<TableRow>, Vec<String>, String)> {
    check_container(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| refused(format!("the workbook cannot be read: {e}")))?;
    let sheets = workbook.sheet_names();
    let sheet = choose_sheet(&sheets, options, |name| {
        read_sheet(&mut workbook, name, SAMPLE_ROWS)
    })?;
    let rows = read_sheet(&mut workbook, &sheet, MAX_ROWS + 1)?;
    if rows.len() > MAX_ROWS {
        return Err(too_many_rows());
    }
    Ok((rows, sheets, sheet))
}

/// Reads a legacy Excel (.xls), binary Excel (.xlsb) or OpenDocument (.ods) workbook.
/// calamine has no streaming reader for them: each sheet is read whole, which the
/// reader process's memory limit bounds (and an .xls sheet has at most 65,536 rows).
pub(super) fn read_other(
    bytes: &[u8],
    kind: FileKind,
    options: &ReadOptions,
) -> Result<(Vec<TableRow>, Vec<String>, String)> {
    let what = match kind {
        FileKind::Xls => "XLS",
        FileKind::Xlsb => "XLSB",
        _ => "ODS",
    };
    let refused = |message: String| Error::invalid("file", what, message);
    if kind != FileKind::Xls {
        // The container's checks name the kind of file the user chose.
        check_container(bytes).map_err(|e| match e {
            Error::Invalid { field, message, .. } => Error::Invalid {
                field,
                value: what.to_string(),
                message,
            },
            other => other,
        })?;
    }
    let cursor = Cursor::new(bytes);
    let opened = match kind {
        FileKind::Xls => calamine::Xls::new(cursor)
            .map(Sheets::Xls)
            .map_err(|e| e.to_string()),
        FileKind::Xlsb => calamine::Xlsb::new(cursor)
            .map(Sheets::Xlsb)
            .map_err(|e| e.to_string()),
        _ => calamine::Ods::new(cursor)
            .map(Sheets::Ods)
            .map_err(|e| e.to_string()),
    };
    let mut workbook = opened.map_err(|e| refused(format!("the workbook cannot be read: {e}")))?;
    let sheets = workbook.sheet_names();
    let mut read_range = |name: &str, limit: usize| -> Result<Vec<TableRow>> {
        let range = workbook
            .worksheet_range(name)
            .map_err(|e| refused(format!("sheet {name:?} cannot be read: {e}")))?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let values: Vec<CellValue> = cells.iter().map(cell_value).collect();
            let Some(last) = values.iter().rposition(|v| !v.is_empty()) else {
                continue;
            };
            if rows.len() == limit {
                break;
            }
            let width = first_column as usize + last + 1;
            let number = first_row.saturating_add(i as u32).saturating_add(1);
            if width > MAX_COLUMNS {
                return Err(too_many_columns(number, width));
            }
            let mut row = vec![CellValue::Empty; first_column as usize];
            row.extend(values.into_iter().take(last + 1));
            rows.push(TableRow { number, cells: row });
        }
        Ok(rows)
    };
    let sheet = choose_sheet(&sheets, options, |name| read_range(name, SAMPLE_ROWS))?;
    let rows = read_range(&sheet, MAX_ROWS + 1)?;
    if rows.len() > MAX_ROWS {
        return Err(too_many_rows());
    }
    Ok((rows, sheets, sheet))
}

/// The sheet named in the options, or the one whose first rows look most like a register.
fn choose_sheet(
    sheets: &[String],
    options: &ReadOptions,
    mut sample: impl FnMut(&str) -> Result<Vec<TableRow>>,
) -> Result<String> {
    if sheets.is_empty() {
        return Err(refused("the workbook has no sheets"));
    }
    if let Some(name) = &options.sheet {
        return sheets
            .iter()
            .find(|s| s.eq_ignore_ascii_case(name.trim()))
            .cloned()
            .ok_or_else(|| {
                Error::invalid(
                    "sheet",
                    name,
                    format!(
                        "the workbook has no such sheet; it has {}",
                        sheets.join(", ")
                    ),
                )
            });
    }
    let mut best: (usize, &String) = (0, &sheets[0]);
    for name in sheets {
        let rows = sample(name)?;
        let score = columns::detect_header(&rows).map_or(0, |(_, score)| score);
        if score > best.0 {
            best = (score, name);
        }
    }
    Ok(best.1.clone())
}

/// Reads up to `limit` non-empty rows of a sheet, cell by cell.
fn read_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    limit: usize,
) -> Result<Vec<TableRow>> {
    let damaged = |e: calamine::XlsxError| refused(format!("sheet {sheet:?} cannot be read: {e}"));
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(damaged)?;
    let mut rows: Vec<TableRow> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(damaged)? {
        let value = cell_value(&Data::from(cell.get_value().clone()));
        if value.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let number = row.saturating_add(1);
        if column as usize >= MAX_COLUMNS {
            return Err(too_many_columns(number, column as usize + 1));
        }
        if rows.last().is_none_or(|r| r.number != number) {
            if rows.len() == limit {
                break;
            }
            rows.push(TableRow {
                number,
                cells: Vec::new(),
            });
        }
        let cells = &mut rows.last_mut().expect("a row was pushed").cells;
        let column = column as usize;
        if cells.len() <= column {
            cells.resize(column + 1, CellValue::Empty);
        }
        cells[column] = value;
    }
    Ok(rows)
}

fn cell_value(value: &Data) -> CellValue {
    match value {
        Data::Empty => CellValue::Empty,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(d) => CellValue::Date(d.date()),
            None => CellValue::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => CellValue::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => CellValue::Date(d),
                Err(_) => CellValue::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Text(format!("{e}")),
    }
}
