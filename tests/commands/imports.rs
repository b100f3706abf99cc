//! A spreadsheet previewed, then imported, through IPC (read by the app's reader process).

use serde_json::json;

use crate::support::{app, call, App};

#[test]
fn a_spreadsheet_is_previewed_then_imported_through_ipc() {
    let app = app();
    let p = call(
        &app,
        "create_partnership",
        json!({
            "fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"
        }),
    )
    .unwrap();
    let id = p["id"].as_str().unwrap();
    let path = app._dir.path().join("register.csv");
    std::fs::write(
        &path,
        "Title;Category;Probability;Impact;Status\n\
         Partner API changes without notice;Technical;4;3;Open\n\
         No exit plan;Exit;Medium-ish;4;Open\n\
         DPA not signed;Regulatory;2;5;Mitigating\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let count = |app: &App| {
        call(app, "register", json!({"partnershipId": id})).unwrap()["rows"]
            .as_array()
            .unwrap()
            .len()
    };

    let preview = call(
        &app,
        "preview_import",
        json!({"partnershipId": id, "path": file, "options": {}}),
    )
    .unwrap();
    let plan = &preview["plan"];
    assert_eq!(plan["source"]["kind"], "csv");
    assert_eq!(plan["source"]["delimiter"], ";");
    assert_eq!(
        plan["counts"],
        json!({"rows": 3, "skipped": 0, "valid": 2, "invalid": 1, "new": 2, "update": 0, "unchanged": 0})
    );
    assert_eq!(
        (preview["rows_shown"].clone(), preview["rows_total"].clone()),
        (json!(3), json!(3))
    );
    assert_eq!(
        plan["problems"],
        json!([{"row": 3, "column": "Probability", "message": "\"Medium-ish\" is not a likelihood"}])
    );
    assert_eq!(count(&app), 0, "a preview writes nothing");

    // The import reads the file again and takes the mapping the user saw.
    let digest = plan["source"]["digest"].clone();
    let outcome = call(
        &app,
        "run_import",
        json!({
            "partnershipId": id, "path": file, "options": {}, "mapping": plan["mapping"],
            "digest": digest, "skipInvalid": true
        }),
    )
    .unwrap();
    assert_eq!(
        outcome,
        json!({"created": 2, "updated": 0, "unchanged": 0, "skipped": 1, "categories_created": 0})
    );
    assert_eq!(count(&app), 2);

    // A file changed since its preview is refused in words, and nothing is written.
    std::fs::write(&path, "Title\nSomething else entirely\n").unwrap();
    let e = call(
        &app,
        "run_import",
        json!({
            "partnershipId": id, "path": file, "options": {}, "mapping": plan["mapping"],
            "digest": digest, "skipInvalid": true
        }),
    )
    .unwrap_err();
    assert_eq!(
        e["message"],
        "The file has changed since the preview. Preview it again."
    );
    assert_eq!(count(&app), 2);

    // File → Restore from Backup…: the import kept the workspace as it was before.
    let backups = call(&app, "list_backups", json!({})).unwrap();
    let before_import = backups
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["reason"] == "import")
        .expect("a backup before the import");
    assert_eq!(
        (&before_import["partnerships"], &before_import["risks"]),
        (&json!(1), &json!(0))
    );
    let restored = call(
        &app,
        "restore_backup",
        json!({"backup": before_import["path"]}),
    )
    .unwrap();
    assert_eq!(restored["contents"]["risks"], 0);
    assert_eq!(restored["previous"]["reason"], "before_restore");
    assert_eq!(count(&app), 0, "the window's store reads the restored file");
    // Only this workspace's own backups can be restored.
    let e = call(&app, "restore_backup", json!({"backup": file})).unwrap_err();
    assert_eq!(e["code"], "invalid");
    assert_eq!(count(&app), 0);

    // A real register (../shared/realdata, beside the project when present): Russian, on
    // the workbook's second sheet below title rows, 16 rows holding only an ID, areas the
    // workspace has no category for. Read by the app's own reader process.
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/realdata/registers/LysinKirill__SoftwareProjectManagement__Лысин_RiskRegister.xlsx",
    );
    if !real.exists() {
        eprintln!("../shared/realdata is absent: the real register is not tried");
        return;
    }
    let real = real.display().to_string();
    let preview = call(
        &app,
        "preview_import",
        json!({"partnershipId": id, "path": real, "options": {}}),
    )
    .unwrap();
    let plan = &preview["plan"];
    assert_eq!(plan["source"]["sheet"], "Реестр рисков");
    assert_eq!(plan["mapping"]["header_row"], 4);
    assert_eq!(
        (
            &plan["counts"]["new"],
            &plan["counts"]["skipped"],
            &plan["counts"]["invalid"]
        ),
        (&json!(10), &json!(16), &json!(0))
    );
    let likelihood = plan["mapping"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["header"] == "Вероятность риска")
        .unwrap();
    assert_eq!(likelihood["target"], "inherent_likelihood");
    assert_eq!(
        likelihood["how"],
        "its header, in Russian; unqualified pairs: inherent, residual, target"
    );
    let new_categories = plan["mapping"]["new_categories"].as_array().unwrap().len();
    assert!(new_categories > 0);
    let outcome = call(
        &app,
        "run_import",
        json!({
            "partnershipId": id, "path": real, "options": {"sheet": plan["source"]["sheet"]},
            "mapping": plan["mapping"], "digest": plan["source"]["digest"], "skipInvalid": false
        }),
    )
    .unwrap();
    assert_eq!(outcome["created"], 10);
    assert_eq!(outcome["categories_created"], new_categories);
    assert_eq!(count(&app), 10);
}
