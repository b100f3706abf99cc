//! The cadence and the queue: when each risk is due from its level's interval, the states
//! (unreviewed, past due, due soon, scheduled) and their order across partnerships, the due
//! day kept on each risk as matrices, withdrawals and acceptances change it, and the date
//! arithmetic checked against SQLite by property tests.

use chrono::NaiveDate;
use partner_risk_core::model::{PartnershipFields, RiskFields, RiskStatus};
use partner_risk_core::review::{
    add_days, next_review, NextReviewSource, QueueFilter, ReviewDecision, ReviewFields,
    ReviewState, UNSCORED_REVIEW_DAYS,
};
use partner_risk_core::{OpenMode, Store};
use proptest::prelude::*;

use crate::support::{day, desk, s, Desk};

#[test]
fn the_queue_follows_the_cadence() {
    let mut d = desk();
    let today = day("2026-03-01");
    // Never reviewed: all three unreviewed, closed risks are not queued.
    assert_eq!(
        d.queue(today),
        vec![
            ("EXT-001".to_string(), ReviewState::Unreviewed),
            ("REG-001".to_string(), ReviewState::Unreviewed),
            ("TEC-001".to_string(), ReviewState::Unreviewed),
        ]
    );
    // Reviews on different days.
    let tec_days = d.interval(s(2, 2));
    let reg_days = d.interval(s(5, 5));
    let r = d
        .store
        .add_review(
            &d.risks[0],
            ReviewFields::new(ReviewDecision::NoChange, ""),
            today,
        )
        .unwrap();
    assert_eq!(r.next_review, add_days(today, tec_days), "residual level");
    assert_eq!(r.next_review_source, NextReviewSource::LevelInterval);
    assert_eq!(r.reviewer, "analyst");
    let r = d
        .store
        .add_review(
            &d.risks[1],
            ReviewFields::new(ReviewDecision::Escalate, "to the board"),
            today,
        )
        .unwrap();
    assert_eq!(r.next_review, add_days(today, reg_days), "inherent level");
    let r = d
        .store
        .add_review(
            &d.risks[2],
            ReviewFields::new(ReviewDecision::NoChange, ""),
            today,
        )
        .unwrap();
    assert_eq!(r.next_review, add_days(today, UNSCORED_REVIEW_DAYS));
    assert!(d.queue(today).is_empty(), "everything is scheduled");

    // Later: the shortest interval comes due first; past due sorts oldest first.
    let mut due = [
        ("TEC-001", add_days(today, tec_days)),
        ("REG-001", add_days(today, reg_days)),
        ("EXT-001", add_days(today, UNSCORED_REVIEW_DAYS)),
    ];
    due.sort_by_key(|(_, d)| *d);
    let late = add_days(due[2].1, 1);
    let queue = d.store.review_queue(&QueueFilter::default(), late).unwrap();
    assert_eq!(
        queue
            .iter()
            .map(|e| e.reference.as_str())
            .collect::<Vec<_>>(),
        due.iter().map(|(r, _)| *r).collect::<Vec<_>>()
    );
    assert!(queue.iter().all(|e| e.state == ReviewState::PastDue));
    assert!(queue.iter().all(|e| e.last_reviewed == Some(today)));
    let page = QueueFilter {
        limit: Some(2),
        ..Default::default()
    };
    let first_two = d.store.review_queue(&page, late).unwrap();
    assert_eq!(first_two, queue[..2].to_vec());

    // Due within 14 days, today included; a day before that window: scheduled.
    let first = due[0].1;
    assert_eq!(
        d.store
            .review_queue(&QueueFilter::default(), first)
            .unwrap()[0]
            .state,
        ReviewState::DueSoon
    );
    let before = first - chrono::Days::new(14);
    assert_eq!(
        d.store
            .review_queue(&QueueFilter::default(), before)
            .unwrap()[0]
            .state,
        ReviewState::DueSoon
    );
    let counts = d
        .store
        .review_counts(before - chrono::Days::new(1))
        .unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!(
        (
            counts[0].unreviewed,
            counts[0].past_due,
            counts[0].due_soon,
            counts[0].scheduled
        ),
        (0, 0, 0, 3)
    );

    // A custom date on the risk wins over the interval.
    let mut fields = d.store.risk(&d.risks[0]).unwrap().fields;
    fields.next_review = Some(day("2026-03-05"));
    d.store.update_risk(&d.risks[0], fields).unwrap();
    let q = d
        .store
        .review_queue(&QueueFilter::default(), today)
        .unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(
        (q[0].reference.as_str(), q[0].due, q[0].state),
        ("TEC-001", Some(day("2026-03-05")), ReviewState::DueSoon)
    );

    // Filters: category, owner, level, partnership.
    let f = |category: Option<&str>, owner: Option<&str>, min_level: Option<usize>| QueueFilter {
        partnership_id: Some(d.partnership.clone()),
        category: category.map(Into::into),
        min_level,
        owner: owner.map(Into::into),
        limit: None,
    };
    assert_eq!(
        d.store
            .review_queue(&f(Some("technical"), None, None), late)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        d.store
            .review_queue(&f(None, Some("ann"), None), late)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        d.store
            .review_queue(&f(Some("exit"), Some("Ann"), None), late)
            .unwrap()
            .len(),
        0
    );
    // The highest level: only REG-001 (5,5).
    let top = d
        .store
        .matrix(&d.store.partnership(&d.partnership).unwrap().matrix_id)
        .unwrap()
        .levels
        .len()
        - 1;
    let q = d
        .store
        .review_queue(&f(None, None, Some(top)), late)
        .unwrap();
    assert_eq!(
        q.iter().map(|e| e.reference.as_str()).collect::<Vec<_>>(),
        vec!["REG-001"]
    );
    assert_eq!(
        d.store
            .review_queue(&f(Some("nonsense"), None, None), late)
            .unwrap_err()
            .field(),
        Some("category")
    );
}

