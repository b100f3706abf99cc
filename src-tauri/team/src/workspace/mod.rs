//! The workspace side: join a team, sync, tell the status, resolve a conflict. Each is one
//! call on a [`Store`], blocking (network and SQLite), for the CLI and for a Tauri command
//! run off the main thread.

mod records;
mod state;

use std::collections::{BTreeMap, BTreeSet};

use partner_risk_core::exchange::{
    self, Conflict, ExportOptions, MergeOptions, Payload, Resolution, Resolutions, Sender, Snapshot,
};
use partner_risk_core::{Error, Result, Store};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

use crate::client::{Client, PushError};
use crate::protocol::{Change, Entry, PartnershipHead, Push};
pub use state::CONFIG_ENV;

/// How many pull–merge–push rounds one partnership gets in one sync (others pushing all
/// the while): what is left goes with the next sync.
const ROUNDS: usize = 8;
/// Names pulls in merge messages and audit rows ("merged from team sync (ann)").
const MERGE_NAME: &str = "team sync";

/// The records of a partnership that sync: all but the audit rows a pull's merge wrote
/// here ("merged from team sync (…)") and the server does not have. Those say, in this
/// workspace's history, that a change came from the team; the change itself travels with
/// its author's own audit rows, so pushing them would copy every change into every history
/// once per workspace.
fn syncing(mut records: Snapshot, base: &Snapshot) -> Snapshot {
    let prefix = format!("merged from {MERGE_NAME} (");
    if let Some(rows) = records.tables.get_mut("audit_log") {
        rows.retain(|key, row| {
            base.get("audit_log", key).is_some()
                || !row
                    .get("context")
                    .and_then(Value::as_str)
                    .is_some_and(|c| c.starts_with(&prefix))
        });
    }
    records
}

/// A workspace joined to a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "TeamJoined")]
pub struct Joined {
    pub server: String,
    pub team_id: String,
    pub user: String,
    /// The user's role on the register: viewer, editor or admin.
    pub role: String,
    /// Where the token was written (readable by this user only).
    pub token_file: String,
}

/// One partnership's part of the status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamPartnershipStatus {
    pub id: String,
    pub name: String,
    /// The server's log position applied here (0: never synced).
    pub position: i64,
    /// Records changed here since, not pushed yet.
    pub pending_changes: usize,
    pub conflicts: usize,
    pub synced_at: Option<String>,
}

/// Where the workspace stands with its team; nothing is asked of the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamStatus {
    pub joined: bool,
    pub server: Option<String>,
    pub team_id: Option<String>,
    pub user: Option<String>,
    pub last_sync: Option<String>,
    /// Why the last sync failed, when it did (cleared by the next success).
    pub last_error: Option<String>,
    pub pending_changes: usize,
    /// Pushes sent without an answer, to be sent again (same change id) by the next sync.
    pub unanswered_pushes: usize,
    pub conflicts: usize,
    pub partnerships: Vec<TeamPartnershipStatus>,
}

impl TeamStatus {
    /// A workspace in no team.
    pub fn not_joined() -> TeamStatus {
        TeamStatus {
            joined: false,
            server: None,
            team_id: None,
            user: None,
            last_sync: None,
            last_error: None,
            pending_changes: 0,
            unanswered_pushes: 0,
            conflicts: 0,
            partnerships: Vec::new(),
        }
    }
}

/// What one partnership's sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PartnershipSync {
    pub id: String,
    pub name: String,
    /// Log entries pulled and merged.
    pub pulled: usize,
    /// Records pushed.
    pub pushed: usize,
    pub position: i64,
    /// The partnership was new here and was imported.
    pub imported: bool,
    /// Conflicts met by this sync (kept, the local value stays).
    pub conflicts: usize,
    /// Why the server refused this partnership's push (nothing of it was applied).
    pub refused: Option<String>,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    pub partnerships: Vec<PartnershipSync>,
    pub pulled: usize,
    pub pushed: usize,
    pub conflicts: usize,
    /// Partnerships whose push the server refused.
    pub refused: usize,
}

