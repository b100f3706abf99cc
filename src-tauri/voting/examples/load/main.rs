//! A load generator for the voting server: many phones joining, following the room and
//! voting at the same moment. A client only; it talks HTTP/1.1 over plain sockets, as the
//! tests do. Run it against `prisk workshop serve W --bind 127.0.0.1` (see
//! `scripts/voting-load.sh`, which also checks the votes in the workspace afterwards):
//!
//! ```text
//! load URL [--devices N] [--names A,B,…] [--reconnect-every K] [--out FILE]
//!          [--await-reveal SECS] [--same-address]
//! load check EXPECTED.json REVEAL.json
//! ```
//!
//! Each device binds its sockets to its own loopback address, 127.0.0.(10+i) (Linux
//! routes all of 127/8 to `lo`), so the server's per-address rate limit applies per
//! device as it would for real phones; `--same-address` sends everything from 127.0.0.1
//! instead, which shows the limit. Every device loads the page and its assets, reads the
//! voters, claims its name, opens the event stream, reads its state; then all vote at
//! once (a barrier), each vote timed from the first byte written to the last byte of the
//! answer on the device's open connection. Every K-th device (a third by default) then
//! "sleeps": drops its event stream and connection, waits a little, reconnects, checks
//! that the server shows its vote back, and changes it. At the end every device checks
//! that the room's count is complete.
//!
//! `--out FILE` writes the votes each voter should have in the file (the last one sent);
//! `load check` compares it with `prisk workshop reveal W REF --json` (a named
//! workshop): every voter exactly once, with the last score and comment, from the
//! network. `--await-reveal SECS` keeps the event streams open after voting, prints
//! `ready` and waits for the reveal: every device must get a change event and then see
//! the item revealed in its state.
//!
//! The exit status is 1 when any request failed or any check did not hold.

mod check;
mod device;
mod events;
mod http;
mod run;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use tokio::sync::Barrier;

pub use check::*;
pub use device::*;
pub use events::*;
pub use http::*;
pub use run::*;

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn usage() -> ! {
    eprintln!(
        "usage: load URL [--devices N] [--names A,B,...] [--reconnect-every K] [--out FILE]\n\
         \x20           [--await-reveal SECS] [--same-address]\n\
         \x20      load check EXPECTED.json REVEAL.json"
    );
    std::process::exit(2)
}

pub struct Config {
    pub url: String,
    pub server: SocketAddr,
    pub host: String,
    pub base: String,
    pub devices: usize,
    pub names: Option<Vec<String>>,
    pub reconnect_every: usize,
    pub out: Option<String>,
    pub await_reveal: Option<Duration>,
    pub same_address: bool,
}

pub fn parse_args() -> Config {
    let mut args = std::env::args().skip(1);
    let mut url = None;
    let mut devices = 50;
    let mut names = None;
    let mut reconnect_every = 3;
    let mut out = None;
    let mut await_reveal = None;
    let mut same_address = false;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--devices" => devices = value().parse().unwrap_or_else(|_| usage()),
            "--names" => {
                names = Some(
                    value()
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            }
            "--reconnect-every" => reconnect_every = value().parse().unwrap_or_else(|_| usage()),
            "--out" => out = Some(value()),
            "--await-reveal" => {
                await_reveal = Some(Duration::from_secs_f64(
                    value().parse().unwrap_or_else(|_| usage()),
                ))
            }
            "--same-address" => same_address = true,
            "-h" | "--help" => usage(),
            _ if url.is_none() && !a.starts_with('-') => url = Some(a),
            _ => usage(),
        }
    }
    let url: String = url.unwrap_or_else(|| usage());
    // http://ADDR:PORT/j/TOKEN
    let rest = url.strip_prefix("http://").unwrap_or_else(|| {
        eprintln!("load: {url:?} is not an http:// join URL");
        std::process::exit(2)
    });
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let server: SocketAddr = host.parse().unwrap_or_else(|_| {
        eprintln!("load: {host:?} is not ADDR:PORT");
        std::process::exit(2)
    });
    if names
        .as_ref()
        .is_some_and(|n: &Vec<String>| n.len() < devices)
    {
        eprintln!("load: --names lists fewer names than --devices");
        std::process::exit(2)
    }
    Config {
        url: url.clone(),
        server,
        host: host.to_string(),
        base: format!("/{}", path.trim_end_matches('/')),
        devices,
        names,
        reconnect_every,
        out,
        await_reveal,
        same_address,
    }
}

