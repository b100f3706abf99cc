//! Identifiers of records: UUIDv7, so that they sort by creation time. The floor below
//! the model, the matrix and the store.

/// A new record id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
