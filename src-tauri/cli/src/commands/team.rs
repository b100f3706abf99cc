//! `prisk team`: the team register (crate partner-risk-team). The server and its people
//! (`serve`, `user`, `grant`) work on the PostgreSQL database (`--database` or
//! `$PARTNER_RISK_TEAM_DATABASE`); the workspace side (`join`, `sync`, `status`,
//! `conflicts`, `resolve`) on the workspace file.

use std::io::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use partner_risk_core::exchange::Resolution;
use partner_risk_core::{Error, Result};
use partner_risk_team::server::{self, users};

use crate::context::Context;
use crate::output::print_json;

#[derive(Subcommand)]
pub enum TeamCmd {
    /// Serve the team register (plain HTTP only on a loopback address).
    Serve(ServeArgs),
    /// The team's people: add (prints the token once), list, revoke, reissue.
    #[command(subcommand)]
    User(UserCmd),
    /// Give a user a role on one partnership (viewer or editor; `none` removes it).
    Grant(GrantArgs),
    /// Connect this workspace to a team server with a token.
    Join(JoinArgs),
    /// Push this workspace's changes and pull the others' since the last sync.
    Sync(JsonArg),
    /// The last sync, changes not pushed yet, conflicts waiting.
    Status(JsonArg),
    /// The conflicts a sync could not merge (our value stays until resolved).
    Conflicts(JsonArg),
    /// Resolve a conflict: keep mine (pushed next sync), take theirs, or give a value.
    Resolve(ResolveArgs),
}

