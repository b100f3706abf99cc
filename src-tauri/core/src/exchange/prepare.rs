//! The preview: a file read beside our records and its base, merged in memory, counted;
//! nothing written. The merge ([`super::merging`]) writes what this prepared.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::bases::{kept_bases, kept_body, workspace_id};
use super::{
    file, merge, partner, reference, snapshot, Counts, MergeOptions, Merged, Mode, Payload,
    Preview, Resolution, Resolutions, SideChange, Snapshot, What,
};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::store::Store;

/// Everything needed to apply, kept between the preview and the write.
pub(super) struct Prepared {
    pub(super) payload: Payload,
    pub(super) preview: Preview,
    pub(super) mine: Snapshot,
    pub(super) merged: Option<Merged>,
    /// The matrix the partnership is on after the merge, and whether the file brings it.
    pub(super) matrix: (Matrix, bool),
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

pub(super) fn preview_opened(
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
        ..
    } = prepare(store, path, opened, options)?;
    // Freeing tens of thousands of records takes a while: not while the caller waits.
    std::thread::spawn(move || drop((payload, mine, merged)));
    Ok(preview)
}

pub(super) fn prepare(
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
    } else {
        None
    };
    let (common, base_at) = match common {
        Some((d, at)) => (Some(d), Some(at)),
        None => (None, None),
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
    let result = match &merged {
        Some(m) => Some(&m.result),
        None if mode == Mode::Import => Some(&payload.records),
        None => None,
    };
    let matrix = reference::result_matrix(store, &payload, result, &file_name)?;
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
        base_at,
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
        matrix,
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