#[test]
fn the_queue_spans_partnerships_and_skips_closed_and_archived() {
    let mut d = desk();
    let other = d
        .store
        .create_partnership(PartnershipFields::new("Beta launch"), "3x3")
        .unwrap()
        .id;
    d.store
        .add_risk(&other, RiskFields::new("financial", "Partner cannot pay"))
        .unwrap();
    let today = day("2026-03-01");
    assert_eq!(d.queue(today).len(), 4);
    let counts = d.store.review_counts(today).unwrap();
    assert_eq!(counts.iter().map(|c| c.unreviewed).sum::<u64>(), 4);
    d.store
        .add_review(
            &d.risks[2],
            ReviewFields::new(ReviewDecision::Close, "exit plan signed"),
            today,
        )
        .unwrap();
    assert_eq!(
        d.store.risk(&d.risks[2]).unwrap().fields.status,
        RiskStatus::Closed
    );
    assert_eq!(d.queue(today).len(), 3, "closed risks leave the queue");
    let mut p = d.store.partnership(&other).unwrap();
    p.fields.archived = true;
    d.store.update_partnership(&other, p.fields).unwrap();
    assert_eq!(
        d.queue(today).len(),
        2,
        "archived partnerships leave the queue"
    );
    let only = QueueFilter {
        partnership_id: Some(other.clone()),
        ..Default::default()
    };
    assert_eq!(
        d.store.review_queue(&only, today).unwrap().len(),
        1,
        "unless asked for"
    );
}

