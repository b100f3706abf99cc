//! The analyst's review on real SQLite files: who is working, the cadence and the
//! queue, decisions applied through the risk's ordinary update path, append-only
//! reviews, outdated sign-offs, and refusals that leave the file unchanged.

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields, RiskStatus, Treatment};
use partner_risk_core::review::acceptance::{AcceptanceRequest, AcceptanceState};
use partner_risk_core::review::{
    add_days, digest, next_review, NextReviewSource, QueueFilter, ReviewDecision, ReviewFields,
    ReviewState, UNSCORED_REVIEW_DAYS,
};
use partner_risk_core::store::{ActivityFilter, ActorSource, Entity, FALLBACK_ACTOR};
use partner_risk_core::{OpenMode, Store};
use proptest::prelude::*;
use tempfile::TempDir;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn s(l: u8, i: u8) -> Score {
    Score::new(l, i)
}

struct Desk {
    dir: TempDir,
    store: Store,
    partnership: String,
    /// Risks: TEC-001 (residual 2,2), REG-001 (inherent 5,5), EXT-001 (unscored).
    risks: Vec<String>,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("analyst");
    let partnership = store
        .create_partnership(PartnershipFields::new("Acme pilot"), "5x5")
        .unwrap()
        .id;
    let risks = store
        .add_risks(
            &partnership,
            vec![
                RiskFields {
                    residual: Some(s(2, 2)),
                    inherent: Some(s(4, 4)),
                    owner: "Ann".into(),
                    ..RiskFields::new("technical", "Partner API changes without notice")
                },
                RiskFields {
                    inherent: Some(s(5, 5)),
                    ..RiskFields::new("regulatory", "No DPA before personal data moves")
                },
                RiskFields::new("exit", "No written exit plan"),
            ],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    Desk {
        dir,
        store,
        partnership,
        risks,
    }
}

impl Desk {
    fn interval(&self, score: Score) -> u32 {
        let p = self.store.partnership(&self.partnership).unwrap();
        let m = self.store.matrix(&p.matrix_id).unwrap();
        m.level(score).unwrap().review_days
    }

    fn queue(&self, today: NaiveDate) -> Vec<(String, ReviewState)> {
        self.assert_due_days_kept();
        self.store
            .review_queue(&QueueFilter::default(), today)
            .unwrap()
            .into_iter()
            .map(|e| (e.reference, e.state))
            .collect()
    }

