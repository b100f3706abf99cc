//! The window's voting server: at most one, for one workshop, stopped when that workshop
//! closes, when another workspace is opened and when the app quits. The commands that
//! open and watch it are in `commands::voting`.

use partner_risk_voting::VotingServer;
use serde::Serialize;
use tauri::{Manager, Runtime};
use ts_rs::TS;

/// The voting server of this window, if one is open, with what the screen shows of it
/// (drawn once: the status is asked every second).
#[derive(Default)]
pub struct VotingRoom(pub(crate) tokio::sync::Mutex<Option<(VotingServer, VotingInfo)>>);

/// An open voting server as the facilitator's screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VotingInfo {
    pub workshop_id: String,
    pub join_url: String,
    /// Where people who cannot scan type the code: `http://ADDR:PORT/`.
    pub code_url: String,
    /// Eight digits to type there; the participant page shows it too, so that people can
    /// check they joined this workshop.
    pub code: String,
    pub address: String,
    /// The join link as a QR code (a whole SVG document).
    pub qr_svg: String,
}

pub(crate) fn info(server: &VotingServer) -> VotingInfo {
    VotingInfo {
        workshop_id: server.workshop_id().to_string(),
        join_url: server.join_url(),
        code_url: server.code_url(),
        code: server.code(),
        address: server.local_addr().ip().to_string(),
        qr_svg: server.join_qr_svg(),
    }
}

/// Stops the open server, if any (closing a workshop, opening another file, quitting).
pub async fn stop(room: &VotingRoom) {
    let open = room.0.lock().await.take();
    if let Some((server, _)) = open {
        server.stop().await;
    }
}

/// Stops the server of one workshop only.
pub async fn stop_for(room: &VotingRoom, workshop_id: &str) {
    let mut open = room.0.lock().await;
    if open
        .as_ref()
        .is_some_and(|(s, _)| s.workshop_id() == workshop_id)
    {
        if let Some((server, _)) = open.take() {
            server.stop().await;
        }
    }
}

/// Stops voting from outside the async runtime (menu threads, the exit handler).
pub fn stop_blocking<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(room) = app.try_state::<VotingRoom>() {
        tauri::async_runtime::block_on(stop(&room));
    }
}
