//! Workbooks (XLSX). The ZIP container is checked before calamine opens it, and cells
//! are read with calamine's streaming reader under row and column caps, because a
//! small hostile file can make calamine allocate without bound: a `sharedStrings.xml`
//! that declares billions of strings, a zip bomb, or cells at A1 and XFD1048576 (whose
//! rectangle `worksheet_range` would allocate).

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::table::{CellValue, TableRow};
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

/// Reads the chosen sheet: the one named in the options, or else the first whose first
/// rows hold a header that looks like a register's (else the first sheet).
pub(super) fn read(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Vec<TableRow>, Vec<String>, String)> {
    check_container(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| refused(format!("the workbook cannot be read: {e}")))?;
    let sheets = workbook.sheet_names();
    if sheets.is_empty() {
        return Err(refused("the workbook has no sheets"));
    }
    let sheet = match &options.sheet {
        Some(name) => sheets
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
            })?,
        None => {
            let mut chosen = sheets[0].clone();
            for name in &sheets {
                let sample = read_sheet(&mut workbook, name, SAMPLE_ROWS)?;
                if columns::detect_header(&sample).is_some() {
                    chosen = name.clone();
                    break;
                }
            }
            chosen
        }
    };
    let rows = read_sheet(&mut workbook, &sheet, MAX_ROWS + 1)?;
    if rows.len() > MAX_ROWS {
        return Err(too_many_rows());
    }
    Ok((rows, sheets, sheet))
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
        let value = cell_value(cell.get_value());
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

fn cell_value(value: &DataRef<'_>) -> CellValue {
    match value {
        DataRef::Empty => CellValue::Empty,
        DataRef::String(s) => CellValue::Text(s.clone()),
        DataRef::SharedString(s) => CellValue::Text((*s).to_string()),
        DataRef::Int(i) => CellValue::Number(*i as f64),
        DataRef::Float(f) => CellValue::Number(*f),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(d) => CellValue::Date(d.date()),
            None => CellValue::Number(dt.as_f64()),
        },
        DataRef::DateTime(dt) => CellValue::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => CellValue::Date(d),
                Err(_) => CellValue::Text(s.clone()),
            }
        }
        DataRef::DurationIso(s) => CellValue::Text(s.clone()),
        DataRef::Error(e) => CellValue::Text(format!("{e}")),
    }
}
