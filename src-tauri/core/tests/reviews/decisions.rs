//! Review decisions: applied through the risk's ordinary update path with audit rows,
//! outdated when the risk changes later, append-only, undone with the risk restored, and
//! every refusal naming its field and leaving the file unchanged.

use partner_risk_core::model::{RiskStatus, Treatment};
use partner_risk_core::review::acceptance::AcceptanceState;
use partner_risk_core::review::{
    add_days, digest, NextReviewSource, ReviewDecision, ReviewFields, ReviewState,
};
use partner_risk_core::store::Entity;

use crate::support::{day, desk, s};

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
