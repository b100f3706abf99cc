//! The team register in the real window, with screenshots: `scripts/team-demo.sh` prepares a
//! private PostgreSQL cluster, two users (ada, ben) and their workspaces in WORK, then runs
//! `team_screens APP PRISK WORK OUT_DIR`, which
//!
//! 1. starts `prisk team serve` on the cluster (plain HTTP on loopback);
//! 2. opens Ada's workspace in the window and File → Connect to a Team… (the native menu,
//!    from the keyboard with `xdotool`): an `http://` address to another machine and a wrong token are
//!    refused in words, then the right ones connect and the window syncs;
//! 3. Ben joins from a second workspace with `prisk`, gets the partnership, retitles DPR-001
//!    and syncs; Ada retitles it too (with `prisk`, on the window's file) and changes EXT-001;
//! 4. the server is stopped: *Sync now* says Offline quietly, the changes wait;
//! 5. the server is started again on the same port: *Sync now* brings Ben's change, one
//!    conflict is kept, the register marks DPR-001;
//! 6. *Settle…* opens the side-by-side screen: `t` takes Ben's title, Enter settles it;
//!    Ada syncs, Ben syncs, and both workspaces and the server's register (psql) agree.
//!
//! Screenshots (captured from the X display with ImageMagick's `import`): team-connect-*.png,
//! team-offline.png, team-status.png, team-conflict.png, team-settled.png.

#[path = "../tests/support/driver.rs"]
mod driver;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use driver::*;
use fantoccini::Client;

