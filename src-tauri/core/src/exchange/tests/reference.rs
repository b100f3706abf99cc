//! What a file brings beside its records: a custom matrix this workspace lacks, and
//! readings of one day recorded on both sides.

use super::*;
use crate::health::{Direction, Frequency, IndicatorFields, ReadingFields, Source, Unit};

/// A custom matrix of A's (a copy of 5x5 with its own name and a label of its own).
fn custom_matrix(a: &mut Store) -> crate::matrix::Matrix {
    let mut m = a.clone_matrix("5x5", "Acme 5x5").unwrap();
    m.likelihood[0].label = "Hardly ever".into();
    a.update_matrix(m).unwrap()
}

#[test]
fn a_partnership_on_a_custom_matrix_imports_with_its_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.prisk"), OpenMode::CreateIfMissing).unwrap();
    let m = custom_matrix(&mut a);
    let p = a
        .create_partnership(PartnershipFields::new("Acme cloud"), &m.id)
        .unwrap();
    let mut f = RiskFields::new("technical", "API breaks");
    f.inherent = Some(Score::new(1, 4));
    a.add_risk(&p.id, f).unwrap();
    let file = send(&mut a, &p.id, &dir.path().join("a.prisk-exchange"));
    let mut fresh = Store::open(dir.path().join("b.prisk"), OpenMode::CreateIfMissing).unwrap();
    merge_file(&mut fresh, &file, &MergeOptions::default(), false).unwrap();
    assert_eq!(fresh.matrix(&m.id).unwrap(), m);
    assert_eq!(fresh.partnership(&p.id).unwrap().matrix_id, m.id);
}

#[test]
fn a_matrix_changed_on_the_other_side_comes_along_with_the_merge() {
    let mut t = two(2);
    let m = custom_matrix(&mut t.a);
    let plan = t.a.plan_matrix_change(&t.pid, &m.id).unwrap();
    t.a.apply_matrix_change(&plan).unwrap();
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
    assert!(t.b.matrix(&m.id).is_err(), "B has never seen A's matrix");
    let p = preview(&t.b, &fa, &MergeOptions::default()).unwrap();
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    merge_file(&mut t.b, &fa, &MergeOptions::default(), false).unwrap();
    assert_eq!(t.b.matrix(&m.id).unwrap(), m);
    assert_eq!(t.b.partnership(&t.pid).unwrap().matrix_id, m.id);
    assert_eq!(register(&t.a, &t.pid), register(&t.b, &t.pid));
    // The matrix's arrival is in B's history, named by the file.
    let history = t.b.history(&m.id).unwrap();
    assert!(history
        .iter()
        .any(|h| h.context.as_deref() == Some("merged from a.prisk-exchange (Ann)")));
}

#[test]
fn a_matrix_named_by_the_result_and_missing_here_is_refused_in_words() {
    let mut t = two(1);
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
    // A crafted file: the partnership names a matrix the file does not carry.
    let mut payload = file::read(&fa).unwrap();
    let row = payload
        .records
        .tables
        .get_mut("partnerships")
        .unwrap()
        .get_mut(&t.pid)
        .unwrap();
    row.insert("matrix_id".into(), json!("no-such-matrix"));
    payload.digest = payload.records.digest();
    let crafted = t.dir.join("crafted.prisk-exchange");
    std::fs::write(&crafted, file::encode(&payload).unwrap()).unwrap();
    let before = snapshot::read(t.b.connection(), &t.pid).unwrap();
    let err = merge_file(&mut t.b, &crafted, &MergeOptions::default(), false).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("crafted.prisk-exchange")
            && text.contains("matrix")
            && text.contains("no-such-matrix")
            && !text.contains("constraint"),
        "{text}"
    );
    assert_eq!(before, snapshot::read(t.b.connection(), &t.pid).unwrap());
}

pub(super) fn indicator(store: &mut Store, pid: &str) -> String {
    store
        .add_indicator(
            pid,
            IndicatorFields {
                name: "Availability".into(),
                unit: Unit::Percent,
                direction: Direction::HigherIsBetter,
                target: Some(99.9),
                amber: 99.5,
                red: 99.0,
                frequency: Frequency::Monthly,
                owner: String::new(),
                source: Source::Entered,
                description: String::new(),
                risk_ids: vec![],
                exit_triggers: vec![],
            },
        )
        .unwrap()
        .id
}

