//! File → Connect to a Team…, Sync Now, and the sidebar's sync status: the window's side of
//! the team register (`partner_risk_team`).
//!
//! The window never waits on the network while holding the workspace's store: what talks to
//! the server (join, sync) and what reads the whole register to count changes (status) runs
//! on a connection of its own to the same file, in a blocking task (SQLite's WAL lets both
//! connections work). A sync that wrote something tells the window (`team-synced`), which
//! reloads what it shows. A server that does not answer is not an error of the command: the
//! outcome says so, for a quiet "Offline" in the status, and nothing is lost.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use partner_risk_core::exchange::Resolution;
use partner_risk_core::{OpenMode, Store};
use partner_risk_macros::command;
use partner_risk_team::client::{host_of, plain_http_elsewhere};
use partner_risk_team::{Joined, SyncReport, TeamConflict, TeamStatus};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

use super::{with_store, Reply};
use crate::error::IpcError;
use crate::workspace::Workspace;

/// Sent to the window as `team-synced` (with the [`SyncReport`]) after a sync that wrote
/// something to the workspace: pulled changes, a partnership imported, conflicts kept.
pub const TEAM_SYNCED: &str = "team-synced";

/// One sync at a time: a second one (the timer and *Sync now* together) waits for the first.
static SYNCING: Mutex<()> = Mutex::new(());

/// Why the workspace could not sync, as a kind the window words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TeamProblemKind {
    /// The server did not answer (down, unreachable, no network): try again later.
    Offline,
    /// The server refused the token: wrong, unknown or revoked.
    Token,
    /// The server's certificate is not trusted here.
    Certificate,
    /// Anything else; the detail says what.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamProblem {
    pub kind: TeamProblemKind,
    /// The error as the sync recorded it (for a tooltip and the log).
    pub detail: String,
}

/// The sync status and why the last sync failed, if it did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamView {
    pub status: TeamStatus,
    pub problem: Option<TeamProblem>,
}

/// What *Sync now* (or the timer) did: the report of a sync that ran, or why it could not.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamSyncOutcome {
    pub report: Option<SyncReport>,
    pub view: TeamView,
}

/// A conflict kept by a sync, with the risk it belongs to (for the register's mark).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamConflictView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub conflict: TeamConflict,
    pub risk_id: Option<String>,
}

/// What a failed sync's recorded error is about. The error's text is `field: message (got
/// …)` (see `partner_risk_core::Error`); the team client names the field.
pub fn problem_of(error: &str) -> TeamProblem {
    let kind = if error.starts_with("token:") {
        TeamProblemKind::Token
    } else if error.starts_with("server:") && error.contains("certificate") {
        TeamProblemKind::Certificate
    } else if error.starts_with("server:") && error.contains("no answer from the team server") {
        TeamProblemKind::Offline
    } else {
        TeamProblemKind::Other
    };
    TeamProblem {
        kind,
        detail: error.to_string(),
    }
}

fn view(status: TeamStatus) -> TeamView {
    let problem = status.last_error.as_deref().map(problem_of);
    TeamView { status, problem }
}

/// Refuses an address the window must not send a token to: not http(s), or plain
/// `http://` to another machine (tokens and the register would travel in clear).
pub fn check_server_address(server: &str) -> Result<(), IpcError> {
    let address = server.trim();
    let lower = address.to_ascii_lowercase();
    let refuse = |reason: &str, message: &str| {
        Err(IpcError::new("invalid", Some("server"), message).about(address, reason))
    };
    if address.is_empty() {
        return refuse("must not be empty", "Give the team server's address.");
    }
    if plain_http_elsewhere(address) {
        return refuse(
            "plain http only on this machine",
            "The address must start with https:// — plain http:// is only for a server on this machine.",
        );
    }
    if lower.starts_with("http://") {
        return Ok(());
    }
    match lower.strip_prefix("https://") {
        Some(rest) if !host_of(rest).is_empty() => Ok(()),
        _ => refuse(
            "must start with https://",
            "The address must start with https://, as https://risk.example.org:8443.",
        ),
    }
}

