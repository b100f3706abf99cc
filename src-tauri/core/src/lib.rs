//! Partner Risk's core: the domain, scoring matrices, the SQLite store, the built-in
//! partnership library, JSON interchange, PDF reports, spreadsheet export and risk
//! workshops. It knows nothing of Tauri or of the web view; the desktop app and the
//! `prisk` CLI are two thin front doors to it.

pub mod demo;
pub mod error;
pub mod exchange;
pub mod exit;
mod files;
pub mod health;
mod ids;
pub mod interchange;
pub mod library;
pub mod logs;
pub mod matrix;
pub mod minutes;
pub mod model;
pub mod money;
pub mod quant;
pub mod recent;
pub mod register;
pub mod register_of_information;
pub mod report;
pub mod review;
pub mod rules;
pub mod spreadsheet;
pub mod store;
pub mod workshop;

pub use error::{Error, Result};
pub use store::{OpenMode, Store};

#[cfg(test)]
mod floors;
