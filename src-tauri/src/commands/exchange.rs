//! File → Send partnership…, Share with the partner…, Merge a file…: the exchange of a
//! partnership with another workspace (see `partner_risk_core::exchange`). The window
//! chooses the file through the shell's dialogs, previews the merge as often as the user
//! resolves a conflict, then merges.

use std::collections::BTreeMap;
use std::path::PathBuf;

use partner_risk_core::exchange::{
    self, Disagreement, ExportOptions, Exported, MergeOptions, MergeReport, PartnerView, Preview,
    Resolution, Resolutions, Side,
};
use partner_risk_macros::command;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use super::{ask, ask_save_path, with_store, Reply};
use crate::workspace::Workspace;

/// How the user has settled the conflicts so far, and how the file is compared.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct MergeChoices {
    /// Conflict id → `mine`, `theirs`, `both` or `{ value }`.
    pub resolutions: BTreeMap<String, Resolution>,
    /// Every conflict not in `resolutions` settled with one side.
    pub take: Option<Side>,
    /// Compare two ways when the file's base is unknown here.
    pub two_way: bool,
}

impl MergeChoices {
    fn options(self) -> MergeOptions {
        MergeOptions {
            resolutions: Resolutions {
                by_id: self.resolutions,
                take: self.take,
            },
            partnership: None,
            two_way: self.two_way,
            rolling_backup: false,
        }
    }
}

/// What was sent, and where the file was written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Sent {
    pub path: String,
    pub exported: Exported,
}

/// Asks where to save, then writes the partnership's exchange file (a share with the
/// partner when `options.for_partner`); `None` when the user cancels.
#[command]
pub async fn send_partnership<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    partnership_id: String,
    options: ExportOptions,
) -> Reply<Option<Sent>> {
    let id = partnership_id.clone();
    let name = with_store(workspace.clone(), move |s| {
        Ok(s.partnership(&id)?.fields.name)
    })
    .await?;
    let suffix = if options.for_partner {
        " (partner)"
    } else {
        ""
    };
    let proposal = format!("{name}{suffix}.{}", exchange::EXTENSION);
    let title = if options.for_partner {
        "Share with the partner"
    } else {
        "Send partnership"
    };
    let kind = ("Partner Risk exchange", exchange::EXTENSION);
    let Some(path) = ask_save_path(app, title, kind, proposal).await? else {
        return Ok(None);
    };
    with_store(workspace, move |s| {
        let exported = exchange::export(s, &partnership_id, &path, &options)?;
        Ok(Some(Sent {
            path: path.display().to_string(),
            exported,
        }))
    })
    .await
}

/// Asks which exchange file to merge; `None` when the user cancels.
#[command]
pub async fn choose_exchange_file<R: Runtime>(app: AppHandle<R>) -> Reply<Option<String>> {
    ask(move || {
        app.dialog()
            .file()
            .set_title("Merge a file")
            .add_filter("Partner Risk exchange", &[exchange::EXTENSION])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
    })
    .await
}

/// What merging the file would do with the choices made so far; nothing is written.
#[command]
pub async fn preview_exchange(
    workspace: State<'_, Workspace>,
    path: String,
    choices: MergeChoices,
) -> Reply<Preview> {
    with_store(workspace, move |s| {
        exchange::preview(s, &PathBuf::from(path), &choices.options())
    })
    .await
}

/// Merges the file (refused while a conflict has no resolution: nothing is written); the
/// window then reloads what it shows.
#[command]
pub async fn merge_exchange(
    workspace: State<'_, Workspace>,
    path: String,
    choices: MergeChoices,
) -> Reply<MergeReport> {
    with_store(workspace, move |s| {
        exchange::merge_file(s, &PathBuf::from(path), &choices.options(), false)
    })
    .await
}

/// The partner's views of a partnership's risks, newest first.
#[command]
pub async fn partner_views(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<PartnerView>> {
    with_store(workspace, move |s| {
        exchange::partner_views(s, &partnership_id)
    })
    .await
}

/// Where the partner's latest view of a risk lies more than one step from our score,
/// largest first (*Where we disagree*).
#[command]
pub async fn disagreements(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<Disagreement>> {
    with_store(workspace, move |s| {
        exchange::disagreements(s, &partnership_id)
    })
    .await
}
