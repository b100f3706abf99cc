//! The workspace's sync state (migration 12's `team_*` tables) and the token file.

use std::collections::HashSet;
use std::path::PathBuf;

use partner_risk_core::exchange::{Conflict, Snapshot};
use partner_risk_core::{Error, Result, Store};
use rusqlite::{params, OptionalExtension};

use super::records;
use crate::protocol::Push;

/// Where tokens are kept instead of the default config folder (tests, several users on one
/// machine).
pub const CONFIG_ENV: &str = "PARTNER_RISK_CONFIG_DIR";

/// The team a workspace is joined to.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub server: String,
    pub team_id: String,
    pub user: String,
    pub token_ref: String,
    pub joined_at: String,
    pub last_sync: Option<String>,
    pub last_error: Option<String>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn link(store: &Store) -> Result<Option<Link>> {
    Ok(store
        .connection()
        .query_row(
            "SELECT server, team_id, user_name, token_ref, joined_at, last_sync, last_error FROM team_link WHERE id = 1",
            [],
            |r| {
                Ok(Link {
                    server: r.get(0)?,
                    team_id: r.get(1)?,
                    user: r.get(2)?,
                    token_ref: r.get(3)?,
                    joined_at: r.get(4)?,
                    last_sync: r.get(5)?,
                    last_error: r.get(6)?,
                })
            },
        )
        .optional()?)
}

/// Records the team joined; a workspace joined to another team before forgets that
/// team's positions and conflicts (its records stay).
pub fn set_link(store: &Store, link: &Link) -> Result<()> {
    let conn = store.connection();
    let tx = conn.unchecked_transaction()?;
    let previous: Option<String> = tx
        .query_row("SELECT team_id FROM team_link WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    if previous.as_deref() != Some(link.team_id.as_str()) {
        tx.execute_batch(
            "DELETE FROM team_sync; DELETE FROM team_pending; DELETE FROM team_conflicts;",
        )?;
    }
    tx.execute(
        "INSERT INTO team_link (id, server, team_id, user_name, token_ref, joined_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET server = excluded.server, team_id = excluded.team_id,
           user_name = excluded.user_name, token_ref = excluded.token_ref, joined_at = excluded.joined_at,
           last_error = NULL",
        params![link.server, link.team_id, link.user, link.token_ref, link.joined_at],
    )?;
    tx.commit()?;
    Ok(())
}

/// Records how a sync ended.
pub fn synced(store: &Store, error: Option<&str>) -> Result<()> {
    let conn = store.connection();
    match error {
        None => conn.execute(
            "UPDATE team_link SET last_sync = ?1, last_error = NULL WHERE id = 1",
            [now()],
        )?,
        Some(e) => conn.execute("UPDATE team_link SET last_error = ?1 WHERE id = 1", [e])?,
    };
    Ok(())
}

/// The position and base of a partnership.
pub fn base(store: &Store, partnership: &str) -> Result<Option<(i64, Snapshot)>> {
    let found: Option<(i64, Vec<u8>)> = store
        .connection()
        .query_row(
            "SELECT position, base FROM team_sync WHERE partnership_id = ?1",
            [partnership],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((position, body)) => Ok(Some((position, records::decode(&body)?))),
        None => Ok(None),
    }
}

pub fn set_base(store: &Store, partnership: &str, position: i64, base: &Snapshot) -> Result<()> {
    store.connection().execute(
        "INSERT INTO team_sync (partnership_id, position, base, synced_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (partnership_id) DO UPDATE SET position = excluded.position, base = excluded.base, synced_at = excluded.synced_at",
        params![partnership, position, records::encode(base), now()],
    )?;
    Ok(())
}

