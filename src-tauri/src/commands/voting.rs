//! Voting from phones: the facilitator opens a voting server for the running workshop on
//! one address of this machine, watches the devices, frees a name, and closes it. The
//! server itself lives in `partner-risk-voting`; only one runs at a time.

use partner_risk_macros::command;
use std::net::IpAddr;

use partner_risk_voting::{DeviceInfo, Options, VotingAddress};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use partner_risk_core::workshop::AgendaItem;

use super::{with_store, Reply};
use crate::error::IpcError;
use crate::voting_room::{info, stop, VotingInfo, VotingRoom};
use crate::workspace::Workspace;

#[derive(Debug, Clone, Serialize, TS)]
pub struct VotingStatus {
    /// `None` when voting is not open for this workshop.
    pub open: Option<VotingInfo>,
    pub devices: Vec<DeviceInfo>,
    /// The item the phones are on (`None`: every item is decided).
    pub item: Option<AgendaItem>,
    /// Who has voted in its current round, from a phone or not (never how).
    pub voted: Vec<String>,
}

#[command]
pub async fn voting_addresses() -> Reply<Vec<VotingAddress>> {
    tauri::async_runtime::spawn_blocking(partner_risk_voting::addresses)
        .await
        .map_err(|e| IpcError::internal(e.to_string()))?
        .map_err(|e| IpcError::internal(format!("cannot list this computer's networks: {e}")))
}

/// Opens voting for a running workshop on one of this machine's addresses, on a free
/// port; for the workshop already open it returns the running server.
#[command]
pub async fn open_voting(
    workspace: State<'_, Workspace>,
    room: State<'_, VotingRoom>,
    workshop_id: String,
    address: String,
) -> Reply<VotingInfo> {
    let mut open = room.0.lock().await;
    if let Some((server, shown)) = open.as_ref() {
        if server.workshop_id() == workshop_id {
            return Ok(shown.clone());
        }
        return Err(IpcError::new(
            "conflict",
            None,
            "Voting is open for another workshop. Close it there first.",
        )
        .about(server.workshop_id(), "voting is open for another workshop"));
    }
    let ip: IpAddr = address.trim().parse().map_err(|_| {
        IpcError::new(
            "invalid",
            Some("address"),
            format!("\"{address}\" is not an IP address"),
        )
        .about(address.as_str(), "is not an IP address")
    })?;
    let known = voting_addresses().await?;
    if !known.iter().any(|a| a.address == ip.to_string()) {
        return Err(IpcError::new(
            "invalid",
            Some("address"),
            format!("{ip} is not an address of this computer (any more); pick one from the list"),
        )
        .about(ip.to_string(), "is not an address of this computer"));
    }
    let server = partner_risk_voting::start(workspace.0.clone(), &workshop_id, Options::new(ip, 0))
        .await
        .map_err(|e| match e {
            partner_risk_voting::Error::Core(core) => IpcError::from(core),
            partner_risk_voting::Error::NotRunning(title) => IpcError::new(
                "conflict",
                None,
                format!("\"{title}\" is not running: start the workshop before opening voting."),
            )
            .about(title, "the workshop is not running"),
            other => IpcError::new("io", Some("address"), other.to_string()),
        })?;
    let shown = info(&server);
    *open = Some((server, shown.clone()));
    Ok(shown)
}

#[command]
pub async fn voting_status(
    workspace: State<'_, Workspace>,
    room: State<'_, VotingRoom>,
    workshop_id: String,
) -> Reply<VotingStatus> {
    let (open, devices) = {
        let open = room.0.lock().await;
        match open.as_ref() {
            Some((server, shown)) if server.workshop_id() == workshop_id => (
                Some(shown.clone()),
                server.devices().await.map_err(|_| {
                    IpcError::internal("cannot read the devices of the voting server")
                })?,
            ),
            _ => return Ok(VotingStatus::closed()),
        }
    };
    let (item, voted) = with_store(workspace, move |s| {
        let Some(item) = s.current_item(&workshop_id)? else {
            return Ok((None, Vec::new()));
        };
        let voted = s
            .item_view(&item.id)?
            .voted
            .into_iter()
            .filter(|v| v.voted)
            .map(|v| v.participant_id)
            .collect();
        Ok((Some(item), voted))
    })
    .await?;
    Ok(VotingStatus {
        open,
        devices,
        item,
        voted,
    })
}

impl VotingStatus {
    fn closed() -> Self {
        VotingStatus {
            open: None,
            devices: Vec::new(),
            item: None,
            voted: Vec::new(),
        }
    }
}

/// Frees a claimed name so that another device can take it; false when nobody held it.
#[command]
pub async fn release_voter(room: State<'_, VotingRoom>, participant_id: String) -> Reply<bool> {
    let open = room.0.lock().await;
    Ok(open
        .as_ref()
        .is_some_and(|(server, _)| server.release(&participant_id)))
}

#[command]
pub async fn close_voting(room: State<'_, VotingRoom>) -> Reply<()> {
    stop(&room).await;
    Ok(())
}
