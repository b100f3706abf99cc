//! The register through IPC: the demo, risks and their scores, matrices and a change of
//! matrix, and errors crossing with their code, message, field, value and reason.

use serde_json::{json, Value};

use crate::support::{app, call};

#[test]
fn demo_register_and_scoring_through_ipc() {
    let app = app();
    assert_eq!(
        call(&app, "list_partnerships", json!({"includeArchived": false})).unwrap(),
        json!([])
    );
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let id = demo["id"].as_str().unwrap();
    let register = call(&app, "register", json!({"partnershipId": id})).unwrap();
    let entries = register["rows"].as_array().unwrap();
    assert!(entries.len() >= 30);
    assert_eq!(
        register["matrix"]["likelihood"].as_array().unwrap().len(),
        5
    );
    // The table's rows carry the columns, not the whole risk.
    assert!(entries[0]["reference"].is_string() && entries[0]["inherent"].is_object());
    assert!(entries[0].get("description").is_none());

    // Filters answer with the ids of the matching rows, in reference order.
    let exit_rows: Vec<&Value> = entries.iter().filter(|r| r["category"] == "exit").collect();
    let ids = call(
        &app,
        "matching_risks",
        json!({"partnershipId": id, "filter": {"categories": ["exit"]}}),
    )
    .unwrap();
    assert!(!exit_rows.is_empty());
    assert_eq!(
        ids.as_array().unwrap().iter().collect::<Vec<_>>(),
        exit_rows.iter().map(|r| &r["id"]).collect::<Vec<_>>()
    );
    let found = call(
        &app,
        "matching_risks",
        json!({"partnershipId": id, "filter": {"text": "insolv"}}),
    )
    .unwrap();
    assert!(!found.as_array().unwrap().is_empty());

    let fields = json!({
        "category": "technical", "title": "Partner changes its model without notice",
        "status": "open", "inherent": {"likelihood": 4, "impact": 4}, "tags": ["ml"]
    });
    let risk = call(
        &app,
        "create_risk",
        json!({"partnershipId": id, "fields": fields}),
    )
    .unwrap();
    assert!(risk["reference"].as_str().unwrap().starts_with("TEC-"));
    let mut fields = risk.clone();
    fields["residual"] = json!({"likelihood": 2, "impact": 3});
    let updated = call(
        &app,
        "update_risk",
        json!({"id": risk["id"], "fields": fields}),
    )
    .unwrap();
    assert_eq!(updated["residual"]["likelihood"], 2);
    let detail = call(&app, "risk_detail", json!({"id": risk["id"]})).unwrap();
    assert_eq!(detail["history"].as_array().unwrap().len(), 2);

    let map = call(
        &app,
        "heat_map",
        json!({"partnershipId": id, "kind": "residual"}),
    )
    .unwrap();
    let total: u64 = map["counts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .map(|c| c.as_u64().unwrap())
        .sum();
    assert_eq!(total, entries.len() as u64 + 1);

    let action = call(&app, "add_action", json!({"riskId": risk["id"], "fields": {"title": "Pin the model version", "status": "planned", "due": "2026-12-01"}})).unwrap();
    assert_eq!(action["due"], "2026-12-01");
}

#[test]
fn errors_cross_ipc_with_code_message_field_value_and_reason() {
    let app = app();
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let id = demo["id"].as_str().unwrap();
    let bad = json!({"category": "technical", "title": "x", "status": "open", "residual": {"likelihood": 6, "impact": 1}});
    let e = call(
        &app,
        "create_risk",
        json!({"partnershipId": id, "fields": bad}),
    )
    .unwrap_err();
    assert_eq!(e["code"], "invalid");
    assert_eq!(e["field"], "residual.likelihood");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("Likelihood is 1 to 5"));
    // The parts of the error as data, beside the sentence: the UI words it from them.
    assert_eq!(e["value"], "6");
    assert!(e["reason"]
        .as_str()
        .unwrap()
        .starts_with("likelihood is 1 to 5"));

    let e = call(&app, "risk_detail", json!({"id": "nope"})).unwrap_err();
    assert_eq!(e["code"], "not_found");
    assert_eq!(e["value"], "nope");
    assert!(e["reason"].as_str().unwrap().starts_with("no "));

    let e = call(
        &app,
        "create_partnership",
        json!({
            "fields": {"name": "", "stage": "pilot"}, "matrix": "5x5", "templates": "all"
        }),
    )
    .unwrap_err();
    assert_eq!(e["field"], "name");
    // A request the UI got wrong is refused without touching the workspace.
    assert!(call(&app, "create_risk", json!({"partnershipId": id})).is_err());
}

#[test]
fn matrices_and_matrix_change_through_ipc() {
    let app = app();
    let matrices = call(&app, "matrices", json!({})).unwrap();
    assert_eq!(matrices.as_array().unwrap().len(), 5);
    let copy = call(
        &app,
        "clone_matrix",
        json!({"source": "5x5", "name": "Board 5×5"}),
    )
    .unwrap();
    let mut edited = copy.clone();
    edited["grid"][0][0] = json!(3);
    let check = call(&app, "check_matrix", json!({"matrix": edited})).unwrap();
    assert!(!check["warnings"].as_array().unwrap().is_empty());
    let mut broken = copy.clone();
    broken["levels"][0]["colour"] = json!("green");
    let e = call(&app, "check_matrix", json!({"matrix": broken})).unwrap_err();
    assert_eq!(e["field"], "levels[0].colour");

    let p = call(&app, "create_partnership", json!({
        "fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": {"codes": ["api-format-mismatch"]}
    }))
    .unwrap();
    let plan = call(
        &app,
        "plan_matrix_change",
        json!({"partnershipId": p["id"], "matrixId": "3x3"}),
    )
    .unwrap();
    assert_eq!(plan["changes"].as_array().unwrap().len(), 1);
    let moved = call(&app, "apply_matrix_change", json!({"plan": plan})).unwrap();
    assert_eq!(moved["matrix_id"], "preset-3x3");
}
