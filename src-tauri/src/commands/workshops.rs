//! Workshop commands: planning, running (votes, reveal, rounds, decisions) and closing.
//! Each is one call into the core; what a reply may show of the votes (nothing before a
//! reveal, names only in a named workshop) is decided by the core's views.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::RiskFields;
use partner_risk_core::workshop::{
    AgendaItem, BallotSource, DecisionFields, ItemView, Participant, ParticipantFields, Workshop,
    WorkshopDetail, WorkshopFields, WorkshopSummary,
};
use tauri::State;

use super::{with_store, Reply};
use crate::workspace::Workspace;

#[tauri::command]
pub async fn list_workshops(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<WorkshopSummary>> {
    with_store(workspace, move |s| s.workshop_summaries(&partnership_id)).await
}

#[tauri::command]
pub async fn workshop_detail(workspace: State<'_, Workspace>, id: String) -> Reply<WorkshopDetail> {
    with_store(workspace, move |s| s.workshop_detail(&id)).await
}

#[tauri::command]
pub async fn create_workshop(
    workspace: State<'_, Workspace>,
    partnership_id: String,
    fields: WorkshopFields,
) -> Reply<Workshop> {
    with_store(workspace, move |s| {
        s.create_workshop(&partnership_id, fields)
    })
    .await
}

#[tauri::command]
pub async fn update_workshop(
    workspace: State<'_, Workspace>,
    id: String,
    fields: WorkshopFields,
) -> Reply<Workshop> {
    with_store(workspace, move |s| s.update_workshop(&id, fields)).await
}

#[tauri::command]
pub async fn delete_workshop(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.delete_workshop(&id)).await
}

#[tauri::command]
pub async fn add_participant(
    workspace: State<'_, Workspace>,
    workshop_id: String,
    fields: ParticipantFields,
) -> Reply<Participant> {
    with_store(workspace, move |s| s.add_participant(&workshop_id, fields)).await
}

#[tauri::command]
pub async fn update_participant(
    workspace: State<'_, Workspace>,
    id: String,
    fields: ParticipantFields,
) -> Reply<Participant> {
    with_store(workspace, move |s| s.update_participant(&id, fields)).await
}

#[tauri::command]
pub async fn remove_participant(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.remove_participant(&id)).await
}

#[tauri::command]
pub async fn add_agenda_items(
    workspace: State<'_, Workspace>,
    workshop_id: String,
    risk_ids: Vec<String>,
) -> Reply<Vec<AgendaItem>> {
    with_store(workspace, move |s| {
        s.add_agenda_items(&workshop_id, &risk_ids)
    })
    .await
}

/// Creates a risk proposed in the room and appends it to the agenda.
#[tauri::command]
pub async fn propose_risk(
    workspace: State<'_, Workspace>,
    workshop_id: String,
    fields: RiskFields,
) -> Reply<AgendaItem> {
    with_store(workspace, move |s| {
        s.propose_risk(&workshop_id, fields).map(|(_, item)| item)
    })
    .await
}

#[tauri::command]
pub async fn move_agenda_item(
    workspace: State<'_, Workspace>,
    item_id: String,
    position: u32,
) -> Reply<Vec<AgendaItem>> {
    with_store(workspace, move |s| s.move_agenda_item(&item_id, position)).await
}

#[tauri::command]
pub async fn remove_agenda_item(workspace: State<'_, Workspace>, item_id: String) -> Reply<()> {
    with_store(workspace, move |s| s.remove_agenda_item(&item_id)).await
}

#[tauri::command]
pub async fn start_workshop(workspace: State<'_, Workspace>, id: String) -> Reply<Workshop> {
    with_store(workspace, move |s| s.start_workshop(&id)).await
}

#[tauri::command]
pub async fn close_workshop(workspace: State<'_, Workspace>, id: String) -> Reply<Workshop> {
    with_store(workspace, move |s| s.close_workshop(&id)).await
}

#[tauri::command]
pub async fn item_view(workspace: State<'_, Workspace>, item_id: String) -> Reply<ItemView> {
    with_store(workspace, move |s| s.item_view(&item_id)).await
}

/// A vote entered on this laptop: by the participant, or by the facilitator as a proxy.
/// The reply says only who has voted.
#[tauri::command]
pub async fn cast_ballot(
    workspace: State<'_, Workspace>,
    item_id: String,
    participant_id: String,
    score: Score,
    comment: String,
    proxy: bool,
) -> Reply<ItemView> {
    let source = if proxy {
        BallotSource::Proxy
    } else {
        BallotSource::Room
    };
    with_store(workspace, move |s| {
        s.cast_ballot(&item_id, &participant_id, score, &comment, source)?;
        s.item_view(&item_id)
    })
    .await
}

#[tauri::command]
pub async fn reveal_votes(workspace: State<'_, Workspace>, item_id: String) -> Reply<ItemView> {
    with_store(workspace, move |s| {
        s.reveal(&item_id)?;
        s.item_view(&item_id)
    })
    .await
}

#[tauri::command]
pub async fn revote(workspace: State<'_, Workspace>, item_id: String) -> Reply<ItemView> {
    with_store(workspace, move |s| {
        s.revote(&item_id)?;
        s.item_view(&item_id)
    })
    .await
}

#[tauri::command]
pub async fn decide_item(
    workspace: State<'_, Workspace>,
    item_id: String,
    fields: DecisionFields,
) -> Reply<ItemView> {
    with_store(workspace, move |s| {
        s.decide(&item_id, fields)?;
        s.item_view(&item_id)
    })
    .await
}

#[tauri::command]
pub async fn set_item_notes(
    workspace: State<'_, Workspace>,
    item_id: String,
    notes: String,
) -> Reply<AgendaItem> {
    with_store(workspace, move |s| s.set_item_notes(&item_id, &notes)).await
}
