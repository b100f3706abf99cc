//! Partnership health in the store: indicators with their links and audit rows, readings
//! append-only with recorded replacement, refusals that change nothing, and the status
//! from index lookups agreeing with the status from the whole history.

use chrono::{Duration, NaiveDate};
use partner_risk_core::exit::{ExitPlan, Scenario, ScenarioKind, Trigger};
use partner_risk_core::health::{
    library, status, Direction, Frequency, History, IndicatorFields, Point, ReadingFields, Source,
    Status, TriggerLink, Unit,
};
use partner_risk_core::store::AuditEntry;
use partner_risk_core::{Error, Store};

use crate::support::{partnership, risk, temp_store, today};

fn health_rows(store: &Store, p: &str) -> Vec<AuditEntry> {
    store
        .partnership_history(p)
        .unwrap()
        .into_iter()
        .filter(|e| e.field.as_deref().is_some_and(|f| f.starts_with("health.")))
        .collect()
}

fn availability() -> IndicatorFields {
    library::find("availability").unwrap().fields
}

fn reading(date: NaiveDate, value: f64) -> ReadingFields {
    ReadingFields {
        date,
        value,
        note: String::new(),
    }
}

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn indicators_are_added_changed_and_removed_with_audit_rows() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("technical", "Outage", Some((3, 3))))
        .unwrap();
    let mut fields = availability();
    fields.owner = "  Ops  ".into();
    fields.risk_ids = vec![r.id.clone()];
    let added = store.add_indicator(&p, fields).unwrap();
    assert_eq!(added.fields.owner, "Ops");
    assert_eq!(added.fields.risk_ids, vec![r.id.clone()]);
    assert_eq!(store.indicators(&p).unwrap(), vec![added.clone()]);
    assert_eq!(
        store.find_indicator(None, "AVAILABILITY").unwrap().id,
        added.id
    );
    assert_eq!(
        store
            .find_indicator(Some("Acme pilot"), "availability")
            .unwrap()
            .id,
        added.id
    );

    let changed = store
        .change_indicator(&added.id, |f| {
            f.amber = 99.6;
            f.frequency = Frequency::Quarterly;
            Ok(())
        })
        .unwrap();
    assert_eq!(changed.fields.amber, 99.6);
    let rows = health_rows(&store, &p);
    let fields: Vec<_> = rows.iter().map(|e| e.field.clone().unwrap()).collect();
    let root = format!("health.indicators[{}]", added.id);
    assert_eq!(
        fields,
        vec![
            root.clone(),
            format!("{root}.amber"),
            format!("{root}.frequency")
        ]
    );
    assert_eq!(rows[1].old_value.as_deref(), Some("99.5"));
    assert_eq!(rows[1].new_value.as_deref(), Some("99.6"));
    assert_eq!(rows[2].new_value.as_deref(), Some("quarterly"));

    // The same name in any case is refused; nothing changes.
    let mut twin = availability();
    twin.name = "availability".into();
    let e = store.add_indicator(&p, twin).unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e}");
    assert_eq!(e.field(), Some("name"));
    assert_eq!(store.indicators(&p).unwrap().len(), 1);

    // A deleted risk drops out of the links.
    store.delete_risk(&r.id).unwrap();
    assert!(store
        .indicator(&added.id)
        .unwrap()
        .fields
        .risk_ids
        .is_empty());

    store
        .add_reading(&added.id, reading(d("2026-10-31"), 99.9), false, today())
        .unwrap();
    store.remove_indicator(&added.id).unwrap();
    assert!(store.indicators(&p).unwrap().is_empty());
    let last = health_rows(&store, &p).pop().unwrap();
    assert_eq!(last.field.as_deref(), Some(root.as_str()));
    assert!(last.new_value.is_none());
    assert!(last.old_value.unwrap().contains("\"readings\":1"));
}

