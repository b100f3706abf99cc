//! A partnership's register: its risks, their actions and requirements, the heat map and
//! the movement between stages.

use partner_risk_macros::command;

use partner_risk_core::model::{
    Action, ActionFields, Requirement, RequirementFields, Risk, RiskFields, ScoreKind,
};
use partner_risk_core::register::{RegisterTable, RiskDetail};
use partner_risk_core::store::{HeatMap, Movement, RiskFilter};
use tauri::State;

use super::{today, with_store, Reply};
use crate::workspace::Workspace;

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
