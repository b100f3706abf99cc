//! Spreadsheet import: a register kept in Excel or CSV, read into a partnership.
//!
//! 1. [`read_table`] reads the file into a [`Table`] of typed cells. The kind of file is
//!    recognised by its content, never its extension. Workbooks are read by calamine's
//!    streaming reader after a check of their ZIP container (`workbook`); text by the
//!    csv crate after the encoding and separator are found (`text`). A hostile file can
//!    still make a library allocate without bound, and an allocation failure cannot be
//!    caught, so the app and `prisk` read through [`isolated`]: a child process with a
//!    memory limit whose worst case is a clear error.
//! 2. [`plan_import`] (a dry run, `plan`) finds the header and maps the columns
//!    (`columns`), proposes what each value becomes (`mapping`, with `values` for
//!    scores, categories, statuses and treatments, and `dates`), reads each row into a
//!    risk's fields (`row`), and lists every problem by row and column. The mapping it
//!    proposes can be edited and given back.
//! 3. [`apply_import`] writes the plan in one audited transaction: new risks are
//!    added, risks already in the register (same reference or title) are updated.
//!
//! [`readings`] imports the readings of health indicators from the same tables.

mod apply;
pub mod columns;
mod dates;
pub mod isolated;
mod layout;
pub mod lexicon;
mod mapping;
mod plan;
mod problem;
pub mod readings;
mod remembered;
mod row;
mod table;
mod text;
pub mod values;
mod workbook;

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

pub use apply::{apply_import, ImportOutcome};
pub use columns::{ColumnMapping, ColumnTarget};
pub use dates::DateOrder;
pub use mapping::{ImportMapping, ValueMapping};
pub use plan::{plan_import, ImportCounts, ImportPlan, PlannedRow, RowChange};
pub use problem::ImportProblem;
pub use table::{CellValue, FileKind, SourceInfo, Table, TableRow, TextEncoding};
pub use values::ValueEntry;

use crate::error::{Error, Result};

/// Files above this size are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Rows and columns an import reads at most.
pub const MAX_ROWS: usize = 100_000;
pub const MAX_COLUMNS: usize = 256;

/// What the user chose about reading the file; each is detected when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReadOptions {
    pub sheet: Option<String>,
    pub delimiter: Option<char>,
    pub encoding: Option<TextEncoding>,
}

/// Reads a spreadsheet file in this process (see [`isolated`] for the safe way).
pub fn read_table(path: &Path, options: &ReadOptions) -> Result<Table> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::invalid(
            "file",
            format!("{} MB", size / (1024 * 1024)),
            format!(
                "is too large to import; the limit is {} MB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_table_bytes(&bytes, options)
}

/// Reads a spreadsheet held in memory.
pub fn read_table_bytes(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let digest = format!("{:x}", Sha256::digest(bytes));
    let kind = file_kind(bytes)?;
    let (rows, source) = match kind {
        FileKind::Xlsx | FileKind::Xls | FileKind::Xlsb | FileKind::Ods => {
            // A panic deep in a reader library becomes an error here too (the reader
            // process turns any other failure into one).
            let read = std::panic::catch_unwind(|| match kind {
                FileKind::Xlsx => workbook::read(bytes, options),
                _ => workbook::read_other(bytes, kind, options),
            });
            let (rows, sheets, sheet) = read.unwrap_or_else(|_| {
                Err(Error::invalid(
                    "file",
                    format!("{kind:?}").to_uppercase(),
                    "the workbook reader failed on this file; it is damaged",
                ))
            })?;
            (
                rows,
                SourceInfo {
                    kind,
                    sheets,
                    sheet: Some(sheet),
                    encoding: None,
                    delimiter: None,
                    digest,
                },
            )
        }
        FileKind::Csv => {
            let (rows, encoding, delimiter) = text::read(bytes, options)?;
            (
                rows,
                SourceInfo {
                    kind,
                    sheets: Vec::new(),
                    sheet: None,
                    encoding: Some(encoding),
                    delimiter: Some(delimiter),
                    digest,
                },
            )
        }
    };
    Ok(Table { source, rows })
}

/// Recognises a workbook or a text table by its first bytes.
fn file_kind(bytes: &[u8]) -> Result<FileKind> {
    let not = |what: &str| {
        Error::invalid(
            "file",
            what,
            "cannot be imported: save it as .xlsx, .ods or .csv and import that",
        )
    };
    if bytes.is_empty() {
        return Err(Error::invalid("file", "empty", "the file is empty"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(200)];
        if head.windows(11).any(|w| w == b"opendocumen") {
            return if head.windows(11).any(|w| w == b"spreadsheet") {
                Ok(FileKind::Ods)
            } else {
                Err(not("an OpenDocument text or presentation"))
            };
        }
        // The ZIP's directory names its parts in plain text.
        if bytes.windows(15).any(|w| w == b"xl/workbook.bin") {
            return Ok(FileKind::Xlsb);
        }
        return Ok(FileKind::Xlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Ok(FileKind::Xls);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(not("a PDF document"));
    }
    // Text: once decoded, hardly any control characters besides tabs and line breaks.
    let sample = &bytes[..bytes.len().min(8192)];
    let decoded = text::decode(sample, None)
        .map(|(t, _)| t)
        .unwrap_or_default();
    let controls = decoded
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    if controls * 100 > decoded.chars().count().max(1) {
        return Err(not("a binary file that is not a workbook"));
    }
    Ok(FileKind::Csv)
}
