//! File → Restore from Backup…: the workspace's backups, and restoring one over it.
//! The window keeps its store: the store closes its file, the backup replaces it, and
//! the store opens it again (see `Store::restore_from`).

use partner_risk_macros::command;
use std::path::{Path, PathBuf};

use partner_risk_core::store::backups::{self, BackupInfo, Restored};
use partner_risk_core::{Error, OpenMode};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::{ask, with_store, Reply};
use crate::error::IpcError;
use crate::workspace::{DamagedWorkspace, Recovery, Workspace, WORKSPACE_CHANGED};

/// The workspace's backups, newest first, each with what it holds.
#[command]
pub async fn list_backups(workspace: State<'_, Workspace>) -> Reply<Vec<BackupInfo>> {
    with_store(workspace, |s| backups::list(s.path())).await
}

/// Restores one of the workspace's backups over it, after keeping the current file as a
/// `before_restore` backup; then every view reloads.
#[command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    backup: String,
) -> Reply<Restored> {
    // The voting server reads this store: it must not outlive the file it was opened on.
    if let Some(room) = app.try_state::<crate::voting_room::VotingRoom>() {
        crate::voting_room::stop(&room).await;
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

/// The damaged workspace the window was started on, if it was (the window then shows it
/// with the way back instead of the register).
#[command]
pub fn damaged_workspace(recovery: State<'_, Recovery>) -> Reply<Option<DamagedWorkspace>> {
    Ok(recovery
        .0
        .lock()
        .map_err(|_| IpcError::internal("recovery state unavailable"))?
        .clone())
}

/// Restores the damaged workspace's newest good backup over it (the damaged file is
/// kept as a `before_restore` backup) and opens it.
#[command]
pub async fn restore_damaged<R: Runtime>(
    app: AppHandle<R>,
    recovery: State<'_, Recovery>,
) -> Reply<Restored> {
    let damaged = recovery
        .0
        .lock()
        .map_err(|_| IpcError::internal("recovery state unavailable"))?
        .clone()
        .ok_or_else(|| IpcError::new("not_found", None, "No damaged workspace is waiting."))?;
    let backup = damaged.newest_backup.ok_or_else(|| {
        IpcError::new(
            "not_found",
            None,
            "This workspace has no good backup. Open another workspace instead.",
        )
    })?;
    ask(move || {
        let path = Path::new(&damaged.path);
        let restored = backups::restore(path, &backup.path, chrono::Utc::now())?;
        // Already in the recent list: the window was started on it.
        crate::workspace::open_here(&app, path, OpenMode::Existing)?;
        log::info!(
            "damaged workspace {} restored from a backup",
            path.display()
        );
        let _ = app.emit(WORKSPACE_CHANGED, path.display().to_string());
        Ok::<_, IpcError>(restored)
    })
    .await?
}

/// Asks for another workspace file to open, as File → Open Workspace… does.
#[command]
pub fn open_another_workspace<R: Runtime>(app: AppHandle<R>) {
    crate::workspace::on_menu(&app, "open");
}
