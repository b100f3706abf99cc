//! What the database enforces and records: enums, ranges and links, references that use
//! the category prefix and are never reused, the audit log of every change, bad input
//! refused with its field and nothing written, names stored trimmed.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{
    ActionFields, ActionStatus, Category, Money, PartnershipFields, RiskFields, Treatment,
};
use partner_risk_core::store::{Entity, Operation};
use partner_risk_core::Store;

use crate::support::{partnership, risk, temp_store};

#[test]
fn the_database_enforces_enums_ranges_and_links() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("technical", "API drift", Some((2, 2))))
        .unwrap();
    let conn = store.connection();
    let bad = [
        format!("UPDATE risks SET status = 'maybe' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET residual_l = 9, residual_i = 1 WHERE id = '{}'", r.id),
        format!("UPDATE risks SET residual_l = 2 WHERE id = '{}'", r.id),
        format!("UPDATE risks SET next_review = '2026-13-45' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET treatment = 'accept' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET tags = 'not json' WHERE id = '{}'", r.id),
        format!("UPDATE risks SET category = 'nope' WHERE id = '{}'", r.id),
        "INSERT INTO actions (id, risk_id, title, status, created_at, updated_at) VALUES ('a', 'no-such-risk', 't', 'planned', 'x', 'x')".to_string(),
        format!("INSERT INTO actions (id, risk_id, title, status, cost_minor, created_at, updated_at) VALUES ('a', '{}', 't', 'planned', 100, 'x', 'x')", r.id),
        format!("INSERT INTO actions (id, risk_id, title, status, cost_minor, currency, created_at, updated_at) VALUES ('a', '{}', 't', 'planned', -5, 'EUR', 'x', 'x')", r.id),
        "UPDATE partnerships SET stage = 'dreaming'".to_string(),
        "INSERT INTO categories (code, name, prefix) VALUES ('x', 'X', 'lower')".to_string(),
        "UPDATE risks SET partnership_id = 'nope'".to_string(),
    ];
    for sql in bad {
        assert!(
            conn.execute(&sql, []).is_err(),
            "the database accepted: {sql}"
        );
    }
}

#[test]
fn references_use_the_category_prefix_and_are_never_reused() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let a = store.add_risk(&p, risk("technical", "A", None)).unwrap();
    let b = store.add_risk(&p, risk("technical", "B", None)).unwrap();
    let c = store.add_risk(&p, risk("exit", "C", None)).unwrap();
    assert_eq!(
        (
            a.reference.as_str(),
            b.reference.as_str(),
            c.reference.as_str()
        ),
        ("TEC-001", "TEC-002", "EXT-001")
    );
    // Moving a risk to another category keeps its reference.
    let mut fields = a.fields.clone();
    fields.category = "financial".into();
    assert_eq!(
        store.update_risk(&a.id, fields).unwrap().reference,
        "TEC-001"
    );
    store.delete_risk(&b.id).unwrap();
    let d = store.add_risk(&p, risk("technical", "D", None)).unwrap();
    assert_eq!(d.reference, "TEC-003");
    // Another partnership counts on its own.
    let q = store
        .create_partnership(PartnershipFields::new("Other"), "3x3")
        .unwrap();
    assert_eq!(
        store
            .add_risk(&q.id, risk("technical", "E", None))
            .unwrap()
            .reference,
        "TEC-001"
    );
    // User categories bring their own prefix.
    store
        .add_category(Category {
            code: "esg".into(),
            name: "ESG".into(),
            prefix: "ESG".into(),
            built_in: false,
        })
        .unwrap();
    assert_eq!(
        store
            .add_risk(&p, risk("esg", "F", None))
            .unwrap()
            .reference,
        "ESG-001"
    );
    let e = store
        .add_category(Category {
            code: "esg2".into(),
            name: "ESG again".into(),
            prefix: "ESG".into(),
            built_in: false,
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("prefix"));
}

