//! The open workspace: which file, the recent list, and switching files from the
//! File menu. The store itself lives in the core; this is only the window's handle on it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use partner_risk_core::{recent, OpenMode, Store};
use serde::Serialize;
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::IpcError;

/// The open store, shared by the commands. Replaced when another file is opened.
pub struct Workspace(pub Arc<Mutex<Store>>);

/// The file the last PDF export wrote, which the window may ask to open.
#[derive(Default)]
pub struct LastExport(pub Mutex<Option<PathBuf>>);

/// `name` without the characters file systems refuse in a file name.
pub fn safe_file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A file name for a partnership's report.
pub fn pdf_file_name(partnership: &str) -> String {
    format!("{} – risk register.pdf", safe_file_stem(partnership))
}

/// The ballot file opened in this window to fill in (a participant's own copy of the
/// app): the page can save only to this file.
#[derive(Default)]
pub struct OpenBallot(pub Mutex<Option<PathBuf>>);

/// A workspace that could not be opened because it failed its integrity check: the
/// window shows it with the way back instead of the register (see `commands::backups`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct DamagedWorkspace {
    pub path: String,
    /// What the check found, in SQLite's words.
    pub detail: String,
    /// The newest backup that passes the same check, to restore.
    pub newest_backup: Option<partner_risk_core::store::BackupInfo>,
}

impl DamagedWorkspace {
    pub fn new(path: &Path, detail: String) -> Self {
        DamagedWorkspace {
            path: path.display().to_string(),
            detail,
            newest_backup: partner_risk_core::store::backups::newest_good(path),
        }
    }
}

/// The damaged workspace the window was started on, until another one is open.
#[derive(Default)]
pub struct Recovery(pub Mutex<Option<DamagedWorkspace>>);

/// Sent to the window as `workspace-changed` when another file was opened.
pub const WORKSPACE_CHANGED: &str = "workspace-changed";

/// The window asks for the Restore dialog (from the File menu).
pub const OPEN_RESTORE: &str = "open-restore";

/// The window opens an exchange of the partnership it shows (from the File menu); the
/// payload says which: `send`, `share` or `merge`.
pub const OPEN_EXCHANGE: &str = "open-exchange";

/// The File menu's exchange items: menu id → what the window opens.
const EXCHANGE_ITEMS: [(&str, &str, &str); 3] = [
    ("exchange:send", "Send Partnership…", "send"),
    ("exchange:share", "Share with the Partner…", "share"),
    ("exchange:merge", "Merge a File…", "merge"),
];

/// The window opens the team register's dialog or syncs (from the File menu); the payload
/// says which: `connect` or `sync`.
pub const OPEN_TEAM: &str = "open-team";

/// The File menu's team items: menu id → what the window does.
const TEAM_ITEMS: [(&str, &str, &str); 2] = [
    ("team:connect", "Connect to a Team…", "connect"),
    ("team:sync", "Sync Now", "sync"),
];

#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    pub schema_version: i64,
    pub recent: Vec<String>,
    /// Why the file's place is unsafe for SQLite (a network share, a synced folder).
    pub storage_warning: Option<String>,
}

fn recent_file() -> Option<PathBuf> {
    recent::default_recent_file()
}

pub fn recent_list() -> Vec<PathBuf> {
    recent_file().map(|f| recent::load(&f)).unwrap_or_default()
}

pub fn info(store: &Store) -> partner_risk_core::Result<WorkspaceInfo> {
    Ok(WorkspaceInfo {
        path: store.path().display().to_string(),
        schema_version: store.schema_version()?,
        recent: recent_list()
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        storage_warning: partner_risk_core::store::storage_warning(store.path()),
    })
}

/// Opens (or creates) `path` and makes it the app's workspace; remembers it as recent.
pub fn switch_to<R: Runtime>(
    app: &AppHandle<R>,
    path: &Path,
    mode: OpenMode,
) -> Result<(), IpcError> {
    open_here(app, path, mode)?;
    if let Some(file) = recent_file() {
        // The recent list is a convenience: failing to save it must not fail the open.
        let _ = recent::remember(&file, path);
    }
    if let Ok(menu) = build_menu(app) {
        let _ = app.set_menu(menu);
    }
    let _ = app.emit(WORKSPACE_CHANGED, path.display().to_string());
    Ok(())
}

/// Opens `path` and puts it in place of the window's workspace (and of a damaged one
/// waiting for recovery); the caller tells the window.
pub fn open_here<R: Runtime>(
    app: &AppHandle<R>,
    path: &Path,
    mode: OpenMode,
) -> Result<(), IpcError> {
    let store = Store::open(path, mode)?;
    // The voting server reads the store it was opened on: it must not outlive it.
    crate::voting_room::stop_blocking(app);
    let state = app.state::<Workspace>();
    *state.0.lock().map_err(|_| {
        IpcError::internal("the workspace is unavailable after an earlier failure")
    })? = store;
    log::info!("workspace opened: {}", path.display());
    if let Some(recovery) = app.try_state::<Recovery>() {
        if let Ok(mut damaged) = recovery.0.lock() {
            *damaged = None;
        }
    }
    Ok(())
}

