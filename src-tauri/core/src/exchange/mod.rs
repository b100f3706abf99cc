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
pub mod file;
pub mod merge;
mod partner;
pub mod snapshot;
pub(crate) mod tables;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use apply::Written;
pub use file::{Payload, Sender, Share, EXTENSION};
pub use merge::{
    Conflict, ConflictKind, Merged, Renumbered, Resolution, Resolutions, Side, SideChange, What,
};
pub use partner::{disagreements, partner_views, Disagreement, PartnerView};
pub use snapshot::Snapshot;

use crate::error::{Error, Result};
use crate::store::{BackupReason, Store, Writer};

/// How many exchanged copies of a partnership a workspace keeps as possible bases.
const KEPT_BASES: i64 = 8;
/// The setting naming this workspace in exchange files.
const WORKSPACE_ID: &str = "exchange.workspace_id";

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

/// Everything needed to apply, kept between the preview and the write.
struct Prepared {
    payload: Payload,
    preview: Preview,
    mine: Snapshot,
    merged: Option<Merged>,
}

fn counts(changes: &[SideChange]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for c in changes {
        let e = out.entry(c.table.clone()).or_default();
        match c.what {
            What::New => e.new += 1,
            What::Changed => e.changed += 1,
            What::Deleted => e.deleted += 1,
        }
    }
    out
}

/// This workspace's id in exchange files (made on the first export).
fn workspace_id(store: &Store) -> Result<Option<String>> {
    store.setting(WORKSPACE_ID)
}