#[test]
fn audit_log_records_create_update_and_delete() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let r = store
        .add_risk(&p, risk("technical", "Model drift", Some((4, 4))))
        .unwrap();
    let history = store.history(&r.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].operation, Operation::Create);
    assert_eq!(history[0].entity, Entity::Risk);
    assert_eq!(history[0].actor, "tester");
    assert!(history[0]
        .new_value
        .as_deref()
        .unwrap()
        .contains("Model drift"));

    let mut fields = r.fields.clone();
    fields.residual = Some(Score::new(2, 3));
    fields.owner = "Dana".into();
    store.update_risk(&r.id, fields.clone()).unwrap();
    let history = store.history(&r.id).unwrap();
    assert_eq!(history.len(), 3, "one row per changed field: {history:#?}");
    let owner = history
        .iter()
        .find(|h| h.field.as_deref() == Some("owner"))
        .unwrap();
    assert_eq!(owner.old_value.as_deref(), Some(""));
    assert_eq!(owner.new_value.as_deref(), Some("Dana"));
    let residual = history
        .iter()
        .find(|h| h.field.as_deref() == Some("residual"))
        .unwrap();
    assert_eq!(residual.old_value, None);
    assert_eq!(
        residual.new_value.as_deref(),
        Some(r#"{"impact":3,"likelihood":2}"#)
    );

    // Saving without a change writes no row.
    store.update_risk(&r.id, fields).unwrap();
    assert_eq!(store.history(&r.id).unwrap().len(), 3);

    let action = store
        .add_action(&r.id, ActionFields::new("Retrain monthly"))
        .unwrap();
    let mut done = action.fields.clone();
    done.status = ActionStatus::Done;
    store.update_action(&action.id, done).unwrap();
    let action_history = store.history(&action.id).unwrap();
    assert_eq!(action_history.len(), 2);
    assert_eq!(action_history[1].field.as_deref(), Some("status"));
    assert_eq!(action_history[1].new_value.as_deref(), Some("done"));

    store.delete_risk(&r.id).unwrap();
    let history = store.history(&r.id).unwrap();
    assert_eq!(history.last().unwrap().operation, Operation::Delete);
    assert!(history
        .last()
        .unwrap()
        .old_value
        .as_deref()
        .unwrap()
        .contains("Dana"));

    let all = store.partnership_history(&p).unwrap();
    assert!(all
        .iter()
        .any(|h| h.entity == Entity::Partnership && h.operation == Operation::Create));
    assert!(all.iter().any(|h| h.entity == Entity::Action));
}

#[test]
fn bad_input_is_refused_with_the_field_and_nothing_is_written() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "3x3");
    let count = |s: &Store| -> i64 {
        s.connection()
            .query_row(
                "SELECT (SELECT count(*) FROM risks) + (SELECT count(*) FROM audit_log)",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = count(&store);
    let cases: Vec<(RiskFields, &str)> = vec![
        (risk("technical", "  ", None), "title"),
        (risk("nope", "t", None), "category"),
        (risk("technical", "t", Some((4, 1))), "inherent.likelihood"),
        (risk("technical", "t", Some((1, 0))), "inherent.impact"),
        (
            RiskFields {
                treatment: Some(Treatment::Accept),
                ..risk("technical", "t", None)
            },
            "acceptance_approver",
        ),
        (
            RiskFields {
                tags: vec!["two words".into()],
                ..risk("technical", "t", None)
            },
            "tags[0]",
        ),
    ];
    for (fields, field) in cases {
        let e = store.add_risk(&p, fields).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
        assert_eq!(e.code(), "invalid");
    }
    // A batch with one bad risk writes none of them.
    let batch = vec![
        risk("technical", "fine", None),
        risk("technical", "also fine", None),
        risk("technical", "bad", Some((9, 9))),
    ];
    let e = store.add_risks(&p, batch).unwrap_err();
    assert_eq!(e.field(), Some("risks[2].inherent.likelihood"));
    assert_eq!(count(&store), before);

    let e = store
        .add_risk("no-such-partnership", risk("technical", "t", None))
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    let mut action = ActionFields::new("x");
    action.cost = Some(Money {
        minor: 5,
        currency: "euro".into(),
    });
    let r = store.add_risk(&p, risk("technical", "ok", None)).unwrap();
    assert_eq!(
        store.add_action(&r.id, action).unwrap_err().field(),
        Some("cost.currency")
    );
    let e = store
        .create_partnership(PartnershipFields::new("Acme pilot"), "5x5")
        .unwrap_err();
    assert_eq!((e.code(), e.field()), ("conflict", Some("name")));
    let e = store
        .create_partnership(PartnershipFields::new("New"), "9x9")
        .unwrap_err();
    assert_eq!((e.code(), e.field()), ("not_found", Some("matrix")));
}

#[test]
fn names_are_stored_trimmed_and_returned_as_stored() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut fields = risk("technical", "  Padded title  ", None);
    fields.owner = " Ana ".into();
    let r = store.add_risk(&p, fields).unwrap();
    assert_eq!(r.fields.title, "Padded title");
    assert_eq!(r.fields.owner, "Ana");
    assert_eq!(
        store.risk(&r.id).unwrap(),
        r,
        "what add_risk returns is what was stored"
    );
}