#[test]
fn refusals_name_the_field_and_change_nothing() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let other = store
        .create_partnership(
            partner_risk_core::model::PartnershipFields::new("Other"),
            "5x5",
        )
        .unwrap()
        .id;
    let foreign = store
        .add_risk(&other, risk("technical", "Elsewhere", None))
        .unwrap();
    let before = store.partnership_history(&p).unwrap().len();

    let mut bad = availability();
    bad.red = 99.8;
    assert_eq!(
        store.add_indicator(&p, bad).unwrap_err().field(),
        Some("red")
    );
    let mut bad = availability();
    bad.risk_ids = vec![foreign.id];
    assert_eq!(
        store.add_indicator(&p, bad).unwrap_err().field(),
        Some("risk_ids[0]")
    );
    let mut bad = availability();
    bad.exit_triggers = vec![TriggerLink {
        scenario_id: "nope".into(),
        trigger: "sla_breach".into(),
    }];
    assert_eq!(
        store.add_indicator(&p, bad).unwrap_err().field(),
        Some("exit_triggers[0]")
    );
    assert!(store.indicators(&p).unwrap().is_empty());
    assert_eq!(store.partnership_history(&p).unwrap().len(), before);

    let i = store.add_indicator(&p, availability()).unwrap();
    let rows = store.partnership_history(&p).unwrap().len();
    for (fields, field) in [
        (reading(d("2026-11-27"), 99.0), "date"),
        (reading(d("1989-12-31"), 99.0), "date"),
        (reading(d("2026-11-01"), 100.5), "value"),
        (reading(d("2026-11-01"), -1.0), "value"),
    ] {
        let e = store
            .add_reading(&i.id, fields, false, today())
            .unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    let e = store
        .change_indicator(&i.id, |f| {
            f.target = Some(90.0);
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("target"));
    assert!(store.readings(&i.id, true).unwrap().is_empty());
    assert_eq!(store.partnership_history(&p).unwrap().len(), rows);
}

#[test]
fn exit_triggers_link_to_the_plan() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut plan = ExitPlan::default();
    let mut s = Scenario::new("", "Stressed", ScenarioKind::Stressed);
    s.triggers = vec![Trigger::SlaBreach];
    s.custom_triggers = vec!["Accuracy under 90 % twice".into()];
    plan.scenarios.push(s);
    let plan = store.save_exit_plan(&p, plan).unwrap();
    let scenario_id = plan.scenarios[0].id.clone();
    let mut fields = availability();
    fields.exit_triggers = vec![
        TriggerLink {
            scenario_id: scenario_id.clone(),
            trigger: "sla_breach".into(),
        },
        TriggerLink {
            scenario_id: scenario_id.clone(),
            trigger: "Accuracy under 90 % twice".into(),
        },
    ];
    let i = store.add_indicator(&p, fields.clone()).unwrap();
    assert_eq!(i.fields.exit_triggers, fields.exit_triggers);
    let e = store
        .change_indicator(&i.id, |f| {
            f.exit_triggers[1].trigger = "insolvency".into();
            Ok(())
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("exit_triggers[1]"));
}

#[test]
fn a_second_reading_of_a_day_replaces_the_first_only_when_asked() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let i = store.add_indicator(&p, availability()).unwrap();
    let day = d("2026-10-31");
    let first = store
        .add_reading(&i.id, reading(day, 98.7), false, today())
        .unwrap();
    assert_eq!(first.recorded_by, "tester");
    let e = store
        .add_reading(&i.id, reading(day, 99.7), false, today())
        .unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e}");
    assert_eq!(e.field(), Some("date"));
    assert!(e.to_string().contains("98.7 %"), "{e}");
    assert_eq!(store.readings(&i.id, true).unwrap().len(), 1);

    let second = store
        .add_reading(&i.id, reading(day, 99.7), true, today())
        .unwrap();
    assert_eq!(second.replaces.as_deref(), Some(first.id.as_str()));
    let current = store.readings(&i.id, false).unwrap();
    assert_eq!(current, vec![second.clone()]);
    let all = store.readings(&i.id, true).unwrap();
    assert_eq!(all, vec![first, second]);
    let rows = health_rows(&store, &p);
    let last = rows.last().unwrap();
    assert_eq!(
        last.field.as_deref(),
        Some(format!("health.indicators[{}].readings[2026-10-31]", i.id).as_str())
    );
    assert!(last.old_value.as_deref().unwrap().contains("98.7"));
    assert!(last.new_value.as_deref().unwrap().contains("99.7"));
    // --replace on a day without a reading simply adds it.
    let third = store
        .add_reading(&i.id, reading(d("2026-11-20"), 99.9), true, today())
        .unwrap();
    assert!(third.replaces.is_none());
}