fn reading(store: &mut Store, indicator: &str, value: f64, note: &str) -> String {
    let fields = ReadingFields {
        date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        value,
        note: note.into(),
    };
    store
        .add_reading(indicator, fields, false, today())
        .unwrap()
        .id
}

#[test]
fn readings_of_one_day_on_both_sides_are_a_conflict_of_the_days_reading() {
    let mut t = two(1);
    let i = indicator(&mut t.a, &t.pid);
    let f0 = send(&mut t.a, &t.pid, &t.dir.join("a0.prisk-exchange"));
    merge_file(&mut t.b, &f0, &MergeOptions::default(), false).unwrap();
    let ours = reading(&mut t.a, &i, 99.7, "Ann's count");
    let theirs = reading(&mut t.b, &i, 98.2, "Bo's count");
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    let before = snapshot::read(t.a.connection(), &t.pid).unwrap();
    let p = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
    assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
    let c = &p.conflicts[0];
    assert_eq!(
        (c.table.as_str(), c.key.as_str()),
        ("readings", theirs.as_str())
    );
    assert_eq!(c.other_key.as_deref(), Some(ours.as_str()));
    assert!(c.record.contains("2026-12-01"), "{}", c.record);
    assert_eq!(c.choices, vec!["mine", "theirs"]);
    // Unresolved: refused, nothing written.
    let err = merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap_err();
    assert!(err.to_string().contains("1 conflict to resolve"), "{err}");
    assert_eq!(before, snapshot::read(t.a.connection(), &t.pid).unwrap());
    // Theirs taken: the day's reading is Bo's, at its level; ours is gone.
    let mut options = MergeOptions::default();
    options
        .resolutions
        .by_id
        .insert(c.id.clone(), Resolution::Theirs);
    merge_file(&mut t.a, &fb, &options, false).unwrap();
    let now = t.a.readings(&i, false).unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(
        (now[0].id.as_str(), now[0].fields.value),
        (theirs.as_str(), 98.2)
    );
    let level: i64 =
        t.a.connection()
            .query_row("SELECT level FROM readings WHERE id = ?1", [&theirs], |r| {
                r.get(0)
            })
            .unwrap();
    assert_eq!(level, 2, "98.2 % is below the red threshold of 99 %");
}

#[test]
fn a_days_reading_settled_one_way_travels_back_without_a_conflict() {
    let mut t = two(1);
    let i = indicator(&mut t.a, &t.pid);
    let f0 = send(&mut t.a, &t.pid, &t.dir.join("a0.prisk-exchange"));
    merge_file(&mut t.b, &f0, &MergeOptions::default(), false).unwrap();
    let ours = reading(&mut t.a, &i, 99.7, "Ann's count");
    let theirs = reading(&mut t.b, &i, 98.2, "Bo's count");
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    // A keeps its own reading: Bo's arrives marked as replaced by Ann's.
    let mine = MergeOptions {
        resolutions: Resolutions {
            take: Some(Side::Mine),
            ..Default::default()
        },
        ..Default::default()
    };
    merge_file(&mut t.a, &fb, &mine, false).unwrap();
    let all = t.a.readings(&i, true).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(t.a.readings(&i, false).unwrap()[0].id, ours);
    // Back to B: its reading is marked as replaced, Ann's becomes the day's; no conflict.
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a1.prisk-exchange"));
    let p = preview(&t.b, &fa, &MergeOptions::default()).unwrap();
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    merge_file(&mut t.b, &fa, &MergeOptions::default(), false).unwrap();
    let current = t.b.readings(&i, false).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, ours);
    assert_eq!(t.b.readings(&i, true).unwrap().len(), 2);
    assert!(t
        .b
        .readings(&i, true)
        .unwrap()
        .iter()
        .any(|r| r.id == theirs));
    assert_eq!(register(&t.a, &t.pid), register(&t.b, &t.pid));
}

