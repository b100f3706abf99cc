//! The import itself: a plan written in one transaction, audited as imported from its
//! file, after a backup of the workspace. Nothing is written when a row has a problem, unless the user chose to import
//! only the valid rows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::plan::{ImportPlan, RowChange};
use crate::error::{Error, Result};
use crate::model::Category;
use crate::store::{check_risk, BackupReason, Store};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows with problems left out (only with "import the valid rows").
    pub skipped: usize,
    /// Categories the import added to the workspace.
    pub categories_created: usize,
}

/// Writes a plan made by [`plan_import`]. With problems, nothing is written
/// unless `skip_invalid` (and never when a problem concerns the whole file).
pub fn apply_import(
    store: &mut Store,
    plan: &ImportPlan,
    skip_invalid: bool,
) -> Result<ImportOutcome> {
    if let Some(p) = plan.problems.iter().find(|p| p.row.is_none()) {
        return Err(Error::invalid(
            "file",
            &plan.file_name,
            format!("{p}; nothing was imported"),
        ));
    }
    if !plan.problems.is_empty() && !skip_invalid {
        return Err(Error::invalid(
            "file",
            &plan.file_name,
            format!(
                "{} of {} rows have problems (first: {}); nothing was imported",
                plan.counts.invalid, plan.counts.rows, plan.problems[0]
            ),
        ));
    }
    let partnership = store.partnership(&plan.partnership_id)?;
    let matrix = store.matrix(&partnership.matrix_id)?;
    let mut prefixes = store.category_prefixes()?;
    // The new categories the written rows use, checked again against the workspace.
    let existing = store.categories()?;
    let new_categories: Vec<_> = plan
        .mapping
        .new_categories
        .iter()
        .filter(|c| {
            plan.rows
                .iter()
                .any(|r| r.valid && r.fields.category == c.code)
        })
        .collect();
    for c in &new_categories {
        c.validate()?;
        if let Some(other) = existing
            .iter()
            .find(|o| o.code == c.code || o.prefix == c.prefix)
        {
            return Err(Error::conflict(
                "category",
                &c.name,
                format!(
                    "category {} was added since the preview; preview the import again",
                    other.code
                ),
            ));
        }
        prefixes.insert(c.code.clone(), c.prefix.clone());
    }
    let mut outcome = ImportOutcome {
        skipped: plan.counts.invalid,
        ..Default::default()
    };
    // The register may have changed since the dry run: check again what is written.
    let mut updates = Vec::new();
    for row in plan.rows.iter().filter(|r| r.valid) {
        check_risk(&row.fields, &matrix, &prefixes)
            .map_err(|e| e.within(&format!("row {}: ", row.row)))?;
        if let (RowChange::Update, Some(id)) = (row.change, &row.existing_id) {
            updates.push((store.risk(id)?, row));
        }
    }
    // A copy of the workspace as it was, when the import changes anything.
    if plan
        .rows
        .iter()
        .any(|r| r.valid && r.change != RowChange::Unchanged)
    {
        store.backup_before(BackupReason::Import)?;
    }
    let context = format!("imported from {}", plan.file_name);
    store.write(|w| {
        *w.context.borrow_mut() = Some(context);
        for c in &new_categories {
            w.insert_category(&Category {
                built_in: false,
                ..(*c).clone()
            })?;
            outcome.categories_created += 1;
        }
        for row in plan.rows.iter().filter(|r| r.valid) {
            match row.change {
                RowChange::New => {
                    w.insert_risk(&partnership.id, &prefixes, row.fields.clone())?;
                    outcome.created += 1;
                }
                RowChange::Unchanged => outcome.unchanged += 1,
                RowChange::Update => {}
            }
        }
        w.remember_mapping(&plan.headers, &plan.mapping)?;
        for (before, row) in &updates {
            w.update_risk_row(before, row.fields.clone())?;
            outcome.updated += 1;
        }
        Ok(())
    })?;
    Ok(outcome)
}
