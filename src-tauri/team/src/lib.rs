//! The team register (issue 26): workspaces that sync one register through a server whose
//! state is all in PostgreSQL, and keep working offline.
//!
//! # Design
//!
//! * **Change records are the exchange's records.** A partnership is read as an
//!   [`exchange::Snapshot`](partner_risk_core::exchange::Snapshot) (per table, records by
//!   key). Per partnership, a workspace keeps the records as of the server position it last
//!   applied (its *base*, table `team_sync`); its changes are the row-level difference
//!   between that base and the records now ([`protocol::Change`]: table, key, the whole
//!   record or a deletion). Whole records rather than fields: the server only needs to know
//!   *which* records a push touches to decide whether it may append it, and a record is
//!   small; merging fields is the workspace's job, with the exchange's three-way merge.
//! * **The server orders, the workspaces merge.** A push names the position it is based on.
//!   In one transaction the server locks the partnership's head row, answers a change id
//!   it has already applied with its position (so a retried push is applied once), refuses
//!   a position it never issued, refuses with `pull_first` a push based on an older position
//!   whose records overlap records changed since, and otherwise appends the change to the
//!   log and writes it into the current copy. A push that does not overlap is taken even
//!   when it is not based on the newest position: two analysts editing different risks do
//!   not wait on each other. The workspace, told to pull, reads the log after its position
//!   (every page before it applies anything, so a cut-off pull changes nothing), builds the
//!   server's records (base + entries, in the server's order) and merges them into its own
//!   with `exchange::merge_bytes`, three ways against the base — the same merge, audit rows
//!   ("merged from … (author)") and conflict types as a merged exchange file.
//! * **Conflicts never block a sync.** What the merge cannot settle keeps the local value,
//!   is stored in `team_conflicts` (the exchange's [`Conflict`], for the conflict screen)
//!   and its record is left out of pushes until it is resolved ([`workspace::resolve`]).
//! * **Exactly once.** A push is written to `team_pending` with its change id before it is
//!   sent and removed when answered; the next sync sends it again, same id, before anything
//!   else. The server's unique change id and the head row lock make the retry harmless.
//! * **No state in the server.** Everything is in PostgreSQL (schema migrated by the server
//!   itself under an advisory lock), so several servers serve one database side by side;
//!   each keeps only a cache of tokens it has verified (revocation is read per request).
//! * **A current copy for people.** Besides the log, the server keeps one ordinary table per
//!   exchange table (`partnerships`, `risks`, `actions`, `reviews`, …) with the record as
//!   `jsonb` and its main fields as generated columns, for `psql`, reports and BI tools.
//! * **Tokens** are random (256 bits), shown once, stored as argon2id hashes found by the
//!   token's id; on the workspace side they live in the user's config folder in a file
//!   only they can read, never in the workspace file.
//!
//! [`Conflict`]: partner_risk_core::exchange::Conflict

pub mod client;
pub mod protocol;
pub mod server;
pub mod token;
pub mod workspace;

pub use workspace::{
    conflicts, join, resolve, status, sync, Joined, PartnershipSync, SyncReport, TeamConflict,
    TeamPartnershipStatus, TeamStatus,
};