#[test]
fn the_kept_due_day_follows_matrices_withdrawals_and_acceptances() {
    let mut d = desk();
    let today = day("2026-03-01");
    let tec = d.risks[0].clone();
    let due = |d: &Desk| -> Option<NaiveDate> {
        d.store
            .connection()
            .query_row("SELECT review_due FROM risks WHERE id = ?1", [&tec], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let r = d
        .store
        .add_review(&tec, ReviewFields::new(ReviewDecision::NoChange, ""), today)
        .unwrap();
    assert_eq!(due(&d), Some(r.next_review));
    d.assert_due_days_kept();

    // The partnership moves to a copy of its matrix, whose level intervals then change.
    let p = d.store.partnership(&d.partnership).unwrap();
    let copy = d.store.clone_matrix(&p.matrix_id, "Ours").unwrap();
    let plan = d
        .store
        .plan_matrix_change(&d.partnership, &copy.id)
        .unwrap();
    d.store.apply_matrix_change(&plan).unwrap();
    d.assert_due_days_kept();
    let mut edited = d.store.matrix(&copy.id).unwrap();
    for level in &mut edited.levels {
        level.review_days = 7;
    }
    d.store.update_matrix(edited).unwrap();
    assert_eq!(due(&d), Some(add_days(today, 7)));
    d.assert_due_days_kept();
    assert!(d
        .queue(day("2026-03-09"))
        .contains(&("TEC-001".to_string(), ReviewState::PastDue)));

    // An acceptance ending sooner brings the review forward; undoing it puts it back.
    let accept = ReviewFields {
        approver: "CFO".into(),
        expiry: Some(day("2026-03-05")),
        ..ReviewFields::new(ReviewDecision::Accept, "short")
    };
    let a = d.store.add_review(&tec, accept, today).unwrap();
    assert_eq!(due(&d), Some(day("2026-03-05")));
    d.store.undo_review(&a.id).unwrap();
    assert_eq!(due(&d), Some(add_days(today, 7)));
    d.store.undo_review(&r.id).unwrap();
    assert_eq!(due(&d), None, "unreviewed again");
    d.assert_due_days_kept();
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..20_000).prop_map(|n| day("2000-01-01") + chrono::Days::new(n as u64))
}

proptest! {
    /// The date arithmetic: SQLite's `date(d, '+N days')` and chrono agree, the state
    /// follows the due date, and the queue's order is by state then due date.
    #[test]
    fn cadence_arithmetic_matches_sqlite(reviewed in any_date(), days in 1u32..=3650, today in any_date()) {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let due = next_review(reviewed, None, Some(days));
        let sql: String = conn
            .query_row("SELECT date(?1, '+' || ?2 || ' days')", rusqlite::params![reviewed.to_string(), days], |r| r.get(0))
            .unwrap();
        prop_assert_eq!(sql, due.to_string());
        prop_assert_eq!(next_review(reviewed, Some(today), Some(days)), today);
        let state = ReviewState::of(Some(due), today);
        let expected = if due < today {
            ReviewState::PastDue
        } else if (due - today).num_days() <= 14 {
            ReviewState::DueSoon
        } else {
            ReviewState::Scheduled
        };
        prop_assert_eq!(state, expected);
        prop_assert_eq!(ReviewState::of(None, today), ReviewState::Unreviewed);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// On a real file: whatever days the risks were last reviewed, the queue is ordered
    /// unreviewed, past due (oldest due first), due soon, and holds exactly the risks
    /// whose state (computed in Rust) is not scheduled.
    #[test]
    fn the_queue_order_matches_the_rules(offsets in proptest::collection::vec(proptest::option::of(0u32..400), 1..8), today_offset in 0u32..500) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
        let p = store.create_partnership(PartnershipFields::new("P"), "5x5").unwrap();
        let matrix = store.matrix(&p.matrix_id).unwrap();
        let start = day("2026-01-01");
        let today = add_days(start, today_offset);
        let mut expected = Vec::new();
        for (n, offset) in offsets.iter().enumerate() {
            let score = s((n % 5) as u8 + 1, ((n * 3) % 5) as u8 + 1);
            let risk = store
                .add_risk(&p.id, RiskFields { residual: Some(score), ..RiskFields::new("technical", format!("Risk {n}")) })
                .unwrap();
            let due = offset.map(|o| {
                let on = add_days(start, o);
                store.add_review(&risk.id, ReviewFields::new(ReviewDecision::NoChange, ""), on).unwrap();
                next_review(on, None, Some(matrix.level(score).unwrap().review_days))
            });
            let state = ReviewState::of(due, today);
            if state != ReviewState::Scheduled {
                expected.push((state.rank(), due, risk.reference));
            }
        }
        expected.sort();
        let queue: Vec<_> = store
            .review_queue(&QueueFilter::default(), today)
            .unwrap()
            .into_iter()
            .map(|e| (e.state.rank(), e.due, e.reference))
            .collect();
        prop_assert_eq!(queue, expected);
    }
}