#[test]
fn readings_cannot_be_changed_or_deleted_in_the_file() {
    let (dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let i = store.add_indicator(&p, availability()).unwrap();
    store
        .add_reading(&i.id, reading(d("2026-10-31"), 98.7), false, today())
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("w.prisk")).unwrap();
    let e = conn
        .execute("UPDATE readings SET value = 99.9", [])
        .unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    let e = conn.execute("DELETE FROM readings", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    // Deleting the partnership takes its indicators and readings with it.
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    conn.execute("DELETE FROM partnerships WHERE id = ?1", [&p])
        .unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM readings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn many_readings_are_all_or_nothing_and_name_the_row() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let a = store.add_indicator(&p, availability()).unwrap();
    let e = library::find("error_rate").unwrap().fields;
    let e = store.add_indicator(&p, e).unwrap();
    let good = vec![
        (a.id.clone(), reading(d("2026-09-30"), 99.8)),
        (e.id.clone(), reading(d("2026-09-30"), 0.5)),
        (a.id.clone(), reading(d("2026-10-31"), 98.9)),
    ];
    let mut bad = good.clone();
    bad.push((e.id.clone(), reading(d("2026-10-31"), 140.0)));
    let err = store.add_readings(&p, bad, false, today()).unwrap_err();
    assert_eq!(err.field(), Some("readings[3].value"));
    let mut twice = good.clone();
    twice.push((a.id.clone(), reading(d("2026-10-31"), 99.0)));
    let err = store.add_readings(&p, twice, true, today()).unwrap_err();
    assert_eq!(err.field(), Some("readings[3].date"));
    assert!(store.readings(&a.id, true).unwrap().is_empty());

    let added = store.add_readings(&p, good, false, today()).unwrap();
    assert_eq!((added.added, added.replaced), (3, 0));
    let again = vec![(a.id.clone(), reading(d("2026-10-31"), 99.9))];
    let added = store.add_readings(&p, again, true, today()).unwrap();
    assert_eq!((added.added, added.replaced), (1, 1));
}

/// Readings of an indicator in a pattern that crosses the thresholds both ways.
fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (x >> 33) as f64 / (1u64 << 31) as f64;
            // Runs: mostly green, now and then amber or red, exactly on thresholds too.
            match (r * 20.0) as u32 {
                0 => 99.0,
                1 => 99.5,
                2 | 3 => 98.0 + r,
                4..=6 => 99.2,
                _ => 99.9,
            }
        })
        .collect()
}

#[test]
fn health_from_the_index_agrees_with_the_whole_history() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut indicators = Vec::new();
    for (n, (direction, frequency)) in [
        (Direction::HigherIsBetter, Frequency::Monthly),
        (Direction::HigherIsBetter, Frequency::Quarterly),
        (Direction::LowerIsBetter, Frequency::HalfYearly),
        (Direction::LowerIsBetter, Frequency::Yearly),
    ]
    .into_iter()
    .enumerate()
    {
        let mut f = availability();
        f.name = format!("Indicator {n}");
        f.direction = direction;
        f.frequency = frequency;
        if direction == Direction::LowerIsBetter {
            (f.amber, f.red, f.target) = (99.5, 99.9, Some(99.0));
        }
        f.source = Source::Imported;
        f.unit = Unit::Percent;
        indicators.push(store.add_indicator(&p, f).unwrap());
    }
    let start = d("2026-01-01");
    for (n, i) in indicators.iter().enumerate() {
        let all: Vec<_> = values(200, n as u64 + 7)
            .into_iter()
            .enumerate()
            .map(|(k, v)| (i.id.clone(), reading(start + Duration::days(k as i64), v)))
            .collect();
        store.add_readings(&p, all, false, today()).unwrap();
    }
    agrees(&store, &p);
    // New thresholds and a new direction re-level the stored readings.
    store
        .change_indicator(&indicators[0].id, |f| {
            (f.amber, f.red, f.target) = (99.95, 99.1, None);
            Ok(())
        })
        .unwrap();
    store
        .change_indicator(&indicators[2].id, |f| {
            f.direction = Direction::HigherIsBetter;
            (f.amber, f.red, f.target) = (99.5, 99.0, None);
            Ok(())
        })
        .unwrap();
    agrees(&store, &p);
    let one = store
        .indicator_health(&indicators[0].id, d("2026-12-31"))
        .unwrap();
    assert_eq!(one.status.status, Status::Stale);
    let none = store
        .add_indicator(&p, library::find("incidents").unwrap().fields)
        .unwrap();
    let h = store.indicator_health(&none.id, today()).unwrap();
    assert_eq!(h.status.status, Status::NoData);
}

