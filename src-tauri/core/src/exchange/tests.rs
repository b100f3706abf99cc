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

#[test]
fn changes_to_different_fields_merge_by_themselves() {
    let base = base3();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    set(&mut mine, "tec-001", "title", json!("API breaks often"));
    set(&mut theirs, "tec-001", "owner", json!("Ann"));
    set(
        &mut theirs,
        "tec-001",
        "residual",
        json!({"residual_i": 3, "residual_l": 2}),
    );
    let m = merge(Some(&base), &mine, &theirs, &none());
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let r = m.result.get("risks", "tec-001").unwrap();
    assert_eq!(r["title"], json!("API breaks often"));
    assert_eq!(r["owner"], json!("Ann"));
    assert_eq!(r["residual"], json!({"residual_i": 3, "residual_l": 2}));
    assert_eq!(m.theirs.len(), 1);
    assert_eq!(m.theirs[0].fields, vec!["owner", "residual"]);
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_with_a_stable_id() {
    let base = base3();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    set(&mut mine, "tec-002", "title", json!("Model drift"));
    set(&mut theirs, "tec-002", "title", json!("Data quality drift"));
    let m = merge(Some(&base), &mine, &theirs, &none());
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(c.kind, ConflictKind::Field);
    assert_eq!(c.field.as_deref(), Some("title"));
    assert_eq!(
        (&c.base, &c.mine, &c.theirs),
        (
            &json!("Data drift"),
            &json!("Model drift"),
            &json!("Data quality drift")
        )
    );
    // Unresolved: ours stays in the result.
    assert_eq!(
        m.result.get("risks", "tec-002").unwrap()["title"],
        json!("Model drift")
    );
    let again = merge(Some(&base), &mine, &theirs, &none());
    assert_eq!(again.conflicts[0].id, c.id);
    // Resolved by an edited value.
    let mut r = none();
    r.by_id.insert(
        c.id.clone(),
        Resolution::Value(json!("Drift of data and model")),
    );
    let m = merge(Some(&base), &mine, &theirs, &r);
    assert_eq!(m.unresolved().count(), 0);
    assert_eq!(
        m.result.get("risks", "tec-002").unwrap()["title"],
        json!("Drift of data and model")
    );
}

#[test]
fn an_edit_against_a_deletion_is_a_conflict_and_either_side_can_win() {
    let base = base3();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.tables.get_mut("risks").unwrap().remove("tec-003");
    set(&mut theirs, "tec-003", "owner", json!("Bo"));
    let m = merge(Some(&base), &mine, &theirs, &none());
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].kind, ConflictKind::EditDelete);
    assert!(m.result.get("risks", "tec-003").is_none());
    let take = |side| Resolutions {
        take: Some(side),
        ..Default::default()
    };
    let theirs_win = merge(Some(&base), &mine, &theirs, &take(Side::Theirs));
    assert_eq!(
        theirs_win.result.get("risks", "tec-003").unwrap()["owner"],
        json!("Bo")
    );
    // A deletion against no change goes through.
    let m = merge(Some(&base), &mine, &base, &none());
    assert!(m.conflicts.is_empty() && m.result.get("risks", "tec-003").is_none());
}

