//! Tauri commands: each deserialises its arguments, calls one core function off the
//! main thread, and returns.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use partner_risk_core::store::PartnershipSummary;
use partner_risk_core::Store;
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;

/// The open workspace, shared by the commands.
pub struct Workspace(pub Arc<Mutex<Store>>);

/// Runs blocking database work on the blocking thread pool.
async fn with_store<T: Send + 'static>(
    workspace: &State<'_, Workspace>,
    work: impl FnOnce(&mut Store) -> partner_risk_core::Result<T> + Send + 'static,
) -> Result<T, IpcError> {
    let store = Arc::clone(&workspace.0);
    tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().map_err(|_| {
            IpcError::internal("the workspace is unavailable after an earlier failure")
        })?;
        work(&mut store).map_err(IpcError::from)
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))?
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkspaceInfo {
    pub path: PathBuf,
    pub schema_version: i64,
}

#[tauri::command]
pub async fn workspace_info(workspace: State<'_, Workspace>) -> Result<WorkspaceInfo, IpcError> {
    with_store(&workspace, |store| {
        Ok(WorkspaceInfo {
            path: store.path().to_path_buf(),
            schema_version: store.schema_version()?,
        })
    })
    .await
}

#[tauri::command]
pub async fn list_partnerships(
    workspace: State<'_, Workspace>,
    include_archived: bool,
) -> Result<Vec<PartnershipSummary>, IpcError> {
    with_store(&workspace, move |store| {
        store.partnership_summaries(include_archived)
    })
    .await
}

#[tauri::command]
pub async fn create_demo(workspace: State<'_, Workspace>) -> Result<String, IpcError> {
    with_store(&workspace, |store| {
        let today = chrono::Local::now().date_naive();
        store.create_demo(0, today).map(|p| p.id)
    })
    .await
}
