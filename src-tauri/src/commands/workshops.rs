//! Workshop commands: planning, running (votes, reveal, rounds, decisions) and closing.
//! Each is one call into the core; what a reply may show of the votes (nothing before a
//! reveal, names only in a named workshop) is decided by the core's views.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::RiskFields;
use partner_risk_core::workshop::{
    AgendaItem, BallotSource, DecisionFields, ItemView, Participant, ParticipantFields, Workshop,
    WorkshopDetail, WorkshopFields, WorkshopSummary,
};
use partner_risk_macros::command;
use std::path::PathBuf;

use partner_risk_core::minutes::{self, MinutesExport};
use partner_risk_core::workshop::ballot_file::{BallotFile, EXTENSION as BALLOT_EXTENSION};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use super::{ask, with_store, Reply};
use crate::error::IpcError;
use crate::voting_room::VotingRoom;
use crate::workspace::{safe_file_stem, LastExport, OpenBallot, Workspace};

#[command]
pub async fn list_workshops(
    workspace: State<'_, Workspace>,
    partnership_id: String,
) -> Reply<Vec<WorkshopSummary>> {
    with_store(workspace, move |s| s.workshop_summaries(&partnership_id)).await
}

#[command]
pub async fn workshop_detail(workspace: State<'_, Workspace>, id: String) -> Reply<WorkshopDetail> {
    with_store(workspace, move |s| s.workshop_detail(&id)).await
}

#[command]
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

#[command]
pub async fn update_workshop(
    workspace: State<'_, Workspace>,
    id: String,
    fields: WorkshopFields,
) -> Reply<Workshop> {
    with_store(workspace, move |s| s.update_workshop(&id, fields)).await
}

#[command]
pub async fn delete_workshop(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.delete_workshop(&id)).await
}

#[command]
pub async fn add_participant(
    workspace: State<'_, Workspace>,
    workshop_id: String,
    fields: ParticipantFields,
) -> Reply<Participant> {
    with_store(workspace, move |s| s.add_participant(&workshop_id, fields)).await
}

#[command]
pub async fn update_participant(
    workspace: State<'_, Workspace>,
    id: String,
    fields: ParticipantFields,
) -> Reply<Participant> {
    with_store(workspace, move |s| s.update_participant(&id, fields)).await
}

#[command]
pub async fn remove_participant(workspace: State<'_, Workspace>, id: String) -> Reply<()> {
    with_store(workspace, move |s| s.remove_participant(&id)).await
}

#[command]
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
#[command]
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

#[command]
pub async fn move_agenda_item(
    workspace: State<'_, Workspace>,
    item_id: String,
    position: u32,
) -> Reply<Vec<AgendaItem>> {
    with_store(workspace, move |s| s.move_agenda_item(&item_id, position)).await
}

#[command]
pub async fn remove_agenda_item(workspace: State<'_, Workspace>, item_id: String) -> Reply<()> {
    with_store(workspace, move |s| s.remove_agenda_item(&item_id)).await
}

#[command]
pub async fn start_workshop(workspace: State<'_, Workspace>, id: String) -> Reply<Workshop> {
    with_store(workspace, move |s| s.start_workshop(&id)).await
}

/// Closes the workshop, and its voting with it.
#[command]
pub async fn close_workshop(
    workspace: State<'_, Workspace>,
    room: State<'_, VotingRoom>,
    id: String,
) -> Reply<Workshop> {
    let key = id.clone();
    let closed = with_store(workspace, move |s| s.close_workshop(&key)).await?;
    crate::voting_room::stop_for(&room, &id).await;
    Ok(closed)
}

/// Puts an item before the room (the phones vote on it); `None` follows the agenda.
#[command]
pub async fn set_current_item(
    workspace: State<'_, Workspace>,
    workshop_id: String,
    item_id: Option<String>,
) -> Reply<Workshop> {
    with_store(workspace, move |s| {
        s.set_current_item(&workshop_id, item_id.as_deref())
    })
    .await
}

#[command]
pub async fn item_view(workspace: State<'_, Workspace>, item_id: String) -> Reply<ItemView> {
    with_store(workspace, move |s| s.item_view(&item_id)).await
}

/// A vote entered on this laptop: by the participant, or by the facilitator as a proxy.
/// The reply says only who has voted.
#[command]
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

#[command]
pub async fn reveal_votes(workspace: State<'_, Workspace>, item_id: String) -> Reply<ItemView> {
    with_store(workspace, move |s| {
        s.reveal(&item_id)?;
        s.item_view(&item_id)
    })
    .await
}

