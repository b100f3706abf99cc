//! The merge on snapshots (property tests on random edits from a common base) and the
//! exchange through real workspaces.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};

use super::merge::{merge, plan, ConflictKind, Resolution, Resolutions, Side, What};
use super::snapshot::{Row, Snapshot};
use super::*;
use crate::matrix::Score;
use crate::model::{ActionFields, PartnershipFields, RiskFields};
use crate::review::{ReviewDecision, ReviewFields};
use crate::{OpenMode, Store};

mod history;
mod partner;
mod properties;
mod reference;
mod refusals;
mod restore;
mod snapshots;
mod workspaces;

// ---- the merge on snapshots ----

fn risk(reference: &str, title: &str) -> Row {
    let mut r = Row::new();
    r.insert("id".into(), json!(reference.to_lowercase()));
    r.insert("reference".into(), json!(reference));
    r.insert("title".into(), json!(title));
    r.insert("owner".into(), json!(""));
    r.insert("description".into(), json!(""));
    r.insert("residual".into(), Value::Null);
    r.insert("updated_at".into(), json!("2026-01-01 00:00:00.000+00:00"));
    r
}

fn snapshot_of(risks: Vec<Row>) -> Snapshot {
    let mut s = Snapshot::default();
    let rows = risks
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r))
        .collect();
    s.tables.insert("risks".into(), rows);
    s
}

fn base3() -> Snapshot {
    snapshot_of(vec![
        risk("TEC-001", "API breaks"),
        risk("TEC-002", "Data drift"),
        risk("TEC-003", "Vendor lock-in"),
    ])
}

fn set(s: &mut Snapshot, key: &str, field: &str, value: Value) {
    s.tables
        .get_mut("risks")
        .unwrap()
        .get_mut(key)
        .unwrap()
        .insert(field.into(), value);
}

fn none() -> Resolutions {
    Resolutions::default()
}

// ---- through real workspaces ----

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

struct Two {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    a: Store,
    b: Store,
    pid: String,
}

/// Workspace A with a partnership of `n` risks, sent to workspace B, which imports it.
fn two(n: usize) -> Two {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let mut a = Store::open(path.join("a.prisk"), OpenMode::CreateIfMissing).unwrap();
    a.set_actor("Ann");
    let p = a
        .create_partnership(PartnershipFields::new("Acme cloud"), "5x5")
        .unwrap();
    for k in 0..n {
        let mut f = RiskFields::new("technical", format!("Risk {k}"));
        f.inherent = Some(Score::new(3, 3));
        a.add_risk(&p.id, f).unwrap();
    }
    let mut b = Store::open(path.join("b.prisk"), OpenMode::CreateIfMissing).unwrap();
    b.set_actor("Bo");
    let f0 = path.join("start.prisk-exchange");
    export(&mut a, &p.id, &f0, &ExportOptions::default()).unwrap();
    let report = merge_file(&mut b, &f0, &MergeOptions::default(), false).unwrap();
    assert_eq!(report.preview.mode, Mode::Import);
    Two {
        _dir: dir,
        dir: path,
        a,
        b,
        pid: p.id,
    }
}

/// A partnership's records without its history (each workspace logs its own merges).
fn register(store: &Store, pid: &str) -> Snapshot {
    let mut s = snapshot::read(store.connection(), pid).unwrap();
    s.tables.remove("audit_log");
    s
}

fn send(from: &mut Store, pid: &str, to: &Path) -> PathBuf {
    export(from, pid, to, &ExportOptions::default()).unwrap();
    to.to_path_buf()
}
