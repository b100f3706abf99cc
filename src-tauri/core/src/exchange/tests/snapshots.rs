//! The three-way merge on snapshots: fields, deletions, titles and references, no base, parents.

use super::*;

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