    /// The due day kept on every risk is the one its cadence gives now.
    fn assert_due_days_kept(&self) {
        let stale: Vec<(String, Option<String>, Option<String>)> = self
            .store
            .connection()
            .prepare(
                "SELECT r.reference, r.review_due, k.due FROM risks r
                 JOIN risk_cadence k ON k.id = r.id WHERE r.review_due IS NOT k.due",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(stale.is_empty(), "stale due days: {stale:?}");
    }

    /// The file's bytes after a checkpoint, and the rows that matter.
    fn snapshot(&self) -> (Vec<u8>, i64, i64, i64) {
        let c = self.store.connection();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        let count = |t: &str| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        (
            std::fs::read(self.dir.path().join("w.prisk")).unwrap(),
            count("reviews"),
            count("audit_log"),
            count("actions"),
        )
    }
}

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
fn decisions_apply_through_the_risk_update_with_audit_rows() {
    let mut d = desk();
    let today = day("2026-03-01");
    let tec = d.risks[0].clone();
    let rescore = ReviewFields {
        residual: Some(s(3, 3)),
        ..ReviewFields::new(ReviewDecision::Rescore, "controls weaker than thought")
    };
    let r = d.store.add_review(&tec, rescore, today).unwrap();
    assert_eq!(
        (r.residual_before, r.residual_after),
        (Some(s(2, 2)), Some(s(3, 3)))
    );
    assert_eq!(
        (r.inherent_before, r.inherent_after),
        (Some(s(4, 4)), Some(s(4, 4)))
    );
    assert_eq!(r.next_review, add_days(today, d.interval(s(3, 3))));
    let risk = d.store.risk(&tec).unwrap();
    assert_eq!(risk.fields.residual, Some(s(3, 3)));
    assert_eq!(r.digest, digest(&risk.fields));
    let history = d.store.history(&tec).unwrap();
    let row = history
        .iter()
        .find(|e| e.field.as_deref() == Some("residual"))
        .unwrap();
    assert_eq!(row.entity, Entity::Risk);
    assert_eq!(row.actor, "analyst");
    assert_eq!(row.context.as_deref(), Some("review of TEC-001"));

    let accept = ReviewFields {
        approver: "CFO".into(),
        expiry: Some(day("2026-12-31")),
        ..ReviewFields::new(ReviewDecision::Accept, "within budget tolerance")
    };
    d.store.add_review(&tec, accept, today).unwrap();
    let f = d.store.risk(&tec).unwrap().fields;
    assert_eq!(f.treatment, Some(Treatment::Accept));
    assert_eq!(f.acceptance_approver, "CFO");
    assert_eq!(f.acceptance_expiry, Some(day("2026-12-31")));
    assert_eq!(f.status, RiskStatus::Accepted);

    let reg = d.risks[1].clone();
    let mitigate = ReviewFields {
        action_title: "Sign the DPA".into(),
        action_owner: "Legal".into(),
        ..ReviewFields::new(ReviewDecision::Mitigate, "DPA is the fix")
    };
    d.store.add_review(&reg, mitigate, today).unwrap();
    let actions = d.store.actions(&reg).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(
        (
            actions[0].fields.title.as_str(),
            actions[0].fields.owner.as_str()
        ),
        ("Sign the DPA", "Legal")
    );
    assert_eq!(
        d.store.risk(&reg).unwrap().fields.status,
        RiskStatus::Mitigating
    );
    let history = d.store.history(&actions[0].id).unwrap();
    assert_eq!(history[0].context.as_deref(), Some("review of REG-001"));

    // Snooze: next review today + N, from the risk's own date.
    let snooze = ReviewFields {
        snooze_days: Some(10),
        ..ReviewFields::new(ReviewDecision::NoChange, "waiting for the audit report")
    };
    let r = d.store.add_review(&reg, snooze, today).unwrap();
    assert_eq!(
        (r.next_review, r.next_review_source),
        (day("2026-03-11"), NextReviewSource::Snooze)
    );
    assert_eq!(
        d.store.risk(&reg).unwrap().fields.next_review,
        Some(day("2026-03-11"))
    );
    // Once the snoozed date comes, a review clears it: the level's interval applies again.
    let r = d
        .store
        .add_review(
            &reg,
            ReviewFields::new(ReviewDecision::NoChange, ""),
            day("2026-03-11"),
        )
        .unwrap();
    assert_eq!(r.next_review_source, NextReviewSource::LevelInterval);
    assert_eq!(d.store.risk(&reg).unwrap().fields.next_review, None);

    // A custom date chosen at the review.
    let custom = ReviewFields {
        next_review: Some(day("2026-04-01")),
        ..ReviewFields::new(ReviewDecision::Escalate, "board meets in April")
    };
    let r = d.store.add_review(&reg, custom, day("2026-03-11")).unwrap();
    assert_eq!(
        (r.next_review, r.next_review_source),
        (day("2026-04-01"), NextReviewSource::Custom)
    );
    assert_eq!(
        d.store.risk(&reg).unwrap().fields.next_review,
        Some(day("2026-04-01"))
    );
    // A date set in the editor before a review is served by it.
    let mut f = d.store.risk(&tec).unwrap().fields;
    f.next_review = Some(day("2026-09-01"));
    d.store.update_risk(&tec, f).unwrap();
    let r = d
        .store
        .add_review(&tec, ReviewFields::new(ReviewDecision::NoChange, ""), today)
        .unwrap();
    assert_eq!(r.next_review_source, NextReviewSource::LevelInterval);
    assert_eq!(d.store.risk(&tec).unwrap().fields.next_review, None);

    let all = d.store.partnership_reviews(&d.partnership).unwrap();
    assert_eq!(all.len(), 7);
    assert_eq!(d.store.reviews(&reg).unwrap().len(), 4);
}

#[test]
fn a_review_is_outdated_when_its_risk_changes_later() {
    let mut d = desk();
    let today = day("2026-03-01");
    let tec = d.risks[0].clone();
    d.store
        .add_review(&tec, ReviewFields::new(ReviewDecision::NoChange, ""), today)
        .unwrap();
    assert!(!d.store.reviews(&tec).unwrap()[0].outdated);
    // A change outside the assessed fields does not outdate it.
    let mut f = d.store.risk(&tec).unwrap().fields;
    f.description = "more words".into();
    d.store.update_risk(&tec, f).unwrap();
    assert!(!d.store.reviews(&tec).unwrap()[0].outdated);
    // A new score does; the next review is current again.
    d.store
        .score_risk(
            &tec,
            partner_risk_core::model::ScoreKind::Residual,
            Some(s(1, 1)),
        )
        .unwrap();
    assert!(d.store.reviews(&tec).unwrap()[0].outdated);
    d.store
        .add_review(&tec, ReviewFields::new(ReviewDecision::NoChange, ""), today)
        .unwrap();
    let reviews = d.store.partnership_reviews(&d.partnership).unwrap();
    assert_eq!(
        reviews.iter().map(|r| r.outdated).collect::<Vec<_>>(),
        vec![true, false]
    );
    // Status too.
    let mut f = d.store.risk(&tec).unwrap().fields;
    f.status = RiskStatus::Closed;
    d.store.update_risk(&tec, f).unwrap();
    assert!(d.store.reviews(&tec).unwrap()[1].outdated);
}

#[test]
fn reviews_are_append_only_but_leave_with_their_risk_or_partnership() {
    let mut d = desk();
    let today = day("2026-03-01");
    for risk in &d.risks {
        d.store
            .add_review(risk, ReviewFields::new(ReviewDecision::NoChange, ""), today)
            .unwrap();
    }
    let c = d.store.connection();
    let err = c
        .execute("UPDATE reviews SET rationale = 'changed'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = c.execute("DELETE FROM reviews", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let count = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(c), 3);
    // A rationale is required in the file too.
    let err = c
        .execute(
            "INSERT INTO reviews (id, risk_id, partnership_id, reviewer, at, reviewed_on, decision, next_review, next_review_source, digest)
             SELECT 'x', risk_id, partnership_id, 'me', at, reviewed_on, 'escalate', next_review, next_review_source, digest FROM reviews LIMIT 1",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");

    d.store.delete_risk(&d.risks[0]).unwrap();
    assert_eq!(count(d.store.connection()), 2);
    d.store.delete_partnership(&d.partnership).unwrap();
    assert_eq!(count(d.store.connection()), 0);
}

#[test]
fn every_refusal_names_the_field_and_leaves_the_file_unchanged() {
    let mut d = desk();
    let today = day("2026-03-01");
    let tec = d.risks[0].clone();
    let before = d.snapshot();
    let cases: Vec<(ReviewFields, &str)> = vec![
        (
            ReviewFields::new(ReviewDecision::Escalate, "  "),
            "rationale",
        ),
        (ReviewFields::new(ReviewDecision::Close, ""), "rationale"),
        (
            ReviewFields {
                snooze_days: Some(5),
                ..ReviewFields::new(ReviewDecision::NoChange, "")
            },
            "rationale",
        ),
        (
            ReviewFields {
                snooze_days: Some(0),
                ..ReviewFields::new(ReviewDecision::NoChange, "x")
            },
            "snooze_days",
        ),
        (
            ReviewFields {
                snooze_days: Some(366),
                ..ReviewFields::new(ReviewDecision::NoChange, "x")
            },
            "snooze_days",
        ),
        (
            ReviewFields::new(ReviewDecision::Rescore, "why"),
            "residual",
        ),
        (
            ReviewFields {
                residual: Some(s(6, 1)),
                ..ReviewFields::new(ReviewDecision::Rescore, "why")
            },
            "residual.likelihood",
        ),
        (
            ReviewFields {
                residual: Some(s(1, 1)),
                ..ReviewFields::new(ReviewDecision::NoChange, "")
            },
            "residual",
        ),
        (
            ReviewFields {
                expiry: Some(day("2027-01-01")),
                ..ReviewFields::new(ReviewDecision::Accept, "ok")
            },
            "approver",
        ),
        (
            ReviewFields {
                approver: "CFO".into(),
                ..ReviewFields::new(ReviewDecision::Accept, "ok")
            },
            "expiry",
        ),
        (
            ReviewFields {
                approver: "CFO".into(),
                expiry: Some(today),
                ..ReviewFields::new(ReviewDecision::Accept, "ok")
            },
            "expiry",
        ),
        (
            ReviewFields {
                approver: "CFO".into(),
                expiry: Some(day("2025-01-01")),
                ..ReviewFields::new(ReviewDecision::Accept, "ok")
            },
            "expiry",
        ),
        (
            ReviewFields::new(ReviewDecision::Mitigate, "fix"),
            "action_title",
        ),
        (
            ReviewFields {
                next_review: Some(today),
                ..ReviewFields::new(ReviewDecision::NoChange, "")
            },
            "next_review",
        ),
        (
            ReviewFields {
                next_review: Some(day("2026-05-01")),
                snooze_days: Some(3),
                ..ReviewFields::new(ReviewDecision::NoChange, "x")
            },
            "next_review",
        ),
        (
            ReviewFields {
                action_title: "t".into(),
                ..ReviewFields::new(ReviewDecision::Escalate, "up")
            },
            "action_title",
        ),
        (
            ReviewFields {
                rationale: "x".repeat(20_001),
                ..ReviewFields::new(ReviewDecision::Escalate, "")
            },
            "rationale",
        ),
    ];
    for (fields, field) in cases {
        let err = d.store.add_review(&tec, fields.clone(), today).unwrap_err();
        assert_eq!(err.field(), Some(field), "{fields:?}: {err}");
        assert_eq!(d.snapshot(), before, "{fields:?} changed the file");
    }
    let err = d
        .store
        .add_review(
            "no-such-risk",
            ReviewFields::new(ReviewDecision::NoChange, ""),
            today,
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    // Closing a closed risk is refused.
    d.store
        .add_review(
            &tec,
            ReviewFields::new(ReviewDecision::Close, "done"),
            today,
        )
        .unwrap();
    let before = d.snapshot();
    let err = d
        .store
        .add_review(
            &tec,
            ReviewFields::new(ReviewDecision::Close, "again"),
            today,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("decision"));
    assert_eq!(d.snapshot(), before);
}

#[test]
fn the_actor_is_the_stored_name_and_never_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.prisk");
    // Tests share the process environment: read what the OS says rather than change it.
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    match partner_risk_core::store::os_user_name() {
        Some(name) => assert_eq!(
            (store.actor(), store.actor_source()),
            (name.as_str(), ActorSource::OsUser)
        ),
        None => assert_eq!(
            (store.actor(), store.actor_source()),
            (FALLBACK_ACTOR, ActorSource::Fallback)
        ),
    }
    assert_ne!(store.actor(), "unknown");
    assert_eq!(store.whoami().unwrap(), None);
    drop(store);

    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    for bad in ["", "   ", "a\u{7}b", &"x".repeat(101)] {
        assert_eq!(
            store.set_whoami(bad).unwrap_err().field(),
            Some("name"),
            "{bad:?}"
        );
    }
    assert_eq!(store.whoami().unwrap(), None);
    store.set_whoami("  Ada Analyst ").unwrap();
    assert_eq!(
        (store.actor(), store.actor_source()),
        ("Ada Analyst", ActorSource::Workspace)
    );
    drop(store);

    // Reopened: the stored name is the actor of changes and reviews.
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.whoami().unwrap().as_deref(), Some("Ada Analyst"));
    assert_eq!(store.actor(), "Ada Analyst");
    let p = store
        .create_partnership(PartnershipFields::new("P"), "3x3")
        .unwrap()
        .id;
    let risk = store
        .add_risk(&p, RiskFields::new("exit", "No exit plan"))
        .unwrap()
        .id;
    let review = store
        .add_review(
            &risk,
            ReviewFields::new(ReviewDecision::NoChange, ""),
            day("2026-03-01"),
        )
        .unwrap();
    assert_eq!(review.reviewer, "Ada Analyst");
    assert!(store
        .history(&risk)
        .unwrap()
        .iter()
        .all(|e| e.actor == "Ada Analyst"));
    // An explicit actor wins, and a later whoami does not override it.
    store.set_actor("Auditor");
    store.set_whoami("Someone Else").unwrap();
    assert_eq!(
        (store.actor(), store.actor_source()),
        ("Auditor", ActorSource::Explicit)
    );
}

#[test]
fn undo_restores_the_risk_and_keeps_the_review_as_withdrawn() {
    let mut d = desk();
    let today = day("2026-03-01");
    let (tec, reg, ext) = (d.risks[0].clone(), d.risks[1].clone(), d.risks[2].clone());
    let before = d.store.risk(&tec).unwrap().fields;

    // A rescore, undone: the score comes back, the review stays, withdrawn.
    let rescore = ReviewFields {
        residual: Some(s(4, 4)),
        ..ReviewFields::new(ReviewDecision::Rescore, "worse than thought")
    };
    let r = d.store.add_review(&tec, rescore, today).unwrap();
    assert_eq!(d.store.last_review_by("analyst").unwrap().unwrap().id, r.id);
    let undone = d.store.undo_review(&r.id).unwrap();
    assert_eq!(undone.withdrawn_by.as_deref(), Some("analyst"));
    assert!(undone.withdrawn_at.is_some());
    assert_eq!(d.store.risk(&tec).unwrap().fields, before);
    assert_eq!(d.store.reviews(&tec).unwrap().len(), 1, "kept, not deleted");
    assert!(d.store.last_review_by("analyst").unwrap().is_none());
    assert!(d
        .queue(today)
        .contains(&("TEC-001".to_string(), ReviewState::Unreviewed)));
    let history = d.store.history(&tec).unwrap();
    let back = history.last().unwrap();
    assert_eq!(back.field.as_deref(), Some("residual"));
    assert_eq!(back.context.as_deref(), Some("undo of review of TEC-001"));
    // Twice: refused.
    let err = d.store.undo_review(&r.id).unwrap_err().to_string();
    assert!(err.contains("already undone by analyst"), "{err}");

    // A mitigate, undone: its action goes, with an audit row.
    let mitigate = ReviewFields {
        action_title: "Ask for a DPA".into(),
        ..ReviewFields::new(ReviewDecision::Mitigate, "needs a contract")
    };
    let m = d.store.add_review(&reg, mitigate, today).unwrap();
    assert_eq!(d.store.actions(&reg).unwrap().len(), 1);
    d.store.undo_review(&m.id).unwrap();
    assert!(d.store.actions(&reg).unwrap().is_empty());
    assert!(d
        .store
        .partnership_history(&d.partnership)
        .unwrap()
        .iter()
        .any(|e| e.entity == Entity::Action
            && e.operation == partner_risk_core::store::Operation::Delete
            && e.context.as_deref() == Some("undo of review of REG-001")));

    // An accept, undone: the acceptance it recorded is revoked, the risk open again.
    let accept = ReviewFields {
        approver: "CFO".into(),
        expiry: Some(day("2026-09-30")),
        ..ReviewFields::new(ReviewDecision::Accept, "cheap to carry")
    };
    let a = d.store.add_review(&ext, accept, today).unwrap();
    let acceptances = d.store.acceptances(&ext, today).unwrap();
    assert_eq!(acceptances.len(), 1);
    assert_eq!(acceptances[0].state, AcceptanceState::Approved);
    assert_eq!(acceptances[0].review_id.as_deref(), Some(a.id.as_str()));
    d.store.undo_review(&a.id).unwrap();
    assert_eq!(
        d.store.acceptances(&ext, today).unwrap()[0].state,
        AcceptanceState::Revoked
    );
    let f = d.store.risk(&ext).unwrap().fields;
    assert_eq!((f.status, f.treatment), (RiskStatus::Open, None));

    // Only the last review of a risk, and only while the risk is as the review left it.
    let first = d
        .store
        .add_review(&tec, ReviewFields::new(ReviewDecision::NoChange, ""), today)
        .unwrap();
    let second = d
        .store
        .add_review(
            &tec,
            ReviewFields::new(ReviewDecision::Escalate, "board"),
            today,
        )
        .unwrap();
    let err = d.store.undo_review(&first.id).unwrap_err().to_string();
    assert!(err.contains("only the last review of TEC-001"), "{err}");
    d.store
        .score_risk(
            &tec,
            partner_risk_core::model::ScoreKind::Residual,
            Some(s(1, 1)),
        )
        .unwrap();
    let err = d.store.undo_review(&second.id).unwrap_err().to_string();
    assert!(err.contains("TEC-001 changed after this review"), "{err}");
    // Withdrawals are append-only too.
    let err = d
        .store
        .connection()
        .execute("UPDATE review_withdrawals SET by = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
}

#[test]
fn acceptances_move_through_their_lifecycle_and_expired_ones_come_back() {
    let mut d = desk();
    let today = day("2026-03-01");
    let (tec, reg) = (d.risks[0].clone(), d.risks[1].clone());
    let request = |approver: &str, expiry: &str| AcceptanceRequest {
        approver: approver.into(),
        justification: "tolerable for the pilot".into(),
        expiry: day(expiry),
    };
    // Refusals name the field and write nothing.
    let snapshot = d.snapshot();
    for (req, field) in [
        (request(" ", "2026-06-01"), "approver"),
        (request("CFO", "2026-03-01"), "expiry"),
        (
            AcceptanceRequest {
                justification: "  ".into(),
                ..request("CFO", "2026-06-01")
            },
            "justification",
        ),
    ] {
        let err = d.store.request_acceptance(&tec, req, today).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(d.snapshot(), snapshot);

    // Requested → approved: the risk carries it, audited as the acceptance's doing.
    let asked = d
        .store
        .request_acceptance(&tec, request("CFO", "2026-06-01"), today)
        .unwrap();
    assert_eq!(asked.state, AcceptanceState::Requested);
    assert_eq!(asked.requested_by, "analyst");
    let err = d
        .store
        .request_acceptance(&tec, request("CEO", "2026-07-01"), today)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("already has a request waiting for CFO"),
        "{err}"
    );
    let approved = d
        .store
        .approve_acceptance(&asked.id, "fine until June", today)
        .unwrap();
    assert_eq!(approved.state, AcceptanceState::Approved);
    assert_eq!(approved.decided_by.as_deref(), Some("analyst"));
    assert!(!approved.self_approved);
    let f = d.store.risk(&tec).unwrap().fields;
    assert_eq!(f.status, RiskStatus::Accepted);
    assert_eq!(f.acceptance_expiry, Some(day("2026-06-01")));
    assert!(d
        .store
        .history(&tec)
        .unwrap()
        .iter()
        .any(|e| e.context.as_deref() == Some("acceptance of TEC-001")));
    let err = d
        .store
        .approve_acceptance(&asked.id, "", today)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("only a requested acceptance can be approved"),
        "{err}"
    );

    // Expired: on the day after the expiry the risk is due again, flagged.
    let due = d
        .store
        .review_queue(&QueueFilter::default(), day("2026-06-02"))
        .unwrap();
    let entry = due.iter().find(|e| e.reference == "TEC-001").unwrap();
    assert!(entry.acceptance_expired);
    let later = d.store.acceptances(&tec, day("2026-06-02")).unwrap();
    assert!(later[0].expired);
    assert!(!d.store.acceptances(&tec, day("2026-06-01")).unwrap()[0].expired);

    // Revoked with a reason: the risk is open again; the history keeps both.
    let err = d
        .store
        .revoke_acceptance(&asked.id, " ", today)
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let revoked = d
        .store
        .revoke_acceptance(&asked.id, "partner breached the SLA", today)
        .unwrap();
    assert_eq!(revoked.state, AcceptanceState::Revoked);
    assert_eq!(revoked.revoked_by.as_deref(), Some("analyst"));
    let f = d.store.risk(&tec).unwrap().fields;
    assert_eq!((f.status, f.treatment), (RiskStatus::Open, None));

    // Rejected (with a note) leaves the risk alone; a self-approval is flagged.
    let asked = d
        .store
        .request_acceptance(&reg, request("analyst", "2026-05-01"), today)
        .unwrap();
    assert!(asked.self_approved);
    let err = d.store.reject_acceptance(&asked.id, "", today).unwrap_err();
    assert_eq!(err.field(), Some("note"));
    let rejected = d
        .store
        .reject_acceptance(&asked.id, "not on a regulatory risk", today)
        .unwrap();
    assert_eq!(rejected.state, AcceptanceState::Rejected);
    assert_eq!(d.store.risk(&reg).unwrap().fields.status, RiskStatus::Open);
    assert_eq!(
        d.store
            .partnership_acceptances(&d.partnership, today)
            .unwrap()
            .len(),
        2
    );
    // The file keeps to the lifecycle even when written directly.
    let err = d
        .store
        .connection()
        .execute(
            "UPDATE acceptances SET state = 'approved' WHERE state = 'rejected'",
            [],
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("an acceptance moves only"),
        "{err}"
    );
    // A closed risk is not accepted.
    let mut f = d.store.risk(&reg).unwrap().fields;
    f.status = RiskStatus::Closed;
    d.store.update_risk(&reg, f).unwrap();
    let err = d
        .store
        .request_acceptance(&reg, request("CFO", "2026-05-01"), today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("REG-001 is closed"), "{err}");
}

#[test]
fn the_activity_view_pages_and_filters_and_the_portfolio_adds_up() {
    let mut d = desk();
    let today = day("2026-03-01");
    let tec = d.risks[0].clone();
    d.store.set_actor("Bea");
    let mut f = d.store.risk(&tec).unwrap().fields;
    f.owner = "Bea".into();
    d.store.update_risk(&tec, f).unwrap();
    d.store
        .add_review(
            &tec,
            ReviewFields {
                residual: Some(s(5, 5)),
                ..ReviewFields::new(ReviewDecision::Rescore, "breach at the partner")
            },
            today,
        )
        .unwrap();
    let all = d.store.activity(&ActivityFilter::default()).unwrap();
    assert!(all.next.is_none());
    let seqs: Vec<i64> = all.entries.iter().map(|e| e.entry.seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] > w[1]), "newest first");
    assert_eq!(all.entries[0].entry.field.as_deref(), Some("residual"));
    assert_eq!(all.entries[0].reference.as_deref(), Some("TEC-001"));
    assert_eq!(all.entries[0].partnership.as_deref(), Some("Acme pilot"));

