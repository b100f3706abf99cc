//! The analyst's review: who is working, the review queue, reviews and their undo,
//! acceptances, the activity view and the portfolio. Thin: one core call each.

use partner_risk_core::register::ReviewContext;
use partner_risk_core::report::{self, portfolio::PortfolioExport};
use partner_risk_core::review::acceptance::{Acceptance, AcceptanceRequest};
use partner_risk_core::review::{QueueEntry, QueueFilter, Review, ReviewCounts, ReviewFields};
use partner_risk_core::store::{ActivityFilter, ActivityPage, PortfolioRow, Whoami};
use partner_risk_macros::command;
use tauri::{AppHandle, Runtime, State};

use super::{ask_pdf_path, remember_export, today, with_store, Reply};
use crate::workspace::{LastExport, Workspace};

#[command]
pub async fn whoami(workspace: State<'_, Workspace>) -> Reply<Whoami> {
    with_store(workspace, |s| s.whoami_info()).await
}

#[command]
pub async fn set_whoami(workspace: State<'_, Workspace>, name: String) -> Reply<Whoami> {
    with_store(workspace, move |s| {
        s.set_whoami(&name)?;
        s.whoami_info()
    })
    .await
}

#[command]
pub async fn review_queue(
    workspace: State<'_, Workspace>,
    filter: QueueFilter,
) -> Reply<Vec<QueueEntry>> {
    with_store(workspace, move |s| s.review_queue(&filter, today())).await
}

#[command]
pub async fn review_counts(workspace: State<'_, Workspace>) -> Reply<Vec<ReviewCounts>> {
    with_store(workspace, |s| s.review_counts(today())).await
}

#[command]
pub async fn review_context(
    workspace: State<'_, Workspace>,
    risk_id: String,
) -> Reply<ReviewContext> {
    with_store(workspace, move |s| s.review_context(&risk_id, today())).await
}

#[command]
pub async fn add_review(
    workspace: State<'_, Workspace>,
    risk_id: String,
    fields: ReviewFields,
) -> Reply<Review> {
    with_store(workspace, move |s| s.add_review(&risk_id, fields, today())).await
}

#[command]
pub async fn undo_review(workspace: State<'_, Workspace>, review_id: String) -> Reply<Review> {
    with_store(workspace, move |s| s.undo_review(&review_id)).await
}

#[command]
pub async fn request_acceptance(
    workspace: State<'_, Workspace>,
    risk_id: String,
    request: AcceptanceRequest,
) -> Reply<Acceptance> {
    with_store(workspace, move |s| {
        s.request_acceptance(&risk_id, request, today())
    })
    .await
}

#[command]
pub async fn approve_acceptance(
    workspace: State<'_, Workspace>,
    id: String,
    note: String,
) -> Reply<Acceptance> {
    with_store(workspace, move |s| {
        s.approve_acceptance(&id, &note, today())
    })
    .await
}

#[command]
pub async fn reject_acceptance(
    workspace: State<'_, Workspace>,
    id: String,
    note: String,
) -> Reply<Acceptance> {
    with_store(workspace, move |s| s.reject_acceptance(&id, &note, today())).await
}

#[command]
pub async fn revoke_acceptance(
    workspace: State<'_, Workspace>,
    id: String,
    reason: String,
) -> Reply<Acceptance> {
    with_store(workspace, move |s| {
        s.revoke_acceptance(&id, &reason, today())
    })
    .await
}

#[command]
pub async fn activity(
    workspace: State<'_, Workspace>,
    filter: ActivityFilter,
) -> Reply<ActivityPage> {
    with_store(workspace, move |s| s.activity(&filter)).await
}

#[command]
pub async fn activity_actors(workspace: State<'_, Workspace>) -> Reply<Vec<String>> {
    with_store(workspace, |s| s.actors()).await
}

#[command]
pub async fn portfolio(workspace: State<'_, Workspace>) -> Reply<Vec<PortfolioRow>> {
    with_store(workspace, |s| s.portfolio(today())).await
}

/// Asks where to save, then writes the one-page portfolio summary there. `None` when
/// the user cancels the dialog.
#[command]
pub async fn export_portfolio_pdf<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, LastExport>,
    prepared_by: String,
) -> Reply<Option<PortfolioExport>> {
    let name = format!("Partnership portfolio {}.pdf", today());
    let chosen = ask_pdf_path(app, "Export the portfolio", name).await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let export = with_store(workspace, move |s| {
        report::portfolio::export_portfolio_to_file(s, today(), &prepared_by, &path)
    })
    .await?;
    remember_export(&exports, &export.path)?;
    Ok(Some(export))
}
