//! Partnership health through IPC: an indicator from the library linked to a risk, a red
//! reading typed in the window bringing the risk into the review queue with its reason, a
//! second reading of the day refused until replacement is asked for, refusals naming the
//! field, the Health tab's data, the chart, the review screen's indicators, and the
//! readings import (dry run with per-row problems, then all or nothing).

use chrono::Local;
use serde_json::{json, Value};

use crate::support::{app, call};

fn today() -> String {
    Local::now().date_naive().to_string()
}

#[test]
fn a_red_reading_brings_the_linked_risk_into_the_queue_through_ipc() {
    let app = app();
    let p = call(
        &app,
        "create_partnership",
        json!({"fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"}),
    )
    .unwrap();
    let id = p["id"].as_str().unwrap();
    let risk = call(
        &app,
        "create_risk",
        json!({"partnershipId": id, "fields": {"title": "Partner outage", "category": "technical", "status": "open"}}),
    )
    .unwrap();
    let risk_id = risk["id"].as_str().unwrap();

    // From the library, linked to the risk.
    let library = call(&app, "indicator_library", json!({})).unwrap();
    let entry = library
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == "availability")
        .unwrap();
    let mut fields = entry["fields"].clone();
    fields["risk_ids"] = json!([risk_id]);
    let indicator = call(
        &app,
        "add_indicator",
        json!({"partnershipId": id, "fields": fields}),
    )
    .unwrap();
    let ind = indicator["id"].as_str().unwrap();
    assert_eq!(indicator["frequency"], "monthly");

    // A refusal names the field and changes nothing.
    let mut bad = fields.clone();
    bad["red"] = json!(99.7);
    let err = call(&app, "update_indicator", json!({"id": ind, "fields": bad})).unwrap_err();
    assert_eq!(err["field"], "red");
    assert_eq!(err["code"], "invalid");
    let err = call(
        &app,
        "add_reading",
        json!({"indicatorId": ind, "fields": {"date": today(), "value": 120.0, "note": ""}, "replace": false}),
    )
    .unwrap_err();
    assert_eq!(
        (err["field"].clone(), err["value"].clone()),
        (json!("value"), json!("120"))
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("between 0 and 100"),
        "{err}"
    );

    // A red reading typed in the window.
    let reading = call(
        &app,
        "add_reading",
        json!({"indicatorId": ind, "fields": {"date": today(), "value": 98.7, "note": "outage"}, "replace": false}),
    )
    .unwrap();
    assert!(reading["replaces"].is_null());
    let err = call(
        &app,
        "add_reading",
        json!({"indicatorId": ind, "fields": {"date": today(), "value": 98.9, "note": ""}, "replace": false}),
    )
    .unwrap_err();
    assert_eq!(
        (err["code"].clone(), err["field"].clone()),
        (json!("conflict"), json!("date"))
    );

    // The Health tab.
    let tab = call(&app, "partnership_health", json!({"partnershipId": id})).unwrap();
    let row = &tab["rows"][0];
    assert_eq!(row["status"]["status"], "red");
    assert_eq!(row["status"]["latest"]["value"], 98.7);
    assert_eq!(row["recent"].as_array().unwrap().len(), 1);
    assert_eq!(tab["counts"]["red"], 1);
    let reason = row["status"]["reason"].as_str().unwrap().to_string();
    assert!(
        reason.starts_with("Availability 98.7 % is below the red threshold 99.0 % since"),
        "{reason}"
    );
    assert_eq!(tab["flags"]["risks"][0]["risk_id"], risk_id);

    // The queue brings the risk with the reason in words.
    let queue = call(&app, "review_queue", json!({"filter": {}})).unwrap();
    let entry = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["risk_id"] == risk_id)
        .unwrap();
    assert_eq!(entry["indicators"][0]["reason"], json!(reason));
    assert_eq!(
        queue[0]["risk_id"], risk_id,
        "brought by an indicator: first"
    );

    // The review screen's indicators, the chart, the readings.
    let informs = call(&app, "risk_indicators", json!({"riskId": risk_id})).unwrap();
    assert_eq!(informs[0]["indicator"]["id"], ind);
    let chart = call(&app, "indicator_chart", json!({"indicatorId": ind})).unwrap();
    assert_eq!(chart["readings"].as_array().unwrap().len(), 1);
    assert_eq!(chart["indicator"]["amber"], 99.5);

    // Replacing the day's reading when asked: green again, out of the queue.
    let replaced = call(
        &app,
        "add_reading",
        json!({"indicatorId": ind, "fields": {"date": today(), "value": 99.95, "note": ""}, "replace": true}),
    )
    .unwrap();
    assert_eq!(replaced["replaces"], reading["id"]);
    let all = call(
        &app,
        "list_readings",
        json!({"indicatorId": ind, "withReplaced": true}),
    )
    .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    let flags = call(&app, "health_flags", json!({"partnershipId": id})).unwrap();
    assert_eq!(flags["risks"], json!([]));
}

