//! `prisk workshop serve`: the voting server from a terminal, until Ctrl+C (or SIGTERM). The
//! facilitator's other commands (`reveal`, `revote`, `decide`, …) work on the same
//! workspace meanwhile; the server notices their changes by itself.

use std::io::Write as _;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use clap::Args;
use partner_risk_core::{Error, Result};
use partner_risk_voting::Options;

use crate::context::Context;

#[derive(Args)]
pub struct ServeArgs {
    pub workshop: String,
    /// One address of this machine (e.g. its Wi-Fi address, or 127.0.0.1 for a test).
    #[arg(long, value_name = "ADDR")]
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

pub fn run(ctx: &Context, args: ServeArgs) -> Result<()> {
    let store = ctx.take_store()?;
    let workshop = store.find_workshop(&args.workshop)?;
    let store = Arc::new(Mutex::new(store));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            path: "tokio runtime".into(),
            source,
        })?;
    runtime.block_on(async {
        let options = Options::new(args.bind, args.port);
        let server = partner_risk_voting::start(store, &workshop.id, options)
            .await
            .map_err(|e| match e {
                partner_risk_voting::Error::Core(e) => e,
                partner_risk_voting::Error::NotRunning(title) => {
                    Error::conflict("workshop", title, "is not running; start it first")
                }
                other => Error::invalid("--bind", args.bind, other.to_string()),
            })?;
        // The URL first and flushed: scripts read it to join.
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", server.join_url());
            let _ = writeln!(
                out,
                "or open {} and type the code {} · voting on {:?}; Ctrl+C stops",
                server.code_url(),
                server.code(),
                workshop.fields.title
            );
            let _ = out.flush();
        }
        interrupted().await;
        server.stop().await;
        outln!("voting closed");
        Ok(())
    })
}

/// Ctrl+C, or SIGTERM from a service manager or `kill`: both close voting cleanly.
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
