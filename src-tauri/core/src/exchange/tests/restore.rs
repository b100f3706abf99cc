//! A record deleted on one side while the other changed one of its descendants: the
//! deletion is one conflict, on the record deleted, and keeping it brings back the whole
//! chain of parents and what went with them.

use super::*;

fn row(fields: &[(&str, Value)]) -> Row {
    fields
        .iter()
        .map(|(f, v)| (f.to_string(), v.clone()))
        .collect()
}

fn put(s: &mut Snapshot, table: &str, key: &str, r: Row) {
    s.tables
        .entry(table.into())
        .or_default()
        .insert(key.into(), r);
}

/// A base of three risks; tec-002 has an action and a review.
fn base_with_review() -> Snapshot {
    let mut base = base3();
    put(
        &mut base,
        "actions",
        "a1",
        row(&[("id", json!("a1")), ("risk_id", json!("tec-002"))]),
    );
    put(
        &mut base,
        "reviews",
        "rv1",
        row(&[("id", json!("rv1")), ("risk_id", json!("tec-002"))]),
    );
    base
}

/// Ours deleted the risk (its action and review with it); theirs withdrew its review.
fn risk_deleted_and_grandchild_added() -> (Snapshot, Snapshot, Snapshot) {
    let base = base_with_review();
    let mut mine = base.clone();
    mine.tables.get_mut("risks").unwrap().remove("tec-002");
    mine.tables.get_mut("actions").unwrap().remove("a1");
    mine.tables.get_mut("reviews").unwrap().remove("rv1");
    let mut theirs = base.clone();
    put(
        &mut theirs,
        "review_withdrawals",
        "rv1",
        row(&[
            ("review_id", json!("rv1")),
            ("by", json!("Bo")),
            ("at", json!("2026-12-02 10:00:00.000+00:00")),
        ]),
    );
    (base, mine, theirs)
}

#[test]
fn a_grandchild_changed_under_a_deleted_record_is_one_conflict_on_that_record() {
    let (base, mine, theirs) = risk_deleted_and_grandchild_added();
    let m = merge(Some(&base), &mine, &theirs, &none());
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.kind, c.table.as_str(), c.key.as_str()),
        (ConflictKind::EditDelete, "risks", "tec-002")
    );
    assert_eq!(c.theirs["title"], json!("Data drift"));
    assert!(c.mine.is_null());
    // Unresolved: ours stays, the withdrawal goes with the review it names.
    assert!(m.result.get("risks", "tec-002").is_none());
    assert!(m.result.get("reviews", "rv1").is_none());
    assert!(m.result.get("review_withdrawals", "rv1").is_none());
}

#[test]
fn keeping_the_deleted_record_restores_the_whole_chain_and_what_went_with_it() {
    let (base, mine, theirs) = risk_deleted_and_grandchild_added();
    let keep = Resolutions {
        take: Some(Side::Theirs),
        ..Default::default()
    };
    let m = merge(Some(&base), &mine, &theirs, &keep);
    // The chain: the risk, its review, the withdrawal.
    assert!(m.result.get("risks", "tec-002").is_some());
    assert!(m.result.get("reviews", "rv1").is_some());
    assert!(m.result.get("review_withdrawals", "rv1").is_some());
    // And the action ours lost with the risk.
    assert!(m.result.get("actions", "a1").is_some());
    // Every record of the result has its parents.
    for t in tables::TABLES {
        for p in t.parents.iter().filter(|p| !p.set_null) {
            for (k, r) in m.result.rows(t.name).into_iter().flatten() {
                if let Some(pk) = r.get(p.column).and_then(Value::as_str) {
                    assert!(
                        m.result.get(p.table, pk).is_some(),
                        "{}[{k}] lacks its {} {pk}",
                        t.name,
                        p.table
                    );
                }
            }
        }
    }
    // Seen from the other side (theirs deleted, ours withdrew): the same conflict, mirrored.
    let m = merge(Some(&base), &theirs, &mine, &none());
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].key, "tec-002");
    assert!(m.result.get("review_withdrawals", "rv1").is_some());
    assert!(m.result.get("reviews", "rv1").is_some());
}

#[test]
fn a_review_undone_on_one_side_brings_back_the_risk_the_other_deleted() {
    let mut t = two(2);
    let risk = t.a.risks(&t.pid).unwrap()[1].clone();
    let review =
        t.a.add_review(
            &risk.id,
            ReviewFields::new(ReviewDecision::Escalate, "Too exposed"),
            today(),
        )
        .unwrap();
    let f0 = send(&mut t.a, &t.pid, &t.dir.join("a0.prisk-exchange"));
    merge_file(&mut t.b, &f0, &MergeOptions::default(), false).unwrap();
    t.a.delete_risk(&risk.id).unwrap();
    t.b.undo_review(&review.id).unwrap();
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    let p = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
    assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
    assert_eq!(
        (p.conflicts[0].table.as_str(), p.conflicts[0].key.as_str()),
        ("risks", risk.id.as_str())
    );
    let keep = MergeOptions {
        resolutions: Resolutions {
            take: Some(Side::Theirs),
            ..Default::default()
        },
        ..Default::default()
    };
    merge_file(&mut t.a, &fb, &keep, false).unwrap();
    assert_eq!(t.a.risk(&risk.id).unwrap().reference, risk.reference);
    let reviews = t.a.reviews(&risk.id).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].withdrawn_by.as_deref(), Some("Bo"));
}

