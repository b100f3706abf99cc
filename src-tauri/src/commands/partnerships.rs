//! The workspace and its partnerships: what is open, the list, creating and editing a
//! partnership (from the library's templates or as the demo), and the categories.

use partner_risk_macros::command;

use partner_risk_core::library::{library as built_in_library, Library, TemplateSelection};
use partner_risk_core::model::{Category, Partnership, PartnershipFields};
use partner_risk_core::store::PartnershipSummary;
use tauri::State;

use super::{today, with_store, Reply};
use crate::workspace::{Workspace, WorkspaceInfo};

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
