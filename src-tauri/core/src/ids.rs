//! Identifiers of records (UUIDv7, so that they sort by creation time) and the time of
//! changes. The floor below the model, the matrix and the store.

use chrono::{DateTime, SubsecRound, Utc};

/// A new record id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, to the millisecond the store keeps.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}