/// Runs `work` on a connection of its own to the window's workspace file, off the async
/// runtime; the window's store stays free for every other command meanwhile. `None`: the
/// window holds no file (a damaged workspace waiting for recovery).
async fn with_own_store<T: Send + 'static, F>(
    workspace: State<'_, Workspace>,
    work: F,
) -> Reply<Option<T>>
where
    F: FnOnce(&mut Store) -> partner_risk_core::Result<T> + Send + 'static,
{
    let op = super::command_name::<F>();
    let shared = Arc::clone(&workspace.0);
    tauri::async_runtime::spawn_blocking(move || {
        // The lock is held only to read the path, never across the work.
        let path: PathBuf = shared
            .lock()
            .map_err(|_| {
                IpcError::internal("the workspace is unavailable after an earlier failure")
            })?
            .path()
            .to_path_buf();
        if path.as_os_str().is_empty() {
            return Ok(None);
        }
        let mut store = own_store(&path).map_err(|e| IpcError::from_core(e, Some(op)))?;
        work(&mut store)
            .map(Some)
            .map_err(|e| IpcError::from_core(e, Some(op)))
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))?
}

fn own_store(path: &Path) -> partner_risk_core::Result<Store> {
    Store::open(path, OpenMode::Existing)
}

/// Where this workspace stands with its team (read here; the server is not asked).
#[command]
pub async fn team_status(workspace: State<'_, Workspace>) -> Reply<TeamView> {
    // A closure, not the function: its type names this command in the log.
    #[allow(clippy::redundant_closure)]
    let status = with_own_store(workspace, |s| partner_risk_team::status(s)).await?;
    Ok(view(status.unwrap_or_else(TeamStatus::not_joined)))
}

/// Connects this workspace to the team at `server` with `token` (checked with the server;
/// the token is kept in the user's config folder, not in the workspace).
#[command]
pub async fn team_join(
    workspace: State<'_, Workspace>,
    server: String,
    token: String,
) -> Reply<Joined> {
    check_server_address(&server)?;
    if token.trim().is_empty() {
        return Err(
            IpcError::new("invalid", Some("token"), "Paste the token you were given.")
                .about("", "must not be empty"),
        );
    }
    let server = server.trim().to_string();
    with_own_store(workspace, move |s| {
        partner_risk_team::join(s, &server, &token)
    })
    .await?
    .ok_or_else(|| {
        IpcError::new(
            "invalid",
            None,
            "Open a workspace before connecting it to a team.",
        )
    })
}

/// Pushes this workspace's changes and pulls the team's. A server that does not answer
/// (or refuses the token) is reported in the outcome's status, not as an error; the window
/// is told to reload when the sync wrote something.
#[command]
pub async fn team_sync<R: Runtime>(
    app: AppHandle<R>,
    workspace: State<'_, Workspace>,
) -> Reply<TeamSyncOutcome> {
    let outcome = with_own_store(workspace, |s| {
        let _one = SYNCING.lock().unwrap_or_else(|e| e.into_inner());
        let (report, problem) = match partner_risk_team::sync(s) {
            Ok(report) => (Some(report), None),
            // Not connected to a team: nothing to do, nothing to say.
            Err(e) if e.field() == Some("team") => {
                return Ok(TeamSyncOutcome {
                    report: None,
                    view: view(TeamStatus::not_joined()),
                })
            }
            Err(e) => {
                let problem = problem_of(&e.to_string());
                log::warn!("team sync: {}", problem.detail);
                (None, Some(problem))
            }
        };
        let mut view = view(partner_risk_team::status(s)?);
        if problem.is_some() {
            view.problem = problem;
        }
        Ok(TeamSyncOutcome { report, view })
    })
    .await?
    .unwrap_or_else(|| TeamSyncOutcome {
        report: None,
        view: view(TeamStatus::not_joined()),
    });
    if let Some(report) = &outcome.report {
        let wrote = report.pulled > 0
            || report.conflicts > 0
            || report.partnerships.iter().any(|p| p.imported);
        if wrote {
            let _ = app.emit(TEAM_SYNCED, report.clone());
        }
    }
    Ok(outcome)
}

