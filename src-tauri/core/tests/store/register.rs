//! The register's other records: actions, requirements and the register view, and every
//! status round-tripped through the store.

use partner_risk_core::model::{
    ActionFields, ActionStatus, Money, PartnershipFields, RequirementFields, RequirementStatus,
    RiskStatus, Stage, Treatment,
};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::Error;

use crate::support::{partnership, risk, temp_store, today};

#[test]
fn actions_requirements_and_register() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("regulatory", "No DPA signed", Some((4, 5))))
        .unwrap();
    let mut late = ActionFields::new("Sign the DPA");
    late.due = Some(today() - chrono::Days::new(3));
    late.cost = Some(Money::parse("1200.5 EUR", "cost").unwrap());
    let mut next = ActionFields::new("Map data flows");
    next.due = Some(today() + chrono::Days::new(10));
    let mut done = ActionFields::new("Appoint a DPO");
    done.due = Some(today() - chrono::Days::new(30));
    done.status = ActionStatus::Done;
    for a in [late, next, done] {
        store.add_action(&r.id, a).unwrap();
    }
    let actions = store.actions(&r.id).unwrap();
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.fields.is_overdue(today()))
            .count(),
        1
    );
    assert_eq!(actions[1].fields.cost.as_ref().unwrap().minor, 120_050);

    let q = store
        .add_requirement(
            &p,
            RequirementFields {
                code: "DP-01".into(),
                title: "DPA signed".into(),
                area: "Data protection".into(),
                description: String::new(),
                status: RequirementStatus::InProgress,
                evidence: String::new(),
            },
            vec![r.id.clone()],
        )
        .unwrap();
    assert_eq!(store.risk_requirements(&r.id).unwrap()[0].id, q.id);
    let other = store
        .create_partnership(PartnershipFields::new("Other"), "5x5")
        .unwrap();
    let e = store
        .add_requirement(&other.id, q.fields.clone(), vec![r.id.clone()])
        .unwrap_err();
    assert_eq!(e.field(), Some("risk_ids[0]"));

    // Links are made and removed one risk at a time, idempotently, and audited.
    let r2 = store
        .add_risk(&p, risk("exit", "No exit plan", None))
        .unwrap();
    let linked = store.set_requirement_link(&q.id, &r2.id, true).unwrap();
    let mut ids = linked.risk_ids.clone();
    ids.sort();
    let mut expected = vec![r.id.clone(), r2.id.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    let again = store.set_requirement_link(&q.id, &r2.id, true).unwrap();
    assert_eq!(again.risk_ids.len(), 2, "linking twice keeps one link");
    assert_eq!(store.risk_requirements(&r2.id).unwrap()[0].id, q.id);
    let history = store.history(&q.id).unwrap();
    let change = history.last().unwrap();
    assert_eq!(change.field.as_deref(), Some("risk_ids"));
    assert_eq!(history.len(), 2, "the idempotent call wrote nothing");
    let unlinked = store.set_requirement_link(&q.id, &r.id, false).unwrap();
    assert_eq!(unlinked.risk_ids, vec![r2.id.clone()]);
    assert!(store.risk_requirements(&r.id).unwrap().is_empty());
    let foreign = store
        .add_risk(&other.id, risk("exit", "Elsewhere", None))
        .unwrap();
    let e = store
        .set_requirement_link(&q.id, &foreign.id, true)
        .unwrap_err();
    assert_eq!(e.field(), Some("risk_ids[1]"));
    assert_eq!(
        store.requirement(&q.id).unwrap().risk_ids,
        vec![r2.id.clone()]
    );
    let e = store.set_requirement_link("nope", &r.id, true).unwrap_err();
    assert_eq!(e.code(), "not_found");
    store.set_requirement_link(&q.id, &r.id, true).unwrap();
    store.delete_risk(&r2.id).unwrap();

    let register = store.register(&p, &RiskFilter::default(), today()).unwrap();
    let entry = &register.entries[0];
    assert_eq!(entry.inherent_level.as_deref(), Some("Critical"));
    assert_eq!(entry.residual_level, None);
    assert_eq!(entry.overdue_actions, 1);
    assert_eq!(entry.next_action_due, Some(today() - chrono::Days::new(3)));

    let summaries = store.partnership_summaries(false).unwrap();
    let s = summaries.iter().find(|s| s.partnership.id == p).unwrap();
    assert_eq!(s.risk_count, 1);
    assert_eq!(
        s.risks_by_level
            .iter()
            .find(|l| l.level == "Critical")
            .unwrap()
            .count,
        1
    );

    // Archiving hides a partnership from the default list.
    let mut fields = store.partnership(&p).unwrap().fields;
    fields.archived = true;
    fields.stage = Stage::Ended;
    store.update_partnership(&p, fields).unwrap();
    assert!(store.partnerships(false).unwrap().iter().all(|x| x.id != p));
    assert!(store.partnerships(true).unwrap().iter().any(|x| x.id == p));
}

#[test]
fn statuses_round_trip_through_the_store() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    for status in RiskStatus::ALL {
        let mut f = risk("operational", status.as_str(), None);
        f.status = *status;
        f.treatment = Some(Treatment::Accept);
        f.acceptance_approver = "Board".into();
        f.acceptance_expiry = Some(today());
        let r = store.add_risk(&p, f.clone()).unwrap();
        assert_eq!(store.risk(&r.id).unwrap().fields, f);
    }
    assert!(matches!(
        RiskStatus::parse("maybe", "status"),
        Err(Error::Invalid { .. })
    ));
}