    // Pages of two follow each other without gaps or repeats.
    let mut paged = Vec::new();
    let mut filter = ActivityFilter {
        limit: Some(2),
        ..Default::default()
    };
    loop {
        let page = d.store.activity(&filter).unwrap();
        paged.extend(page.entries.iter().map(|e| e.entry.seq));
        match page.next {
            Some(next) => filter.before = Some(next),
            None => break,
        }
    }
    assert_eq!(paged, seqs);

    let only = |filter: ActivityFilter| -> Vec<(String, Option<String>)> {
        d.store
            .activity(&filter)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| (e.entry.actor, e.entry.field))
            .collect()
    };
    let bea = only(ActivityFilter {
        actor: Some("bea".into()),
        ..Default::default()
    });
    assert!(!bea.is_empty() && bea.iter().all(|(a, _)| a == "Bea"));
    assert!(bea.len() < seqs.len());
    let owner = only(ActivityFilter {
        field: Some("owner".into()),
        ..Default::default()
    });
    assert_eq!(owner, vec![("Bea".to_string(), Some("owner".to_string()))]);
    assert!(only(ActivityFilter {
        entity: Some(Entity::Partnership),
        ..Default::default()
    })
    .iter()
    .all(|(a, f)| a == "analyst" && f.is_none()));
    let now = chrono::Utc::now().date_naive();
    assert_eq!(
        only(ActivityFilter {
            since: Some(now),
            until: Some(now),
            ..Default::default()
        })
        .len(),
        seqs.len()
    );
    assert!(only(ActivityFilter {
        since: Some(add_days(now, 1)),
        ..Default::default()
    })
    .is_empty());
    assert!(only(ActivityFilter {
        until: Some(now.pred_opt().unwrap()),
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        d.store.actors().unwrap(),
        vec!["Bea".to_string(), "analyst".to_string()]
    );
    for (filter, field) in [
        (
            ActivityFilter {
                limit: Some(0),
                ..Default::default()
            },
            "limit",
        ),
        (
            ActivityFilter {
                since: Some(now),
                until: Some(now.pred_opt().unwrap()),
                ..Default::default()
            },
            "until",
        ),
        (
            ActivityFilter {
                partnership_id: Some("nope".into()),
                ..Default::default()
            },
            "partnership",
        ),
    ] {
        assert_eq!(d.store.activity(&filter).unwrap_err().field(), Some(field));
    }

    // Portfolio: TEC-001 residual 5×5, REG-001 inherent 5×5, EXT-001 unscored; an
    // overdue action and an acceptance expiring within 30 days.
    let mut action = partner_risk_core::model::ActionFields::new("Call the partner");
    action.due = Some(day("2026-02-01"));
    d.store.add_action(&d.risks[1], action).unwrap();
    let ext = d.risks[2].clone();
    let mut f = d.store.risk(&ext).unwrap().fields;
    f.inherent = Some(s(1, 1));
    d.store.update_risk(&ext, f).unwrap();
    d.store
        .add_review(
            &ext,
            ReviewFields {
                approver: "CFO".into(),
                expiry: Some(day("2026-03-20")),
                ..ReviewFields::new(ReviewDecision::Accept, "small")
            },
            today,
        )
        .unwrap();
    let rows = d.store.portfolio(today).unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.open_risks, 3);
    assert_eq!(row.unscored, 0);
    assert_eq!(row.by_level.iter().map(|l| l.count).sum::<u64>(), 3);
    assert_eq!(row.outside_appetite, 2, "{row:?}");
    assert_eq!(row.unreviewed, 1);
    assert_eq!(row.overdue_actions, 1);
    assert_eq!(row.acceptances_expiring, 1);
    assert_eq!(row.acceptances_expired, 0);
    let later = d.store.portfolio(day("2026-03-21")).unwrap();
    assert_eq!(
        (later[0].acceptances_expiring, later[0].acceptances_expired),
        (0, 1)
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
