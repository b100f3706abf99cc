//! The merge itself: refused while a conflict is unresolved; a backup, then one
//! transaction writing what the preview prepared, with audit rows naming the file.

use std::path::Path;

use super::bases::{keep_base_in, kept_bases, payload_light};
use super::prepare::{prepare, Prepared};
use super::reference::import_reference_data;
use super::{apply, file, merge, partner, MergeOptions, MergeReport, Mode};
use crate::error::{Error, Result};
use crate::store::{BackupReason, Store};

pub(super) fn merge_opened(
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
    } else if options.rolling_backup {
        store.backup_if_due(chrono::Utc::now())?
    } else {
        Some(store.backup_before(BackupReason::Import)?)
    };
    let body = payload_light(&prepared.payload);
    let Prepared {
        payload,
        preview,
        mine,
        merged,
        matrix: (matrix, bring_matrix),
    } = prepared;
    let context = format!("merged from {} ({})", preview.file, payload.sender.name);
    let prefixes_before = store.category_prefixes()?;
    let store_categories = store.categories()?;
    let is_share = payload.share.is_some();
    let partner_key = partner::share_key(&payload.partnership_id);
    store.write(|w| {
        *w.context.borrow_mut() = Some(context.clone());
        let pid = payload.partnership_id.as_str();
        let mut prefixes = prefixes_before.clone();
        if preview.mode != Mode::PartnerView {
            import_reference_data(w, &payload, bring_matrix, &store_categories)?;
            for c in &payload.categories {
                prefixes
                    .entry(c.code.clone())
                    .or_insert_with(|| c.prefix.clone());
            }
        }
        if preview.mode == Mode::Import && is_share {
            let share = serde_json::to_string(&payload.share).expect("shares serialise");
            w.set_setting(&partner_key, &share)?;
        }
        match (&merged, preview.mode) {
            (Some(m), _) => {
                let plan = merge::plan(&mine, &m.result);
                apply::write(
                    w,
                    pid,
                    &mine,
                    &m.result,
                    &plan,
                    &matrix,
                    &prefixes,
                    true,
                    &preview.file,
                )?;
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
                    &matrix,
                    &prefixes,
                    false,
                    &preview.file,
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
