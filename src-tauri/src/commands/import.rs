//! Import…: a register kept in a spreadsheet (XLSX or CSV) into a partnership. The
//! window chooses the file, previews what an import would do (the core's dry run) as
//! often as the user changes how it is read or mapped, then imports it.
//!
//! The file is read in a child process of the app (see
//! `partner_risk_core::spreadsheet::import::isolated`): a hostile file can at worst end
//! that process, never the window. Reading happens off the async runtime, and without
//! holding the workspace.

use partner_risk_macros::command;
use std::path::{Path, PathBuf};

use partner_risk_core::spreadsheet::import::isolated::read_table_isolated;
use partner_risk_core::spreadsheet::import::{
    apply_import, plan_import, DateOrder, ImportMapping, ImportOutcome, ImportPlan, ReadOptions,
    Table,
};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use super::{ask, with_store, Reply};
use crate::error::IpcError;
use crate::workspace::Workspace;

/// The binary that reads spreadsheets: the app itself (its `main` answers
/// `isolated::CHILD_ARG`); the command tests point it at the built app.
pub struct ImportReader(pub PathBuf);

/// Rows of the plan a preview carries: enough to look at, small enough for one IPC
/// message when the file has 10,000 rows. The counts are always of all rows.
pub const PREVIEW_ROWS: usize = 200;
/// Problems a preview carries (those about the whole file always come).
pub const PREVIEW_PROBLEMS: usize = 500;

/// The dry run as the Import dialog shows it: the plan with its first rows and problems.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    /// The plan, its `rows` cut to the first `rows_shown` and its `problems` to the first
    /// `problems_shown`; its `counts` are of the whole file.
    pub plan: ImportPlan,
    pub rows_shown: usize,
    pub rows_total: usize,
    pub problems_shown: usize,
    pub problems_total: usize,
}

impl ImportPreview {
    fn of(mut plan: ImportPlan) -> ImportPreview {
        let rows_total = plan.rows.len();
        plan.rows.truncate(PREVIEW_ROWS);
        let problems_total = plan.problems.len();
        if problems_total > PREVIEW_PROBLEMS {
            let (file, rows): (Vec<_>, Vec<_>) =
                plan.problems.into_iter().partition(|p| p.row.is_none());
            let room = PREVIEW_PROBLEMS.saturating_sub(file.len());
            plan.problems = file
                .into_iter()
                .chain(rows.into_iter().take(room))
                .collect();
        }
        ImportPreview {
            rows_shown: plan.rows.len(),
            rows_total,
            problems_shown: plan.problems.len(),
            problems_total,
            plan,
        }
    }
}

/// Asks for the spreadsheet to import; `None` when the user cancels.
#[command]
pub async fn choose_import_file<R: Runtime>(app: AppHandle<R>) -> Reply<Option<String>> {
    ask(move || {
        app.dialog()
            .file()
            .set_title("Import a risk register")
            // GTK matches patterns case-sensitively: name both spellings.
            .add_filter(
                "Spreadsheets",
                &[
                    "xlsx", "xls", "xlsb", "ods", "csv", "txt", "tsv", "XLSX", "XLS", "XLSB",
                    "ODS", "CSV", "TXT", "TSV",
                ],
            )
            .add_filter("All files", &["*"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
    })
    .await
}

/// The dry run: reads the file as `options` say and plans its import into the
/// partnership with `mapping` (or the one the core proposes). Writes nothing.
#[command]
#[allow(clippy::too_many_arguments)]
pub async fn preview_import(
    workspace: State<'_, Workspace>,
    reader: State<'_, ImportReader>,
    partnership_id: String,
    path: String,
    options: ReadOptions,
    mapping: Option<ImportMapping>,
    header_row: Option<u32>,
    date_order: Option<DateOrder>,
) -> Reply<ImportPreview> {
    let (name, table) = read(&reader, path, options).await?;
    let plan = with_store(workspace, move |s| {
        plan_import(
            s,
            &partnership_id,
            &name,
            &table,
            mapping,
            header_row,
            date_order,
        )
    })
    .await?;
    Ok(ImportPreview::of(plan))
}

/// Reads the file again and, if it is the one previewed (same digest), imports it with
/// the mapping the user saw, in one transaction.
#[command]
#[allow(clippy::too_many_arguments)]
pub async fn run_import(
    workspace: State<'_, Workspace>,
    reader: State<'_, ImportReader>,
    partnership_id: String,
    path: String,
    options: ReadOptions,
    mapping: ImportMapping,
    digest: String,
    skip_invalid: bool,
) -> Reply<ImportOutcome> {
    let (name, table) = read_previewed(&reader, path, options, &digest).await?;
    with_store(workspace, move |s| {
        let plan = plan_import(s, &partnership_id, &name, &table, Some(mapping), None, None)?;
        apply_import(s, &plan, skip_invalid)
    })
    .await
}

/// The file read again as [`read`] does, refused when it is no longer the file previewed
/// (its digest changed): an import writes only what the user saw.
pub(super) async fn read_previewed(
    reader: &ImportReader,
    path: String,
    options: ReadOptions,
    digest: &str,
) -> Reply<(String, Table)> {
    let (name, table) = read(reader, path, options).await?;
    if table.source.digest != digest {
        return Err(IpcError::new(
            "conflict",
            Some("file"),
            "The file has changed since the preview. Preview it again.",
        )
        .about(
            table.source.digest.as_str(),
            "the file has changed since the preview",
        ));
    }
    Ok((name, table))
}

/// The file's name (as the audit log records it) and its table, read in the reader
/// process on the blocking pool.
pub(super) async fn read(
    reader: &ImportReader,
    path: String,
    options: ReadOptions,
) -> Reply<(String, Table)> {
    let exe = reader.0.clone();
    ask(move || {
        let path = Path::new(&path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        read_table_isolated(&exe, path, &options).map(|table| (name, table))
    })
    .await?
    .map_err(IpcError::from)
}