/// The status from the store's lookups equals the status from the whole history.
fn agrees(store: &Store, p: &str) {
    for day in [d("2026-07-19"), d("2026-09-01"), d("2027-06-30")] {
        let health = store.health(p, day).unwrap();
        assert_eq!(health.len(), 4);
        for h in health {
            let points: Vec<Point> = store
                .readings(&h.indicator.id, false)
                .unwrap()
                .iter()
                .map(|r| Point {
                    date: r.fields.date,
                    value: r.fields.value,
                })
                .collect();
            let expected = status(
                &h.indicator.fields,
                &History::from_points(&h.indicator.fields, &points),
                day,
            );
            assert_eq!(h.status, expected, "{} on {day}", h.indicator.fields.name);
        }
    }
}

#[test]
fn the_partnership_document_carries_indicators_and_readings_losslessly() {
    use partner_risk_core::interchange::{
        document_json, export_partnership, import_partnership, parse_document,
    };
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("technical", "Outage", Some((3, 3))))
        .unwrap();
    let mut plan = ExitPlan::default();
    let mut s = Scenario::new("", "Stressed", ScenarioKind::Stressed);
    s.triggers = vec![Trigger::SlaBreach];
    plan.scenarios.push(s);
    let plan = store.save_exit_plan(&p, plan).unwrap();
    let mut a = availability();
    a.risk_ids = vec![r.id.clone()];
    a.exit_triggers = vec![TriggerLink {
        scenario_id: plan.scenarios[0].id.clone(),
        trigger: "sla_breach".into(),
    }];
    let a = store.add_indicator(&p, a).unwrap();
    let e = store
        .add_indicator(&p, library::find("incidents").unwrap().fields)
        .unwrap();
    let mut note = reading(d("2026-09-30"), 99.95);
    note.note = "after the failover test".into();
    store.add_reading(&a.id, note, false, today()).unwrap();
    store
        .add_reading(&a.id, reading(d("2026-10-31"), 98.7), false, today())
        .unwrap();
    store
        .add_reading(&a.id, reading(d("2026-10-31"), 98.8), true, today())
        .unwrap();
    store
        .add_reading(&e.id, reading(d("2026-10-31"), 2.0), false, today())
        .unwrap();

    let first = export_partnership(&store, &p).unwrap();
    assert_eq!(first.indicators.len(), 2);
    assert_eq!(first.readings.len(), 4);
    let json = document_json(&first);
    let (_dir2, mut empty) = temp_store();
    import_partnership(&mut empty, parse_document(&json).unwrap()).unwrap();
    let second = export_partnership(&empty, &p).unwrap();
    assert_eq!(first, second);
    assert_eq!(
        empty.health(&p, today()).unwrap(),
        store.health(&p, today()).unwrap()
    );

    // A document without indicators has no such keys.
    let (_dir3, mut bare) = temp_store();
    let q = partnership(&mut bare, "5x5");
    let json = document_json(&export_partnership(&bare, &q).unwrap());
    assert!(!json.contains("\"indicators\"") && !json.contains("\"readings\""));

    // Bad documents are refused with the path, and nothing is written.
    let (_dir4, mut other) = temp_store();
    let mut doc = first.clone();
    doc.readings[1].fields.value = 101.0;
    let err = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(err.field(), Some("readings[1].value"));
    let mut doc = first.clone();
    doc.readings[2].replaces = None;
    let err = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(err.field(), Some("readings[2].replaces"));
    let mut doc = first.clone();
    doc.indicators[1].fields.name = "AVAILABILITY".into();
    let err = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(err.field(), Some("indicators[1].name"));
    let mut doc = first;
    doc.readings[3].indicator_id = "nope".into();
    let err = import_partnership(&mut other, doc).unwrap_err();
    assert_eq!(err.field(), Some("readings[3].indicator_id"));
    assert!(other.partnerships(true).unwrap().is_empty());
}

