//! The log and the current copy: a push applied in one transaction, a page of the log.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use deadpool_postgres::Object;
use serde_json::Value;
use tokio_postgres::error::SqlState;

use super::schema::known_table;
use super::Fail;
use crate::protocol::{Change, Entry, LogPage, Push, Pushed};

fn db(e: tokio_postgres::Error) -> Fail {
    // A serialisation failure or deadlock is the client's to retry; the rest is ours.
    let code = e.code().cloned();
    if code == Some(SqlState::T_R_SERIALIZATION_FAILURE)
        || code == Some(SqlState::T_R_DEADLOCK_DETECTED)
    {
        return Fail::unavailable("the database asked to try again");
    }
    log::error!("database: {e}");
    Fail::unavailable(format!("database: {e}"))
}

/// A hook for the tests of exactly-once delivery: with `PRISK_TEAM_TEST_HANG=before_commit`
/// (or `after_commit`) the server writes the file named by `PRISK_TEAM_TEST_HANG_FILE` and
/// stops answering at that point of every push, so that a test can kill it there; with
/// `second_page`, at the second log page it is asked for (a pull cut off half way).
async fn test_hang(point: &str) {
    if std::env::var("PRISK_TEAM_TEST_HANG").as_deref() == Ok(point) {
        if let Ok(file) = std::env::var("PRISK_TEAM_TEST_HANG_FILE") {
            let _ = std::fs::write(file, point);
        }
        std::future::pending::<()>().await;
    }
}

/// Applies a push: the whole of it or nothing.
pub async fn push(conn: &mut Object, partnership: &str, push: &Push) -> Result<Pushed, Fail> {
    let change_id = uuid::Uuid::parse_str(&push.change_id)
        .map_err(|_| Fail::bad_request(format!("change_id: not a UUID ({:?})", push.change_id)))?;
    if push.base < 0 {
        return Err(Fail::bad_request("base: can't be negative"));
    }
    for c in &push.changes {
        if !known_table(&c.table) {
            return Err(Fail::new(
                400,
                "unknown_table",
                format!(
                    "table {:?} is not known to this server: a newer Partner Risk wrote it; upgrade the server",
                    c.table
                ),
            ));
        }
    }
    let changes = serde_json::to_value(&push.changes).expect("changes serialise");
    let tx = conn.transaction().await.map_err(db)?;
    tx.execute(
        "INSERT INTO heads (partnership_id) VALUES ($1) ON CONFLICT DO NOTHING",
        &[&partnership],
    )
    .await
    .map_err(db)?;
    let head: i64 = tx
        .query_one(
            "SELECT position FROM heads WHERE partnership_id = $1 FOR UPDATE",
            &[&partnership],
        )
        .await
        .map_err(db)?
        .get(0);
    // Exactly once: a change id in the log already is answered with its position.
    if let Some(row) = tx
        .query_opt(
            "SELECT partnership_id, position FROM log WHERE change_id = $1",
            &[&change_id],
        )
        .await
        .map_err(db)?
    {
        let (pid, position): (String, i64) = (row.get(0), row.get(1));
        if pid != partnership {
            return Err(Fail::bad_request(format!(
                "change_id: {change_id} was used for another partnership"
            )));
        }
        return Ok(Pushed {
            position,
            duplicate: true,
        });
    }
    if push.base > head {
        return Err(Fail::new(
            400,
            "unknown_base",
            format!(
                "base: this server never issued position {} of this partnership (its newest is {head}); nothing was applied",
                push.base
            ),
        )
        .with_head(head));
    }
    if push.base < head {
        let tables: Vec<&str> = push.changes.iter().map(|c| c.table.as_str()).collect();
        let keys: Vec<&str> = push.changes.iter().map(|c| c.key.as_str()).collect();
        let overlap = tx
            .query(
                "SELECT v.tbl, v.key FROM row_versions v
                 JOIN unnest($2::text[], $3::text[]) AS p(tbl, key) ON p.tbl = v.tbl AND p.key = v.key
                 WHERE v.partnership_id = $1 AND v.position > $4 LIMIT 5",
                &[&partnership, &tables, &keys, &push.base],
            )
            .await
            .map_err(db)?;
        if !overlap.is_empty() {
            let rows: Vec<String> = overlap
                .iter()
                .map(|r| format!("{}/{}", r.get::<_, String>(0), r.get::<_, String>(1)))
                .collect();
            return Err(Fail::new(
                409,
                "pull_first",
                format!(
                    "records changed since position {} ({}): pull and merge first",
                    push.base,
                    rows.join(", ")
                ),
            )
            .with_head(head));
        }
    }
    let position = head + 1;
    tx.execute(
        "INSERT INTO log (partnership_id, position, change_id, author, changes) VALUES ($1, $2, $3, $4, $5)",
        &[&partnership, &position, &change_id, &push.author, &changes],
    )
    .await
    .map_err(db)?;
    apply_current(&tx, partnership, position, &push.changes).await?;
    tx.execute(
        "UPDATE heads SET position = $2, reference = coalesce($3, reference), updated_at = now() WHERE partnership_id = $1",
        &[&partnership, &position, &push.reference],
    )
    .await
    .map_err(db)?;
    test_hang("before_commit").await;
    tx.commit().await.map_err(db)?;
    test_hang("after_commit").await;
    Ok(Pushed {
        position,
        duplicate: false,
    })
}