/// A conflict waiting for the conflict screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamConflict {
    pub id: String,
    pub partnership_id: String,
    /// The server position whose changes met it.
    pub position: i64,
    pub at: String,
    pub conflict: Conflict,
}

/// Joins the team at `server` with `token`: checks both with the server, keeps the token
/// in the user's config folder (mode 0600) and the server and team in the workspace.
pub fn join(store: &mut Store, server: &str, token: &str) -> Result<Joined> {
    if crate::token::Token::parse(token).is_none() {
        return Err(Error::invalid(
            "token",
            "…",
            "not a Partner Risk team token (prt_…, as `prisk team user add` printed it)",
        ));
    }
    let client = Client::new(server, token)?;
    let info = client.team()?;
    let token_ref = uuid::Uuid::now_v7().to_string();
    let file = state::save_token(&token_ref, token)?;
    let previous = state::link(store)?;
    state::set_link(
        store,
        &state::Link {
            server: client.server().to_string(),
            team_id: info.team_id.clone(),
            user: info.user.clone(),
            token_ref,
            joined_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            last_sync: None,
            last_error: None,
        },
    )?;
    if let Some(previous) = previous {
        state::remove_token(&previous.token_ref);
    }
    Ok(Joined {
        server: client.server().to_string(),
        team_id: info.team_id,
        user: info.user,
        role: info.role,
        token_file: file.display().to_string(),
    })
}

/// The workspace's sync status, read locally (the pending changes are counted against each
/// partnership's base).
pub fn status(store: &mut Store) -> Result<TeamStatus> {
    let Some(link) = state::link(store)? else {
        return Ok(TeamStatus::not_joined());
    };
    let kept = state::conflicts(store, None)?;
    let synced: BTreeMap<String, (i64, String)> = state::positions(store)?
        .into_iter()
        .map(|(id, p, at)| (id, (p, at)))
        .collect();
    let mut partnerships = Vec::new();
    for p in store.partnerships(true)? {
        let (position, base, synced_at) = match state::base(store, &p.id)? {
            Some((position, base)) => (position, base, synced.get(&p.id).map(|s| s.1.clone())),
            None => (0, Snapshot::default(), None),
        };
        let held = state::held(store, &p.id)?;
        let (payload, _) = exchange::exchange_bytes(store, &p.id, &ExportOptions::default())?;
        // History rows go along with the records they describe: one edit is one change.
        let pending = records::diff(&base, &syncing(payload.records, &base), &held)
            .iter()
            .filter(|c| c.table != "audit_log")
            .count();
        partnerships.push(TeamPartnershipStatus {
            conflicts: kept.iter().filter(|k| k.partnership_id == p.id).count(),
            id: p.id,
            name: p.fields.name,
            position,
            pending_changes: pending,
            synced_at,
        });
    }
    Ok(TeamStatus {
        joined: true,
        server: Some(link.server),
        team_id: Some(link.team_id),
        user: Some(link.user),
        last_sync: link.last_sync,
        last_error: link.last_error,
        pending_changes: partnerships.iter().map(|p| p.pending_changes).sum(),
        unanswered_pushes: state::pending_count(store)? as usize,
        conflicts: kept.len(),
        partnerships,
    })
}

/// The conflicts waiting, of one partnership or all.
pub fn conflicts(store: &Store, partnership: Option<&str>) -> Result<Vec<TeamConflict>> {
    Ok(state::conflicts(store, partnership)?
        .into_iter()
        .map(|k| TeamConflict {
            id: k.id,
            partnership_id: k.partnership_id,
            position: k.position,
            at: k.at,
            conflict: k.conflict,
        })
        .collect())
}

/// Pushes this workspace's changes and pulls the others', partnership by partnership.
/// A failure to reach the server is an error (and is kept for the status); a partnership
/// the server refuses is reported in [`SyncReport::refused`] and the others go on.
pub fn sync(store: &mut Store) -> Result<SyncReport> {
    let link = state::link(store)?.ok_or_else(|| {
        Error::invalid(
            "team",
            store.path().display().to_string(),
            "this workspace is not connected to a team: `prisk team join URL --token T` first",
        )
    })?;
    let token = state::load_token(&link.token_ref)?;
    let client = Client::new(&link.server, &token)?;
    let result = sync_with(store, &client, &link);
    state::synced(
        store,
        result.as_ref().err().map(|e| e.to_string()).as_deref(),
    )?;
    result
}

