//! Scoring matrices: the list, a copy to edit, checks while editing, and moving a
//! partnership to another matrix (planned, then applied).

use partner_risk_macros::command;

use partner_risk_core::matrix::{Matrix, MatrixCheck};
use partner_risk_core::model::Partnership;
use partner_risk_core::store::MatrixChangePlan;
use tauri::State;

use super::{with_store, Reply};
use crate::workspace::Workspace;

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