const PARTNERSHIP: &str = "Northwind Analytics – claims triage AI";
const ADA_TITLE: &str = "Personal data leaves the EU without a DPA";
const BEN_TITLE: &str = "Claims data sent abroad without a DPA";

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(prisk: &Path, database: &str, port: u16) -> Server {
        let mut child = Command::new(prisk)
            .args([
                "team",
                "serve",
                "--database",
                database,
                "--bind",
                "127.0.0.1",
            ])
            .args(["--port", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("prisk team serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.starts_with("http://"), "serve printed {line:?}");
        Server {
            child,
            url: line.trim().to_string(),
        }
    }

    fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs prisk on a workspace as someone; its output.
fn prisk(bin: &Path, work: &Path, who: &str, args: &[&str]) -> String {
    let out = Command::new(bin)
        .arg("--db")
        .arg(work.join(format!("{who}.prisk")))
        .args(args)
        .env(
            "PARTNER_RISK_CONFIG_DIR",
            work.join(format!("{who}-config")),
        )
        .output()
        .expect("prisk runs");
    assert!(
        out.status.success(),
        "prisk {args:?} as {who}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The title of DPR-001 in a workspace.
fn title_in(bin: &Path, work: &Path, who: &str) -> String {
    let list = prisk(
        bin,
        work,
        who,
        &["risk", "list", "--partnership", PARTNERSHIP],
    );
    let line = list
        .lines()
        .find(|l| l.starts_with("DPR-001"))
        .expect("DPR-001 listed");
    line.trim_start_matches("DPR-001")
        .trim()
        .split("  ")
        .next()
        .unwrap()
        .to_string()
}

/// The whole X display (or a part: `WxH+X+Y`) as OUT/NAME.png.
fn capture(display: &str, out: &Path, name: &str, crop: Option<&str>) {
    std::thread::sleep(Duration::from_millis(900));
    let path = out.join(format!("{name}.png"));
    let mut cmd = Command::new("import");
    cmd.args(["-display", display, "-window", "root"]);
    if let Some(c) = crop {
        cmd.args(["-crop", c]);
    }
    let status = cmd.arg(&path).status().expect("ImageMagick's import");
    assert!(status.success(), "import {name}");
    println!("{}", path.display());
}

/// File → Connect to a Team… in the native menu bar (which WebDriver cannot reach), from
/// the keyboard with `xdotool`: F10 opens File; the item is the seventh (New Workspace…,
/// Open Workspace…, Open Recent, Send Partnership…, Share with the Partner…, Merge a
/// File…, Connect to a Team…).
async fn connect_from_menu(client: &Client, display: &str) {
    let xdotool = |args: &[&str]| {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", display)
            .output()
            .expect("xdotool (apt-get install xdotool)")
    };
    let found = xdotool(&["search", "--onlyvisible", "--name", "Partner Risk"]);
    let window = String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(!window.is_empty(), "the app's window is not on {display}");
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "F10"]);
    tokio::time::sleep(Duration::from_millis(400)).await;
    for _ in 0..7 {
        xdotool(&["key", "Down"]);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    xdotool(&["key", "Return"]);
    text_appears(client, "Connect to a team").await;
}

/// Replaces the text of the field labelled `label`.
async fn fill(client: &Client, label: &str, text: &str) {
    let input = field(client, label).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

async fn sync_now(client: &Client) {
    button(client, "Sync now").await.click().await.unwrap();
}

async fn text_gone(client: &Client, needle: &str) {
    let started = Instant::now();
    while page_text(client).await.contains(needle) {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "{needle:?} never went away"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [app, bin, work, out] = args.as_slice() else {
        eprintln!(
            "usage: team_screens APP PRISK WORK OUT_DIR (scripts/team-demo.sh prepares WORK)"
        );
        std::process::exit(2);
    };
    std::fs::create_dir_all(out).expect("output folder");
    let read = |name: &str| {
        std::fs::read_to_string(work.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .trim()
            .to_string()
    };
    let database = read("database.url");
    let ada_token = read("ada.token");
    let ben_token = read("ben.token");

    let server = Server::start(bin, &database, 0);
    let port = server.port();
    // The window keeps Ada's token where prisk would for her (the app inherits this).
    std::env::set_var("PARTNER_RISK_CONFIG_DIR", work.join("ada-config"));
    let driver_port = std::env::var("SCREENSHOTS_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(4490);
    let session = start_driver(driver_port);
    let display = session.display().to_string();
    let client = launch(&session, app, &work.join("ada.prisk")).await;
    text_appears(&client, "DPR-001").await;
    // Not in a team: no sync status in the sidebar.
    assert!(!page_text(&client).await.contains("Sync now"));

    // 2. Connect, with two refusals first.
    connect_from_menu(&client, &display).await;
    fill(&client, "Server address", "http://risk.example.org:8443").await;
    fill(&client, "Token", &ada_token).await;
    button(&client, "Connect").await.click().await.unwrap();
    text_appears(
        &client,
        "plain http:// is only for a server on this machine",
    )
    .await;
    capture(&display, out, "team-connect-https", None);
    fill(&client, "Server address", &server.url).await;
    let mut wrong = ada_token.clone();
    let last = if wrong.ends_with('0') { '1' } else { '0' };
    wrong.pop();
    wrong.push(last);
    fill(&client, "Token", &wrong).await;
    button(&client, "Connect").await.click().await.unwrap();
    text_appears(&client, "The server refused this token").await;
    capture(&display, out, "team-connect-token", None);
    fill(&client, "Token", &ada_token).await;
    button(&client, "Connect").await.click().await.unwrap();
    text_appears(&client, "Synced just now").await;
    println!("Ada connected and synced");

    // 3. Ben gets the partnership and retitles DPR-001; Ada retitles it too, offline.
    prisk(
        bin,
        work,
        "ben",
        &["team", "join", &server.url, "--token", &ben_token],
    );
    println!("{}", prisk(bin, work, "ben", &["team", "sync"]).trim());
    prisk(
        bin,
        work,
        "ben",
        &[
            "risk",
            "set",
            "--partnership",
            PARTNERSHIP,
            "DPR-001",
            "--title",
            BEN_TITLE,
        ],
    );
    println!("{}", prisk(bin, work, "ben", &["team", "sync"]).trim());
    prisk(
        bin,
        work,
        "ada",
        &[
            "risk",
            "set",
            "--partnership",
            PARTNERSHIP,
            "DPR-001",
            "--title",
            ADA_TITLE,
        ],
    );
    prisk(
        bin,
        work,
        "ada",
        &[
            "risk",
            "set",
            "--partnership",
            PARTNERSHIP,
            "EXT-001",
            "--owner",
            "Legal – Jonas Becker",
        ],
    );
    // The window sees the file change and counts what waits.
    text_appears(&client, "2 changes waiting").await;

    // 4. The server stops: Sync now is quiet about it.
    server.stop();
    let started = Instant::now();
    sync_now(&client).await;
    text_appears(&client, "Offline — last synced").await;
    println!("offline said after {} ms", started.elapsed().as_millis());
    assert!(
        client
            .find_all(fantoccini::Locator::Css("[role=alert], [role=dialog]"))
            .await
            .unwrap()
            .is_empty(),
        "no alert, no dialog while offline"
    );
    capture(&display, out, "team-offline", Some("236x140+0+660"));

    // 5. Back online: Ben's change comes, one conflict is kept and marked.
    let server = Server::start(bin, &database, port);
    sync_now(&client).await;
    text_appears(&client, "1 conflict to settle").await;
    wait(&client, "[aria-label^='Conflict from the team sync']").await;
    capture(&display, out, "team-status", None);

    // 6. Settle it on the side-by-side screen: take Ben's title.
    by_label(&client, "Settle conflicts")
        .await
        .click()
        .await
        .unwrap();
    text_appears(&client, "Conflict 1 of 1").await;
    capture(&display, out, "team-conflict", None);
    keys(&client, "t").await;
    keys(&client, "\u{E007}").await;
    text_gone(&client, "conflict to settle").await;
    sync_now(&client).await;
    text_appears(&client, "Synced just now").await;
    text_gone(&client, "Syncing…").await;
    capture(&display, out, "team-settled", None);
    println!("{}", prisk(bin, work, "ben", &["team", "sync"]).trim());

    let ada = title_in(bin, work, "ada");
    let ben = title_in(bin, work, "ben");
    let psql = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", &database, "-c"])
        .arg("SELECT row->>'title' FROM risks WHERE row->>'reference' = 'DPR-001'")
        .output()
        .expect("psql");
    let on_server = String::from_utf8_lossy(&psql.stdout).trim().to_string();
    println!("DPR-001: Ada {ada:?}, Ben {ben:?}, server {on_server:?}");
    assert_eq!(ada, BEN_TITLE);
    assert_eq!(ben, BEN_TITLE);
    assert_eq!(on_server, BEN_TITLE);
    client.close().await.unwrap();
    server.stop();
}
