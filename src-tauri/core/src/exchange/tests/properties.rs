//! Property tests on random edits from a common base: on snapshots, and through two real
//! workspaces that merge each other's files.

use super::*;
use crate::health::ReadingFields;
use crate::quant::{Frequency as Often, LossEstimate, LossPerEvent};

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

#[derive(Debug, Clone)]
enum StoreEdit {
    Title(usize, u8),
    Owner(usize, u8),
    Residual(usize, u8),
    Delete(usize),
    Add(u8),
    Action(usize, u8),
    Review(usize),
    /// A money estimate of the residual stage (issue 24): how often, how much.
    Money(usize, u8),
    /// A reading of the indicator on one of two days (replacing that day's, if any; the
    /// base has one of the first day).
    Reading(u8, u8),
    /// The exit plan's success criterion.
    Exit(u8),
}

fn store_edit() -> impl Strategy<Value = StoreEdit> {
    prop_oneof![
        1 => (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Title(i, v)),
        1 => (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Owner(i, v)),
        1 => (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Residual(i, v)),
        1 => (0..5usize).prop_map(StoreEdit::Delete),
        1 => (0..20u8).prop_map(StoreEdit::Add),
        1 => (0..5usize, 0..9u8).prop_map(|(i, v)| StoreEdit::Action(i, v)),
        1 => (0..5usize).prop_map(StoreEdit::Review),
        1 => (0..5usize, 0..3u8).prop_map(|(i, v)| StoreEdit::Money(i, v)),
        3 => (0..2u8, 0..9u8).prop_map(|(d, v)| StoreEdit::Reading(d, v)),
        1 => (0..3u8).prop_map(StoreEdit::Exit),
    ]
}

/// What the property tests edit besides the risks: an indicator with a reading and an
/// exit plan, sent from A to B so that they are in the base.
fn indicator_and_exit_plan(t: &mut Two) -> String {
    let i = super::reference::indicator(&mut t.a, &t.pid);
    let first = ReadingFields {
        date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        value: 99.0,
        note: "first count".into(),
    };
    t.a.add_reading(&i, first, false, today()).unwrap();
    t.a.change_exit_plan(&t.pid, |p| {
        p.success_criteria = vec!["Back in house".into()];
        Ok(())
    })
    .unwrap();
    let f = send(&mut t.a, &t.pid, &t.dir.join("a-setup.prisk-exchange"));
    merge_file(&mut t.b, &f, &MergeOptions::default(), false).unwrap();
    i
}

