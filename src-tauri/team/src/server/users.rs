//! People and their rights, as the administrator manages them from a terminal
//! (`prisk team user …`, `prisk team grant …`) straight on the database: a role for the
//! whole register (`viewer`, `editor`, `admin`), and a role per partnership over it.

use serde::{Deserialize, Serialize};
use tokio_postgres::Client;

use crate::token::{self, Token};

/// A user as listed (never the token).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub role: String,
    /// The token's id (its first part), to tell tokens apart in logs.
    pub token_id: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// Partnership id → role.
    pub grants: Vec<(String, String)>,
}

/// The roles of the register.
pub const ROLES: &[&str] = &["viewer", "editor", "admin"];
/// The roles of one partnership.
pub const PARTNERSHIP_ROLES: &[&str] = &["viewer", "editor"];

fn db(e: tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("database: {}", d.message()),
        None => format!("database: {e}"),
    }
}

/// Adds a user and returns the token, which is shown once and stored only as a hash.
/// An existing name (revoked or not) is refused: revoke, then `reissue`.
pub async fn add(client: &Client, name: &str, role: &str) -> Result<Token, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("name: can't be empty".into());
    }
    if !ROLES.contains(&role) {
        return Err(format!(
            "role: must be one of {} (got {role:?})",
            ROLES.join(", ")
        ));
    }
    let t = Token::generate();
    let salt = token::salt();
    let hash = token::hash(&t.secret, &salt);
    let inserted = client
        .execute(
            "INSERT INTO users (name, role, token_id, token_salt, token_hash) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (name) DO NOTHING",
            &[&name, &role, &t.id, &salt, &hash],
        )
        .await
        .map_err(db)?;
    if inserted == 0 {
        return Err(format!(
            "name: a user named {name:?} exists already (revoke them and use `reissue` for a new token)"
        ));
    }
    Ok(t)
}

/// A new token for an existing user (the old one stops working); un-revokes them.
pub async fn reissue(client: &Client, name: &str) -> Result<Token, String> {
    let t = Token::generate();
    let salt = token::salt();
    let hash = token::hash(&t.secret, &salt);
    let n = client
        .execute(
            "UPDATE users SET token_id = $2, token_salt = $3, token_hash = $4, revoked_at = NULL WHERE name = $1",
            &[&name.trim(), &t.id, &salt, &hash],
        )
        .await
        .map_err(db)?;
    if n == 0 {
        return Err(format!("name: no user named {name:?}"));
    }
    Ok(t)
}

/// Every user, by name.
pub async fn list(client: &Client) -> Result<Vec<User>, String> {
    let rows = client
        .query(
            "SELECT u.name, u.role, u.token_id, u.created_at::text, u.revoked_at::text,
                    coalesce(json_agg(json_build_array(g.partnership_id, g.role) ORDER BY g.partnership_id)
                             FILTER (WHERE g.partnership_id IS NOT NULL), '[]')::text
             FROM users u LEFT JOIN grants g ON g.user_name = u.name
             GROUP BY u.name ORDER BY u.name",
            &[],
        )
        .await
        .map_err(db)?;
    Ok(rows
        .iter()
        .map(|r| {
            let grants: String = r.get(5);
            User {
                name: r.get(0),
                role: r.get(1),
                token_id: r.get(2),
                created_at: r.get(3),
                revoked_at: r.get(4),
                grants: serde_json::from_str(&grants).unwrap_or_default(),
            }
        })
        .collect())
}

/// Revokes a user's token at once: the next request with it is refused.
pub async fn revoke(client: &Client, name: &str) -> Result<(), String> {
    let n = client
        .execute(
            "UPDATE users SET revoked_at = coalesce(revoked_at, now()) WHERE name = $1",
            &[&name.trim()],
        )
        .await
        .map_err(db)?;
    if n == 0 {
        return Err(format!("name: no user named {name:?}"));
    }
    Ok(())
}

/// Gives a user a role on one partnership (by id, or by its name in the current copy);
/// `None` removes the grant. Returns the partnership's id.
pub async fn grant(
    client: &Client,
    name: &str,
    partnership: &str,
    role: Option<&str>,
) -> Result<String, String> {
    if let Some(role) = role {
        if !PARTNERSHIP_ROLES.contains(&role) {
            return Err(format!(
                "role: must be one of {} (got {role:?})",
                PARTNERSHIP_ROLES.join(", ")
            ));
        }
    }
    let exists: bool = client
        .query_one(
            "SELECT exists(SELECT 1 FROM users WHERE name = $1)",
            &[&name.trim()],
        )
        .await
        .map_err(db)?
        .get(0);
    if !exists {
        return Err(format!("name: no user named {name:?}"));
    }
    let found = client
        .query(
            "SELECT partnership_id FROM partnerships WHERE partnership_id = $1 OR name = $1
             UNION SELECT partnership_id FROM heads WHERE partnership_id = $1",
            &[&partnership.trim()],
        )
        .await
        .map_err(db)?;
    let id: String = match found.as_slice() {
        [one] => one.get(0),
        [] => {
            // A partnership no one has pushed yet: granted by its id.
            if uuid::Uuid::parse_str(partnership.trim()).is_err() {
                return Err(format!(
                    "partnership: no partnership {partnership:?} on the server (give its id to grant before its first push)"
                ));
            }
            partnership.trim().to_string()
        }
        _ => {
            return Err(format!(
                "partnership: {partnership:?} names several partnerships: give the id"
            ))
        }
    };
    match role {
        Some(role) => client
            .execute(
                "INSERT INTO grants (user_name, partnership_id, role) VALUES ($1, $2, $3)
                 ON CONFLICT (user_name, partnership_id) DO UPDATE SET role = excluded.role",
                &[&name.trim(), &id, &role],
            )
            .await
            .map_err(db)?,
        None => client
            .execute(
                "DELETE FROM grants WHERE user_name = $1 AND partnership_id = $2",
                &[&name.trim(), &id],
            )
            .await
            .map_err(db)?,
    };
    Ok(id)
}