#[test]
fn two_new_risks_with_one_title_conflict_and_a_taken_reference_is_renumbered() {
    let base = base3();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    let mut ours = risk("TEC-004", "Key person leaves");
    ours.insert("id".into(), json!("ours-4"));
    let mut new = risk("TEC-004", "key person leaves ");
    new.insert("id".into(), json!("theirs-4"));
    let mut other = risk("TEC-005", "Currency swings");
    other.insert("id".into(), json!("theirs-5"));
    let mut mine_new = risk("TEC-005", "Patent dispute");
    mine_new.insert("id".into(), json!("ours-5"));
    for (s, rows) in [
        (&mut mine, vec![ours, mine_new]),
        (&mut theirs, vec![new, other]),
    ] {
        for r in rows {
            let id = r["id"].as_str().unwrap().to_string();
            s.tables.get_mut("risks").unwrap().insert(id, r);
        }
    }
    let m = merge(Some(&base), &mine, &theirs, &none());
    let kinds: Vec<_> = m.conflicts.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![ConflictKind::SameTitle]);
    assert_eq!(m.conflicts[0].key, "theirs-4");
    assert_eq!(m.conflicts[0].other_key.as_deref(), Some("ours-4"));
    // Unresolved, theirs is left out; its reference clash is not reported for it.
    assert!(m.result.get("risks", "theirs-4").is_none());
    // The other incoming risk took TEC-005, which ours has: renumbered.
    assert_eq!(m.renumbered.len(), 1);
    assert_eq!(
        (m.renumbered[0].from.as_str(), m.renumbered[0].to.as_str()),
        ("TEC-005", "TEC-006")
    );
    assert_eq!(
        m.result.get("risks", "theirs-5").unwrap()["reference"],
        json!("TEC-006")
    );
    // Both kept: the second is renumbered as well.
    let mut both = none();
    both.by_id
        .insert(m.conflicts[0].id.clone(), Resolution::Both);
    let m = merge(Some(&base), &mine, &theirs, &both);
    let refs: Vec<&str> = m.result.tables["risks"]
        .values()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    let mut sorted = refs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), refs.len(), "references stay unique: {refs:?}");
    assert_eq!(m.renumbered.len(), 2);
}

#[test]
fn without_a_base_every_difference_is_a_conflict_and_append_only_rows_unite() {
    let mine = snapshot_of(vec![risk("TEC-001", "A"), risk("TEC-002", "B")]);
    let mut theirs = snapshot_of(vec![risk("TEC-001", "A2"), risk("TEC-003", "C")]);
    let mut review = Row::new();
    review.insert("id".into(), json!("rv1"));
    review.insert("risk_id".into(), json!("tec-001"));
    theirs.tables.insert(
        "reviews".into(),
        BTreeMap::from([("rv1".to_string(), review)]),
    );
    let m = merge(None, &mine, &theirs, &none());
    let kinds: Vec<_> = m.conflicts.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ConflictKind::Field,
            ConflictKind::OnlyOneSide,
            ConflictKind::OnlyOneSide
        ]
    );
    assert!(
        m.result.get("reviews", "rv1").is_some(),
        "reviews are united"
    );
}

#[test]
fn a_child_changed_under_a_parent_deleted_on_the_other_side_is_a_conflict() {
    let base = base3();
    let mut action = Row::new();
    action.insert("id".into(), json!("a1"));
    action.insert("risk_id".into(), json!("tec-002"));
    action.insert("title".into(), json!("Monitor"));
    let mut mine = base.clone();
    mine.tables.get_mut("risks").unwrap().remove("tec-002");
    let mut theirs = base.clone();
    theirs.tables.insert(
        "actions".into(),
        BTreeMap::from([("a1".to_string(), action)]),
    );
    let m = merge(Some(&base), &mine, &theirs, &none());
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].kind, ConflictKind::EditDelete);
    assert_eq!(m.conflicts[0].key, "tec-002");
    assert!(m.result.get("actions", "a1").is_none());
    let keep = Resolutions {
        take: Some(Side::Theirs),
        ..Default::default()
    };
    let m = merge(Some(&base), &mine, &theirs, &keep);
    assert!(m.result.get("risks", "tec-002").is_some());
    assert!(m.result.get("actions", "a1").is_some());
}

/// One edit of one side, on a register of risks `r0…r5` from the base.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, &'static str, u8),
    Delete(usize),
    Add(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..6usize, prop::sample::select(vec!["title", "owner", "description", "residual"]), 0..3u8)
            .prop_map(|(i, f, v)| Edit::Set(i, f, v)),
        1 => (0..6usize).prop_map(Edit::Delete),
        1 => (0..50u8).prop_map(Edit::Add),
    ]
}

fn prop_base() -> Snapshot {
    snapshot_of(
        (0..6)
            .map(|n| risk(&format!("R-{n:03}"), &format!("Risk {n}")))
            .collect(),
    )
}