/// The digests of the copies of a partnership this workspace keeps, newest first.
fn kept_bases(store: &Store, partnership_id: &str) -> Result<Vec<(String, DateTime<Utc>)>> {
    let mut stmt = store.connection().prepare_cached(
            "SELECT digest, at FROM exchange_snapshots WHERE partnership_id = ?1 ORDER BY at DESC, rowid DESC",
        )?;
    let rows = stmt.query_map([partnership_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A kept copy: the compressed body of the file it was sent or received as.
fn kept_body(store: &Store, partnership_id: &str, digest: &str) -> Result<Vec<u8>> {
    Ok(store.connection().query_row(
        "SELECT records FROM exchange_snapshots WHERE partnership_id = ?1 AND digest = ?2",
        params![partnership_id, digest],
        |r| r.get(0),
    )?)
}

/// Writes a partnership to an exchange file at `path` and keeps what was sent as a base
/// for the next exchange.
pub fn export(
    store: &mut Store,
    partnership: &str,
    path: &Path,
    options: &ExportOptions,
) -> Result<Exported> {
    let (payload, bytes) = exchange_bytes(store, partnership, options)?;
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
    keep_base(
        store,
        &payload.partnership_id,
        &payload.records.light().encode(),
        &payload.digest,
        "sent",
        "",
    )
}

/// The payload and the bytes of an exchange file, without writing anything (see
/// [`keep_sent`]).
pub fn exchange_bytes(
    store: &mut Store,
    partnership: &str,
    options: &ExportOptions,
) -> Result<(Payload, Vec<u8>)> {
    let p = store.find_partnership(partnership)?;
    let chosen = !options.risks.is_empty() || !options.fields.is_empty();
    if chosen && !options.for_partner {
        return Err(Error::invalid(
            "risks",
            options.risks.join(","),
            "choosing risks or fields is for a share with the partner (--for-partner)",
        ));
    }
    let mut records = snapshot::read(store.connection(), &p.id)?;
    let mut share = store
        .setting(&partner::share_key(&p.id))?
        .and_then(|s| serde_json::from_str(&s).ok());
    if options.for_partner {
        let chosen = partner::filter(&mut records, &options.risks, &options.fields)?;
        share = Some(chosen);
    }
    let workspace_id = match workspace_id(store)? {
        Some(id) => id,
        None => {
            let id = crate::ids::new_id();
            store.write(|w| w.set_setting(WORKSPACE_ID, &id))?;
            id
        }
    };
    let used: HashSet<String> = records
        .rows("risks")
        .into_iter()
        .flat_map(|rows| rows.values())
        .filter_map(|r| r.get("category").and_then(|c| c.as_str()).map(String::from))
        .collect();
    let categories = store
        .categories()?
        .into_iter()
        .filter(|c| used.contains(&c.code))
        .collect();
    let payload = Payload {
        partnership_id: p.id.clone(),
        partnership_name: p.fields.name.clone(),
        sender: Sender {
            name: store.actor().to_string(),
            workspace_id,
            workspace: store
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        },
        sent_at: crate::ids::now(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: store.schema_version()?,
        digest: records.digest(),
        bases: kept_bases(store, &p.id)?
            .into_iter()
            .map(|(d, _)| d)
            .collect(),
        share,
        matrix: store.matrix(&p.matrix_id)?,
        categories,
        records,
    };
    let bytes = file::encode(&payload)?;
    Ok((payload, bytes))
}

/// Keeps a copy of a partnership as exchanged, as a base for later merges.
fn keep_base(
    store: &mut Store,
    partnership_id: &str,
    body: &[u8],
    digest: &str,
    direction: &str,
    peer: &str,
) -> Result<()> {
    store.write(|w| keep_base_in(w, partnership_id, body, digest, direction, peer))
}

/// What merging the exchange file at `path` would do; nothing is written.
pub fn preview(store: &Store, path: &Path, options: &MergeOptions) -> Result<Preview> {
    preview_opened(store, path, file::open(path)?, options)
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
    preview_opened(store, path, file::open_bytes(path, bytes)?, options)
}

fn preview_opened(
    store: &Store,
    path: &Path,
    opened: file::Opened,
    options: &MergeOptions,
) -> Result<Preview> {
    let Prepared {
        preview,
        payload,
        mine,
        merged,
    } = prepare(store, path, opened, options)?;
    // Freeing tens of thousands of records takes a while: not while the caller waits.
    std::thread::spawn(move || drop((payload, mine, merged)));
    Ok(preview)
}

fn prepare(
    store: &Store,
    path: &Path,
    opened: file::Opened,
    options: &MergeOptions,
) -> Result<Prepared> {
    let header = &opened.header;
    let pid = header.partnership_id.as_str();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let exists = match store.partnership(pid) {
        Ok(_) => true,
        Err(Error::NotFound { .. }) => false,
        Err(e) => return Err(e),
    };
    // The newest copy both sides keep.
    let common = if exists {
        let theirs: HashSet<&str> = header
            .bases
            .iter()
            .map(String::as_str)
            .chain([header.records.as_str()])
            .collect();
        kept_bases(store, pid)?
            .into_iter()
            .find(|(d, _)| theirs.contains(d.as_str()))
            .map(|(d, _)| d)
    } else {
        None
    };
    let base_body = match &common {
        Some(d) => Some(kept_body(store, pid, d)?),
        None => None,
    };
    // The file's body and the base are read on another core while ours are read here.
    let (payload, base, mine) = std::thread::scope(|s| {
        let payload = s.spawn(|| file::decode_body(path, &opened.body));
        let base = base_body
            .as_deref()
            .map(|body| s.spawn(move || snapshot::decode(body)));
        let mine = if exists {
            snapshot::read_ours(store.connection(), pid)
        } else {
            Ok(Snapshot::default())
        };
        let joined = |r: std::thread::Result<Result<Payload>>| {
            r.unwrap_or_else(|_| {
                Err(Error::invalid(
                    "file",
                    path.display().to_string(),
                    "could not be read",
                ))
            })
        };
        let payload = joined(payload.join());
        let base = base.map(|b| {
            b.join().unwrap_or_else(|_| {
                Err(Error::invalid(
                    "exchange_snapshots",
                    "",
                    "could not be read",
                ))
            })
        });
        (payload, base, mine)
    });
    let (payload, mine) = (payload?, mine?);
    let base = base.transpose()?;
    file::agrees(path, header, &payload)?;
    partner::check_payload(store, &payload)?;
    if let Some(named) = &options.partnership {
        let p = store.find_partnership(named)?;
        if p.id != payload.partnership_id {
            return Err(Error::invalid(
                "file",
                &file_name,
                format!(
                    "the file is for partnership \"{}\", not \"{}\"",
                    payload.partnership_name, p.fields.name
                ),
            ));
        }
    }
    let empty = Snapshot::default();
    let mode = if !exists {
        if let Ok(other) = store.find_partnership(&payload.partnership_name) {
            return Err(Error::conflict(
                "file",
                &file_name,
                format!(
                    "this workspace has another partnership named \"{}\" (id {}); the file is for a different one (id {}): rename ours first",
                    other.fields.name, other.id, payload.partnership_id
                ),
            ));
        }
        Mode::Import
    } else {
        let partner_copy = payload.share.is_some()
            && workspace_id(store)?.as_deref() != Some(payload.sender.workspace_id.as_str());
        match &common {
            Some(_) if partner_copy => Mode::PartnerView,
            Some(_) => Mode::ThreeWay,
            None if payload.bases.is_empty() || options.two_way => Mode::TwoWay,
            None => {
                return Err(Error::invalid(
                    "file",
                    &file_name,
                    format!(
                        "it is based on a copy of \"{}\" this workspace never had (base {}): nothing was merged; merge it with --two-way to compare every difference",
                        payload.partnership_name,
                        &payload.bases[0][..12.min(payload.bases[0].len())]
                    ),
                ))
            }
        }
    };
    let base_digest = common;
    let (mut merged, partner_views) = match mode {
        Mode::Import => (None, Vec::new()),
        Mode::PartnerView => {
            let views = partner::views(base.as_ref().unwrap_or(&empty), &mine, &payload);
            (None, views)
        }
        Mode::ThreeWay | Mode::TwoWay => (
            Some(merge::merge(
                base.as_ref(),
                &mine,
                &payload.records,
                &options.resolutions,
            )),
            Vec::new(),
        ),
    };
    if let Some(m) = &merged {
        check_resolutions(&options.resolutions, m)?;
    }
    let apply = match &merged {
        Some(m) => merge::plan(&mine, &m.result),
        None if mode == Mode::Import => merge::plan(&empty, &payload.records),
        None => merge::Plan::default(),
    };
    let apply_counts = apply
        .tables
        .iter()
        .filter(|t| !(t.insert.is_empty() && t.update.is_empty() && t.delete.is_empty()))
        .map(|t| {
            (
                t.table.to_string(),
                Counts {
                    new: t.insert.len(),
                    changed: t.update.len(),
                    deleted: t.delete.len(),
                },
            )
        })
        .collect();
    let (mut mine_changes, mut theirs_changes, conflicts, renumbered) = match &mut merged {
        Some(m) => (
            std::mem::take(&mut m.mine),
            std::mem::take(&mut m.theirs),
            m.conflicts.clone(),
            m.renumbered.clone(),
        ),
        None => Default::default(),
    };
    let (mine_counts, theirs_counts) = (counts(&mine_changes), counts(&theirs_changes));
    // History is counted, not listed: each row of it is a change listed already.
    for list in [&mut mine_changes, &mut theirs_changes] {
        list.retain(|c| c.table != "audit_log");
    }
    let preview = Preview {
        file: file_name,
        mode,
        partnership_id: payload.partnership_id.clone(),
        partnership: payload.partnership_name.clone(),
        sender: payload.sender.clone(),
        sent_at: payload.sent_at,
        digest: payload.digest.clone(),
        base: base_digest,
        mine_counts,
        theirs_counts,
        mine: mine_changes,
        theirs: theirs_changes,
        conflicts,
        renumbered,
        apply: apply_counts,
        partner_views,
    };
    Ok(Prepared {
        payload,
        preview,
        mine,
        merged,
    })
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
    merge_opened(store, path, opened, options, dry_run)
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
    merge_opened(store, path, opened, options, dry_run)
}

fn merge_opened(
    store: &mut Store,
    path: &Path,
    opened: file::Opened,
    options: &MergeOptions,
    dry_run: bool,
) -> Result<MergeReport> {
    let prepared = prepare(store, path, opened, options)?;
    let unresolved = prepared.preview.unresolved();
    if unresolved > 0 {
        return Err(Error::conflict(
                "file",
                &prepared.preview.file,
                format!(
                    "{unresolved} conflict{} to resolve before merging (see `prisk exchange preview`; resolve with --resolve FILE or --take mine|theirs); nothing was written",
                    if unresolved == 1 { "" } else { "s" }
                ),
            ));
    }
    let kept = kept_bases(store, &prepared.payload.partnership_id)
        .unwrap_or_default()
        .iter()
        .any(|(d, _)| *d == prepared.payload.digest);
    if dry_run || (prepared.preview.is_noop() && kept) {
        return Ok(MergeReport {
            preview: prepared.preview,
            written: false,
            backup: None,
        });
    }
    let backup = if prepared.preview.is_noop() {
        None
    } else {
        Some(store.backup_before(BackupReason::Import)?)
    };
    let body = payload_light(&prepared.payload);
    let Prepared {
        payload,
        preview,
        mine,
        merged,
    } = prepared;
    let context = format!("merged from {} ({})", preview.file, payload.sender.name);
    let prefixes_before = store.category_prefixes()?;
    let matrix_known = store.matrix(&payload.matrix.id).ok();
    let store_categories = store.categories()?;
    let is_share = payload.share.is_some();
    let partner_key = partner::share_key(&payload.partnership_id);
    store.write(|w| {
        *w.context.borrow_mut() = Some(context.clone());
        let pid = payload.partnership_id.as_str();
        let mut prefixes = prefixes_before.clone();
        if preview.mode == Mode::Import {
            import_reference_data(w, &payload, matrix_known.as_ref(), &store_categories)?;
            for c in &payload.categories {
                prefixes
                    .entry(c.code.clone())
                    .or_insert_with(|| c.prefix.clone());
            }
            if is_share {
                let share = serde_json::to_string(&payload.share).expect("shares serialise");
                w.set_setting(&partner_key, &share)?;
            }
        }
        let matrix = matrix_known.as_ref().unwrap_or(&payload.matrix);
        match (&merged, preview.mode) {
            (Some(m), _) => {
                let plan = merge::plan(&mine, &m.result);
                apply::write(w, pid, &mine, &m.result, &plan, matrix, &prefixes, true)?;
            }
            (None, Mode::Import) => {
                let plan = merge::plan(&mine, &payload.records);
                // The records come with their history; the import itself is one row.
                apply::write(
                    w,
                    pid,
                    &mine,
                    &payload.records,
                    &plan,
                    matrix,
                    &prefixes,
                    false,
                )?;
                if let Some(p) = payload.records.get("partnerships", pid) {
                    w.audit_create(crate::store::Entity::Partnership, pid, Some(pid), p)?;
                }
            }
            (None, _) => partner::record(w, pid, &preview.partner_views)?,
        }
        keep_base_in(
            w,
            pid,
            &body,
            &payload.digest,
            "received",
            &payload.sender.workspace_id,
        )
    })?;
    Ok(MergeReport {
        preview,
        written: true,
        backup: backup.map(|b| b.path.display().to_string()),
    })
}

/// Every resolution names a conflict of this file and one of its choices.
/// (With no conflict at all, as on the second merge of a file, there is nothing to check.)
fn check_resolutions(resolutions: &Resolutions, merged: &Merged) -> Result<()> {
    if merged.conflicts.is_empty() {
        return Ok(());
    }
    for (id, r) in &resolutions.by_id {
        let Some(c) = merged.conflicts.iter().find(|c| c.id == *id) else {
            return Err(Error::invalid(
                "resolutions",
                id,
                "no conflict of this file has this id (see `prisk exchange preview`)",
            ));
        };
        if c.resolution.is_none() {
            let given = match r {
                Resolution::Mine => "mine",
                Resolution::Theirs => "theirs",
                Resolution::Both => "both",
                Resolution::Value(_) => "value",
            };
            return Err(Error::invalid(
                format!("resolutions.{id}"),
                given,
                format!(
                    "this conflict is settled by one of: {}",
                    c.choices.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// What a workspace keeps of a file as its next base.
fn payload_light(payload: &Payload) -> Vec<u8> {
    payload.records.light().encode()
}

fn keep_base_in(
    w: &Writer<'_>,
    partnership_id: &str,
    compressed: &[u8],
    digest: &str,
    direction: &str,
    peer: &str,
) -> Result<()> {
    w.tx.execute(
        "INSERT INTO exchange_snapshots (partnership_id, digest, direction, peer, at, records)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (partnership_id, digest) DO UPDATE SET at = excluded.at",
        params![partnership_id, digest, direction, peer, w.at, compressed],
    )?;
    w.tx.execute(
        "DELETE FROM exchange_snapshots WHERE partnership_id = ?1 AND rowid NOT IN
         (SELECT rowid FROM exchange_snapshots WHERE partnership_id = ?1 ORDER BY at DESC, rowid DESC LIMIT ?2)",
        params![partnership_id, KEPT_BASES],
    )?;
    Ok(())
}

/// A new partnership's matrix and categories, when this workspace lacks them.
fn import_reference_data(
    w: &Writer<'_>,
    payload: &Payload,
    known: Option<&crate::matrix::Matrix>,
    categories: &[crate::model::Category],
) -> Result<()> {
    if known.is_none() {
        w.insert_matrix(&payload.matrix)?;
        w.audit_create(
            crate::store::Entity::Matrix,
            &payload.matrix.id,
            None,
            &payload.matrix,
        )?;
    }
    for c in &payload.categories {
        if !categories.iter().any(|e| e.code == c.code) {
            w.insert_category(c)?;
        }
    }
    Ok(())
}

/// Checks a payload's matrix and categories against the workspace before anything is
/// written.
pub(crate) fn check_reference_data(store: &Store, payload: &Payload) -> Result<()> {
    payload.matrix.validate().map_err(|e| e.within("matrix."))?;
    if let Ok(existing) = store.matrix(&payload.matrix.id) {
        let same = existing == payload.matrix
            || (existing.preset.is_some() && existing.size() == payload.matrix.size());
        if !same {
            return Err(Error::conflict(
                "matrix.id",
                &payload.matrix.id,
                "this workspace has a different matrix with this id",
            ));
        }
    }
    let existing: HashMap<String, String> = store.category_prefixes()?;
    for (n, c) in payload.categories.iter().enumerate() {
        c.validate()
            .map_err(|e| e.within(&format!("categories[{n}].")))?;
        if let Some(prefix) = existing.get(&c.code) {
            if *prefix != c.prefix {
                return Err(Error::conflict(
                    format!("categories[{n}].prefix"),
                    &c.prefix,
                    format!("category {} has prefix {prefix} in this workspace", c.code),
                ));
            }
        }
    }
    Ok(())
}
