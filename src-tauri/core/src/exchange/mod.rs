//! Registers that travel: a partnership sent as an exchange file, and merged three ways
//! (base, ours, theirs) into another workspace without losing anyone's work.
//!
//! # Design: a domain-level diff by UUID against a kept base, not SQLite's session extension
//!
//! SQLite's session extension records changes per table row, keyed by the primary key, and
//! applies them with a per-row conflict handler. It does not fit this merge:
//!
//! * Several tables are keyed by a local row number (`risks.num`, `reviews.num`,
//!   `readings.num`, the audit log's `seq`) that differs between workspaces; the records'
//!   identity is their UUID (`ids.rs`), a plain column. Changesets keyed by `num` would
//!   update the wrong rows.
//! * Conflicts must be per field and shown with their base, our and their values; a score is
//!   two columns that merge as one; the exit plan is one JSON column. A row-level conflict
//!   handler sees old and new rows, not the base of the other side.
//! * Append-only evidence (reviews, audit rows, exit tests) is united, two new risks with
//!   one title are a conflict, a reference taken on both sides renumbers the incoming risk —
//!   rules of the domain, not of rows.
//! * A changeset is only meaningful against the exact schema it was recorded on and needs
//!   the session to be running while every change is made; the team server (issue 26) must
//!   be able to push the same records to a PostgreSQL copy of the register.
//!
//! So the exchange reads a partnership as plain records ([`Snapshot`]: per table, rows keyed
//! by their UUIDs, fields as JSON values), keeps the last snapshot exchanged per partnership
//! (sent or merged, by its digest) to find the common base next time, and merges the three
//! snapshots generically ([`merge`]). What each table is — its key, parents, append-only or
//! not, unique fields, columns that stay home — is one entry of [`tables::TABLES`]; its
//! columns come from the schema, so a column a later migration adds travels by itself, and
//! a later table (money estimates) is one more entry, not a new merge.

mod apply;
mod bases;
pub mod file;
pub mod merge;
mod merging;
mod partner;
mod prepare;
mod reference;
mod refused;
mod send;
pub mod snapshot;
pub(crate) mod tables;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use apply::Written;
pub use file::{Payload, Sender, Share, EXTENSION};
pub use merge::{
    Conflict, ConflictKind, Merged, Renumbered, Resolution, Resolutions, Side, SideChange, What,
};
pub use partner::{disagreements, partner_views, Disagreement, PartnerView};
pub(crate) use reference::check_reference_data;
pub use send::exchange_bytes;
pub use snapshot::Snapshot;

use crate::error::Result;
use crate::store::Store;

/// What to send.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportOptions {
    /// A share with the partner: only the chosen risks and fields, internal matters kept home.
    pub for_partner: bool,
    /// With `for_partner`: the references of the risks to share (all when empty).
    pub risks: Vec<String>,
    /// With `for_partner`: the risk fields to share beyond reference, category, title,
    /// status and scores.
    pub fields: Vec<String>,
}

/// What was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Exported {
    pub partnership: String,
    pub bytes: usize,
    pub digest: String,
    pub base: Option<String>,
    /// Records per table.
    pub records: BTreeMap<String, usize>,
}

/// How a file meets this workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ExchangeMode")]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The partnership is new here: it is imported as it is.
    Import,
    /// Against the newest copy both sides keep.
    ThreeWay,
    /// The partnership exists here but no common copy does: every difference is a conflict.
    TwoWay,
    /// The partner's copy of a share: their scores and comments are kept beside ours.
    PartnerView,
}

/// Options of a preview or a merge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeOptions {
    pub resolutions: Resolutions,
    /// The partnership the file must be for (id or name), when the caller names one.
    pub partnership: Option<String>,
    /// Compare two ways when the file's base is unknown here (instead of refusing).
    pub two_way: bool,
    /// Take the rolling session backup when one is due instead of a backup before this
    /// merge: for a team sync, which merges every few minutes and whose server keeps the
    /// whole history anyway.
    pub rolling_backup: bool,
}

/// Counts of one table's changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "ExchangeCounts")]
pub struct Counts {
    pub new: usize,
    pub changed: usize,
    pub deleted: usize,
}

