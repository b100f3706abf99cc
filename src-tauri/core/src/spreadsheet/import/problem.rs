//! A problem or a warning of the dry run, named by the row the spreadsheet shows and the
//! column's header; its own module so that every step of the import can report one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