#[test]
fn amber_red_and_stale_indicators_bring_their_risks_back_and_red_fires_exit_triggers() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let outage = store
        .add_risk(&p, risk("technical", "Outage", Some((3, 3))))
        .unwrap();
    let drift = store
        .add_risk(&p, risk("technical", "Model drift", Some((2, 3))))
        .unwrap();
    let mut closed = risk("technical", "Old incident", None);
    closed.status = partner_risk_core::model::RiskStatus::Closed;
    let closed = store.add_risk(&p, closed).unwrap();
    let mut plan = ExitPlan::default();
    let mut s = Scenario::new("", "Stressed", ScenarioKind::Stressed);
    s.triggers = vec![Trigger::SlaBreach];
    s.custom_triggers = vec!["Accuracy under 90 %".into()];
    plan.scenarios.push(s);
    let plan = store.save_exit_plan(&p, plan).unwrap();
    let scenario_id = plan.scenarios[0].id.clone();
    let link = |trigger: &str| TriggerLink {
        scenario_id: scenario_id.clone(),
        trigger: trigger.into(),
    };

    let mut a = availability();
    a.risk_ids = vec![outage.id.clone(), closed.id.clone()];
    a.exit_triggers = vec![link("sla_breach")];
    let a = store.add_indicator(&p, a).unwrap();
    let mut m = library::find("model_accuracy").unwrap().fields;
    m.risk_ids = vec![drift.id.clone()];
    m.exit_triggers = vec![link("Accuracy under 90 %")];
    let m = store.add_indicator(&p, m).unwrap();

    // All green: nothing flagged.
    store
        .add_reading(&a.id, reading(d("2026-11-20"), 99.9), false, today())
        .unwrap();
    store
        .add_reading(&m.id, reading(d("2026-11-20"), 96.0), false, today())
        .unwrap();
    let flags = store.health_flags(Some(&p), today()).unwrap();
    assert!(flags.risks.is_empty() && flags.triggers.is_empty());

    // Availability red, accuracy amber: both risks back, one trigger fired.
    store
        .add_reading(&a.id, reading(d("2026-11-25"), 98.7), false, today())
        .unwrap();
    store
        .add_reading(&m.id, reading(d("2026-11-25"), 91.0), false, today())
        .unwrap();
    let flags = store.health_flags(None, today()).unwrap();
    let risks: Vec<_> = flags
        .risks
        .iter()
        .map(|f| (f.reference.as_str(), f.status.as_str()))
        .collect();
    assert_eq!(risks, vec![("TEC-001", "red"), ("TEC-002", "amber")]);
    assert_eq!(
        flags.risks[0].reason,
        "Availability 98.7 % is below the red threshold 99.0 % since 25 Nov 2026"
    );
    assert_eq!(flags.triggers.len(), 1);
    assert_eq!(flags.triggers[0].trigger, "sla_breach");
    assert_eq!(
        flags.triggers[0].label,
        "persistent breach of the service levels"
    );
    assert_eq!(flags.triggers[0].scenario, "Stressed");

    // Months later both are stale: the risks come back, no trigger fires.
    let later = d("2027-03-01");
    let flags = store.health_flags(Some(&p), later).unwrap();
    assert_eq!(flags.risks.len(), 2);
    assert!(flags.risks.iter().all(|f| f.status.as_str() == "stale"));
    assert!(flags.triggers.is_empty());

    // A trigger removed from the plan fires nothing any more.
    store
        .change_exit_plan(&p, |plan| {
            plan.scenarios[0].triggers.clear();
            Ok(())
        })
        .unwrap();
    assert!(store
        .health_flags(Some(&p), today())
        .unwrap()
        .triggers
        .is_empty());
}