fn sync_with(store: &mut Store, client: &Client, link: &state::Link) -> Result<SyncReport> {
    let info = client.team()?;
    if info.team_id != link.team_id {
        return Err(Error::conflict(
            "server",
            &link.server,
            format!(
                "this server is another team ({}, not {}): nothing was synced",
                info.team_id, link.team_id
            ),
        ));
    }
    if info.user != link.user {
        return Err(Error::conflict(
            "token",
            &link.user,
            format!("the token is now {:?}'s: join again", info.user),
        ));
    }
    let remote: BTreeMap<String, PartnershipHead> = client
        .partnerships()?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let local: BTreeSet<String> = store
        .partnerships(true)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let ids: BTreeSet<&String> = remote.keys().chain(local.iter()).collect();
    let mut report = SyncReport::default();
    for id in ids {
        let done = sync_partnership(store, client, link, id, remote.get(id))?;
        report.pulled += done.pulled;
        report.pushed += done.pushed;
        report.conflicts += done.conflicts;
        report.refused += usize::from(done.refused.is_some());
        report.partnerships.push(done);
    }
    Ok(report)
}

/// Every entry after `after`, all pages, before anything is applied.
fn pull_all(
    client: &Client,
    partnership: &str,
    after: i64,
) -> Result<(i64, Vec<Entry>, Option<Value>)> {
    let mut entries = Vec::new();
    let mut from = after;
    loop {
        let page = client.page(partnership, from)?;
        let done =
            page.entries.is_empty() || page.entries.last().map(|e| e.position) >= Some(page.head);
        if let Some(last) = page.entries.last() {
            from = last.position;
        }
        entries.extend(page.entries);
        if done {
            return Ok((page.head.max(from), entries, page.reference));
        }
    }
}

fn sync_partnership(
    store: &mut Store,
    client: &Client,
    link: &state::Link,
    id: &str,
    remote: Option<&PartnershipHead>,
) -> Result<PartnershipSync> {
    let mut done = PartnershipSync {
        id: id.to_string(),
        ..Default::default()
    };
    // A push sent before and never answered goes first, as it was.
    if let Some(push) = state::pending(store, id)? {
        match client.push(id, &push) {
            Ok(_) | Err(PushError::PullFirst) => state::clear_pending(store, id)?,
            Err(PushError::Refused(e)) => {
                state::clear_pending(store, id)?;
                done.refused = Some(e.to_string());
            }
            Err(PushError::NoAnswer(e)) => return Err(e),
        }
    }
    let mut here = store.partnership(id).is_ok();
    let (mut position, mut base) = state::base(store, id)?.unwrap_or_default();
    let mut on_server = remote.is_some();
    for _ in 0..ROUNDS {
        if on_server {
            let (head, entries, reference) = pull_all(client, id, position)?;
            if !entries.is_empty() {
                let mut theirs = base.clone();
                let mut authors = BTreeSet::new();
                for e in &entries {
                    records::apply(&mut theirs, &e.changes);
                    authors.insert(e.author.clone());
                }
                let authors: Vec<String> = authors.into_iter().collect();
                if here {
                    done.conflicts +=
                        merge_pulled(store, link, id, &base, &theirs, &authors, head)?;
                } else {
                    import_pulled(store, link, id, &theirs, reference, &authors)?;
                    done.imported = true;
                    here = true;
                }
                done.pulled += entries.len();
                position = head;
                base = theirs;
                state::set_base(store, id, position, &base)?;
            }
        }
        if !here {
            break;
        }
        let (payload, _) = exchange::exchange_bytes(store, id, &ExportOptions::default())?;
        done.name = payload.partnership_name.clone();
        let held = state::held(store, id)?;
        let changes = records::diff(&base, &syncing(payload.records, &base), &held);
        if changes.is_empty() || done.refused.is_some() {
            break;
        }
        let push = Push {
            change_id: uuid::Uuid::now_v7().to_string(),
            base: position,
            author: link.user.clone(),
            changes,
            reference: Some(json!({ "matrix": payload.matrix, "categories": payload.categories })),
        };
        state::set_pending(store, id, &push)?;
        match client.push(id, &push) {
            Ok(pushed) => {
                state::clear_pending(store, id)?;
                done.pushed += push.changes.len();
                // Our changes join the base. When others pushed in between, the position
                // stays where it was: the next pull brings their entries and ours again
                // (the same records, so applying ours twice changes nothing), and the
                // server's copy at its head is the base plus those entries all the same.
                records::apply(&mut base, &push.changes);
                if pushed.position == position + 1 {
                    position = pushed.position;
                }
                state::set_base(store, id, position, &base)?;
                break;
            }
            Err(PushError::PullFirst) => {
                state::clear_pending(store, id)?;
                on_server = true;
            }
            Err(PushError::Refused(e)) => {
                state::clear_pending(store, id)?;
                done.refused = Some(e.to_string());
                break;
            }
            Err(PushError::NoAnswer(e)) => return Err(e),
        }
    }
    if done.name.is_empty() {
        done.name = store
            .partnership(id)
            .map(|p| p.fields.name)
            .or_else(|_| remote.and_then(|r| r.name.clone()).ok_or(()))
            .unwrap_or_default();
    }
    done.position = position;
    Ok(done)
}

