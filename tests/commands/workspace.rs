//! The workspace file under the window: another program's changes noticed, and a damaged
//! workspace offered its newest good backup.

use partner_risk_core::{OpenMode, Store};
use serde_json::{json, Value};

use crate::support::{app, call};

#[test]
fn the_window_learns_of_another_programs_changes() {
    let app = app();
    let before = call(&app, "workspace_version", json!({})).unwrap();
    // The window's own change does not count; another program's commit does.
    call(
        &app,
        "create_partnership",
        json!({"fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"}),
    )
    .unwrap();
    assert_eq!(call(&app, "workspace_version", json!({})).unwrap(), before);
    let mut other = Store::open(app._dir.path().join("w.prisk"), OpenMode::Existing).unwrap();
    other
        .create_partnership(
            partner_risk_core::model::PartnershipFields::new("Globex"),
            "5x5",
        )
        .unwrap();
    assert_ne!(call(&app, "workspace_version", json!({})).unwrap(), before);
    let info = call(&app, "workspace_info", json!({})).unwrap();
    assert_eq!(
        info["storage_warning"],
        Value::Null,
        "a temp folder is local"
    );
}

#[test]
fn a_damaged_workspace_is_offered_its_newest_good_backup() {
    use tauri::Manager;
    let app = app();
    // Another workspace with a backup, then a zeroed page: it fails its check.
    let path = app._dir.path().join("damaged.prisk");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    store
        .create_demo(0, chrono::Local::now().date_naive())
        .unwrap();
    store
        .backup_before(partner_risk_core::store::BackupReason::Manual)
        .unwrap();
    drop(store);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[16384 * 3..16384 * 4].fill(0);
    std::fs::write(&path, bytes).unwrap();
    let detail = match Store::open(&path, OpenMode::Existing) {
        Err(partner_risk_core::Error::Damaged { detail, .. }) => detail,
        other => panic!("expected a damaged workspace, got {:?}", other.map(|_| ())),
    };
    // As the app starts on it: the window shows it with its way back.
    *app._app
        .state::<partner_risk_app::workspace::Recovery>()
        .0
        .lock()
        .unwrap() = Some(partner_risk_app::workspace::DamagedWorkspace::new(
        &path, detail,
    ));
    let damaged = call(&app, "damaged_workspace", json!({})).unwrap();
    assert_eq!(damaged["path"], path.display().to_string());
    assert_eq!(damaged["newest_backup"]["risks"], 54);

    let restored = call(&app, "restore_damaged", json!({})).unwrap();
    assert_eq!(restored["contents"]["risks"], 54);
    assert_eq!(
        call(&app, "damaged_workspace", json!({})).unwrap(),
        Value::Null
    );
    let info = call(&app, "workspace_info", json!({})).unwrap();
    assert_eq!(
        info["path"],
        path.display().to_string(),
        "the window is on it now"
    );
    let list = call(&app, "list_partnerships", json!({"includeArchived": false})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}
