//! The copies of a partnership a workspace keeps as it sent or received them: the bases
//! of later three-way merges.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::Payload;
use crate::error::Result;
use crate::store::{Store, Writer};

/// How many exchanged copies of a partnership a workspace keeps as possible bases.
const KEPT_BASES: i64 = 8;
/// The setting naming this workspace in exchange files.
pub(super) const WORKSPACE_ID: &str = "exchange.workspace_id";

/// This workspace's id in exchange files (made on the first export).
pub(super) fn workspace_id(store: &Store) -> Result<Option<String>> {
    store.setting(WORKSPACE_ID)
}

/// The digests of the copies of a partnership this workspace keeps, newest first.
pub(super) fn kept_bases(
    store: &Store,
    partnership_id: &str,
) -> Result<Vec<(String, DateTime<Utc>)>> {
    let mut stmt = store.connection().prepare_cached(
            "SELECT digest, at FROM exchange_snapshots WHERE partnership_id = ?1 ORDER BY at DESC, rowid DESC",
        )?;
    let rows = stmt.query_map([partnership_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A kept copy: the compressed body of the file it was sent or received as.
pub(super) fn kept_body(store: &Store, partnership_id: &str, digest: &str) -> Result<Vec<u8>> {
    Ok(store.connection().query_row(
        "SELECT records FROM exchange_snapshots WHERE partnership_id = ?1 AND digest = ?2",
        params![partnership_id, digest],
        |r| r.get(0),
    )?)
}

/// Keeps a copy of a partnership as exchanged, as a base for later merges.
pub(super) fn keep_base(
    store: &mut Store,
    partnership_id: &str,
    body: &[u8],
    digest: &str,
    direction: &str,
    peer: &str,
) -> Result<()> {
    store.write(|w| keep_base_in(w, partnership_id, body, digest, direction, peer))
}

/// What a workspace keeps of a file as its next base.
pub(super) fn payload_light(payload: &Payload) -> Vec<u8> {
    payload.records.light().encode()
}

pub(super) fn keep_base_in(
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
