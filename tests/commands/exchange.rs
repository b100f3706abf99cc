//! Merging an exchange file through IPC: a first file imports the partnership, a later one
//! with a conflicting title is previewed (the conflict with its id), refused without a
//! resolution (nothing written), and merged with an edited value.

use partner_risk_core::exchange::{self, ExportOptions};
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::{OpenMode, Store};
use serde_json::{json, Value};

use crate::support::{app, call};

#[test]
fn a_file_is_previewed_refused_while_in_conflict_and_merged_with_a_typed_value() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let mut other = Store::open(dir.path().join("ann.prisk"), OpenMode::CreateIfMissing).unwrap();
    other.set_actor("Ann");
    let p = other
        .create_partnership(PartnershipFields::new("Acme cloud"), "5x5")
        .unwrap();
    let risk = other
        .add_risk(&p.id, RiskFields::new("technical", "API breaks"))
        .unwrap();
    let first = dir.path().join("first.prisk-exchange");
    exchange::export(&mut other, &p.id, &first, &ExportOptions::default()).unwrap();
    let path = first.to_str().unwrap();

    let preview = call(
        &app,
        "preview_exchange",
        json!({"path": path, "choices": {}}),
    )
    .unwrap();
    assert_eq!(preview["mode"], "import");
    assert_eq!(preview["apply"]["risks"]["new"], 1);
    let report = call(&app, "merge_exchange", json!({"path": path, "choices": {}})).unwrap();
    assert_eq!(report["written"], true);

    // Both sides retitle the risk.
    let mut fields = risk.fields.clone();
    fields.title = "API breaks often".into();
    other.update_risk(&risk.id, fields.clone()).unwrap();
    fields.title = "API versions break".into();
    call(
        &app,
        "update_risk",
        json!({"id": risk.id, "fields": serde_json::to_value(&fields).unwrap()}),
    )
    .unwrap();
    let second = dir.path().join("second.prisk-exchange");
    exchange::export(&mut other, &p.id, &second, &ExportOptions::default()).unwrap();
    let path = second.to_str().unwrap();
    let preview = call(
        &app,
        "preview_exchange",
        json!({"path": path, "choices": {}}),
    )
    .unwrap();
    assert_eq!(preview["mode"], "three_way");
    let conflict = &preview["conflicts"][0];
    assert_eq!(conflict["kind"], "field");
    assert_eq!(conflict["field"], "title");
    assert_eq!(
        (&conflict["mine"], &conflict["theirs"]),
        (&json!("API versions break"), &json!("API breaks often"))
    );
    let err = call(&app, "merge_exchange", json!({"path": path, "choices": {}})).unwrap_err();
    assert_eq!(err["code"], "conflict");
    let title = |app: &crate::support::App| -> Value {
        call(app, "risk_detail", json!({"id": risk.id})).unwrap()["risk"]["title"].clone()
    };
    assert_eq!(title(&app), "API versions break");
    let choices = json!({"resolutions": {conflict["id"].as_str().unwrap(): {"value": "API versions break often"}}});
    let report = call(
        &app,
        "merge_exchange",
        json!({"path": path, "choices": choices}),
    )
    .unwrap();
    assert_eq!(report["written"], true);
    assert_eq!(title(&app), "API versions break often");
    let views = call(&app, "partner_views", json!({"partnershipId": p.id})).unwrap();
    assert_eq!(views, json!([]));
}