/// Every record of the result has the parents it names (what the store's foreign keys ask).
fn assert_parents_present(result: &Snapshot) {
    for t in tables::TABLES {
        for p in t.parents {
            for (k, r) in result.rows(t.name).into_iter().flatten() {
                if let Some(pk) = r.get(p.column).and_then(Value::as_str) {
                    assert!(
                        result.get(p.table, pk).is_some(),
                        "{}[{k}] lacks its {} {pk}",
                        t.name,
                        p.table
                    );
                }
            }
        }
    }
}

/// A workshop with one item (and its decision), two participants and a ballot of each.
fn base_with_workshop() -> Snapshot {
    let mut base = base3();
    put(
        &mut base,
        "workshops",
        "w1",
        row(&[("id", json!("w1")), ("title", json!("Q4 scoring"))]),
    );
    put(
        &mut base,
        "workshop_items",
        "i1",
        row(&[("id", json!("i1")), ("workshop_id", json!("w1"))]),
    );
    put(
        &mut base,
        "workshop_decisions",
        "i1",
        row(&[("item_id", json!("i1")), ("note", json!(""))]),
    );
    for p in ["p1", "p2"] {
        put(
            &mut base,
            "workshop_participants",
            p,
            row(&[("id", json!(p)), ("workshop_id", json!("w1"))]),
        );
        put(
            &mut base,
            "workshop_ballots",
            &format!("i1/1/{p}"),
            row(&[
                ("item_id", json!("i1")),
                ("round", json!(1)),
                ("participant_id", json!(p)),
            ]),
        );
    }
    base
}

/// Ours deleted the item (its decision and ballots with it) and participant p1; theirs
/// added p2's ballot of a second round and, with `new_ballot`, p1's.
fn item_and_participant_deleted(new_ballot: bool) -> (Snapshot, Snapshot, Snapshot) {
    let base = base_with_workshop();
    let mut mine = base.clone();
    mine.tables.get_mut("workshop_items").unwrap().remove("i1");
    mine.tables
        .get_mut("workshop_decisions")
        .unwrap()
        .remove("i1");
    mine.tables
        .get_mut("workshop_participants")
        .unwrap()
        .remove("p1");
    mine.tables.get_mut("workshop_ballots").unwrap().clear();
    let mut theirs = base.clone();
    let voters: &[&str] = if new_ballot { &["p1", "p2"] } else { &["p2"] };
    for p in voters {
        put(
            &mut theirs,
            "workshop_ballots",
            &format!("i1/2/{p}"),
            row(&[
                ("item_id", json!("i1")),
                ("round", json!(2)),
                ("participant_id", json!(p)),
            ]),
        );
    }
    (base, mine, theirs)
}

fn keep_theirs(conflicts: &[&str]) -> Resolutions {
    Resolutions {
        by_id: conflicts
            .iter()
            .map(|id| (id.to_string(), Resolution::Theirs))
            .collect(),
        take: None,
    }
}

#[test]
fn a_ballot_brought_back_with_its_item_goes_again_with_the_participant_the_other_side_deleted() {
    let (base, mine, theirs) = item_and_participant_deleted(false);
    let m = merge(Some(&base), &mine, &theirs, &none());
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    assert_eq!(
        (m.conflicts[0].table.as_str(), m.conflicts[0].key.as_str()),
        ("workshop_items", "i1")
    );
    let item = m.conflicts[0].id.clone();
    let m = merge(Some(&base), &mine, &theirs, &keep_theirs(&[&item]));
    // The item comes back with its decision and p2's ballots; p1's ballot, unchanged, goes
    // with p1, whom ours deleted.
    assert!(m.result.get("workshop_items", "i1").is_some());
    assert!(m.result.get("workshop_decisions", "i1").is_some());
    assert!(m.result.get("workshop_ballots", "i1/1/p2").is_some());
    assert!(m.result.get("workshop_ballots", "i1/2/p2").is_some());
    assert!(m.result.get("workshop_participants", "p1").is_none());
    assert!(m.result.get("workshop_ballots", "i1/1/p1").is_none());
    assert_parents_present(&m.result);
}