/// Every partnership with a sync state: id, position, when.
pub fn positions(store: &Store) -> Result<Vec<(String, i64, String)>> {
    let mut stmt = store.connection().prepare(
        "SELECT partnership_id, position, synced_at FROM team_sync ORDER BY partnership_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The push sent and not answered, if any.
pub fn pending(store: &Store, partnership: &str) -> Result<Option<Push>> {
    let body: Option<Vec<u8>> = store
        .connection()
        .query_row(
            "SELECT body FROM team_pending WHERE partnership_id = ?1",
            [partnership],
            |r| r.get(0),
        )
        .optional()?;
    body.map(|b| {
        serde_json::from_slice(&b)
            .map_err(|e| Error::invalid("team_pending", partnership, e.to_string()))
    })
    .transpose()
}

pub fn pending_count(store: &Store) -> Result<i64> {
    Ok(store
        .connection()
        .query_row("SELECT count(*) FROM team_pending", [], |r| r.get(0))?)
}

pub fn set_pending(store: &Store, partnership: &str, push: &Push) -> Result<()> {
    store.connection().execute(
        "INSERT INTO team_pending (partnership_id, change_id, base_position, body, at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (partnership_id) DO UPDATE SET change_id = excluded.change_id,
           base_position = excluded.base_position, body = excluded.body, at = excluded.at",
        params![
            partnership,
            push.change_id,
            push.base,
            serde_json::to_vec(push).expect("pushes serialise"),
            now()
        ],
    )?;
    Ok(())
}

pub fn clear_pending(store: &Store, partnership: &str) -> Result<()> {
    store.connection().execute(
        "DELETE FROM team_pending WHERE partnership_id = ?1",
        [partnership],
    )?;
    Ok(())
}

/// A conflict kept for the conflict screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub id: String,
    pub partnership_id: String,
    pub position: i64,
    pub at: String,
    pub conflict: Conflict,
}

/// Keeps conflicts met at `position`, replacing older ones of the same record and field.
pub fn keep_conflicts(
    store: &Store,
    partnership: &str,
    position: i64,
    conflicts: &[Conflict],
) -> Result<()> {
    let conn = store.connection();
    let tx = conn.unchecked_transaction()?;
    for c in conflicts {
        let old: Vec<(String, String)> = {
            let mut stmt = tx.prepare(
                "SELECT id, conflict FROM team_conflicts WHERE partnership_id = ?1 AND tbl = ?2 AND key = ?3",
            )?;
            let rows = stmt.query_map(params![partnership, c.table, c.key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (id, json) in old {
            let same_field = serde_json::from_str::<Conflict>(&json)
                .map(|o| o.field == c.field)
                .unwrap_or(true);
            if same_field {
                tx.execute("DELETE FROM team_conflicts WHERE id = ?1", [id])?;
            }
        }
        tx.execute(
            "INSERT INTO team_conflicts (id, partnership_id, tbl, key, conflict, position, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET conflict = excluded.conflict, position = excluded.position, at = excluded.at",
            params![
                c.id,
                partnership,
                c.table,
                c.key,
                serde_json::to_string(c).expect("conflicts serialise"),
                position,
                now()
            ],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The conflicts waiting, of one partnership or all.
pub fn conflicts(store: &Store, partnership: Option<&str>) -> Result<Vec<Kept>> {
    let mut stmt = store.connection().prepare(
        "SELECT id, partnership_id, position, at, conflict FROM team_conflicts
         WHERE ?1 IS NULL OR partnership_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([partnership], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, partnership_id, position, at, json) = row?;
        let conflict = serde_json::from_str(&json)
            .map_err(|e| Error::invalid("team_conflicts", &id, e.to_string()))?;
        out.push(Kept {
            id,
            partnership_id,
            position,
            at,
            conflict,
        });
    }
    Ok(out)
}

/// The records that wait on a conflict (left out of pushes).
pub fn held(store: &Store, partnership: &str) -> Result<HashSet<(String, String)>> {
    let mut stmt = store
        .connection()
        .prepare("SELECT tbl, key FROM team_conflicts WHERE partnership_id = ?1")?;
    let rows = stmt.query_map([partnership], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn drop_conflict(store: &Store, id: &str) -> Result<()> {
    store
        .connection()
        .execute("DELETE FROM team_conflicts WHERE id = ?1", [id])?;
    Ok(())
}

/// The folder tokens are kept in: `$PARTNER_RISK_CONFIG_DIR/team-tokens`, else the app's
/// config folder's.
fn token_dir() -> Result<PathBuf> {
    let base = match std::env::var_os(CONFIG_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::config_dir()
            .map(|d| d.join(partner_risk_core::store::APP_IDENTIFIER))
            .ok_or_else(|| {
                Error::invalid(
                    "token",
                    "",
                    "this system has no config folder for the token",
                )
            })?,
    };
    Ok(base.join("team-tokens"))
}

fn io(path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a token to a file only its owner can read.
pub fn save_token(token_ref: &str, token: &str) -> Result<PathBuf> {
    let dir = token_dir()?;
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let path = dir.join(format!("{token_ref}.token"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let mut file = options.open(&path).map_err(|e| io(&path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| io(&path, e))?;
    }
    use std::io::Write;
    file.write_all(token.as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(|e| io(&path, e))?;
    Ok(path)
}

/// Forgets a token written by an earlier join (a missing file is fine).
pub fn remove_token(token_ref: &str) {
    if let Ok(dir) = token_dir() {
        let _ = std::fs::remove_file(dir.join(format!("{token_ref}.token")));
    }
}

pub fn load_token(token_ref: &str) -> Result<String> {
    let path = token_dir()?.join(format!("{token_ref}.token"));
    std::fs::read_to_string(&path)
        .map(|t| t.trim().to_string())
        .map_err(|e| {
            Error::invalid(
                "token",
                path.display().to_string(),
                format!("the team token is not readable ({e}): join the team again with `prisk team join URL --token T`"),
            )
        })
}
