//! PDF reports, read back with lopdf: content, page numbers, fonts, matrices of every
//! shape, filters, the plan on its own, bad options and unwritable paths, and where every
//! run of text lands. Spreadsheet exports (XLSX and CSV), read back from their ZIP and XML
//! and with the csv crate.
//!
//! One test binary: the tests live in `report/`, one file per behaviour, and share the
//! stores, matrices and PDF reader of `report/support.rs`.

#[path = "report/support.rs"]
mod support;

#[path = "report/content.rs"]
mod content;
#[path = "report/exit.rs"]
mod exit;
#[path = "report/health.rs"]
mod health;
#[path = "report/layout.rs"]
mod layout;
#[path = "report/loss.rs"]
mod loss;
#[path = "report/options.rs"]
mod options;
#[path = "report/partner.rs"]
mod partner;
#[path = "report/spreadsheets.rs"]
mod spreadsheets;
