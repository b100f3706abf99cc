//! The team server: a doorway from HTTP to PostgreSQL that keeps no state of its own (a
//! cache of tokens already verified aside), so that several can serve one database.

mod log;
pub mod schema;
mod tls;
pub mod users;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use sha2::{Digest, Sha256};

use crate::protocol::{PartnershipHead, Push, Refusal, TeamInfo};
use crate::token::{self, Token};

/// A connection for administration ([`admin_connection`], [`users`]).
pub type AdminClient = tokio_postgres::Client;

/// How a server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// `postgres://user@host:port/db` (or key=value form).
    pub database: String,
    pub bind: IpAddr,
    pub port: u16,
    /// PEM files; both or neither. Without them only a loopback address is served.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Connections to PostgreSQL this server keeps at most.
    pub pool: usize,
}

/// A refusal as it leaves the server.
#[derive(Debug)]
pub struct Fail {
    status: StatusCode,
    refusal: Refusal,
}

impl Fail {
    fn new(status: u16, code: &str, message: impl Into<String>) -> Fail {
        Fail {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            refusal: Refusal {
                code: code.into(),
                message: message.into(),
                head: None,
            },
        }
    }

    fn bad_request(message: impl Into<String>) -> Fail {
        Fail::new(400, "bad_request", message)
    }

    fn unavailable(message: impl Into<String>) -> Fail {
        Fail::new(503, "unavailable", message)
    }

    fn with_head(mut self, head: i64) -> Fail {
        self.refusal.head = Some(head);
        self
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        (self.status, Json(self.refusal)).into_response()
    }
}

/// A token whose argon2 hash was checked: the SHA-256 of its secret, and the stored hash.
type Verified = ([u8; 32], Vec<u8>);

/// What every request handler shares.
struct Shared {
    pool: Pool,
    team_id: String,
    /// Token id → SHA-256 of a secret whose argon2 hash was checked, with the stored hash
    /// it matched (a reissued token changes the hash and so misses the cache).
    verified: Mutex<HashMap<String, Verified>>,
}

/// The user a request's token names.
struct Caller {
    name: String,
    role: String,
    grants: HashMap<String, String>,
}

impl Caller {
    /// The caller's role on one partnership: an admin everywhere, else the grant, else the
    /// register-wide role.
    fn role_on(&self, partnership: &str) -> &str {
        if self.role == "admin" {
            return "editor";
        }
        self.grants
            .get(partnership)
            .map(String::as_str)
            .unwrap_or(self.role.as_str())
    }
}

fn pg_config(database: &str) -> Result<tokio_postgres::Config, String> {
    database
        .parse::<tokio_postgres::Config>()
        .map_err(|e| format!("--database: not a PostgreSQL address ({e})"))
}

/// A pool on the database (connections made on demand, without TLS: PostgreSQL is
/// reached on a trusted network or a socket).
pub fn pool(database: &str, size: usize) -> Result<Pool, String> {
    let cfg = pg_config(database)?;
    let manager = Manager::from_config(
        cfg,
        tokio_postgres::NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size.max(1))
        .build()
        .map_err(|e| format!("--database: {e}"))
}

/// One connection for administration (users, grants), the schema migrated first.
pub async fn admin_connection(database: &str) -> Result<AdminClient, String> {
    let cfg = pg_config(database)?;
    let (mut client, connection) = cfg
        .connect(tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("--database: cannot connect ({e})"))?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            ::log::warn!("database connection: {e}");
        }
    });
    schema::migrate(&mut client).await?;
    Ok(client)
}

/// Serves until `stop` completes. `ready` receives the address once bound and the team
/// id.
pub async fn serve(
    config: Config,
    ready: impl FnOnce(SocketAddr, &str),
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    if config.tls.is_none() && !config.bind.is_loopback() {
        return Err(format!(
            "--bind: {} is not a loopback address: plain HTTP would send tokens and registers in clear; give --tls-cert and --tls-key",
            config.bind
        ));
    }
    let tls = match &config.tls {
        Some((cert, key)) => Some(tls::acceptor(cert, key)?),
        None => None,
    };
    let admin = admin_connection(&config.database).await?;
    let team_id: String = admin
        .query_one("SELECT id FROM team", &[])
        .await
        .map_err(|e| format!("database: {e}"))?
        .get(0);
    drop(admin);
    let shared = Arc::new(Shared {
        pool: pool(&config.database, config.pool)?,
        team_id,
        verified: Mutex::new(HashMap::new()),
    });
    let app = router(shared.clone());
    let addr = SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("--bind: cannot listen on {addr} ({e})"))?;
    let local = listener.local_addr().map_err(|e| format!("--bind: {e}"))?;
    ready(local, &shared.team_id);
    match tls {
        Some(acceptor) => axum::serve(tls::Listener::new(listener, acceptor), app)
            .with_graceful_shutdown(stop)
            .await
            .map_err(|e| format!("serving: {e}")),
        None => axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
            .map_err(|e| format!("serving: {e}")),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/team", get(team))
        .route("/v1/partnerships", get(partnerships))
        .route("/v1/partnerships/{id}/log/{after}", get(log_page))
        .route("/v1/partnerships/{id}/push", post(push))
        // A push of a whole large partnership (10,000 risks) is a few MB of JSON.
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024 * 1024))
        .with_state(shared)
}

