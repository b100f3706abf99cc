//! The exchange through real workspaces: a partnership travels whole, both sides merge
//! to one register, conflicts hold the merge back, bytes merge as files do.

use super::*;

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
