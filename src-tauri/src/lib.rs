//! The desktop shell: opens the workspace and hands the window to the UI in `ui/`.
//! Everything a user can do is a function of `partner-risk-core`; the commands here
//! are doorways to it.

mod commands;
pub mod error;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use partner_risk_core::store::default_path;
use partner_risk_core::{OpenMode, Store};

/// The workspace named by `--db PATH` on the command line, else the default one.
fn workspace_path() -> Result<PathBuf, String> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args
                .next()
                .map(PathBuf::from)
                .ok_or("--db needs a path".into());
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Ok(PathBuf::from(path));
        }
    }
    default_path().map_err(|e| e.to_string())
}

pub fn run() {
    let store = workspace_path()
        .and_then(|path| Store::open(&path, OpenMode::CreateIfMissing).map_err(|e| e.to_string()));
    let store = match store {
        Ok(store) => store,
        Err(message) => {
            eprintln!("partner-risk: {message}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .manage(commands::Workspace(Arc::new(Mutex::new(store))))
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::list_partnerships,
            commands::create_demo,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Partner Risk");
}
