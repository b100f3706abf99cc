//! What every import test uses: a store with one partnership on a chosen matrix, the dry
//! run of a file and its problems as text, dates in short, and a file written in one call.

use chrono::NaiveDate;
use partner_risk_core::model::PartnershipFields;
use partner_risk_core::spreadsheet::import::{read_table, ImportPlan, ReadOptions};
use partner_risk_core::{OpenMode, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn store_with(matrix: &str) -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Acme cloud"), matrix)
        .unwrap();
    (dir, store, p.id)
}

pub fn plan(store: &Store, partnership: &str, path: &Path) -> ImportPlan {
    let table = read_table(path, &ReadOptions::default()).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    partner_risk_core::spreadsheet::import::plan_import(
        store,
        partnership,
        &name,
        &table,
        None,
        None,
        None,
    )
    .unwrap()
}

pub fn problems(plan: &ImportPlan) -> Vec<String> {
    plan.problems.iter().map(|p| p.to_string()).collect()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::File::create(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    path.to_path_buf()
}