/// The loopback address device `i` sends from: 127.0.q.(10+r), r < 240.
pub fn source_address(i: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, (i / 240) as u8, 0, (10 + i % 240) as u8)
}

pub async fn load(cfg: Config) -> i32 {
    let cfg = Arc::new(cfg);
    let stats: Shared = Arc::default();
    let plans = match plans(&cfg, &stats).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("load: {e}");
            return 1;
        }
    };
    let n = plans.len();
    let reconnecting = plans.iter().filter(|p| p.reconnects).count();
    let from = if cfg.same_address {
        "all from 127.0.0.1".to_string()
    } else {
        format!(
            "source addresses {}–{}",
            source_address(0),
            source_address(n.saturating_sub(1))
        )
    };
    println!(
        "load: {} · {n} devices ({from}), {reconnecting} reconnect mid-round",
        cfg.url
    );
    let barriers = Arc::new(Barriers {
        joined: Barrier::new(n),
        voted: Barrier::new(n),
        settled: Barrier::new(n),
        ready: Barrier::new(n + 1),
    });
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, plan) in plans.into_iter().enumerate() {
        tasks.push(tokio::spawn(run_device(
            i,
            Arc::new(plan),
            cfg.clone(),
            stats.clone(),
            barriers.clone(),
            n,
        )));
    }
    if cfg.await_reveal.is_some() {
        barriers.ready.wait().await;
        // Everyone has voted and checked: the script may reveal now.
        println!("ready");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
    }
    let mut outcomes = Vec::new();
    for t in tasks {
        match t.await {
            Ok(o) => outcomes.push(o),
            Err(e) => fail(&stats, "load", format!("a device task failed: {e}")),
        }
    }
    let elapsed = started.elapsed();

    // Report.
    let s = stats.lock().unwrap();
    let mut all_votes = Vec::new();
    for k in ["vote at the barrier", "vote after reconnecting"] {
        all_votes.extend(s.latencies.get(k).cloned().unwrap_or_default());
    }
    println!(
        "devices {n}, requests {}, votes sent {} in {:.1} s",
        s.requests,
        s.votes,
        elapsed.as_secs_f64()
    );
    println!("latency in ms (first byte sent → last byte of the answer, on an open connection):");
    println!("  {:<24} {}", "vote (all)", summary(&all_votes));
    for (k, v) in &s.latencies {
        println!("  {k:<24} {}", summary(v));
    }
    let statuses: Vec<String> = s
        .statuses
        .iter()
        .map(|(k, v)| format!("{k} ×{v}"))
        .collect();
    println!("answers by status: {}", statuses.join(", "));
    if cfg.await_reveal.is_some() {
        let saw = outcomes
            .iter()
            .filter(|o| o.saw_reveal == Some(true))
            .count();
        println!("reveal seen over the event stream and in the state: {saw} of {n} devices");
    }
    if let Some(path) = &cfg.out {
        let votes: Vec<Value> = outcomes
            .iter()
            .filter_map(|o| {
                let (item, v) = o.last_vote.as_ref()?;
                Some(json!({
                    "device": o.plan_index,
                    "participant_id": o.participant_id,
                    "name": o.name,
                    "item_id": item,
                    "likelihood": v.likelihood,
                    "impact": v.impact,
                    "comment": v.comment,
                    "changed": v.comment.ends_with("changed"),
                }))
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&json!({ "devices": n, "votes": votes })).expect("JSON");
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("load: writing {path}: {e}");
            return 1;
        }
    }
    if s.failures.is_empty() {
        println!("failures: none");
        0
    } else {
        println!("failures: {}", s.failures.len());
        for f in s.failures.iter().take(30) {
            println!("  {f}");
        }
        if s.failures.len() > 30 {
            println!("  … and {} more", s.failures.len() - 30);
        }
        1
    }
}

// ---------------------------------------------------------------------------------------
// `load check EXPECTED REVEAL`

pub fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("check") {
        if args.len() != 4 {
            usage();
        }
        std::process::exit(check(&args[2], &args[3]));
    }
    let cfg = parse_args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let code = runtime.block_on(load(cfg));
    // Open event streams would keep nothing alive, but leave at once anyway.
    runtime.shutdown_timeout(Duration::from_millis(100));
    std::process::exit(code);
}
