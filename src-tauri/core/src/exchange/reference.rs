//! A partnership's reference data: its matrix and the categories its risks use.

use std::collections::HashMap;

use serde_json::Value;

use super::{Payload, Snapshot};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::store::{Store, Writer};

/// The matrix the partnership is on after the merge (`result`: its records then; `None`
/// when the merge writes no records of it), and whether it comes from the file because
/// this workspace lacks it. A result on a matrix neither side has is refused.
pub(super) fn result_matrix(
    store: &Store,
    payload: &Payload,
    result: Option<&Snapshot>,
    file: &str,
) -> Result<(Matrix, bool)> {
    let id = result
        .and_then(|r| r.get("partnerships", &payload.partnership_id))
        .and_then(|p| p.get("matrix_id"))
        .and_then(Value::as_str)
        .unwrap_or(&payload.matrix.id);
    match store.matrix(id) {
        Ok(m) => Ok((m, false)),
        Err(Error::NotFound { .. }) if id == payload.matrix.id => {
            Ok((payload.matrix.clone(), true))
        }
        Err(Error::NotFound { .. }) => Err(Error::invalid(
            "file",
            file,
            format!(
                "partnership \"{}\" would be on matrix {id}, which neither this workspace nor the file has; nothing was merged",
                payload.partnership_name
            ),
        )),
        Err(e) => Err(e),
    }
}

/// The matrix and the categories the merged records need and this workspace lacks
/// (`bring_matrix`: the file's matrix, see [`result_matrix`]).
pub(super) fn import_reference_data(
    w: &Writer<'_>,
    payload: &Payload,
    bring_matrix: bool,
    categories: &[crate::model::Category],
) -> Result<()> {
    if bring_matrix {
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