/// Checks the request's token and reads its user.
async fn caller(shared: &Shared, headers: &HeaderMap) -> Result<Caller, Fail> {
    let refused = |why: &str| Fail::new(401, "token", why.to_string());
    let text = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| refused("no token: send Authorization: Bearer <token>"))?;
    let token = Token::parse(text).ok_or_else(|| refused("not a Partner Risk team token"))?;
    let conn = shared
        .pool
        .get()
        .await
        .map_err(|e| Fail::unavailable(format!("database: {e}")))?;
    let row = conn
        .query_opt(
            "SELECT name, role, token_salt, token_hash, revoked_at IS NOT NULL,
                    coalesce((SELECT json_object_agg(partnership_id, role) FROM grants WHERE user_name = users.name), '{}')::text
             FROM users WHERE token_id = $1",
            &[&token.id],
        )
        .await
        .map_err(|e| Fail::unavailable(format!("database: {e}")))?
        .ok_or_else(|| refused("unknown token"))?;
    let (name, role, salt, hash, revoked, grants): (
        String,
        String,
        Vec<u8>,
        Vec<u8>,
        bool,
        String,
    ) = (
        row.get(0),
        row.get(1),
        row.get(2),
        row.get(3),
        row.get(4),
        row.get(5),
    );
    if revoked {
        return Err(refused("this token was revoked"));
    }
    let digest: [u8; 32] = Sha256::digest(token.secret.as_bytes()).into();
    let cached = shared
        .verified
        .lock()
        .ok()
        .and_then(|m| m.get(&token.id).cloned())
        .is_some_and(|(d, h)| d == digest && h == hash);
    if !cached {
        let secret = token.secret.clone();
        let (salt2, hash2) = (salt.clone(), hash.clone());
        let ok = tokio::task::spawn_blocking(move || token::verify(&secret, &salt2, &hash2))
            .await
            .unwrap_or(false);
        if !ok {
            return Err(refused("wrong token"));
        }
        if let Ok(mut m) = shared.verified.lock() {
            m.insert(token.id.clone(), (digest, hash));
        }
    }
    Ok(Caller {
        name,
        role,
        grants: serde_json::from_str(&grants).unwrap_or_default(),
    })
}

async fn team(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Json<TeamInfo>, Fail> {
    let c = caller(&shared, &headers).await?;
    Ok(Json(TeamInfo {
        team_id: shared.team_id.clone(),
        user: c.name,
        role: c.role,
        server_version: env!("CARGO_PKG_VERSION").into(),
    }))
}

async fn partnerships(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Json<Vec<PartnershipHead>>, Fail> {
    let c = caller(&shared, &headers).await?;
    let conn = shared
        .pool
        .get()
        .await
        .map_err(|e| Fail::unavailable(format!("database: {e}")))?;
    let heads = log::heads(&conn).await?;
    Ok(Json(
        heads
            .into_iter()
            .map(|(id, name, head)| PartnershipHead {
                role: c.role_on(&id).to_string(),
                id,
                name,
                head,
            })
            .collect(),
    ))
}

async fn log_page(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((id, after)): Path<(String, i64)>,
) -> Result<Response, Fail> {
    caller(&shared, &headers).await?;
    let conn = shared
        .pool
        .get()
        .await
        .map_err(|e| Fail::unavailable(format!("database: {e}")))?;
    let page = log::page(&conn, &id, after).await?;
    Ok(Json(page).into_response())
}

async fn push(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let c = caller(&shared, &headers).await?;
    let push: Push =
        serde_json::from_slice(&body).map_err(|e| Fail::bad_request(format!("not a push: {e}")))?;
    if push.author != c.name {
        return Err(Fail::new(
            403,
            "forbidden",
            format!(
                "author: the changes are signed {:?} but the token is {:?}'s",
                push.author, c.name
            ),
        ));
    }
    if c.role_on(&id) != "editor" {
        return Err(Fail::new(
            403,
            "forbidden",
            format!(
                "{} may only read partnership {id} (role viewer): nothing was applied",
                c.name
            ),
        ));
    }
    let mut conn = shared
        .pool
        .get()
        .await
        .map_err(|e| Fail::unavailable(format!("database: {e}")))?;
    let pushed = log::push(&mut conn, &id, &push).await?;
    ::log::info!(
        "push {} by {} to {id}: {} changes in {} tables → position {}{}",
        push.change_id,
        c.name,
        push.changes.len(),
        log::tables(&push),
        pushed.position,
        if pushed.duplicate { " (again)" } else { "" }
    );
    Ok(Json(pushed).into_response())
}
