//! Tauri commands. Each deserialises its arguments, calls one core function on the
//! blocking pool (database work stays off the main thread), and returns its result or an
//! `IpcError`.

use std::sync::Arc;

use partner_risk_core::Store;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcError;
use crate::workspace::Workspace;

pub mod backups;
pub mod exchange;
pub mod exit;
pub mod exports;
pub mod health;
pub mod import;
pub mod matrices;
pub mod partnerships;
pub mod quant;
pub mod reviews;
pub mod risks;
pub mod team;
pub mod voting;
pub mod workshops;

pub(crate) type Reply<T> = Result<T, IpcError>;

/// Runs blocking database work on the blocking thread pool; logs its errors and, when
/// slow, its duration, under the name of the command it belongs to.
pub(crate) async fn with_store<T: Send + 'static, F>(
    workspace: State<'_, Workspace>,
    work: F,
) -> Reply<T>
where
    F: FnOnce(&mut Store) -> partner_risk_core::Result<T> + Send + 'static,
{
    let op = command_name::<F>();
    let store = Arc::clone(&workspace.0);
    tauri::async_runtime::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut store = store.lock().map_err(|_| {
            IpcError::internal("the workspace is unavailable after an earlier failure")
        })?;
        let result = work(&mut store).map_err(|e| IpcError::from_core(e, Some(op)));
        if result.is_ok() {
            session_backup(&mut store);
        }
        let elapsed = started.elapsed().as_millis();
        if elapsed > partner_risk_core::logs::SLOW_MS {
            log::warn!("slow: {op} took {elapsed} ms");
        }
        result
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))?
}

/// The rolling session backup after a change, when due (see `Store::backup_if_due`):
/// copied on a thread of its own with its own connection, so no command waits for it
/// (a 100,000-risk workspace takes 0.4 s). It is claimed at once, so two commands in a
/// row do not both start one; a failure is logged and tried again 30 minutes later.
fn session_backup(store: &mut Store) {
    let now = chrono::Utc::now();
    if !store.session_backup_due(now).unwrap_or(false) {
        return;
    }
    store.backup_taken(now);
    let path = store.path().to_path_buf();
    std::thread::spawn(move || {
        use partner_risk_core::store::backups::{create, BackupReason};
        if let Err(e) = create(&path, BackupReason::Session, now) {
            log::warn!("session backup failed: {e}");
        }
    });
}

/// The command a closure was written in, from its type name:
/// `partner_risk_app::commands::workshops::cast_ballot::{{closure}}::{{closure}}` is
/// `workshops::cast_ballot`. Saves passing a name through every command.
pub(crate) fn command_name<F>() -> &'static str {
    let name = std::any::type_name::<F>();
    let name = name.strip_prefix("partner_risk_app::").unwrap_or(name);
    let name = name.strip_prefix("commands::").unwrap_or(name);
    name.split("::{{closure}}").next().unwrap_or(name)
}

/// Runs a blocking dialog off the async runtime.
pub(crate) async fn ask<T: Send + 'static>(
    dialog: impl FnOnce() -> T + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(dialog)
        .await
        .map_err(|e| IpcError::internal(e.to_string()))
}

/// Asks where to save a PDF, proposing `name`; `None` when the user cancels.
pub(crate) async fn ask_pdf_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    title: &'static str,
    name: String,
) -> Reply<Option<std::path::PathBuf>> {
    ask_save_path(app, title, ("PDF document", "pdf"), name).await
}

/// Asks where to save a file of one type (`(description, extension)`), proposing `name`;
/// `None` when the user cancels.
pub(crate) async fn ask_save_path<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    title: &'static str,
    (kind, extension): (&'static str, &'static str),
    name: String,
) -> Reply<Option<std::path::PathBuf>> {
    ask(move || {
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(kind, &[extension])
            .set_file_name(name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
    })
    .await
}

/// Remembers the file an export wrote, for "Open" (`open_last_export`).
pub(crate) fn remember_export(
    exports: &crate::workspace::LastExport,
    path: &std::path::Path,
) -> Reply<()> {
    *exports
        .0
        .lock()
        .map_err(|_| IpcError::internal("export state unavailable"))? = Some(path.to_path_buf());
    Ok(())
}

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    fn name_of<F>(_: &F) -> &'static str {
        super::command_name::<F>()
    }

    #[test]
    fn work_is_named_after_the_command_it_was_written_in() {
        let work = |s: &mut partner_risk_core::Store| s.categories();
        assert_eq!(
            name_of(&work),
            "tests::work_is_named_after_the_command_it_was_written_in"
        );
    }
}
