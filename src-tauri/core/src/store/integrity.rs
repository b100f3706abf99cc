//! Is a workspace file sound? `PRAGMA quick_check` for the database pages, and a check of
//! the write-ahead log that SQLite itself does not make.
//!
//! SQLite reads a WAL up to the first frame whose checksum fails and silently ignores the
//! rest, so a damaged WAL loses committed changes while `quick_check` still says "ok".
//! A torn write at a power cut only ever damages the last, uncommitted transaction; a
//! damaged frame *followed by* frames of the same log that still chain to it, up to a
//! commit, means committed work was damaged after it was written.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// The WAL beside a database file (`<file>-wal`).
pub(crate) fn wal_path(path: &Path) -> PathBuf {
    sidecar(path, "-wal")
}

/// The shared-memory index beside a database file (`<file>-shm`).
pub(crate) fn shm_path(path: &Path) -> PathBuf {
    sidecar(path, "-shm")
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Runs `PRAGMA quick_check` on an open connection: `None` when it is sound, else what is
/// wrong (the first few lines SQLite reports).
pub(crate) fn quick_check(conn: &Connection) -> Option<String> {
    let rows = conn.prepare("PRAGMA quick_check(5)").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()
    });
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => None,
        // One line of plain findings, without SQLite's "*** in database main ***" banner.
        Ok(rows) => Some(
            rows.iter()
                .flat_map(|r| r.lines())
                .filter(|l| !l.starts_with("***") && !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Err(e) => Some(e.to_string()),
    }
}

/// Checks the WAL beside `path`, if there is one: `None` when it is sound (or absent,
/// empty, or only holds a torn last transaction), else what is wrong.
pub(crate) fn wal_check(path: &Path) -> Option<String> {
    let bytes = std::fs::read(wal_path(path)).ok()?;
    check_wal_bytes(&bytes)
}

const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// SQLite's WAL checksum (https://sqlite.org/fileformat2.html#walformat), continued
/// from `seed` over `data`, read as 32-bit words in the log's byte order.
fn checksum(seed: (u32, u32), data: &[u8], big_endian: bool) -> (u32, u32) {
    let (mut s0, mut s1) = seed;
    for pair in data.chunks_exact(8) {
        let word = |i: usize| {
            let w = [pair[i], pair[i + 1], pair[i + 2], pair[i + 3]];
            if big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        s0 = s0.wrapping_add(word(0)).wrapping_add(s1);
        s1 = s1.wrapping_add(word(4)).wrapping_add(s0);
    }
    (s0, s1)
}

pub(crate) fn check_wal_bytes(wal: &[u8]) -> Option<String> {
    if wal.len() < WAL_HEADER || wal.iter().all(|&b| b == 0) {
        return None; // a new or reset log: nothing in it yet
    }
    let magic = be32(wal, 0);
    if magic & !1 != 0x377f_0682 {
        return Some("the write-ahead log (-wal file) has a damaged header".into());
    }
    let big_endian = magic & 1 == 1;
    let page_size = be32(wal, 8) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Some("the write-ahead log (-wal file) has a damaged header".into());
    }
    let header_sum = checksum((0, 0), &wal[..24], big_endian);
    if header_sum != (be32(wal, 24), be32(wal, 28)) {
        return Some("the write-ahead log (-wal file) has a damaged header".into());
    }
    let salts = (be32(wal, 16), be32(wal, 20));
    let frame_len = FRAME_HEADER + page_size;
    let mut seed = header_sum;
    let mut first_bad: Option<usize> = None;
    for (index, frame) in wal[WAL_HEADER..].chunks_exact(frame_len).enumerate() {
        if (be32(frame, 8), be32(frame, 12)) != salts {
            break; // a frame of an earlier generation of the log: the end of this one
        }
        let stored = (be32(frame, 16), be32(frame, 20));
        let mut data = Vec::with_capacity(8 + page_size);
        data.extend_from_slice(&frame[..8]);
        data.extend_from_slice(&frame[FRAME_HEADER..]);
        let valid = checksum(seed, &data, big_endian) == stored;
        match (valid, first_bad) {
            (false, None) => first_bad = Some(index + 1),
            // A later frame that chains to the damaged one, and commits: committed work
            // was written after the damaged frame, so the damage came later.
            (true, Some(bad)) if be32(frame, 4) != 0 => {
                return Some(format!(
                    "the write-ahead log (-wal file) is damaged at frame {bad}; changes committed after it would be lost"
                ));
            }
            _ => {}
        }
        // Continue the chain from what was stored, so frames after a damaged one can
        // still be checked against it.
        seed = stored;
    }
    None
}