#[test]
fn a_record_the_store_refuses_is_named_in_words_with_the_file() {
    let mut t = two(1);
    let i = indicator(&mut t.a, &t.pid);
    reading(&mut t.a, &i, 99.7, "");
    let fa = send(&mut t.a, &t.pid, &t.dir.join("a.prisk-exchange"));
    // A crafted file whose reading has a day that is no date.
    let mut payload = file::read(&fa).unwrap();
    for row in payload
        .records
        .tables
        .get_mut("readings")
        .unwrap()
        .values_mut()
    {
        row.insert("read_on".into(), json!("the first of December"));
    }
    payload.digest = payload.records.digest();
    let crafted = t.dir.join("crafted.prisk-exchange");
    std::fs::write(&crafted, file::encode(&payload).unwrap()).unwrap();
    let before = snapshot::read(t.b.connection(), &t.pid).unwrap();
    let err = merge_file(&mut t.b, &crafted, &MergeOptions::default(), false).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("from crafted.prisk-exchange")
            && text.contains("reading of the first of December")
            && text.contains("outside what the field allows")
            && text.contains("nothing was merged"),
        "{text}"
    );
    assert_eq!(before, snapshot::read(t.b.connection(), &t.pid).unwrap());
}

fn replace_reading(store: &mut Store, indicator: &str, value: f64, note: &str) -> String {
    let fields = ReadingFields {
        date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        value,
        note: note.into(),
    };
    store
        .add_reading(indicator, fields, true, today())
        .unwrap()
        .id
}

#[test]
fn both_sides_replacing_one_days_reading_is_one_conflict_that_either_answer_settles() {
    for answer in [Resolution::Mine, Resolution::Theirs] {
        let mut t = two(1);
        let i = indicator(&mut t.a, &t.pid);
        let first = reading(&mut t.a, &i, 99.7, "first count");
        let f0 = send(&mut t.a, &t.pid, &t.dir.join("a0.prisk-exchange"));
        merge_file(&mut t.b, &f0, &MergeOptions::default(), false).unwrap();
        let ours = replace_reading(&mut t.a, &i, 99.6, "Ann's recount");
        let theirs = replace_reading(&mut t.b, &i, 98.2, "Bo's recount");
        let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
        // One question: which of the two recounts is the day's reading. Which one the first
        // count names as its replacement is not asked (the store never changes it).
        let p = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
        assert_eq!(p.conflicts.len(), 1, "{answer:?}: {:?}", p.conflicts);
        let c = &p.conflicts[0];
        assert_eq!(
            (c.table.as_str(), c.key.as_str(), c.field.as_deref()),
            ("readings", theirs.as_str(), Some("read_on"))
        );
        let mut options = MergeOptions::default();
        options
            .resolutions
            .by_id
            .insert(c.id.clone(), answer.clone());
        merge_file(&mut t.a, &fb, &options, false).unwrap_or_else(|e| panic!("{answer:?}: {e}"));
        let chosen = match answer {
            Resolution::Theirs => &theirs,
            _ => &ours,
        };
        let current = t.a.readings(&i, false).unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!(&current[0].id, chosen, "{answer:?}");
        let all = t.a.readings(&i, true).unwrap();
        assert_eq!(all.len(), 3, "no reading is lost");
        assert!(all.iter().any(|r| r.id == first));
        // Back to B: no question, and the same reading is the day's there.
        let fa = send(&mut t.a, &t.pid, &t.dir.join("a1.prisk-exchange"));
        let p = preview(&t.b, &fa, &MergeOptions::default()).unwrap();
        assert!(p.conflicts.is_empty(), "{answer:?}: {:?}", p.conflicts);
        merge_file(&mut t.b, &fa, &MergeOptions::default(), false)
            .unwrap_or_else(|e| panic!("{answer:?}, back to B: {e}"));
        let current = t.b.readings(&i, false).unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!(&current[0].id, chosen, "{answer:?}, back to B");
        assert_eq!(t.b.readings(&i, true).unwrap().len(), 3);
        // And a second round each way changes nothing.
        let fb = send(&mut t.b, &t.pid, &t.dir.join("b1.prisk-exchange"));
        let p = preview(&t.a, &fb, &MergeOptions::default()).unwrap();
        assert!(p.conflicts.is_empty(), "{answer:?}: {:?}", p.conflicts);
        merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap();
        assert_eq!(&t.a.readings(&i, false).unwrap()[0].id, chosen);
    }
}