fn apply_edits(base: &Snapshot, side: &str, edits: &[Edit]) -> Snapshot {
    let mut s = base.clone();
    let rows = s.tables.get_mut("risks").unwrap();
    for (n, e) in edits.iter().enumerate() {
        match e {
            Edit::Set(i, f, v) => {
                if let Some(r) = rows.get_mut(&format!("r-{i:03}")) {
                    let value = match *f {
                        "residual" => json!({"residual_i": v + 1, "residual_l": v + 2}),
                        _ => json!(format!("{f} {v}")),
                    };
                    r.insert(f.to_string(), value);
                    r.insert(
                        "updated_at".into(),
                        json!(format!("2026-02-0{} 00:00:00.000+00:00", n % 9 + 1)),
                    );
                }
            }
            Edit::Delete(i) => {
                rows.remove(&format!("r-{i:03}"));
            }
            Edit::Add(k) => {
                let reference = format!("{}-{k:03}", side.to_uppercase());
                let mut r = risk(&reference, &format!("New {side} {k}"));
                r.insert("id".into(), json!(format!("{side}-{k}")));
                rows.insert(format!("{side}-{k}"), r);
            }
        }
    }
    s
}

fn conflicted(m: &Merged, key: &str) -> bool {
    m.conflicts.iter().any(|c| c.key == key)
}

