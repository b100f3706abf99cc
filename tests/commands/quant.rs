//! Risk in money through IPC: the settings with a seed as text, estimates set on two
//! risks, a run with its progress channel, the kept results marked out of date when an
//! estimate changes, the tolerance breach, the cells and the value; refusals name the
//! field.

use serde_json::{json, Value};

use crate::support::{app, call};

fn residual(results: &Value) -> Value {
    results["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == "residual")
        .cloned()
        .unwrap_or_else(|| panic!("no residual stage in {results}"))
}

#[test]
fn a_run_through_ipc_is_kept_reproducible_and_goes_out_of_date() {
    let app = app();
    let p = call(
        &app,
        "create_partnership",
        json!({"fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"}),
    )
    .unwrap();
    let id = p["id"].as_str().unwrap();
    let mut risks = Vec::new();
    for title in ["Partner cannot pay", "API breaks"] {
        let r = call(
            &app,
            "create_risk",
            json!({"partnershipId": id, "fields": {"title": title, "category": "financial", "status": "open",
                   "residual": {"likelihood": 1, "impact": 1}}}),
        )
        .unwrap();
        risks.push(r["id"].as_str().unwrap().to_string());
    }
    let settings = call(
        &app,
        "save_quant_settings",
        json!({"partnershipId": id, "settings": {
            "currency": "EUR", "threshold": 1000000.0, "years": 20000, "seed": "18446744073709551615",
            "cost_years": 3,
            "tolerance": {"points": [{"probability": 0.1, "loss": 1000000.0}, {"probability": 0.01, "loss": 5000000.0}]}
        }}),
    )
    .unwrap();
    assert_eq!(settings["seed"], "18446744073709551615");
    let estimate = |rate: f64, low: f64, high: f64| json!({"frequency": {"kind": "rate", "per_year": rate}, "loss": {"kind": "range", "low": low, "high": high}});
    for (risk, e) in risks
        .iter()
        .zip([estimate(0.5, 5e4, 2e6), estimate(1.0, 1e5, 9e6)])
    {
        let r = call(
            &app,
            "set_loss_estimate",
            json!({"riskId": risk, "stage": "residual", "estimate": e}),
        )
        .unwrap();
        assert_eq!(r["residual_loss"], e);
    }
    let run = |app: &crate::support::App| {
        call(
            app,
            "run_quant",
            json!({"scope": id, "request": {"stages": ["residual"]}, "onProgress": "__CHANNEL__:7"}),
        )
        .unwrap()
    };
    let first = residual(&run(&app));
    assert_eq!(first["figures"]["seed"], "18446744073709551615");
    assert_eq!(first["figures"]["years"], 20000);
    assert_eq!(first["figures"]["risks"], 2);
    assert_eq!(first["tolerance"]["outside"], true);
    assert_eq!(first["out_of_date"], false);
    let again = residual(&run(&app));
    assert_eq!(first["figures"], again["figures"]);

    // The numbers say far more than cell 1,1.
    let cells = call(&app, "risk_cells", json!({"partnershipId": id})).unwrap();
    assert!(cells.to_string().contains("\"disagrees\":true"), "{cells}");
    let value = call(&app, "mitigation_value", json!({"partnershipId": id})).unwrap();
    assert_eq!(value["currency"], "EUR");

    // A changed estimate: the kept result is out of date.
    call(
        &app,
        "set_loss_estimate",
        json!({"riskId": risks[1], "stage": "residual", "estimate": estimate(2.0, 1e5, 9e6)}),
    )
    .unwrap();
    let kept = call(&app, "quant_results", json!({"scope": id})).unwrap();
    assert_eq!(residual(&kept)["out_of_date"], true);

    // Refusals name the field.
    let err = call(
        &app,
        "set_loss_estimate",
        json!({"riskId": risks[0], "stage": "target",
               "estimate": {"frequency": null, "loss": {"kind": "range", "low": 1.0, "high": 2.0}}}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "target_loss.frequency");
    let err = call(
        &app,
        "run_quant",
        json!({"scope": id, "request": {"years": 5}, "onProgress": "__CHANNEL__:8"}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "years");
    let err = call(
        &app,
        "save_quant_settings",
        json!({"partnershipId": id, "settings": {"currency": "euro"}}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "currency");
}
