//! The analyst's review through IPC.

use serde_json::{json, Value};

use crate::support::{app, call};

#[test]
fn the_analysts_review_through_ipc() {
    let app = app();
    // No name yet: the actor is the OS user or "local user", never "unknown".
    let who = call(&app, "whoami", json!({})).unwrap();
    assert_eq!(who["name"], Value::Null);
    assert_ne!(who["actor"], "unknown");
    let e = call(&app, "set_whoami", json!({"name": "  "})).unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid"), Some("name"))
    );
    let who = call(&app, "set_whoami", json!({"name": "Rita Reviewer"})).unwrap();
    assert_eq!(
        (who["name"].as_str(), who["source"].as_str()),
        (Some("Rita Reviewer"), Some("workspace"))
    );

    call(&app, "create_demo", json!({})).unwrap();
    let filter = json!({"limit": 3});
    let queue = call(&app, "review_queue", json!({ "filter": filter })).unwrap();
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 3);
    assert!(queue.iter().all(|e| e["state"] == "unreviewed"));
    let risk = queue[0]["risk_id"].as_str().unwrap();
    let context = call(&app, "review_context", json!({"riskId": risk})).unwrap();
    assert_eq!(context["detail"]["risk"]["id"], risk);
    assert!(context["reviews"].as_array().unwrap().is_empty());
    assert!(context["matrix"]["levels"].as_array().unwrap().len() >= 3);

    // A refused review names its field and leaves nothing behind.
    let e = call(
        &app,
        "add_review",
        json!({"riskId": risk, "fields": {"decision": "escalate"}}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "rationale");
    let review = call(
        &app,
        "add_review",
        json!({"riskId": risk, "fields": {"decision": "escalate", "rationale": "board"}}),
    )
    .unwrap();
    assert_eq!(review["reviewer"], "Rita Reviewer");
    // The counts agree with the queue: one risk fewer is unreviewed.
    let counts = call(&app, "review_counts", json!({})).unwrap();
    let all = call(&app, "review_queue", json!({"filter": {}})).unwrap();
    let unreviewed = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["state"] == "unreviewed")
        .count();
    assert_eq!(counts[0]["unreviewed"].as_u64(), Some(unreviewed as u64));
    assert!(!all.as_array().unwrap().iter().any(|e| e["risk_id"] == risk));
    let undone = call(&app, "undo_review", json!({"reviewId": review["id"]})).unwrap();
    assert_eq!(undone["withdrawn_by"], "Rita Reviewer");

    // Activity and portfolio.
    let page = call(
        &app,
        "activity",
        json!({"filter": {"limit": 5, "actor": "Rita Reviewer"}}),
    )
    .unwrap();
    assert!(!page["entries"].as_array().unwrap().is_empty());
    assert!(page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "Rita Reviewer"));
    let e = call(&app, "activity", json!({"filter": {"limit": 0}})).unwrap_err();
    assert_eq!(e["field"], "limit");
    let portfolio = call(&app, "portfolio", json!({})).unwrap();
    assert_eq!(portfolio.as_array().unwrap().len(), 1);
    assert!(call(&app, "activity_actors", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .contains(&json!("Rita Reviewer")));
}