#[test]
fn readings_are_imported_after_a_dry_run_all_or_nothing() {
    let app = app();
    let p = call(
        &app,
        "create_partnership",
        json!({"fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"}),
    )
    .unwrap();
    let id = p["id"].as_str().unwrap();
    for key in ["availability", "incidents"] {
        let library = call(&app, "indicator_library", json!({})).unwrap();
        let fields = library
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["key"] == key)
            .unwrap()["fields"]
            .clone();
        call(
            &app,
            "add_indicator",
            json!({"partnershipId": id, "fields": fields}),
        )
        .unwrap();
    }
    let path = app._dir.path().join("readings.csv");
    std::fs::write(
        &path,
        "date,Availability,Incidents\n2026-09-30,99.95,0\n2026-10-31,101,-1\n2026-11-30,99.2,2\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let args = |digest: Option<&Value>| {
        let mut a = json!({"partnershipId": id, "path": file, "options": {}, "readings": {"date_order": null, "replace": false}});
        if let Some(d) = digest {
            a["digest"] = d.clone();
        }
        a
    };
    let preview = call(&app, "preview_reading_import", args(None)).unwrap();
    assert_eq!(preview["plan"]["layout"], "wide");
    assert_eq!(preview["problems_total"], 2);
    let problems = preview["plan"]["problems"].as_array().unwrap();
    assert!(problems.iter().all(|p| p["row"] == 3), "{problems:?}");
    let columns: Vec<&str> = problems
        .iter()
        .map(|p| p["column"].as_str().unwrap())
        .collect();
    assert_eq!(columns, vec!["Availability", "Incidents"]);
    let err = call(
        &app,
        "run_reading_import",
        args(Some(&preview["digest"].clone())),
    )
    .unwrap_err();
    assert_eq!(err["field"], "file");
    let tab = call(&app, "partnership_health", json!({"partnershipId": id})).unwrap();
    assert_eq!(tab["counts"]["no_data"], 2, "nothing was written");

    // The file corrected: four readings, then a file changed since its preview refused.
    std::fs::write(
        &path,
        "date,Availability,Incidents\n2026-09-30,99.95,0\n2026-11-30,99.2,2\n",
    )
    .unwrap();
    let preview = call(&app, "preview_reading_import", args(None)).unwrap();
    assert_eq!(preview["readings_total"], 4);
    assert_eq!(preview["problems_total"], 0);
    let added = call(
        &app,
        "run_reading_import",
        args(Some(&preview["digest"].clone())),
    )
    .unwrap();
    assert_eq!(added, json!({"added": 4, "replaced": 0}));
    std::fs::write(&path, "date,Availability\n2026-12-01,99.9\n").unwrap();
    let err = call(
        &app,
        "run_reading_import",
        args(Some(&preview["digest"].clone())),
    )
    .unwrap_err();
    assert_eq!(
        (err["code"].clone(), err["field"].clone()),
        (json!("conflict"), json!("file"))
    );
}