/// A payload carrying `records` as the server has them, for the exchange merge.
fn server_payload(
    mut payload: Payload,
    link: &state::Link,
    records: &Snapshot,
    bases: Vec<String>,
    authors: &[String],
) -> Payload {
    payload.records = records.clone();
    payload.digest = records.digest();
    payload.bases = bases;
    payload.share = None;
    payload.sender = Sender {
        name: authors.join(", "),
        workspace_id: format!("team:{}", link.team_id),
        workspace: link.server.clone(),
    };
    payload.sent_at = chrono::Utc::now();
    payload
}

/// Merges the server's records into ours, three ways against the base. What cannot merge
/// keeps our value and is kept as a conflict. Returns how many conflicts were met.
fn merge_pulled(
    store: &mut Store,
    link: &state::Link,
    id: &str,
    base: &Snapshot,
    theirs: &Snapshot,
    authors: &[String],
    position: i64,
) -> Result<usize> {
    let (mine, _) = exchange::exchange_bytes(store, id, &ExportOptions::default())?;
    // The base where the exchange merge looks for it.
    let kept = server_payload(mine.clone(), link, base, Vec::new(), authors);
    exchange::keep_sent(store, &kept)?;
    let payload = server_payload(mine, link, theirs, vec![base.digest()], authors);
    let bytes = exchange::file::encode(&payload)?;
    let mut options = MergeOptions {
        two_way: true,
        rolling_backup: true,
        ..Default::default()
    };
    let preview = exchange::preview_bytes(store, MERGE_NAME, bytes.clone(), &options)?;
    let mut held = Vec::new();
    for c in preview.conflicts.iter().filter(|c| c.resolution.is_none()) {
        let choice = if c.choices.iter().any(|s| s == "mine") {
            held.push(c.clone());
            Resolution::Mine
        } else if c.choices.iter().any(|s| s == "both") {
            Resolution::Both
        } else {
            held.push(c.clone());
            Resolution::Theirs
        };
        options.resolutions.by_id.insert(c.id.clone(), choice);
    }
    options.resolutions = Resolutions {
        by_id: options.resolutions.by_id,
        take: None,
    };
    exchange::merge_bytes(store, MERGE_NAME, bytes, &options, false)?;
    state::keep_conflicts(store, id, position, &held)?;
    Ok(held.len())
}

