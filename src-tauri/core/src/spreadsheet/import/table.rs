//! A table as read from a spreadsheet file, before any mapping: rows of typed cells,
//! each row with the number the spreadsheet shows for it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date in a workbook.
    Date(NaiveDate),
    Bool(bool),
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it.
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(s) => s.trim().to_string(),
            CellValue::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            CellValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// A row and the number the spreadsheet shows for it (1-based; for CSV, the record's
/// position, counting the header).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub number: u32,
    pub cells: Vec<CellValue>,
}

/// The kinds of file an import reads, recognised by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Xlsx,
    /// Excel 97-2003.
    Xls,
    /// Excel's binary workbook.
    Xlsb,
    /// OpenDocument spreadsheet (LibreOffice).
    Ods,
    Csv,
}

/// How a text file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum TextEncoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "windows-1252")]
    Windows1252,
    #[serde(rename = "utf-16le")]
    Utf16le,
    #[serde(rename = "utf-16be")]
    Utf16be,
}

impl TextEncoding {
    pub fn parse(text: &str) -> Option<TextEncoding> {
        match text.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => {
                Some(TextEncoding::Windows1252)
            }
            "utf-16le" | "utf16le" | "utf-16" => Some(TextEncoding::Utf16le),
            "utf-16be" | "utf16be" => Some(TextEncoding::Utf16be),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::Utf16le => "UTF-16LE",
            TextEncoding::Utf16be => "UTF-16BE",
        }
    }
}

/// What the reader chose (or was told) and the choices there were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceInfo {
    pub kind: FileKind,
    /// The workbook's sheets, in order (empty for CSV).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
    pub encoding: Option<TextEncoding>,
    /// The field separator of a text file.
    pub delimiter: Option<char>,
    /// SHA-256 of the file, so that an import can check it reads what was previewed.
    pub digest: String,
}

/// A sheet's rows, from the first row that has a value to the last (at most
/// [`super::MAX_ROWS`] rows and [`super::MAX_COLUMNS`] columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub source: SourceInfo,
    pub rows: Vec<TableRow>,
}