/// The partner's copy of a share comes back: it is previewed as the partner's view, merged
/// beside our score, and `disagreements` lists the risk whose cells lie three steps apart.
#[test]
fn a_partner_s_copy_is_kept_beside_ours_and_where_we_disagree_lists_it() {
    use partner_risk_core::exchange::MergeOptions;
    use partner_risk_core::matrix::Score;
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let (p, risk) = {
        // Our workspace is the app's: a second connection prepares and shares it.
        let mut ours = Store::open(app._dir.path().join("w.prisk"), OpenMode::Existing).unwrap();
        let p = ours
            .create_partnership(PartnershipFields::new("Acme cloud"), "5x5")
            .unwrap();
        let mut fields = RiskFields::new("technical", "API breaks");
        fields.residual = Some(Score::new(2, 2));
        let risk = ours.add_risk(&p.id, fields).unwrap();
        let share = ExportOptions {
            for_partner: true,
            ..ExportOptions::default()
        };
        exchange::export(
            &mut ours,
            &p.id,
            &dir.path().join("share.prisk-exchange"),
            &share,
        )
        .unwrap();
        (p, risk)
    };
    let mut partner =
        Store::open(dir.path().join("acme.prisk"), OpenMode::CreateIfMissing).unwrap();
    partner.set_actor("Priya");
    let shared = dir.path().join("share.prisk-exchange");
    exchange::merge_file(&mut partner, &shared, &MergeOptions::default(), false).unwrap();
    partner
        .score_risk(
            &risk.id,
            partner_risk_core::model::ScoreKind::Residual,
            Some(Score::new(5, 5)),
        )
        .unwrap();
    let back = dir.path().join("back.prisk-exchange");
    exchange::export(&mut partner, &p.id, &back, &ExportOptions::default()).unwrap();
    let path = back.to_str().unwrap();

    let preview = call(
        &app,
        "preview_exchange",
        json!({"path": path, "choices": {}}),
    )
    .unwrap();
    assert_eq!(preview["mode"], "partner_view");
    assert_eq!(
        preview["partner_views"][0]["residual"],
        json!({"likelihood": 5, "impact": 5})
    );
    let report = call(&app, "merge_exchange", json!({"path": path, "choices": {}})).unwrap();
    assert_eq!(report["written"], true);

    let list = call(&app, "disagreements", json!({"partnershipId": p.id})).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["reference"], risk.reference);
    assert_eq!(list[0]["kind"], "residual");
    assert_eq!(list[0]["ours"], json!({"likelihood": 2, "impact": 2}));
    assert_eq!(list[0]["theirs"], json!({"likelihood": 5, "impact": 5}));
    assert_eq!(list[0]["steps"], 3);
    assert_eq!(list[0]["author"], "Priya");
    // Our score is untouched.
    let detail = call(&app, "risk_detail", json!({"id": risk.id})).unwrap();
    assert_eq!(
        detail["risk"]["residual"],
        json!({"likelihood": 2, "impact": 2})
    );
}

/// A file based on a copy this workspace never had is refused with the reason the window
/// reads to offer the two-way comparison (`isUnknownBase` in ui/src/lib/errors.ts), and
/// compared two ways when asked.
#[test]
fn a_file_on_an_unknown_base_is_refused_in_words_the_window_reads_then_compared_two_ways() {
    use partner_risk_core::exchange::MergeOptions;
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let mut origin = Store::open(dir.path().join("o.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = origin
        .create_partnership(PartnershipFields::new("Acme cloud"), "5x5")
        .unwrap();
    origin
        .add_risk(&p.id, RiskFields::new("technical", "API breaks"))
        .unwrap();
    // Xena gets the first copy; this workspace gets a later one only.
    let first = dir.path().join("first.prisk-exchange");
    exchange::export(&mut origin, &p.id, &first, &ExportOptions::default()).unwrap();
    let mut xena = Store::open(dir.path().join("x.prisk"), OpenMode::CreateIfMissing).unwrap();
    exchange::merge_file(&mut xena, &first, &MergeOptions::default(), false).unwrap();
    origin
        .add_risk(&p.id, RiskFields::new("technical", "Rate limits"))
        .unwrap();
    let later = dir.path().join("later.prisk-exchange");
    exchange::export(&mut origin, &p.id, &later, &ExportOptions::default()).unwrap();
    let later = later.to_str().unwrap();
    call(
        &app,
        "merge_exchange",
        json!({"path": later, "choices": {}}),
    )
    .unwrap();
    let hers = dir.path().join("xena.prisk-exchange");
    exchange::export(&mut xena, &p.id, &hers, &ExportOptions::default()).unwrap();
    let hers = hers.to_str().unwrap();

    let err = call(
        &app,
        "preview_exchange",
        json!({"path": hers, "choices": {}}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "file");
    let reason = err["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("never had"), "{err}");
    let preview = call(
        &app,
        "preview_exchange",
        json!({"path": hers, "choices": {"two_way": true}}),
    )
    .unwrap();
    assert_eq!(preview["mode"], "two_way");
    // Her copy lacks the later risk: a difference to settle, not a silent deletion.
    assert!(
        preview["conflicts"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["record"]
                .as_str()
                .unwrap_or_default()
                .contains("Rate limits"))),
        "{preview}"
    );
}