fn edit_store(
    store: &mut Store,
    pid: &str,
    ids: &[String],
    indicator: &str,
    side: &str,
    edits: &[StoreEdit],
) {
    // Each side adds risks in its own category, so that their references do not clash.
    let category = if side == "a" {
        "technical"
    } else {
        "financial"
    };
    for e in edits {
        let id = |i: &usize| ids[*i].clone();
        let Ok(risk) = (match e {
            StoreEdit::Add(_) | StoreEdit::Reading(..) | StoreEdit::Exit(_) => Ok(None),
            StoreEdit::Title(i, _)
            | StoreEdit::Owner(i, _)
            | StoreEdit::Residual(i, _)
            | StoreEdit::Delete(i)
            | StoreEdit::Action(i, _)
            | StoreEdit::Review(i)
            | StoreEdit::Money(i, _) => store.risk(&id(i)).map(Some),
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
            StoreEdit::Money(_, v) => {
                let f = f.as_mut().unwrap();
                f.residual_loss = Some(LossEstimate {
                    frequency: Some(Often::Rate {
                        per_year: f64::from(*v) + 1.0,
                    }),
                    loss: Some(LossPerEvent::Range {
                        low: 1_000.0,
                        high: 1_000.0 * (f64::from(*v) + 2.0),
                    }),
                });
                store.update_risk(&risk.unwrap().id, f.clone()).unwrap();
            }
            StoreEdit::Reading(d, v) => {
                let fields = ReadingFields {
                    date: NaiveDate::from_ymd_opt(2026, 12, u32::from(*d) + 1).unwrap(),
                    value: 95.0 + f64::from(*v) / 2.0,
                    note: format!("{side}{v}"),
                };
                store.add_reading(indicator, fields, true, today()).unwrap();
            }
            StoreEdit::Exit(v) => {
                store
                    .change_exit_plan(pid, |p| {
                        p.success_criteria = vec![format!("Back in house in {v} months ({side})")];
                        Ok(())
                    })
                    .unwrap();
            }
        }
    }
}

/// The record and the records above it (its parent, the parent's…), as `(table, key)`,
/// as either snapshot has them.
fn lineage(table: &str, key: &str, sides: &[&Snapshot]) -> Vec<(String, String)> {
    let mut out = vec![(table.to_string(), key.to_string())];
    let mut n = 0;
    while n < out.len() {
        let (t, k) = out[n].clone();
        n += 1;
        let (Some(entry), Some(row)) = (tables::find(&t), sides.iter().find_map(|s| s.get(&t, &k)))
        else {
            continue;
        };
        for p in entry.parents {
            if let Some(pk) = row.get(p.column).and_then(Value::as_str) {
                out.push((p.table.to_string(), pk.to_string()));
            }
        }
    }
    out
}

/// Every change of one side (`side` as it was, `other` the other side as it was) is in
/// `now`, or a conflict of the preview names its record or a record above it. A reading
/// marked as replaced stays replaced (by which reading is ours when both replaced it).
fn every_change_kept(
    p: &Preview,
    changes: &[SideChange],
    side: &Snapshot,
    other: &Snapshot,
    now: &Snapshot,
) {
    for c in changes.iter().filter(|c| c.table != "audit_log") {
        let named = lineage(&c.table, &c.key, &[side, other])
            .iter()
            .any(|(t, k)| p.conflicts.iter().any(|x| x.table == *t && x.key == *k));
        if named {
            continue;
        }
        let row = now.get(&c.table, &c.key);
        match c.what {
            What::New => assert!(row.is_some(), "{c:?} lost"),
            What::Deleted => assert!(row.is_none(), "{c:?} undone"),
            What::Changed => {
                let (was, row) = (side.get(&c.table, &c.key).unwrap(), row.unwrap());
                for f in &c.fields {
                    if f == "replaced_by" {
                        assert!(!row[f].is_null(), "{c:?} undone");
                    } else {
                        assert_eq!(row.get(f), was.get(f), "{c:?} lost");
                    }
                }
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
        let i = indicator_and_exit_plan(&mut t);
        let ids: Vec<String> = t.a.risks(&t.pid).unwrap().into_iter().map(|r| r.id).collect();
        edit_store(&mut t.a, &t.pid.clone(), &ids, &i, "a", &a);
        edit_store(&mut t.b, &t.pid.clone(), &ids, &i, "b", &b);
        let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
        let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
        let pa = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
        let pb = preview(&t.b, &fa, &MergeOptions::default()).unwrap();
        prop_assert_eq!(pa.conflicts.is_empty(), pb.conflicts.is_empty());
        let (was_a, was_b) = (register(&t.a, &t.pid), register(&t.b, &t.pid));
        // Conflicts settled the same way from both sides: A keeps its own, B takes A's.
        let options = |take| MergeOptions {
            resolutions: Resolutions { take: Some(take), ..Default::default() },
            ..Default::default()
        };
        merge_file(&mut t.a, &fb, &options(Side::Mine), false).unwrap();
        merge_file(&mut t.b, &fa, &options(Side::Theirs), false).unwrap();
        let (now_a, now_b) = (register(&t.a, &t.pid), register(&t.b, &t.pid));
        if pa.conflicts.is_empty() {
            prop_assert_eq!(&now_a, &now_b);
        }
        // Every change of either side is in both registers, or a conflict names its record
        // (or a record above it).
        every_change_kept(&pa, &pa.mine, &was_a, &was_b, &now_a);
        every_change_kept(&pa, &pa.theirs, &was_b, &was_a, &now_a);
        every_change_kept(&pb, &pb.mine, &was_b, &was_a, &now_b);
        every_change_kept(&pb, &pb.theirs, &was_a, &was_b, &now_b);
        let before = snapshot::read(t.a.connection(), &t.pid).unwrap();
        let again = merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap();
        prop_assert!(!again.written);
        prop_assert_eq!(before, snapshot::read(t.a.connection(), &t.pid).unwrap());
    }
}