/// Imports a partnership this workspace has never had, as the server has it.
fn import_pulled(
    store: &mut Store,
    link: &state::Link,
    id: &str,
    theirs: &Snapshot,
    reference: Option<Value>,
    authors: &[String],
) -> Result<()> {
    let reference = reference.unwrap_or(Value::Null);
    let bad = |what: &str, e: serde_json::Error| {
        Error::invalid(
            "server",
            &link.server,
            format!("the partnership's {what} on the server is unreadable ({e})"),
        )
    };
    let matrix = serde_json::from_value(reference.get("matrix").cloned().unwrap_or(Value::Null))
        .map_err(|e| bad("matrix", e))?;
    let categories =
        serde_json::from_value(reference.get("categories").cloned().unwrap_or(json!([])))
            .map_err(|e| bad("categories", e))?;
    let name = theirs
        .get("partnerships", id)
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let payload = Payload {
        partnership_id: id.to_string(),
        partnership_name: name,
        sender: Sender {
            name: authors.join(", "),
            workspace_id: format!("team:{}", link.team_id),
            workspace: link.server.clone(),
        },
        sent_at: chrono::Utc::now(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: store.schema_version()?,
        digest: theirs.digest(),
        bases: Vec::new(),
        share: None,
        matrix,
        categories,
        records: theirs.clone(),
    };
    let bytes = exchange::file::encode(&payload)?;
    exchange::merge_bytes(store, MERGE_NAME, bytes, &MergeOptions::default(), false)?;
    Ok(())
}

/// Resolves a conflict kept by a sync: `mine` keeps our value (the next sync pushes it),
/// `theirs` or a value writes it here (merged as an exchange is, with audit rows).
pub fn resolve(store: &mut Store, conflict_id: &str, resolution: &Resolution) -> Result<()> {
    let kept = state::conflicts(store, None)?
        .into_iter()
        .find(|k| k.id == conflict_id)
        .ok_or_else(|| Error::not_found("team conflict", "conflict", conflict_id))?;
    let c = &kept.conflict;
    let value = match resolution {
        Resolution::Mine => None,
        Resolution::Theirs => Some(c.theirs.clone()),
        Resolution::Value(v) if c.field.is_some() => Some(v.clone()),
        other => {
            return Err(Error::invalid(
                "resolution",
                format!("{other:?}"),
                format!(
                    "this conflict is settled by one of: {}",
                    c.choices.join(", ")
                ),
            ))
        }
    };
    if let Some(value) = value {
        let link = state::link(store)?.ok_or_else(|| {
            Error::invalid("team", "", "this workspace is not connected to a team")
        })?;
        let id = kept.partnership_id.as_str();
        let (mine, _) = exchange::exchange_bytes(store, id, &ExportOptions::default())?;
        let now = mine.records.clone();
        let mut wanted = now.clone();
        let rows = wanted.tables.entry(c.table.clone()).or_default();
        match (&c.field, value) {
            (Some(field), value) => {
                let row = rows
                    .get_mut(&c.key)
                    .ok_or_else(|| Error::not_found("record", "conflict.key", &c.key))?;
                row.insert(field.clone(), value);
            }
            (None, Value::Null) => {
                rows.remove(&c.key);
            }
            (None, Value::Object(row)) => {
                rows.insert(c.key.clone(), row);
            }
            (None, other) => {
                return Err(Error::invalid(
                    "conflict.theirs",
                    other.to_string(),
                    "not a record",
                ))
            }
        }
        let authors = vec![store.actor().to_string()];
        let kept_base = server_payload(mine.clone(), &link, &now, Vec::new(), &authors);
        exchange::keep_sent(store, &kept_base)?;
        let payload = server_payload(mine, &link, &wanted, vec![now.digest()], &authors);
        let bytes = exchange::file::encode(&payload)?;
        exchange::merge_bytes(
            store,
            "team conflict resolution",
            bytes,
            &MergeOptions::default(),
            false,
        )?;
    }
    state::drop_conflict(store, conflict_id)?;
    Ok(())
}

/// The records a change list touches, for messages.
pub fn describe(changes: &[Change]) -> String {
    let mut by_table: BTreeMap<&str, usize> = BTreeMap::new();
    for c in changes {
        *by_table.entry(c.table.as_str()).or_default() += 1;
    }
    by_table
        .iter()
        .map(|(t, n)| format!("{n} {t}"))
        .collect::<Vec<_>>()
        .join(", ")
}
