//! Exit plans through IPC: the plan with its derived facts, saves against the plan as
//! opened, a step moved, the starting plan, an exit test, a finding turned into an action,
//! the reminders of the review queue, and refusals with their field.

use serde_json::{json, Value};

use crate::support::{app, call, App};

fn codes(view: &Value) -> Vec<String> {
    view["readiness"]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap().to_string())
        .collect()
}

fn save(app: &App, id: &str, expected: &Value, plan: &Value) -> Result<Value, Value> {
    call(
        app,
        "save_exit_plan",
        json!({"partnershipId": id, "expected": expected, "plan": plan}),
    )
}

fn titles(view: &Value) -> Vec<String> {
    view["plan"]["scenarios"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_plan_is_started_edited_reordered_and_tested_through_ipc() {
    let app = app();
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let id = demo["id"].as_str().unwrap();

    // An empty plan, with what it lacks.
    let view = call(&app, "exit_plan", json!({"partnershipId": id})).unwrap();
    assert_eq!(view["plan"]["scenarios"], json!([]));
    assert_eq!(view["readiness"]["level"], "not_ready");
    assert!(codes(&view).contains(&"no_stressed_scenario".to_string()));
    assert!(view["readiness"]["notice"].is_null());

    // The library's starting plan: two scenarios with ids, timed by the core.
    let view = call(&app, "start_exit_plan", json!({"partnershipId": id})).unwrap();
    let scenarios = view["plan"]["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2);
    assert!(scenarios
        .iter()
        .all(|s| !s["id"].as_str().unwrap().is_empty()));
    assert!(!codes(&view).contains(&"no_stressed_scenario".to_string()));
    let timing = &view["readiness"]["scenarios"][0];
    let days = timing["critical_path"]["days"].as_u64().unwrap();
    assert!(days > 0);
    assert_eq!(
        timing["critical_path"]["step_ends"]
            .as_array()
            .unwrap()
            .len(),
        scenarios[0]["steps"].as_array().unwrap().len()
    );
    // Only once.
    let e = call(&app, "start_exit_plan", json!({"partnershipId": id})).unwrap_err();
    assert_eq!(e["code"], "conflict");
    assert_eq!(e["field"], "scenarios");

    // A save of the whole plan as the window sends it: the exit owner closes a gap, the
    // agreement gives the notice deadline, a new data set gets an id.
    assert!(codes(&view).contains(&"no_exit_owner".to_string()));
    let opened = view["plan"].clone();
    let mut plan = opened.clone();
    plan["roles"]["exit_owner"] = json!("Ana Ruiz");
    let end = chrono::Local::now().date_naive() + chrono::Days::new(100);
    plan["agreement"]["start"] = json!("2024-01-01");
    plan["agreement"]["initial_term_end"] = json!(end.to_string());
    plan["agreement"]["notice_days_ours"] = json!(30);
    plan["data_sets"] =
        json!([{"id": "", "name": "Claims", "disposition": "returned", "window_days": 60}]);
    let view = save(&app, id, &opened, &plan).unwrap();
    assert!(!codes(&view).contains(&"no_exit_owner".to_string()));
    assert_eq!(view["plan"]["roles"]["exit_owner"], "Ana Ruiz");
    assert!(!view["plan"]["data_sets"][0]["id"]
        .as_str()
        .unwrap()
        .is_empty());
    let notice = &view["readiness"]["notice"];
    assert_eq!(notice["days_left"], 70);
    assert_eq!(
        notice["last_day"],
        json!((end - chrono::Days::new(30)).to_string())
    );

    // Each changed field is one audit row of the partnership, under its path in the plan.
    let page = call(
        &app,
        "activity",
        json!({"filter": {"partnership_id": id, "field": "exit.roles.exit_owner"}}),
    )
    .unwrap();
    let rows = page["entries"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{page}");
    assert_eq!(rows[0]["new_value"], "Ana Ruiz");

    // A save against a plan that changed since it was opened is refused, changing nothing.
    let mut stale = plan.clone();
    stale["roles"]["decision_maker"] = json!("Board");
    let e = save(&app, id, &opened, &stale).unwrap_err();
    assert_eq!(e["code"], "conflict");
    assert_eq!(e["field"], "exit_plan");
    let now = call(&app, "exit_plan", json!({"partnershipId": id})).unwrap();
    assert_eq!(now["plan"]["roles"]["decision_maker"], "");

    // A value the core refuses names its field in the plan; nothing is written.
    let current = now["plan"].clone();
    let mut bad = current.clone();
    bad["scenarios"][0]["target_days"] = json!(0);
    let e = save(&app, id, &current, &bad).unwrap_err();
    assert_eq!(e["code"], "invalid");
    assert_eq!(e["field"], "scenarios[0].target_days");
    assert_eq!(e["value"], "0");
    assert_eq!(
        call(&app, "exit_plan", json!({"partnershipId": id})).unwrap()["plan"],
        current
    );

    // A step moved: the list's order changes, the critical path does not.
    let scenario = current["scenarios"][0]["id"].as_str().unwrap().to_string();
    let before = titles(&now);
    let last = current["scenarios"][0]["steps"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let moved = call(
        &app,
        "move_exit_step",
        json!({"partnershipId": id, "scenarioId": scenario, "stepId": last, "position": 1}),
    )
    .unwrap();
    let after = titles(&moved);
    assert_eq!(after[0], *before.last().unwrap());
    assert_eq!(after[1..], before[..before.len() - 1]);
    assert_eq!(
        moved["readiness"]["scenarios"][0]["critical_path"]["days"],
        json!(days)
    );
    let e = call(
        &app,
        "move_exit_step",
        json!({"partnershipId": id, "scenarioId": scenario, "stepId": "nope", "position": 1}),
    )
    .unwrap_err();
    assert_eq!(e["code"], "not_found");
    assert_eq!(e["field"], "step_id");

    // The notice deadline within 90 days is in the review queue's reminders.
    let due = call(&app, "exit_reminders", json!({"partnershipId": id})).unwrap();
    let kinds: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"notice_deadline"), "{due}");
    let other = call(
        &app,
        "exit_reminders",
        json!({"partnershipId": "elsewhere"}),
    )
    .unwrap();
    assert_eq!(other, json!([]));
    // The portfolio's column: every partnership's readiness.
    let statuses = call(&app, "exit_statuses", json!({})).unwrap();
    let mine = statuses
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["partnership_id"] == json!(id))
        .unwrap();
    assert_eq!(mine["level"], moved["readiness"]["level"]);

    // A failed tabletop test blocks the plan.
    let today = chrono::Local::now().date_naive().to_string();
    let view = call(
        &app,
        "add_exit_test",
        json!({"partnershipId": id, "fields": {"date": today, "kind": "tabletop", "scenario_id": scenario,
               "operational": "fail", "financial": "not_assessed", "findings": "Nobody held the export key"}}),
    )
    .unwrap();
    assert_eq!(view["tests"].as_array().unwrap().len(), 1);
    assert_eq!(view["tests"][0]["operational"], "fail");
    assert!(codes(&view).contains(&"last_test_failed".to_string()));
    assert_eq!(view["readiness"]["level"], "not_ready");
    let test = view["tests"][0]["id"].as_str().unwrap().to_string();
    let e = call(
        &app,
        "add_exit_test",
        json!({"partnershipId": id, "fields": {"date": today, "kind": "tabletop", "scenario_id": "gone",
               "operational": "pass", "financial": "pass", "findings": ""}}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "scenario_id");

    // Its finding becomes an action on a linked risk, once the plan is linked to one.
    let risk = call(&app, "register", json!({"partnershipId": id})).unwrap()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["category"] == "exit")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ask = json!({"partnershipId": id, "testId": test, "riskId": risk, "owner": "Ana Ruiz"});
    let e = call(&app, "exit_finding_action", ask.clone()).unwrap_err();
    assert_eq!(e["field"], "risk");
    let current = view["plan"].clone();
    let mut linked = current.clone();
    linked["risk_ids"] = json!([risk]);
    save(&app, id, &current, &linked).unwrap();
    let action = call(&app, "exit_finding_action", ask).unwrap();
    assert_eq!(action["risk_id"], json!(risk));
    assert_eq!(action["owner"], "Ana Ruiz");
    assert!(action["title"]
        .as_str()
        .unwrap()
        .contains("Nobody held the export key"));
}