#[test]
fn a_new_ballot_brought_back_with_its_item_makes_its_deleted_participant_a_conflict() {
    let (base, mine, theirs) = item_and_participant_deleted(true);
    let m = merge(Some(&base), &mine, &theirs, &none());
    let item = m
        .conflicts
        .iter()
        .find(|c| c.table == "workshop_items")
        .expect("the item's deletion is a conflict")
        .id
        .clone();
    // Only the item kept: the participant's deletion is a conflict of its own, left to
    // ours, and the new ballot goes with the participant.
    let m = merge(Some(&base), &mine, &theirs, &keep_theirs(&[&item]));
    let participant = m
        .conflicts
        .iter()
        .find(|c| c.table == "workshop_participants" && c.key == "p1")
        .unwrap_or_else(|| panic!("p1's deletion is a conflict: {:?}", m.conflicts))
        .id
        .clone();
    assert!(m.result.get("workshop_items", "i1").is_some());
    assert!(m.result.get("workshop_ballots", "i1/2/p1").is_none());
    assert_parents_present(&m.result);
    // Both kept: the participant comes back with both of its ballots.
    let m = merge(
        Some(&base),
        &mine,
        &theirs,
        &keep_theirs(&[&item, &participant]),
    );
    assert!(m.unresolved().next().is_none(), "{:?}", m.conflicts);
    assert!(m.result.get("workshop_participants", "p1").is_some());
    assert!(m.result.get("workshop_ballots", "i1/2/p1").is_some());
    assert!(m.result.get("workshop_ballots", "i1/1/p1").is_some());
    assert_parents_present(&m.result);
}

/// Through real workspaces: A took an item off a planned workshop's agenda and removed a
/// participant who had not voted; B started the workshop and that participant voted on the
/// item. Keeping the item brings its ballots back only with the participant they name.
#[test]
fn a_vote_on_an_item_and_by_a_participant_both_removed_on_the_other_side() {
    use crate::workshop::{BallotSource, ParticipantFields, WorkshopFields};
    let mut t = two(2);
    let risk = t.a.risks(&t.pid).unwrap()[0].clone();
    let w =
        t.a.create_workshop(&t.pid, WorkshopFields::new("Q4 scoring"))
            .unwrap();
    t.a.add_participant(&w.id, ParticipantFields::voter("Ann"))
        .unwrap();
    let pia =
        t.a.add_participant(&w.id, ParticipantFields::voter("Pia"))
            .unwrap();
    let item =
        t.a.add_agenda_items(&w.id, std::slice::from_ref(&risk.reference))
            .unwrap()[0]
            .clone();
    let f0 = send(&mut t.a, &t.pid, &t.dir.join("a0.prisk-exchange"));
    merge_file(&mut t.b, &f0, &MergeOptions::default(), false).unwrap();
    t.a.remove_agenda_item(&item.id).unwrap();
    t.a.remove_participant(&pia.id).unwrap();
    t.b.start_workshop(&w.id).unwrap();
    t.b.cast_ballot(&item.id, &pia.id, Score::new(2, 3), "", BallotSource::Room)
        .unwrap();
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    let id_of = |p: &Preview, table: &str, key: &str| {
        p.conflicts
            .iter()
            .find(|c| c.table == table && c.key == key)
            .unwrap_or_else(|| panic!("no conflict on {table}[{key}]: {:?}", p.conflicts))
            .id
            .clone()
    };
    let p = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
    let item_conflict = id_of(&p, "workshop_items", &item.id);
    // The item kept: Pia's removal is a question of its own, since her vote came with it.
    let mut options = MergeOptions::default();
    options
        .resolutions
        .by_id
        .insert(item_conflict.clone(), Resolution::Theirs);
    let p = preview(&t.a, &fb, &options).unwrap();
    let pia_conflict = id_of(&p, "workshop_participants", &pia.id);
    // Pia stays removed: the item comes back without her ballot, and the merge applies.
    let mut without_pia = options.clone();
    without_pia
        .resolutions
        .by_id
        .insert(pia_conflict.clone(), Resolution::Mine);
    let copy_path = t.dir.join("a-copy.prisk");
    t.a.connection()
        .execute("VACUUM INTO ?1", [copy_path.to_str().unwrap()])
        .unwrap();
    merge_file(&mut t.a, &fb, &without_pia, false).unwrap();
    assert_eq!(t.a.agenda(&w.id).unwrap().len(), 1);
    assert!(t.a.participant(&pia.id).is_err());
    let ballots: i64 =
        t.a.connection()
            .query_row(
                "SELECT count(*) FROM workshop_ballots WHERE item_id = ?1",
                [&item.id],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(ballots, 0);
    // Pia kept too (on a copy of A as it was): her ballot comes back with her.
    let mut copy = Store::open(&copy_path, OpenMode::Existing).unwrap();
    let mut with_pia = options;
    with_pia
        .resolutions
        .by_id
        .insert(pia_conflict, Resolution::Theirs);
    merge_file(&mut copy, &fb, &with_pia, false).unwrap();
    assert_eq!(copy.participant(&pia.id).unwrap().fields.name, "Pia");
    let ballots: i64 = copy
        .connection()
        .query_row(
            "SELECT count(*) FROM workshop_ballots WHERE item_id = ?1 AND participant_id = ?2",
            [&item.id, &pia.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ballots, 1);
}
