//! Files for people: the register as a PDF report or a spreadsheet, and opening the
//! file the last export wrote.

use partner_risk_macros::command;

use partner_risk_core::report::{self, PdfExport, PdfOptions, ReportProgress};
use partner_risk_core::spreadsheet::{self, SpreadsheetExport, SpreadsheetFormat};
use tauri::ipc::Channel;
use tauri::State;

use super::{ask_pdf_path, ask_save_path, remember_export, today, with_store, Reply};
use crate::error::IpcError;
use crate::workspace::Workspace;

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