#[command]
pub async fn revote(workspace: State<'_, Workspace>, item_id: String) -> Reply<ItemView> {
    with_store(workspace, move |s| {
        s.revote(&item_id)?;
        s.item_view(&item_id)
    })
    .await
}

#[command]
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

#[command]
pub async fn set_item_notes(
    workspace: State<'_, Workspace>,
    item_id: String,
    notes: String,
) -> Reply<AgendaItem> {
    with_store(workspace, move |s| s.set_item_notes(&item_id, &notes)).await
}

// -- Files: minutes, ballot files --------------------------------------------------------

/// Asks where to save the minutes, writes them and remembers the file for "Open".
#[command]
pub async fn export_minutes<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, LastExport>,
    id: String,
) -> Reply<Option<MinutesExport>> {
    let key = id.clone();
    let title = with_store(workspace.clone(), move |s| {
        Ok(s.workshop(&key)?.fields.title)
    })
    .await?;
    let name = format!("{} – minutes.pdf", safe_file_stem(&title));
    let chosen = super::ask_pdf_path(app, "Export minutes", name).await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let export = with_store(workspace, move |s| {
        minutes::export_minutes_to_file(s, &id, super::today(), &path)
    })
    .await?;
    super::remember_export(&exports, &export.path)?;
    Ok(Some(export))
}

/// Asks for a folder and writes one sealed ballot file per voter into it.
#[command]
pub async fn export_ballots<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    id: String,
) -> Reply<Option<Vec<PathBuf>>> {
    let folder = ask(move || {
        app.dialog()
            .file()
            .set_title("Folder for the ballot files")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
    })
    .await?;
    let Some(folder) = folder else {
        return Ok(None);
    };
    with_store(workspace, move |s| {
        let workshop = s.workshop(&id)?;
        let mut written = Vec::new();
        for p in s.participants(&id)?.into_iter().filter(|p| p.fields.voter) {
            let file = s.export_ballot(&id, &p.id)?;
            let name = format!(
                "{} – {}.{BALLOT_EXTENSION}",
                safe_file_stem(&workshop.fields.title),
                safe_file_stem(&p.fields.name)
            );
            let path = folder.join(name);
            file.write(&path)?;
            written.push(path);
        }
        Ok(written)
    })
    .await
    .map(Some)
}

/// What became of one imported ballot file: its votes, or why it was refused whole.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BallotImport {
    pub file: String,
    pub votes: Option<u32>,
    pub error: Option<IpcError>,
}

/// Asks for filled ballot files and imports each as its voter's round 1; each file is
/// taken whole or refused whole.
#[command]
pub async fn import_ballots<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
    id: String,
) -> Reply<Vec<BallotImport>> {
    let files = ask(move || {
        app.dialog()
            .file()
            .set_title("Import filled ballot files")
            .add_filter("Partner Risk ballot", &[BALLOT_EXTENSION])
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect::<Vec<_>>()
    })
    .await?;
    with_store(workspace, move |s| {
        Ok(files
            .into_iter()
            .map(|path| {
                let outcome = BallotFile::read(&path).and_then(|f| s.import_ballot(&id, &f));
                BallotImport {
                    file: path.display().to_string(),
                    votes: outcome.as_ref().ok().map(|n| *n as u32),
                    error: outcome.err().map(IpcError::from),
                }
            })
            .collect())
    })
    .await
}

/// A participant's own copy of the app: asks for a ballot file and opens it to fill in.
/// Needs nothing of the workspace.
#[command]
pub async fn open_ballot<R: Runtime>(
    app: AppHandle<R>,
    open: State<'_, OpenBallot>,
) -> Reply<Option<BallotFile>> {
    let chosen = ask(move || {
        app.dialog()
            .file()
            .set_title("Open a ballot file")
            .add_filter("Partner Risk ballot", &[BALLOT_EXTENSION])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    })
    .await?;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let file = BallotFile::read(&path)?;
    *open
        .0
        .lock()
        .map_err(|_| IpcError::internal("ballot state unavailable"))? = Some(path);
    Ok(Some(file))
}

/// Records a vote in the open ballot file and saves it at once.
#[command]
pub async fn fill_ballot(
    open: State<'_, OpenBallot>,
    reference: String,
    score: Score,
    comment: String,
) -> Reply<BallotFile> {
    let path = open
        .0
        .lock()
        .map_err(|_| IpcError::internal("ballot state unavailable"))?
        .clone()
        .ok_or_else(|| IpcError::internal("no ballot file is open"))?;
    ask(move || -> partner_risk_core::Result<BallotFile> {
        let mut file = BallotFile::read(&path)?;
        file.fill(&reference, score, &comment)?;
        file.write(&path)?;
        Ok(file)
    })
    .await?
    .map_err(IpcError::from)
}