/// Writes the changes into the current copy's tables and the records' versions.
async fn apply_current(
    tx: &deadpool_postgres::Transaction<'_>,
    partnership: &str,
    position: i64,
    changes: &[Change],
) -> Result<(), Fail> {
    // The last change of a record in one push wins (a client sends one per record).
    let mut by_table: BTreeMap<&str, BTreeMap<&str, Option<Value>>> = BTreeMap::new();
    for c in changes {
        by_table
            .entry(c.table.as_str())
            .or_default()
            .insert(c.key.as_str(), c.row.clone().map(Value::Object));
    }
    for (table, rows) in &by_table {
        let (mut put_keys, mut put_rows, mut gone) = (Vec::new(), Vec::new(), Vec::new());
        for (key, row) in rows {
            match row {
                Some(r) => {
                    put_keys.push(*key);
                    put_rows.push(r.clone());
                }
                None => gone.push(*key),
            }
        }
        // `table` is one of schema::TABLES (checked before the transaction).
        if !put_keys.is_empty() {
            tx.execute(
                &format!(
                    "INSERT INTO {table} (partnership_id, key, row, position)
                     SELECT $1, k, r, $4 FROM unnest($2::text[], $3::jsonb[]) AS u(k, r)
                     ON CONFLICT (partnership_id, key) DO UPDATE SET row = excluded.row, position = excluded.position"
                ),
                &[&partnership, &put_keys, &put_rows, &position],
            )
            .await
            .map_err(db)?;
        }
        if !gone.is_empty() {
            tx.execute(
                &format!("DELETE FROM {table} WHERE partnership_id = $1 AND key = ANY($2)"),
                &[&partnership, &gone],
            )
            .await
            .map_err(db)?;
        }
        let keys: Vec<&str> = rows.keys().copied().collect();
        tx.execute(
            "INSERT INTO row_versions (partnership_id, tbl, key, position)
             SELECT $1, $2, k, $4 FROM unnest($3::text[]) AS u(k)
             ON CONFLICT (partnership_id, tbl, key) DO UPDATE SET position = excluded.position",
            &[&partnership, table, &keys, &position],
        )
        .await
        .map_err(db)?;
    }
    Ok(())
}

/// Log pages this process has been asked for (the `second_page` point of [`test_hang`]).
static PAGES_ASKED: AtomicUsize = AtomicUsize::new(0);

/// Entries a page holds: [`crate::protocol::PAGE`], or fewer for the tests of a pull cut
/// off between pages (`PRISK_TEAM_TEST_PAGE`).
fn page_size() -> i64 {
    std::env::var("PRISK_TEAM_TEST_PAGE")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(crate::protocol::PAGE)
}

/// The entries after `after`, at most [`crate::protocol::PAGE`].
pub async fn page(conn: &Object, partnership: &str, after: i64) -> Result<LogPage, Fail> {
    if PAGES_ASKED.fetch_add(1, Ordering::SeqCst) == 1 {
        test_hang("second_page").await;
    }
    let head = conn
        .query_opt(
            "SELECT position, reference FROM heads WHERE partnership_id = $1",
            &[&partnership],
        )
        .await
        .map_err(db)?;
    let Some(head) = head else {
        return Err(Fail::new(
            404,
            "not_found",
            format!("partnership: no partnership {partnership} on this server"),
        ));
    };
    let (position, reference): (i64, Option<Value>) = (head.get(0), head.get(1));
    if after > position {
        return Err(Fail::new(
            400,
            "unknown_base",
            format!(
                "after: this server never issued position {after} of this partnership (its newest is {position})"
            ),
        )
        .with_head(position));
    }
    let rows = conn
        .query(
            "SELECT position, change_id::text, author, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), changes
             FROM log WHERE partnership_id = $1 AND position > $2 ORDER BY position LIMIT $3",
            &[&partnership, &after, &page_size()],
        )
        .await
        .map_err(db)?;
    let mut entries = Vec::with_capacity(rows.len());
    for r in rows {
        let changes: Value = r.get(4);
        let changes: Vec<Change> = serde_json::from_value(changes)
            .map_err(|e| Fail::unavailable(format!("log entry unreadable: {e}")))?;
        entries.push(Entry {
            position: r.get(0),
            change_id: r.get(1),
            author: r.get(2),
            at: r.get(3),
            changes,
        });
    }
    Ok(LogPage {
        head: position,
        entries,
        reference,
    })
}

/// The partnerships the server has, with their heads and names.
pub async fn heads(conn: &Object) -> Result<Vec<(String, Option<String>, i64)>, Fail> {
    let rows = conn
        .query(
            "SELECT h.partnership_id, p.name, h.position FROM heads h
             LEFT JOIN partnerships p ON p.partnership_id = h.partnership_id AND p.key = h.partnership_id
             WHERE h.position > 0 ORDER BY p.name, h.partnership_id",
            &[],
        )
        .await
        .map_err(db)?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// The distinct tables of a push (for the log line).
pub fn tables(push: &Push) -> usize {
    push.changes
        .iter()
        .map(|c| c.table.as_str())
        .collect::<HashSet<_>>()
        .len()
}
