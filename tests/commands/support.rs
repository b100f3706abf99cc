//! What every command test uses: the app on Tauri's mock runtime with a workspace on a
//! temporary file (and the app binary as the import's reader), and a command called as the
//! UI calls it.

use partner_risk_core::{OpenMode, Store};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

pub struct App {
    pub _dir: tempfile::TempDir,
    pub _app: tauri::App<tauri::test::MockRuntime>,
    pub window: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

pub fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let app = partner_risk_app::with_workspace(mock_builder(), store)
        // Import… reads files in a child process of the app binary (its `main` answers).
        .manage(partner_risk_app::commands::import::ImportReader(
            env!("CARGO_BIN_EXE_partner-risk").into(),
        ))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _dir: dir,
        _app: app,
        window,
    }
}

pub fn call(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}
