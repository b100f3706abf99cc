//! The desktop shell: opens the workspace and hands the window to the UI in `ui/`.
//! Everything a user can do is a function of `partner-risk-core`; the commands here
//! are doorways to it.

pub mod commands;
pub mod error;
pub mod ipc;
pub mod rendering;
pub mod voting_room;
pub mod workspace;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use partner_risk_core::store::default_path;
use partner_risk_core::{OpenMode, Store};
use tauri::{Builder, Manager, Runtime};

/// The workspace named by `--db PATH` on the command line, else the default one.
fn workspace_path(args: &[String]) -> Result<PathBuf, String> {
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args
                .next()
                .map(PathBuf::from)
                .ok_or_else(|| "--db needs a path".to_string());
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Ok(PathBuf::from(path));
        }
    }
    default_path().map_err(|e| e.to_string())
}

/// Gives a builder the workspace and every command: used by the app and by the
/// command tests (on the mock runtime).
pub fn with_workspace<R: Runtime>(builder: Builder<R>, store: Store) -> Builder<R> {
    builder
        .manage(workspace::Workspace(Arc::new(Mutex::new(store))))
        .manage(workspace::LastExport::default())
        .manage(workspace::OpenBallot::default())
        .manage(voting_room::VotingRoom::default())
        .manage(workspace::Recovery::default())
        .invoke_handler(ipc::invoke_handler())
}

/// The log plugin writing to [`partner_risk_core::logs::log_dir`], or `None` when that
/// folder cannot be written: a read-only home must not stop the app from starting
/// (the plugin fails the whole app when it cannot open its file).
fn log_plugin<R: Runtime>() -> Option<tauri::plugin::TauriPlugin<R>> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    const FILE: &str = "partner-risk";
    let dir = partner_risk_core::logs::log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(format!("{FILE}.log")))
        .ok()?;
    let plugin = tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::Folder {
            path: dir,
            file_name: Some(FILE.into()),
        }))
        .level(log::LevelFilter::Info)
        .max_file_size(5 * 1024 * 1024)
        .rotation_strategy(RotationStrategy::KeepSome(4))
        .build();
    Some(plugin)
}

/// Logs a panic's message and place, then lets the previous hook print it as before.
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log::error!("{}", info.to_string().replace('\n', " "));
        previous(info);
    }));
}

pub fn run() {
    rendering::choose_painter();
    log_panics();
    let args: Vec<String> = std::env::args().collect();
    let path = match workspace_path(&args) {
        Ok(path) => path,
        Err(message) => {
            eprintln!("partner-risk: {message}");
            std::process::exit(2);
        }
    };
    // A damaged workspace is not written to: the window starts on an empty store in
    // memory and offers the newest good backup or another file.
    let (store, damaged) = match Store::open(&path, OpenMode::CreateIfMissing) {
        Ok(store) => (store, None),
        Err(partner_risk_core::Error::Damaged { detail, .. }) => {
            let store = Store::in_memory().unwrap_or_else(|e| {
                eprintln!("partner-risk: {e}");
                std::process::exit(2);
            });
            (store, Some(workspace::DamagedWorkspace::new(&path, detail)))
        }
        Err(e) => {
            eprintln!("partner-risk: {e}");
            std::process::exit(2);
        }
    };
    if let Some(file) = partner_risk_core::recent::default_recent_file() {
        let _ = partner_risk_core::recent::remember(&file, &path);
    }
    let mut builder = tauri::Builder::default()
        // A second launch focuses the running window instead of opening the file twice
        // (first, as the plugin asks: the second process exits in it).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    if let Some(plugin) = log_plugin() {
        builder = builder.plugin(plugin);
    }
    let builder = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .menu(workspace::build_menu)
        .on_menu_event(|app, event| workspace::on_menu(app, event.id().as_ref()));
    // Import… reads spreadsheets in a child process of this binary (see main.rs).
    let reader = std::env::current_exe().unwrap_or_else(|_| PathBuf::from(&args[0]));
    let app = with_workspace(builder, store)
        .manage(commands::import::ImportReader(reader))
        .build(tauri::generate_context!())
        .expect("error while running Partner Risk");
    // The logger exists from `build` on: earlier lines would be lost.
    log::info!(
        "Partner Risk {} started; workspace {}",
        env!("CARGO_PKG_VERSION"),
        path.display()
    );
    if let Some(damaged) = damaged {
        log::error!("workspace {} is damaged: {}", damaged.path, damaged.detail);
        if let Ok(mut slot) = app.state::<workspace::Recovery>().0.lock() {
            *slot = Some(damaged);
        }
    }
    app.run(|app, event| {
        // Quitting closes the voting server: phones see the page stop, not hang.
        if let tauri::RunEvent::Exit = event {
            voting_room::stop_blocking(app);
        }
    });
}
