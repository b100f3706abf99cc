//! What the window reads of partnership health: the Health tab's rows and counts, one
//! indicator's chart, the indicators a risk is informed by, the review queue with the
//! risks indicators bring back (first, with the reason, filtered like any risk), the exit
//! plan's readiness naming a fired trigger, and the portfolio's counts.

use chrono::NaiveDate;
use partner_risk_core::exit::{GapCode, ReadinessLevel, Scenario, ScenarioKind, Trigger};
use partner_risk_core::health::{library, ReadingFields, Status, TriggerLink};
use partner_risk_core::review::{QueueFilter, ReviewDecision, ReviewFields, ReviewState};
use partner_risk_core::store::SPARK_POINTS;

use crate::support::{partnership, risk, temp_store, today};

fn reading(date: NaiveDate, value: f64) -> ReadingFields {
    ReadingFields {
        date,
        value,
        note: String::new(),
    }
}

#[test]
fn a_red_indicator_shows_in_the_tab_the_queue_the_readiness_and_the_portfolio() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let outage = store
        .add_risk(&p, risk("technical", "Outage", Some((3, 3))))
        .unwrap();
    let other = store
        .add_risk(&p, risk("financial", "Invoices", Some((2, 2))))
        .unwrap();
    // Both risks reviewed: nothing is due, so only an indicator can bring one back.
    for id in [&outage.id, &other.id] {
        store
            .add_review(
                id,
                ReviewFields::new(ReviewDecision::NoChange, "Looked at"),
                today(),
            )
            .unwrap();
    }
    assert!(store
        .review_queue(&QueueFilter::default(), today())
        .unwrap()
        .is_empty());

    let mut s = Scenario::new("", "Stressed", ScenarioKind::Stressed);
    s.triggers = vec![Trigger::SlaBreach];
    let plan = store
        .save_exit_plan(
            &p,
            partner_risk_core::exit::ExitPlan {
                scenarios: vec![s],
                ..Default::default()
            },
        )
        .unwrap();
    let mut a = library::find("availability").unwrap().fields;
    a.risk_ids = vec![outage.id.clone()];
    a.exit_triggers = vec![TriggerLink {
        scenario_id: plan.scenarios[0].id.clone(),
        trigger: "sla_breach".into(),
    }];
    let a = store.add_indicator(&p, a).unwrap();
    let e = store
        .add_indicator(&p, library::find("error_rate").unwrap().fields)
        .unwrap();
    let before = store.exit_readiness(&p, today()).unwrap();
    let start = today() - chrono::Duration::days(39);
    for n in 0..40 {
        let day = start + chrono::Duration::days(n);
        let value = if n == 39 { 98.7 } else { 99.95 };
        store
            .add_reading(&a.id, reading(day, value), false, today())
            .unwrap();
    }

    // The tab: rows in order, the last readings for the sparkline, the counts, the flags.
    let tab = store.partnership_health(&p, today()).unwrap();
    assert_eq!(tab.rows.len(), 2);
    assert_eq!(tab.rows[0].indicator.id, a.id);
    assert_eq!(tab.rows[0].status.status, Status::Red);
    assert_eq!(tab.rows[0].recent.len(), SPARK_POINTS);
    assert_eq!(tab.rows[0].recent.last().unwrap().value, 98.7);
    assert!(tab.rows[0].recent.windows(2).all(|w| w[0].date < w[1].date));
    assert_eq!(tab.rows[1].indicator.id, e.id);
    assert_eq!(tab.rows[1].status.status, Status::NoData);
    assert!(tab.rows[1].recent.is_empty());
    assert_eq!(
        (tab.counts.red, tab.counts.no_data, tab.counts.green),
        (1, 1, 0)
    );
    assert_eq!(tab.flags.risks.len(), 1);
    assert_eq!(tab.flags.triggers.len(), 1);

    // The chart: every reading, oldest first.
    let chart = store.indicator_chart(&a.id, today()).unwrap();
    assert_eq!(chart.readings.len(), 40);
    assert_eq!(chart.readings[0].fields.date, start);

    // The review screen: the indicators a risk is informed by.
    let informs = store.risk_indicators(&outage.id, today()).unwrap();
    assert_eq!(informs.len(), 1);
    assert_eq!(informs[0].indicator.id, a.id);
    assert!(store
        .risk_indicators(&other.id, today())
        .unwrap()
        .is_empty());

    // The queue: the outage comes back, with the reason, though its review is not due.
    let queue = store
        .review_queue(&QueueFilter::default(), today())
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].risk_id, outage.id);
    assert_eq!(queue[0].state, ReviewState::Scheduled);
    assert_eq!(queue[0].indicators.len(), 1);
    assert_eq!(queue[0].indicators[0].status, Status::Red);
    assert_eq!(
        queue[0].indicators[0].reason,
        format!(
            "Availability 98.7 % is below the red threshold 99.0 % since {}",
            today().format("%-d %b %Y")
        )
    );
    // The sidebar's count: one risk brought back before its day.
    let counts = store.review_counts(today()).unwrap();
    assert_eq!(
        (
            counts[0].brought_back,
            counts[0].past_due,
            counts[0].due_soon
        ),
        (1, 0, 0)
    );
    // The filter applies to it like to any risk.
    let financial = QueueFilter {
        category: Some("financial".into()),
        ..Default::default()
    };
    assert!(store.review_queue(&financial, today()).unwrap().is_empty());

    // The exit plan's readiness names the fired trigger.
    let after = store.exit_readiness(&p, today()).unwrap();
    assert_eq!(after.gaps.len(), before.gaps.len() + 1);
    let gap = after.gaps.last().unwrap();
    assert_eq!(gap.code, GapCode::TriggerFired);
    assert_eq!(gap.field, "scenarios[0].triggers");
    assert!(
        gap.reason
            .contains("persistent breach of the service levels")
            && gap.reason.contains("Availability 98.7 %"),
        "{}",
        gap.reason
    );
    assert_ne!(after.level, ReadinessLevel::Ready);
    // The same gap in the portfolio's exit column (the printouts: report tests).
    let status = store.exit_statuses(today()).unwrap().remove(0);
    assert_eq!(status.gaps.last(), Some(&GapCode::TriggerFired));
    assert_eq!(status.level, after.level);

    // The portfolio counts the red indicator.
    let row = store.portfolio(today()).unwrap().remove(0);
    assert_eq!(
        (
            row.indicators_red,
            row.indicators_amber,
            row.indicators_stale
        ),
        (1, 0, 0)
    );

    // A green reading the next day is not possible (today is the last day), so replace
    // today's: the risk leaves the queue and the trigger stops firing.
    store
        .add_reading(&a.id, reading(today(), 99.9), true, today())
        .unwrap();
    assert!(store
        .review_queue(&QueueFilter::default(), today())
        .unwrap()
        .is_empty());
    assert_eq!(store.review_counts(today()).unwrap()[0].brought_back, 0);
    assert_eq!(
        store.exit_readiness(&p, today()).unwrap().gaps.len(),
        before.gaps.len()
    );
}
