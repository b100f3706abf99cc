//! Property tests on random edits from a common base: on snapshots, and through two real
//! workspaces that merge each other's files.

use super::*;

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