#[derive(Args)]
pub struct Database {
    /// The team's PostgreSQL database, e.g. postgres://prisk@db.example.org/prisk.
    #[arg(long, env = "PARTNER_RISK_TEAM_DATABASE", value_name = "URL")]
    database: String,
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: Database,
    /// The address to listen on: a loopback address, or any with --tls-cert and --tls-key.
    #[arg(long, value_name = "ADDR")]
    bind: IpAddr,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 8443)]
    port: u16,
    /// The certificate chain (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Connections to PostgreSQL kept at most.
    #[arg(long, default_value_t = 16)]
    pool: usize,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Role {
    Viewer,
    Editor,
    Admin,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

#[derive(Subcommand)]
pub enum UserCmd {
    /// Add a user and print their token (shown once, stored hashed).
    Add {
        name: String,
        #[arg(long, value_enum, default_value = "editor")]
        role: Role,
        #[command(flatten)]
        db: Database,
    },
    /// The users, their roles and grants (never their tokens).
    List {
        #[command(flatten)]
        db: Database,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a user's token at once.
    Revoke {
        name: String,
        #[command(flatten)]
        db: Database,
    },
    /// A new token for a user (the old one stops working).
    Reissue {
        name: String,
        #[command(flatten)]
        db: Database,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GrantRole {
    Viewer,
    Editor,
    None,
}

#[derive(Args)]
pub struct GrantArgs {
    user: String,
    /// Partnership id, or its name on the server.
    partnership: String,
    #[arg(long, value_enum)]
    role: GrantRole,
    #[command(flatten)]
    db: Database,
}

#[derive(Args)]
pub struct JoinArgs {
    /// The server, e.g. https://risk.example.org:8443.
    url: String,
    /// The token `prisk team user add` printed.
    #[arg(long, env = "PARTNER_RISK_TEAM_TOKEN", value_name = "TOKEN")]
    token: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct JsonArg {
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Take {
    Mine,
    Theirs,
}

#[derive(Args)]
pub struct ResolveArgs {
    /// The conflict's id (see `prisk team conflicts`).
    id: String,
    #[arg(value_enum, required_unless_present = "value")]
    take: Option<Take>,
    /// A value of your own for the field (JSON, e.g. '"Open"' or '{"residual_l":3,"residual_i":2}').
    #[arg(long, conflicts_with = "take")]
    value: Option<String>,
}

fn server_error(field: &str, message: String) -> Error {
    // Messages of the server side start with the field they concern ("name: …").
    match message.split_once(": ") {
        Some((f, rest)) if !f.contains(' ') && f.len() < 24 => {
            Error::invalid(f.trim_start_matches("--"), "", rest.to_string())
        }
        _ => Error::invalid(field, "", message),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            path: "tokio runtime".into(),
            source,
        })
}

fn admin<T>(
    db: &Database,
    work: impl AsyncFnOnce(&server::AdminClient) -> std::result::Result<T, String>,
) -> Result<T> {
    runtime()?.block_on(async {
        let client = server::admin_connection(&db.database)
            .await
            .map_err(|e| server_error("database", e))?;
        work(&client).await.map_err(|e| server_error("database", e))
    })
}

pub fn run(ctx: &Context, cmd: TeamCmd) -> Result<()> {
    match cmd {
        TeamCmd::Serve(args) => serve(args),
        TeamCmd::User(UserCmd::Add { name, role, db }) => {
            let token = admin(&db, async |c| users::add(c, &name, role.name()).await)?;
            outln!("{}", token.text());
            eprintln!(
                "user {name} added as {}: give them the token above (it is not shown again)",
                role.name()
            );
            Ok(())
        }
        TeamCmd::User(UserCmd::Reissue { name, db }) => {
            let token = admin(&db, async |c| users::reissue(c, &name).await)?;
            outln!("{}", token.text());
            eprintln!("new token for {name}: the old one no longer works");
            Ok(())
        }
        TeamCmd::User(UserCmd::List { db, json }) => {
            let list = admin(&db, async |c| users::list(c).await)?;
            if json {
                return print_json(&list);
            }
            for u in list {
                let grants: Vec<String> =
                    u.grants.iter().map(|(p, r)| format!("{p}={r}")).collect();
                outln!(
                    "{}\t{}\t{}\t{}{}",
                    u.name,
                    u.role,
                    u.token_id,
                    if u.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "active"
                    },
                    if grants.is_empty() {
                        String::new()
                    } else {
                        format!("\t{}", grants.join(" "))
                    }
                );
            }
            Ok(())
        }
        TeamCmd::User(UserCmd::Revoke { name, db }) => {
            admin(&db, async |c| users::revoke(c, &name).await)?;
            outln!("{name}'s token is revoked");
            Ok(())
        }
        TeamCmd::Grant(args) => {
            let role = match args.role {
                GrantRole::Viewer => Some("viewer"),
                GrantRole::Editor => Some("editor"),
                GrantRole::None => None,
            };
            let id = admin(&args.db, async |c| {
                users::grant(c, &args.user, &args.partnership, role).await
            })?;
            match role {
                Some(r) => outln!("{} is {r} of partnership {id}", args.user),
                None => outln!("{}'s grant on partnership {id} is removed", args.user),
            }
            Ok(())
        }
        TeamCmd::Join(args) => {
            let joined =
                partner_risk_team::join(&mut *ctx.store_or_create()?, &args.url, &args.token)?;
            if args.json {
                return print_json(&joined);
            }
            outln!(
                "joined team {} at {} as {} ({}); token kept in {}",
                joined.team_id,
                joined.server,
                joined.user,
                joined.role,
                joined.token_file
            );
            Ok(())
        }
        TeamCmd::Sync(args) => {
            let report = partner_risk_team::sync(&mut *ctx.store()?)?;
            if args.json {
                print_json(&report)?;
            } else {
                for p in &report.partnerships {
                    outln!(
                        "{}: pulled {} change{}, pushed {} record{}{}{}{} (position {})",
                        p.name,
                        p.pulled,
                        if p.pulled == 1 { "" } else { "s" },
                        p.pushed,
                        if p.pushed == 1 { "" } else { "s" },
                        if p.imported { ", imported" } else { "" },
                        if p.conflicts > 0 {
                            format!(", {} conflict(s) waiting", p.conflicts)
                        } else {
                            String::new()
                        },
                        p.refused
                            .as_ref()
                            .map(|r| format!(", REFUSED: {r}"))
                            .unwrap_or_default(),
                        p.position
                    );
                }
            }
            if let Some(p) = report.partnerships.iter().find(|p| p.refused.is_some()) {
                return Err(Error::conflict(
                    "role",
                    &p.name,
                    format!(
                        "the server refused the changes to {} partnership(s); they stay here, nothing of them was applied",
                        report.refused
                    ),
                ));
            }
            Ok(())
        }
        TeamCmd::Status(args) => {
            let status = partner_risk_team::status(&mut *ctx.store()?)?;
            if args.json {
                return print_json(&status);
            }
            if !status.joined {
                outln!("not connected to a team (prisk team join URL --token T)");
                return Ok(());
            }
            outln!(
                "team {} at {} as {}",
                status.team_id.as_deref().unwrap_or(""),
                status.server.as_deref().unwrap_or(""),
                status.user.as_deref().unwrap_or("")
            );
            outln!(
                "last sync: {}",
                status.last_sync.as_deref().unwrap_or("never")
            );
            if let Some(e) = &status.last_error {
                outln!("last error: {e}");
            }
            outln!(
                "pending changes: {} · conflicts waiting: {} · pushes to send again: {}",
                status.pending_changes,
                status.conflicts,
                status.unanswered_pushes
            );
            for p in &status.partnerships {
                outln!(
                    "  {}\tposition {}\t{} pending\t{} conflicts",
                    p.name,
                    p.position,
                    p.pending_changes,
                    p.conflicts
                );
            }
            Ok(())
        }
        TeamCmd::Conflicts(args) => {
            let list = partner_risk_team::conflicts(&*ctx.store()?, None)?;
            if args.json {
                return print_json(&list);
            }
            for c in &list {
                let k = &c.conflict;
                outln!(
                    "{}\t{}{}\tmine {}\ttheirs {}",
                    c.id,
                    k.record,
                    k.field
                        .as_ref()
                        .map(|f| format!(" · {f}"))
                        .unwrap_or_default(),
                    k.mine,
                    k.theirs
                );
            }
            Ok(())
        }
        TeamCmd::Resolve(args) => {
            let resolution = match (args.take, args.value) {
                (_, Some(v)) => Resolution::Value(
                    serde_json::from_str(&v)
                        .map_err(|e| Error::invalid("--value", &v, format!("not JSON ({e})")))?,
                ),
                (Some(Take::Mine), None) => Resolution::Mine,
                (Some(Take::Theirs), None) => Resolution::Theirs,
                (None, None) => unreachable!("clap requires a choice or a value"),
            };
            partner_risk_team::resolve(&mut *ctx.store()?, &args.id, &resolution)?;
            outln!(
                "conflict {} resolved; `prisk team sync` sends the result",
                args.id
            );
            Ok(())
        }
    }
}

fn serve(args: ServeArgs) -> Result<()> {
    let tls = match (args.tls_cert, args.tls_key) {
        (Some(c), Some(k)) => Some((c, k)),
        _ => None,
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let config = server::Config {
        database: args.db.database,
        bind: args.bind,
        port: args.port,
        tls,
        pool: args.pool,
    };
    runtime()?.block_on(async {
        server::serve(
            config,
            |addr, team| {
                // The address first and flushed: scripts read it.
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{scheme}://{addr}");
                let _ = writeln!(out, "serving team {team}; Ctrl+C stops");
                let _ = out.flush();
            },
            interrupted(),
        )
        .await
        .map_err(|e| server_error("server", e))
    })
}

/// Ctrl+C, or SIGTERM from a service manager or `kill`.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
