//! Tauri commands. Each deserialises its arguments, calls one core function on the
//! blocking pool (database work stays off the main thread), and returns its result or an
//! `IpcError`.

use partner_risk_macros::command;
use std::sync::Arc;

use partner_risk_core::library::{library as built_in_library, Library, TemplateSelection};
use partner_risk_core::matrix::{Matrix, MatrixCheck};
use partner_risk_core::model::{
    Action, ActionFields, Category, Partnership, PartnershipFields, Requirement, RequirementFields,
    Risk, RiskFields, ScoreKind,
};
use partner_risk_core::register::{RegisterTable, RiskDetail};
use partner_risk_core::report::{self, PdfExport, PdfOptions, ReportProgress};
use partner_risk_core::spreadsheet::{self, SpreadsheetExport, SpreadsheetFormat};
use partner_risk_core::store::{
    HeatMap, MatrixChangePlan, Movement, PartnershipSummary, RiskFilter,
};
use partner_risk_core::Store;
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcError;
use crate::workspace::{Workspace, WorkspaceInfo};

pub mod backups;
pub mod import;
pub mod reviews;
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

#[command]
pub async fn workspace_info(workspace: State<'_, Workspace>) -> Reply<WorkspaceInfo> {
    with_store(workspace, |s| crate::workspace::info(s)).await
}

/// SQLite's `data_version` of the workspace: it changes when another program (`prisk`,
/// another window) commits to it, so the window knows to show the file as it is now.
#[command]
pub async fn workspace_version(workspace: State<'_, Workspace>) -> Reply<i64> {
    with_store(workspace, |s| s.data_version()).await
}

#[command]
pub async fn list_partnerships(
    workspace: State<'_, Workspace>,
    include_archived: bool,
) -> Reply<Vec<PartnershipSummary>> {
    with_store(workspace, move |s| {
        s.partnership_summaries(include_archived)
    })
    .await
}

#[command]
pub async fn create_partnership(
    workspace: State<'_, Workspace>,
    fields: PartnershipFields,
    matrix: String,
    templates: TemplateSelection,
) -> Reply<Partnership> {
    with_store(workspace, move |s| {
        s.create_partnership_from_templates(fields, &matrix, &templates)
    })
    .await
}

#[command]
pub async fn update_partnership(
    workspace: State<'_, Workspace>,
    id: String,
    fields: PartnershipFields,
) -> Reply<Partnership> {
    with_store(workspace, move |s| s.update_partnership(&id, fields)).await
}

#[command]
pub async fn create_demo(workspace: State<'_, Workspace>) -> Reply<Partnership> {
    with_store(workspace, |s| s.create_demo(0, today())).await
}

#[command]
pub fn library() -> Library {
    built_in_library().clone()
}

#[command]
pub async fn categories(workspace: State<'_, Workspace>) -> Reply<Vec<Category>> {
    with_store(workspace, |s| s.categories()).await
}

#[command]
pub async fn add_category(workspace: State<'_, Workspace>, category: Category) -> Reply<Category> {
    with_store(workspace, move |s| s.add_category(category)).await
}

#[command]
pub async fn register(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<RegisterTable> {
    with_store(workspace, move |s| {
        s.register_table(&partnership_id, today())
    })
    .await
}

#[command]
pub async fn matching_risks(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    filter: RiskFilter,
) -> Reply<Vec<String>> {
    with_store(workspace, move |s| {
        s.filter_risk_ids(&partnership_id, &filter)
    })
    .await
}

#[command]
pub async fn risk_detail(workspace: State<'_, Workspace>, id: String) -> Reply<RiskDetail> {
    with_store(workspace, move |s| s.risk_detail(&id)).await
}

#[command]
pub async fn create_risk(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    fields: RiskFields,
) -> Reply<Risk> {
    with_store(workspace, move |s| s.add_risk(&partnership_id, fields)).await
}

#[command]
pub async fn update_risk(
    workspace: State<'_, Workspace>,
    id: String,
    fields: RiskFields,
) -> Reply<Risk> {
    with_store(workspace, move |s| s.update_risk(&id, fields)).await
}

#[command]
pub async fn delete_risk(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.delete_risk(&id)).await
}

#[command]
pub async fn add_action(
    workspace: State<'_, Workspace>,
    risk_id: String,
    fields: ActionFields,
) -> Reply<Action> {
    with_store(workspace, move |s| s.add_action(&risk_id, fields)).await
}

#[command]
pub async fn update_action(
    workspace: State<'_, Workspace>,
    id: String,
    fields: ActionFields,
) -> Reply<Action> {
    with_store(workspace, move |s| s.update_action(&id, fields)).await
}

#[command]
pub async fn delete_action(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.delete_action(&id)).await
}