pub fn build_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let mut recent_menu = SubmenuBuilder::new(app, "Open Recent");
    let recent = recent_list();
    if recent.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent:none", "No recent workspaces")
                .enabled(false)
                .build(app)?,
        );
    }
    for (i, path) in recent.iter().enumerate() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id(format!("recent:{i}"), path.display().to_string())
                .build(app)?,
        );
    }
    let mut file = SubmenuBuilder::new(app, "File")
        .item(
            &MenuItemBuilder::with_id("new", "New Workspace…")
                .accelerator("CmdOrCtrl+N")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("open", "Open Workspace…")
                .accelerator("CmdOrCtrl+O")
                .build(app)?,
        )
        .item(&recent_menu.build()?)
        .separator();
    for (id, label, _) in EXCHANGE_ITEMS {
        file = file.item(&MenuItemBuilder::with_id(id, label).build(app)?);
    }
    file = file.separator();
    for (id, label, _) in TEAM_ITEMS {
        file = file.item(&MenuItemBuilder::with_id(id, label).build(app)?);
    }
    let file = file
        .separator()
        .item(&MenuItemBuilder::with_id(RESTORE_BACKUP, "Restore from Backup…").build(app)?)
        .separator()
        .quit()
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&MenuItemBuilder::with_id(SHOW_LOG_FOLDER, "Show Log Folder").build(app)?)
        .build()?;
    MenuBuilder::new(app).item(&file).item(&help).build()
}

/// The File menu item that opens the Restore dialog in the window
/// (`commands::backups`).
pub const RESTORE_BACKUP: &str = "restore-backup";

/// The Help menu item that opens the log folder.
pub const SHOW_LOG_FOLDER: &str = "show-log-folder";

/// Opens the log folder in the file manager, creating it first (it may not exist yet
/// when the log could not be opened at start).
pub fn show_log_folder() -> Result<(), IpcError> {
    let dir = partner_risk_core::logs::log_dir()
        .ok_or_else(|| IpcError::internal("this system has no folder for logs"))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| IpcError::internal(format!("{}: {e}", dir.display())))?;
    tauri_plugin_opener::open_path(&dir, None::<&str>)
        .map_err(|e| IpcError::internal(format!("{}: {e}", dir.display())))
}

/// Handles a File or Help menu item. Dialogs block, so they run off the main thread.
pub fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let app = app.clone();
    let id = id.to_string();
    if id == RESTORE_BACKUP {
        // The window lists the backups and asks before restoring.
        let _ = app.emit(OPEN_RESTORE, ());
        return;
    }
    if let Some((_, _, what)) = EXCHANGE_ITEMS.iter().find(|(item, _, _)| *item == id) {
        // The window knows which partnership it shows; it asks and chooses the file.
        let _ = app.emit(OPEN_EXCHANGE, *what);
        return;
    }
    if let Some((_, _, what)) = TEAM_ITEMS.iter().find(|(item, _, _)| *item == id) {
        // The window asks for the address and token, and shows the sync in its status.
        let _ = app.emit(OPEN_TEAM, *what);
        return;
    }
    std::thread::spawn(move || {
        if id == SHOW_LOG_FOLDER {
            if let Err(e) = show_log_folder() {
                app.dialog()
                    .message(e.message)
                    .title("Cannot show the log folder")
                    .kind(tauri_plugin_dialog::MessageDialogKind::Error)
                    .blocking_show();
            }
            return;
        }
        let chosen = match id.as_str() {
            "new" => app
                .dialog()
                .file()
                .set_title("New workspace")
                .add_filter("Partner Risk workspace", &["prisk"])
                .set_file_name("workspace.prisk")
                .blocking_save_file()
                .and_then(|p| p.into_path().ok())
                .map(|p| (p, OpenMode::CreateIfMissing)),
            "open" => app
                .dialog()
                .file()
                .set_title("Open workspace")
                .add_filter("Partner Risk workspace", &["prisk"])
                .blocking_pick_file()
                .and_then(|p| p.into_path().ok())
                .map(|p| (p, OpenMode::Existing)),
            other => other
                .strip_prefix("recent:")
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| recent_list().get(i).cloned())
                .map(|p| (p, OpenMode::Existing)),
        };
        if let Some((path, mode)) = chosen {
            if let Err(e) = switch_to(&app, &path, mode) {
                app.dialog()
                    .message(e.message)
                    .title("Cannot open the workspace")
                    .kind(tauri_plugin_dialog::MessageDialogKind::Error)
                    .blocking_show();
            }
        }
    });
}
