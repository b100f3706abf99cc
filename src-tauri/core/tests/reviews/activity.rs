//! Who is working and what was done: the actor is the stored name (never "unknown"), the
//! activity view pages and filters, and the portfolio's figures add up.

use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::review::{add_days, ReviewDecision, ReviewFields};
use partner_risk_core::store::{ActivityFilter, ActorSource, Entity, FALLBACK_ACTOR};
use partner_risk_core::{OpenMode, Store};

use crate::support::{day, desk, s};

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
