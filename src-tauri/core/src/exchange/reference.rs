//! A partnership's reference data: its matrix and the categories its risks use.

use std::collections::HashMap;

use super::Payload;
use crate::error::{Error, Result};
use crate::store::{Store, Writer};

/// A new partnership's matrix and categories, when this workspace lacks them.
pub(super) fn import_reference_data(
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