/// The table's rows that belong to a risk (by a `risk_id` column) and are named by `id`.
fn risk_of(store: &Store, table: &str, key: &str) -> Option<String> {
    if table == "risks" {
        return Some(key.to_string());
    }
    let conn = store.connection();
    let has_risk: bool = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info(?1) WHERE name IN ('id', 'risk_id')",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n == 2)
        .unwrap_or(false);
    if !has_risk {
        return None;
    }
    // The table's name was found in the schema just now: quoting it is enough.
    let sql = format!(
        "SELECT risk_id FROM \"{}\" WHERE id = ?1",
        table.replace('"', "\"\"")
    );
    conn.query_row(&sql, [key], |r| r.get::<_, Option<String>>(0))
        .ok()
        .flatten()
}

/// The conflicts the syncs kept, of one partnership or all, each with its risk.
#[command]
pub async fn team_conflicts(
    workspace: State<'_, Workspace>,
    partnership_id: Option<String>,
) -> Reply<Vec<TeamConflictView>> {
    with_store(workspace, move |s| {
        let kept = partner_risk_team::conflicts(s, partnership_id.as_deref())?;
        Ok(kept
            .into_iter()
            .map(|conflict| TeamConflictView {
                risk_id: risk_of(s, &conflict.conflict.table, &conflict.conflict.key),
                conflict,
            })
            .collect())
    })
    .await
}

/// Settles a kept conflict: `mine` keeps our value (the next sync sends it), `theirs` or a
/// merged value writes it here.
#[command]
pub async fn team_resolve(
    workspace: State<'_, Workspace>,
    conflict_id: String,
    resolution: Resolution,
) -> Reply<()> {
    with_store(workspace, move |s| {
        partner_risk_team::resolve(s, &conflict_id, &resolution)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_only_for_this_machine() {
        for ok in [
            "http://127.0.0.1:8443",
            "http://localhost:9000/",
            "http://[::1]:80",
            "https://risk.example.org",
            "https://10.1.2.3:8443/team",
            "  https://risk.example.org  ",
        ] {
            assert!(check_server_address(ok).is_ok(), "{ok}");
        }
        for (bad, reason) in [
            ("http://risk.example.org", "plain http only on this machine"),
            ("http://10.0.0.5:8443", "plain http only on this machine"),
            (
                "http://localhost.evil.org",
                "plain http only on this machine",
            ),
            ("http://user@example.org", "plain http only on this machine"),
            ("risk.example.org", "must start with https://"),
            ("ftp://risk.example.org", "must start with https://"),
            ("https://", "must start with https://"),
            ("", "must not be empty"),
        ] {
            let e = check_server_address(bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("server"), "{bad}");
            assert_eq!(e.reason.as_deref(), Some(reason), "{bad}");
        }
    }

    #[test]
    fn recorded_errors_are_told_apart() {
        let offline = "server: no answer from the team server (io: Connection refused); nothing was lost, sync again later (got \"http://127.0.0.1:9\")";
        assert_eq!(problem_of(offline).kind, TeamProblemKind::Offline);
        let cert = "server: no answer from the team server (rustls: invalid peer certificate: UnknownIssuer); nothing was lost, sync again later (got \"https://x\")";
        assert_eq!(problem_of(cert).kind, TeamProblemKind::Certificate);
        let cert = "server: the team server's certificate is not trusted here (io: invalid peer certificate: UnknownIssuer): add the team's CA (got \"https://x\")";
        assert_eq!(problem_of(cert).kind, TeamProblemKind::Certificate);
        let token = "token: the team: this token was revoked (got \"https://x\")";
        assert_eq!(problem_of(token).kind, TeamProblemKind::Token);
        let other =
            "server: this server is another team (a, not b): nothing was synced (got \"x\")";
        assert_eq!(problem_of(other).kind, TeamProblemKind::Other);
        assert_eq!(problem_of(other).detail, other);
    }
}