/// Every change of `side` since the base is in the result, or a conflict names its record.
fn every_change_present_or_conflicted(m: &Merged, changes: &[SideChange], side: &Snapshot) {
    for c in changes {
        if conflicted(m, &c.key) {
            continue;
        }
        let now = m.result.get(&c.table, &c.key);
        match c.what {
            What::New => assert!(now.is_some(), "{c:?} lost"),
            What::Deleted => assert!(now.is_none(), "{c:?} undone"),
            What::Changed => {
                let was = side.get(&c.table, &c.key).unwrap();
                for f in &c.fields {
                    assert_eq!(now.map(|r| &r[f]), Some(&was[f]), "{c:?} lost");
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn merging_either_way_gives_one_register_and_loses_no_change(
        a in prop::collection::vec(edit(), 0..8),
        b in prop::collection::vec(edit(), 0..8),
    ) {
        let base = prop_base();
        let (mine, theirs) = (apply_edits(&base, "a", &a), apply_edits(&base, "b", &b));
        let ab = merge(Some(&base), &mine, &theirs, &none());
        let ba = merge(Some(&base), &theirs, &mine, &none());
        // Unresolved conflicts leave each side's own value, so only their presence is symmetric.
        prop_assert_eq!(ab.conflicts.is_empty(), ba.conflicts.is_empty());
        if ab.conflicts.is_empty() {
            prop_assert_eq!(&ab.result, &ba.result);
        }
        every_change_present_or_conflicted(&ab, &ab.mine, &mine);
        every_change_present_or_conflicted(&ab, &ab.theirs, &theirs);
        // Applying the result and merging the same file again changes nothing.
        let again = merge(Some(&theirs), &ab.result, &theirs, &none());
        prop_assert!(again.conflicts.is_empty());
        prop_assert!(plan(&ab.result, &again.result).is_empty());
    }
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

#[test]
fn a_partnership_travels_whole_and_a_first_exchange_imports_it() {
    let mut t = two(3);
    let risk = t.a.risks(&t.pid).unwrap()[0].clone();
    t.a.add_action(&risk.id, ActionFields::new("Pin the API version"))
        .unwrap();
    t.a.add_review(
        &risk.id,
        ReviewFields::new(ReviewDecision::Escalate, "Too exposed"),
        today(),
    )
    .unwrap();
    let f = send(&mut t.a, &t.pid, &t.dir.join("a1.prisk-exchange"));
    let preview = preview(&t.b, &f, &MergeOptions::default()).unwrap();
    assert_eq!(preview.mode, Mode::ThreeWay);
    assert!(preview.conflicts.is_empty());
    merge_file(&mut t.b, &f, &MergeOptions::default(), false).unwrap();
    assert_eq!(register(&t.a, &t.pid), register(&t.b, &t.pid));
    // The history came along, and the merge's own rows name the file and its sender.
    assert!(t
        .b
        .history(&risk.id)
        .unwrap()
        .iter()
        .any(|h| h.actor == "Ann"));
    let history = t.b.partnership_history(&t.pid).unwrap();
    assert!(history
        .iter()
        .any(|h| h.actor == "Bo"
            && h.context.as_deref() == Some("merged from a1.prisk-exchange (Ann)")));
    // Derived values: the search index and the review queue know the new rows.
    assert_eq!(t.b.search_risks(&t.pid, "Risk", 10).unwrap().len(), 3);
    assert_eq!(t.b.reviews(&risk.id).unwrap().len(), 1);
}

#[test]
fn both_sides_edit_and_merge_to_the_same_register_and_twice_is_nothing() {
    let mut t = two(4);
    let risks = t.a.risks(&t.pid).unwrap();
    let mut f = risks[0].fields.clone();
    f.title = "Risk 0, sharper".into();
    t.a.update_risk(&risks[0].id, f).unwrap();
    let mut f = risks[1].fields.clone();
    f.owner = "Bo".into();
    t.b.update_risk(&risks[1].id, f).unwrap();
    t.b.delete_risk(&risks[2].id).unwrap();
    t.b.add_risk(&t.pid, RiskFields::new("financial", "Partner cannot pay"))
        .unwrap();
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    let ra = merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap();
    assert!(ra.written && ra.backup.is_some());
    merge_file(&mut t.b, &fa, &MergeOptions::default(), false).unwrap();
    assert_eq!(register(&t.a, &t.pid), register(&t.b, &t.pid));
    assert_eq!(t.a.risks(&t.pid).unwrap().len(), 4);
    let before = snapshot::read(t.a.connection(), &t.pid).unwrap();
    let again = merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap();
    assert!(!again.written && again.preview.is_noop());
    assert_eq!(before, snapshot::read(t.a.connection(), &t.pid).unwrap());
}

#[test]
fn conflicts_refuse_the_merge_until_resolved_and_write_nothing() {
    let mut t = two(2);
    let risks = t.a.risks(&t.pid).unwrap();
    let mut f = risks[0].fields.clone();
    f.title = "Ann's title".into();
    t.a.update_risk(&risks[0].id, f).unwrap();
    let mut f = risks[0].fields.clone();
    f.title = "Bo's title".into();
    t.b.update_risk(&risks[0].id, f).unwrap();
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    let before = snapshot::read(t.a.connection(), &t.pid).unwrap();
    let err = merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap_err();
    assert!(err.to_string().contains("1 conflict to resolve"), "{err}");
    assert_eq!(before, snapshot::read(t.a.connection(), &t.pid).unwrap());
    let p = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
    let mut options = MergeOptions::default();
    options
        .resolutions
        .by_id
        .insert(p.conflicts[0].id.clone(), Resolution::Theirs);
    merge_file(&mut t.a, &fb, &options, false).unwrap();
    assert_eq!(t.a.risk(&risks[0].id).unwrap().fields.title, "Bo's title");
}

#[test]
fn bad_files_are_refused_and_nothing_is_written() {
    let mut t = two(1);
    let good = send(&mut t.a, &t.pid, &t.dir.join("good.prisk-exchange"));
    let bytes = std::fs::read(&good).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = t.dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let mut tampered = bytes.clone();
    let last = tampered.len() - 10;
    tampered[last] ^= 0x55;
    let newer = String::from_utf8_lossy(&bytes[..bytes.iter().position(|b| *b == b'\n').unwrap()])
        .replace("\"version\":1", "\"version\":2");
    let mut newer_file = newer.into_bytes();
    newer_file.extend_from_slice(&bytes[bytes.iter().position(|b| *b == b'\n').unwrap()..]);
    let cases = [
        (
            write("tampered.prisk-exchange", &tampered),
            "does not match its digest",
        ),
        (
            write("short.prisk-exchange", &bytes[..bytes.len() - 5]),
            "cut short",
        ),
        (
            write("newer.prisk-exchange", &newer_file),
            "newer Partner Risk",
        ),
        (
            write("other.prisk-exchange", b"hello\n"),
            "not a Partner Risk exchange file",
        ),
    ];
    let before = snapshot::read(t.b.connection(), &t.pid).unwrap();
    for (path, reason) in cases {
        let err = merge_file(&mut t.b, &path, &MergeOptions::default(), false).unwrap_err();
        assert!(err.to_string().contains(reason), "{err}");
    }
    // A file for another partnership than the one named.
    let other =
        t.b.create_partnership(PartnershipFields::new("Other"), "5x5")
            .unwrap();
    let options = MergeOptions {
        partnership: Some(other.id.clone()),
        ..Default::default()
    };
    let err = merge_file(&mut t.b, &good, &options, false).unwrap_err();
    assert!(err.to_string().contains("is for partnership"), "{err}");
    assert_eq!(before, snapshot::read(t.b.connection(), &t.pid).unwrap());
}

#[test]
fn an_unknown_base_is_refused_and_no_base_compares_two_ways() {
    let mut t = two(2);
    // A third workspace that got the partnership some other way (a JSON copy): it has no
    // base in common with A's later files.
    let mut c = Store::open(t.dir.join("c.prisk"), OpenMode::CreateIfMissing).unwrap();
    let doc = crate::interchange::export_partnership(&t.a, &t.pid).unwrap();
    crate::interchange::import_partnership(&mut c, doc).unwrap();
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
    let err = merge_file(&mut c, &fa, &MergeOptions::default(), false).unwrap_err();
    assert!(err.to_string().contains("never had"), "{err}");
    let two_way = MergeOptions {
        two_way: true,
        ..Default::default()
    };
    let p = preview(&c, &fa, &two_way).unwrap();
    assert_eq!(p.mode, Mode::TwoWay);
    // Only history differs (audit rows unite), so nothing asks.
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
}

#[test]
fn a_share_with_the_partner_keeps_internal_matters_home_and_comes_back_as_their_view() {
    let mut t = two(3);
    let risks = t.a.risks(&t.pid).unwrap();
    let mut f = risks[0].fields.clone();
    f.treatment_rationale = "Internal: cheaper to accept".into();
    f.owner = "ann@example.com".into();
    t.a.update_risk(&risks[0].id, f).unwrap();
    t.a.add_action(&risks[0].id, ActionFields::new("Negotiate"))
        .unwrap();
    let share = ExportOptions {
        for_partner: true,
        risks: vec![risks[0].reference.clone(), risks[1].reference.clone()],
        fields: vec![],
    };
    let fp = t.dir.join("partner.prisk-exchange");
    export(&mut t.a, &t.pid, &fp, &share).unwrap();
    let payload = file::read(&fp).unwrap();
    let text = serde_json::to_string(&payload.records).unwrap();
    assert!(!text.contains("cheaper to accept") && !text.contains("ann@example.com"));
    assert!(!payload.records.tables.contains_key("actions"));
    assert!(!payload.records.tables.contains_key("audit_log"));
    assert_eq!(payload.records.count("risks"), 2);
    // The partner opens it in a new workspace, rescores one risk with a comment, sends it back.
    let mut partner = Store::open(t.dir.join("partner.prisk"), OpenMode::CreateIfMissing).unwrap();
    partner.set_actor("Pat (partner)");
    merge_file(&mut partner, &fp, &MergeOptions::default(), false).unwrap();
    let mut review = ReviewFields::new(ReviewDecision::Rescore, "We see this as rarer");
    review.residual = Some(Score::new(1, 4));
    partner.add_review(&risks[0].id, review, today()).unwrap();
    let back = t.dir.join("back.prisk-exchange");
    export(&mut partner, &t.pid, &back, &ExportOptions::default()).unwrap();
    let ours_before = t.a.risk(&risks[0].id).unwrap();
    let p = preview(&t.a, &back, &MergeOptions::default()).unwrap();
    assert_eq!(p.mode, Mode::PartnerView);
    merge_file(&mut t.a, &back, &MergeOptions::default(), false).unwrap();
    assert_eq!(t.a.risk(&risks[0].id).unwrap().fields, ours_before.fields);
    let views = partner_views(&t.a, &t.pid).unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].residual, Some(Score::new(1, 4)));
    assert_eq!(views[0].author, "Pat (partner)");
    assert!(views[0].comment.contains("We see this as rarer"));
    // Ours is 3×3 (no residual: inherent only); theirs rescored the residual, which we lack.
    assert!(disagreements(&t.a, &t.pid).unwrap().is_empty());
    let mut f = t.a.risk(&risks[0].id).unwrap().fields;
    f.residual = Some(Score::new(4, 4));
    t.a.update_risk(&risks[0].id, f).unwrap();
    let d = disagreements(&t.a, &t.pid).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].kind.as_str(), d[0].steps), ("residual", 3));
    assert_eq!(d[0].theirs, Score::new(1, 4));
    // Twice: nothing more.
    merge_file(&mut t.a, &back, &MergeOptions::default(), false).unwrap();
    assert_eq!(partner_views(&t.a, &t.pid).unwrap().len(), 1);
}