#[command]
pub async fn requirements(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<Requirement>> {
    with_store(workspace, move |s| s.requirements(&partnership_id)).await
}

#[command]
pub async fn add_requirement(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    fields: RequirementFields,
    risk_ids: Vec<String>,
) -> Reply<Requirement> {
    with_store(workspace, move |s| {
        s.add_requirement(&partnership_id, fields, risk_ids)
    })
    .await
}

#[command]
pub async fn update_requirement(
    workspace: State<'_, Workspace>,
    id: String,
    fields: RequirementFields,
    risk_ids: Vec<String>,
) -> Reply<Requirement> {
    with_store(workspace, move |s| {
        s.update_requirement(&id, fields, risk_ids)
    })
    .await
}

#[command]
pub async fn link_requirement(
    workspace: State<'_, Workspace>,
    requirement_id: String,
    risk_id: String,
    linked: bool,
) -> Reply<Requirement> {
    with_store(workspace, move |s| {
        s.set_requirement_link(&requirement_id, &risk_id, linked)
    })
    .await
}

#[command]
pub async fn heat_map(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    kind: ScoreKind,
) -> Reply<HeatMap> {
    with_store(workspace, move |s| s.heat_map(&partnership_id, kind)).await
}

#[command]
pub async fn movement(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<Movement>> {
    with_store(workspace, move |s| s.movement(&partnership_id)).await
}

#[command]
pub async fn matrices(workspace: State<'_, Workspace>) -> Reply<Vec<Matrix>> {
    with_store(workspace, |s| s.matrices()).await
}

#[command]
pub async fn clone_matrix(
    workspace: State<'_, Workspace>,
    source: String,
    name: String,
) -> Reply<Matrix> {
    with_store(workspace, move |s| s.clone_matrix(&source, &name)).await
}

#[command]
pub async fn update_matrix(workspace: State<'_, Workspace>, matrix: Matrix) -> Reply<Matrix> {
    with_store(workspace, move |s| s.update_matrix(matrix)).await
}

#[command]
pub async fn delete_matrix(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.delete_matrix(&id)).await
}

/// Checks a matrix being edited (not yet saved): structure errors, then warnings.
#[command]
pub fn check_matrix(matrix: Matrix) -> Reply<MatrixCheck> {
    matrix.validate()?;
    Ok(matrix.check())
}

#[command]
pub async fn plan_matrix_change(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    matrix_id: String,
) -> Reply<MatrixChangePlan> {
    with_store(workspace, move |s| {
        s.plan_matrix_change(&partnership_id, &matrix_id)
    })
    .await
}

#[command]
pub async fn apply_matrix_change(
    workspace: State<'_, Workspace>,
    plan: MatrixChangePlan,
) -> Reply<Partnership> {
    with_store(workspace, move |s| s.apply_matrix_change(&plan)).await
}

/// Asks where to save the register as a spreadsheet (XLSX workbook or CSV) and writes it;
/// `None` when the user cancels the dialog.
#[command]
pub async fn export_spreadsheet<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, crate::workspace::LastExport>,
    partnership_id: String,
    format: SpreadsheetFormat,
) -> Reply<Option<SpreadsheetExport>> {
    let id = partnership_id.clone();
    let name = with_store(workspace.clone(), move |s| {
        Ok(s.partnership(&id)?.fields.name)
    })
    .await?;
    let file = format!(
        "{} – risk register.{}",
        crate::workspace::safe_file_stem(&name),
        format.extension()
    );
    let chosen = ask_save_path(
        app,
        "Export spreadsheet",
        (format.description(), format.extension()),
        file,
    )
    .await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let export = with_store(workspace, move |s| {
        spreadsheet::export_spreadsheet_to_file(s, format, &partnership_id, today(), &path)
    })
    .await?;
    remember_export(&exports, &export.path)?;
    Ok(Some(export))
}

/// Asks where to save, then writes the partnership's PDF report there, reporting
/// progress on `on_progress`; `None` when the user cancels the dialog.
#[command]
pub async fn export_pdf<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, crate::workspace::LastExport>,
    partnership_id: String,
    options: PdfOptions,
    on_progress: Channel<ReportProgress>,
) -> Reply<Option<PdfExport>> {
    // Bad options are reported before the dialog opens.
    options.validate()?;
    let id = partnership_id.clone();
    let name = with_store(workspace.clone(), move |s| {
        Ok(s.partnership(&id)?.fields.name)
    })
    .await?;
    let chosen = ask_pdf_path(app, "Export PDF", crate::workspace::pdf_file_name(&name)).await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let export = with_store(workspace, move |s| {
        let mut last: Option<ReportProgress> = None;
        // Send a message per stage and per whole percent, not per row.
        let mut report = |p: ReportProgress| {
            let percent = |p: &ReportProgress| (p.done * 100).checked_div(p.total).unwrap_or(0);
            if last.is_none_or(|l| l.stage != p.stage || percent(&l) != percent(&p)) {
                let _ = on_progress.send(p);
                last = Some(p);
            }
        };
        report::export_pdf_to_file(s, &partnership_id, &options, today(), &path, &mut report)
    })
    .await?;
    remember_export(&exports, &export.path)?;
    Ok(Some(export))
}

/// Opens the PDF written by the last export in the system's viewer. Only that file:
/// the page cannot ask the shell to open arbitrary paths.
#[command]
pub fn open_last_export(exports: State<'_, crate::workspace::LastExport>) -> Reply<()> {
    let path = exports
        .0
        .lock()
        .map_err(|_| IpcError::internal("export state unavailable"))?
        .clone()
        .ok_or_else(|| IpcError::internal("nothing has been exported yet"))?;
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|e| IpcError::internal(format!("{}: {e}", path.display())))
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
