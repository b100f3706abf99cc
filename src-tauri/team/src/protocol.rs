//! What the workspaces and the server say to each other: JSON over HTTP, version 1 under
//! `/v1/`. Every request but none carries `Authorization: Bearer <token>`.
//!
//! | request | answer |
//! | --- | --- |
//! | `GET /v1/team` | [`TeamInfo`]: the team's id and who the token is |
//! | `GET /v1/partnerships` | [`PartnershipHead`]s the user may read |
//! | `GET /v1/partnerships/{id}/log/{after}` | [`LogPage`]: entries after a position |
//! | `POST /v1/partnerships/{id}/push` | [`Push`] → [`Pushed`] |
//!
//! Refusals are [`Refusal`]s with an HTTP status: 400 (bad request, `unknown_base`,
//! `unknown_table`), 401 (`token`: wrong, unknown or revoked), 403 (`forbidden`: a viewer's
//! push, an author other than the token's user), 409 (`pull_first`), 503 (the database).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The protocol version in the paths.
pub const VERSION: &str = "v1";
/// The most entries one log page carries; a client asks again from the last one.
pub const PAGE: i64 = 500;

/// One row-level change: a record of an exchange table, written whole, or deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub table: String,
    pub key: String,
    /// The record (field → value, as the exchange's snapshots hold it); `None`: deleted.
    pub row: Option<Map<String, Value>>,
}

/// The matrix and categories a partnership's risks use, as the exchange file carries them:
/// what a workspace that has never seen the partnership needs to import it.
pub type Reference = Value;

/// A push: the changes of one workspace to one partnership since the position it had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Push {
    /// Chosen by the client (a UUID) before the first attempt and kept for every retry:
    /// the server applies a change id once.
    pub change_id: String,
    /// The log position the changes are based on (0: the partnership's beginning).
    pub base: i64,
    /// Who made the changes: must be the token's user.
    pub author: String,
    pub changes: Vec<Change>,
    pub reference: Option<Reference>,
}

/// A push accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pushed {
    /// The log position of the change.
    pub position: i64,
    /// The change id was in the log already (a retry): nothing was applied again.
    pub duplicate: bool,
}

/// One entry of a partnership's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub position: i64,
    pub change_id: String,
    pub author: String,
    pub at: String,
    pub changes: Vec<Change>,
}

/// Entries after a position, in the server's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogPage {
    /// The partnership's newest position when the page was read.
    pub head: i64,
    pub entries: Vec<Entry>,
    /// The newest matrix and categories pushed.
    pub reference: Option<Reference>,
}

/// A partnership the server knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipHead {
    pub id: String,
    pub name: Option<String>,
    pub head: i64,
    /// `viewer` or `editor`: what this user may do with it.
    pub role: String,
}

/// Who a token is, on which team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamInfo {
    pub team_id: String,
    pub user: String,
    pub role: String,
    pub server_version: String,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// `bad_request`, `token`, `forbidden`, `unknown_base`, `unknown_table`, `pull_first`,
    /// `not_found`, `unavailable`.
    pub code: String,
    pub message: String,
    /// With `pull_first` and `unknown_base`: the partnership's newest position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<i64>,
}