/// An edit made through the store, as a person would.
#[derive(Debug, Clone)]
enum StoreEdit {
    Title(usize, u8),
    Owner(usize, u8),
    Residual(usize, u8),
    Delete(usize),
    Add(u8),
    Action(usize, u8),
    Review(usize),
}

fn store_edit() -> impl Strategy<Value = StoreEdit> {
    prop_oneof![
        (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Title(i, v)),
        (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Owner(i, v)),
        (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Residual(i, v)),
        (0..5usize).prop_map(StoreEdit::Delete),
        (0..20u8).prop_map(StoreEdit::Add),
        (0..5usize, 0..9u8).prop_map(|(i, v)| StoreEdit::Action(i, v)),
        (0..5usize).prop_map(StoreEdit::Review),
    ]
}

fn edit_store(store: &mut Store, pid: &str, ids: &[String], side: &str, edits: &[StoreEdit]) {
    // Each side adds risks in its own category, so that their references do not clash.
    let category = if side == "a" {
        "technical"
    } else {
        "financial"
    };
    for e in edits {
        let id = |i: &usize| ids[*i].clone();
        let Ok(risk) = (match e {
            StoreEdit::Add(_) => Ok(None),
            StoreEdit::Title(i, _)
            | StoreEdit::Owner(i, _)
            | StoreEdit::Residual(i, _)
            | StoreEdit::Delete(i)
            | StoreEdit::Action(i, _)
            | StoreEdit::Review(i) => store.risk(&id(i)).map(Some),
        }) else {
            continue; // deleted earlier
        };
        let mut f = risk.as_ref().map(|r| r.fields.clone());
        match e {
            StoreEdit::Title(_, v) => {
                let f = f.as_mut().unwrap();
                f.title = format!("{} ({side}{v})", f.title);
                store.update_risk(&risk.unwrap().id, f.clone()).unwrap();
            }
            StoreEdit::Owner(_, v) => {
                let f = f.as_mut().unwrap();
                f.owner = format!("{side}{v}");
                store.update_risk(&risk.unwrap().id, f.clone()).unwrap();
            }
            StoreEdit::Residual(_, v) => {
                let f = f.as_mut().unwrap();
                f.residual = Some(Score::new(v + 1, v + 2));
                store.update_risk(&risk.unwrap().id, f.clone()).unwrap();
            }
            StoreEdit::Delete(_) => store.delete_risk(&risk.unwrap().id).unwrap(),
            StoreEdit::Add(k) => {
                store
                    .add_risk(pid, RiskFields::new(category, format!("New {side} {k}")))
                    .unwrap();
            }
            StoreEdit::Action(_, v) => {
                store
                    .add_action(
                        &risk.unwrap().id,
                        ActionFields::new(format!("Act {side}{v}")),
                    )
                    .unwrap();
            }
            StoreEdit::Review(_) => {
                store
                    .add_review(
                        &risk.unwrap().id,
                        ReviewFields::new(ReviewDecision::Escalate, format!("by {side}")),
                        today(),
                    )
                    .unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn workspaces_that_merge_each_other_agree_and_twice_is_a_no_op(
        a in prop::collection::vec(store_edit(), 0..6),
        b in prop::collection::vec(store_edit(), 0..6),
    ) {
        let mut t = two(5);
        let ids: Vec<String> = t.a.risks(&t.pid).unwrap().into_iter().map(|r| r.id).collect();
        edit_store(&mut t.a, &t.pid.clone(), &ids, "a", &a);
        edit_store(&mut t.b, &t.pid.clone(), &ids, "b", &b);
        let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
        let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
        let pa = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
        let pb = preview(&t.b, &fa, &MergeOptions::default()).unwrap();
        prop_assert_eq!(pa.conflicts.is_empty(), pb.conflicts.is_empty());
        // Conflicts settled the same way from both sides: A keeps its own, B takes A's.
        let options = |take| MergeOptions {
            resolutions: Resolutions { take: Some(take), ..Default::default() },
            ..Default::default()
        };
        merge_file(&mut t.a, &fb, &options(Side::Mine), false).unwrap();
        merge_file(&mut t.b, &fa, &options(Side::Theirs), false).unwrap();
        if pa.conflicts.is_empty() {
            prop_assert_eq!(register(&t.a, &t.pid), register(&t.b, &t.pid));
        }
        let before = snapshot::read(t.a.connection(), &t.pid).unwrap();
        let again = merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap();
        prop_assert!(!again.written);
        prop_assert_eq!(before, snapshot::read(t.a.connection(), &t.pid).unwrap());
    }
}

#[test]
fn a_crafted_file_cannot_reach_into_another_partnership() {
    let mut t = two(1);
    // Another partnership of B's, whose risk the file's action claims.
    let other =
        t.b.create_partnership(PartnershipFields::new("Other"), "5x5")
            .unwrap();
    let victim =
        t.b.add_risk(&other.id, RiskFields::new("technical", "Theirs"))
            .unwrap();
    let good = send(&mut t.a, &t.pid, &t.dir.join("good.prisk-exchange"));
    let mut payload = file::read(&good).unwrap();
    let mut action = Row::new();
    for (f, v) in [
        ("id", json!("evil")),
        ("risk_id", json!(victim.id)),
        ("title", json!("Injected")),
        ("status", json!("planned")),
    ] {
        action.insert(f.into(), v);
    }
    payload
        .records
        .tables
        .entry("actions".into())
        .or_default()
        .insert("evil".into(), action);
    payload.digest = payload.records.digest();
    let crafted = t.dir.join("crafted.prisk-exchange");
    std::fs::write(&crafted, file::encode(&payload).unwrap()).unwrap();
    let err = merge_file(&mut t.b, &crafted, &MergeOptions::default(), false).unwrap_err();
    assert!(
        err.to_string().contains("names no risks of the file"),
        "{err}"
    );
    assert!(t.b.actions(&victim.id).unwrap().is_empty());
}

#[test]
fn bytes_received_some_other_way_merge_as_a_file_does() {
    let mut t = two(2);
    let risks = t.a.risks(&t.pid).unwrap();
    let mut f = risks[0].fields.clone();
    f.owner = "Ann".into();
    t.a.update_risk(&risks[0].id, f).unwrap();
    let (_, bytes) = exchange_bytes(&mut t.a, &t.pid, &ExportOptions::default()).unwrap();
    let p = preview_bytes(&t.b, "push 7", bytes.clone(), &MergeOptions::default()).unwrap();
    assert_eq!(p.mode, Mode::ThreeWay);
    assert_eq!(p.apply["risks"].changed, 1);
    merge_bytes(&mut t.b, "push 7", bytes, &MergeOptions::default(), false).unwrap();
    assert_eq!(t.b.risk(&risks[0].id).unwrap().fields.owner, "Ann");
    let history = t.b.history(&risks[0].id).unwrap();
    assert!(history
        .iter()
        .any(|h| h.context.as_deref() == Some("merged from push 7 (Ann)")));
    let mut damaged = exchange_bytes(&mut t.a, &t.pid, &ExportOptions::default())
        .unwrap()
        .1;
    damaged.truncate(damaged.len() - 1);
    let err =
        merge_bytes(&mut t.b, "push 8", damaged, &MergeOptions::default(), false).unwrap_err();
    assert!(err.to_string().contains("cut short"), "{err}");
}
