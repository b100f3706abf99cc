//! Errors cross IPC as `{ code, message, field?, value?, reason? }` so the UI can show
//! them at the field, and word them, without reading the message back.

use partner_risk_app::error::IpcError;
use partner_risk_core::matrix::{preset, Score};
use partner_risk_core::{OpenMode, Store};

#[test]
fn a_core_validation_error_keeps_its_field() {
    let matrix = preset("3x3").unwrap();
    let error = matrix
        .check_score(Score::new(1, 4), "residual")
        .unwrap_err();
    let json = serde_json::to_value(IpcError::from(error)).unwrap();
    assert_eq!(json["code"], "invalid");
    assert_eq!(json["field"], "residual.impact");
    assert_eq!(json["value"], "4");
    assert_eq!(json["reason"], "impact is 1 to 3 on matrix Simple 3×3");
    assert!(json["message"]
        .as_str()
        .unwrap()
        .contains("Impact is 1 to 3"));
}

#[test]
fn an_error_without_a_field_has_no_field_key() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path().join("missing.prisk"), OpenMode::Existing)
        .err()
        .unwrap();
    let json = serde_json::to_value(IpcError::from(error)).unwrap();
    assert_eq!(json["code"], "no_workspace");
    assert!(json.get("field").is_none());
    assert!(json.get("value").is_none());
    assert!(json.get("reason").is_none());
}

#[test]
fn a_missing_thing_carries_its_key_as_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let error = store
        .create_partnership(
            partner_risk_core::model::PartnershipFields::new("Acme"),
            "no-such-matrix",
        )
        .unwrap_err();
    let json = serde_json::to_value(IpcError::from(error)).unwrap();
    assert_eq!(json["code"], "not_found");
    assert_eq!(json["value"], "no-such-matrix");
    assert_eq!(json["reason"], "no matrix");
}

#[test]
fn an_error_of_the_shell_carries_its_value_and_reason_too() {
    let e = IpcError::new(
        "invalid",
        Some("address"),
        "\"10.0.0.x\" is not an IP address",
    )
    .about("10.0.0.x", "is not an IP address");
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["field"], "address");
    assert_eq!(json["value"], "10.0.0.x");
    assert_eq!(json["reason"], "is not an IP address");
    assert_eq!(json["message"], "\"10.0.0.x\" is not an IP address");
}