/// What merging a file would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "ExchangePreview")]
pub struct Preview {
    pub file: String,
    pub mode: Mode,
    pub partnership_id: String,
    pub partnership: String,
    pub sender: Sender,
    pub sent_at: DateTime<Utc>,
    pub digest: String,
    /// The common copy merged against (three-way).
    pub base: Option<String>,
    /// When that copy was sent or merged here.
    pub base_at: Option<DateTime<Utc>>,
    /// Changes since the base, per side and table.
    pub mine_counts: BTreeMap<String, Counts>,
    pub theirs_counts: BTreeMap<String, Counts>,
    pub mine: Vec<SideChange>,
    pub theirs: Vec<SideChange>,
    pub conflicts: Vec<Conflict>,
    pub renumbered: Vec<Renumbered>,
    /// What applying writes here, per table.
    pub apply: BTreeMap<String, Counts>,
    /// The partner's views recorded (partner mode).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub partner_views: Vec<partner::PartnerView>,
}

impl Preview {
    pub fn unresolved(&self) -> usize {
        self.conflicts
            .iter()
            .filter(|c| c.resolution.is_none())
            .count()
    }

    /// Nothing would be written.
    pub fn is_noop(&self) -> bool {
        self.apply
            .values()
            .all(|c| c.new + c.changed + c.deleted == 0)
            && self.partner_views.is_empty()
    }
}

/// What a merge wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeReport {
    pub preview: Preview,
    pub written: bool,
    pub backup: Option<String>,
}

/// Writes a partnership to an exchange file at `path` and keeps what was sent as a base
/// for the next exchange.
pub fn export(
    store: &mut Store,
    partnership: &str,
    path: &Path,
    options: &ExportOptions,
) -> Result<Exported> {
    let (payload, bytes) = send::exchange_bytes(store, partnership, options)?;
    crate::files::write_atomically(path, &bytes)?;
    keep_sent(store, &payload)?;
    Ok(Exported {
        partnership: payload.partnership_name,
        bytes: bytes.len(),
        digest: payload.digest,
        base: payload.bases.first().cloned(),
        records: payload
            .records
            .tables
            .iter()
            .map(|(t, rows)| (t.clone(), rows.len()))
            .collect(),
    })
}

/// Keeps what was sent some other way than a file ([`exchange_bytes`]) as a base for the
/// next exchange, as [`export`] does.
pub fn keep_sent(store: &mut Store, payload: &Payload) -> Result<()> {
    bases::keep_base(
        store,
        &payload.partnership_id,
        &payload.records.light().encode(),
        &payload.digest,
        "sent",
        "",
    )
}

/// What merging the exchange file at `path` would do; nothing is written.
pub fn preview(store: &Store, path: &Path, options: &MergeOptions) -> Result<Preview> {
    prepare::preview_opened(store, path, file::open(path)?, options)
}

/// What merging an exchange file's bytes received some other way (a team server) would
/// do; `name` names them in messages and audit rows.
pub fn preview_bytes(
    store: &Store,
    name: &str,
    bytes: Vec<u8>,
    options: &MergeOptions,
) -> Result<Preview> {
    let path = Path::new(name);
    prepare::preview_opened(store, path, file::open_bytes(path, bytes)?, options)
}

/// Merges the exchange file at `path` into the workspace: refused whole (nothing
/// written) while a conflict has no resolution; otherwise a backup, then one
/// transaction with audit rows naming the file and its sender. `dry_run`: everything
/// but the write.
pub fn merge_file(
    store: &mut Store,
    path: &Path,
    options: &MergeOptions,
    dry_run: bool,
) -> Result<MergeReport> {
    let opened = file::open(path)?;
    merging::merge_opened(store, path, opened, options, dry_run)
}

/// Merges an exchange file's bytes received some other way (a team server), as
/// [`merge_file`] does; `name` names them in messages and audit rows.
pub fn merge_bytes(
    store: &mut Store,
    name: &str,
    bytes: Vec<u8>,
    options: &MergeOptions,
    dry_run: bool,
) -> Result<MergeReport> {
    let path = Path::new(name);
    let opened = file::open_bytes(path, bytes)?;
    merging::merge_opened(store, path, opened, options, dry_run)
}
