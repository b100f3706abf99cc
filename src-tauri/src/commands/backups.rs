//! File → Restore from Backup…: the workspace's backups, and restoring one over it.
//! The window keeps its store: the store closes its file, the backup replaces it, and
//! the store opens it again (see `Store::restore_from`).

use std::path::PathBuf;

use partner_risk_core::store::backups::{self, BackupInfo, Restored};
use partner_risk_core::Error;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::{with_store, Reply};
use crate::workspace::{Workspace, WORKSPACE_CHANGED};

/// The window asks for the Restore dialog (from the File menu).
pub const OPEN_RESTORE: &str = "open-restore";

/// The workspace's backups, newest first, each with what it holds.
#[tauri::command]
pub async fn list_backups(workspace: State<'_, Workspace>) -> Reply<Vec<BackupInfo>> {
    with_store(workspace, |s| backups::list(s.path())).await
}

/// Restores one of the workspace's backups over it, after keeping the current file as a
/// `before_restore` backup; then every view reloads.
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    backup: String,
) -> Reply<Restored> {
    // The voting server reads this store: it must not outlive the file it was opened on.
    if let Some(room) = app.try_state::<super::voting::VotingRoom>() {
        super::voting::stop(&room).await;
    }
    let restored = with_store(workspace, move |s| {
        let backup = PathBuf::from(&backup);
        // Only this workspace's own backups: the window names files, it does not pick them.
        if backup.parent() != Some(backups::backup_dir(s.path()).as_path()) {
            return Err(Error::invalid(
                "backup",
                backup.display(),
                "is not one of this workspace's backups",
            ));
        }
        s.restore_from(&backup, chrono::Utc::now())
    })
    .await?;
    log::info!(
        "workspace {} restored from a backup ({} partnerships, {} risks)",
        restored.workspace.display(),
        restored.contents.partnerships,
        restored.contents.risks
    );
    let _ = app.emit(WORKSPACE_CHANGED, restored.workspace.display().to_string());
    Ok(restored)
}
