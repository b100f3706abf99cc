//! Measures the real app on a large workspace (not a test; scripts/measure-ui.sh runs it
//! on a partnership of 10,000 risks): launch to the register's rows visible, keystroke in
//! the search box to updated rows, a decision key in the review to the next risk shown,
//! and the memory of all the app's processes.
//! `cargo run --release --example measure_ui -- APP DB`

#[path = "../tests/support/driver.rs"]
mod driver;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use driver::*;
use fantoccini::Locator;

/// In the page: set the search box, and resolve with the milliseconds until the risk
/// count shown above the table changes and the next frame is painted (and, apart, until
/// the change is in the DOM).
const TIME_SEARCH: &str = r#"
const [query, done] = arguments;
const input = document.querySelector('[aria-label="Search risks"]');
const count = document.querySelector('.filters .count');
const before = count.textContent;
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
const start = performance.now();
const observer = new MutationObserver(() => {
  if (count.textContent !== before) {
    observer.disconnect();
    const committed = performance.now() - start;
    requestAnimationFrame(() => done([performance.now() - start, count.textContent, committed]));
  }
});
observer.observe(count, { childList: true, subtree: true, characterData: true });
setValue.call(input, query);
input.dispatchEvent(new Event('input', { bubbles: true }));
"#;

/// In the page: press `n` ("no change") on the review screen, and resolve with the
/// milliseconds until the next risk's heading is painted, and until its content (scores,
/// actions, last review) is painted too.
const TIME_DECISION: &str = r#"
const [done] = arguments;
const heading = () => document.querySelector('#rv-heading');
const before = heading().textContent;
const start = performance.now();
let shown = null;
const check = () => {
  const h = heading();
  if (!h || h.textContent === before) return;
  if (shown === null) shown = performance.now() - start;
  if (document.querySelector('.rv-body .rv-title')) {
    observer.disconnect();
    requestAnimationFrame(() => done([shown, performance.now() - start, h.textContent]));
  }
};
const observer = new MutationObserver(check);
observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', bubbles: true }));
"#;

/// In the page: the milliseconds from one animation frame to the next with nothing
/// changing, i.e. what the window's frame clock adds to any update.
const IDLE_FRAME: &str = r#"
const [done] = arguments;
requestAnimationFrame((first) => requestAnimationFrame((second) => done(second - first)));
"#;

/// Resident and proportional memory of a process, in MiB, from /proc.
fn memory(pid: u32) -> Option<(f64, f64)> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        rollup
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
    };
    Some((field("Rss:")?, field("Pss:")?))
}

fn app_processes() -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let comm = comm.trim();
        if comm == "partner-risk"
            || comm.starts_with("WebKitWebProces")
            || comm.starts_with("WebKitNetworkPr")
        {
            found.push((pid, comm.to_string()));
        }
    }
    found
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [app, db] = args.as_slice() else {
        eprintln!("usage: measure_ui APP DB");
        std::process::exit(2);
    };
    let session = start_driver(4480);
    let mut launches = Vec::new();
    for run in 0..3 {
        let start = Instant::now();
        let client = launch(&session, app, db).await;
        loop {
            if client
                .find(Locator::Css("table.register tbody tr[aria-rowindex]"))
                .await
                .is_ok()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        let count = page_text(&client).await;
        let rows = count
            .split(" risks")
            .next()
            .unwrap_or_default()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or_default()
            .to_string();
        println!("launch {run}: rows visible after {elapsed:.0} ms (WebDriver session start included; register of {rows} risks)");
        launches.push(elapsed);

        if run == 2 {
            let mut frames = Vec::new();
            for _ in 0..5 {
                let reply = client
                    .execute_async(IDLE_FRAME, vec![])
                    .await
                    .expect("frame");
                frames.push(reply.as_f64().unwrap());
            }
            println!("idle frame to frame: median {:.1} ms", median(&mut frames));
            let mut keystrokes = Vec::new();
            for query in [
                "insolvency",
                "",
                "exit plan",
                "",
                "gdpr",
                "",
                "api",
                "",
                "escrow",
                "",
            ] {
                let reply = client
                    .execute_async(TIME_SEARCH, vec![query.into()])
                    .await
                    .expect("search timing");
                let ms = reply[0].as_f64().unwrap();
                println!(
                    "  search {query:?}: {ms:.1} ms → {} (in the DOM after {:.1} ms)",
                    reply[1].as_str().unwrap_or_default(),
                    reply[2].as_f64().unwrap_or_default()
                );
                keystrokes.push(ms);
            }
            println!(
                "keystroke to updated rows: median {:.1} ms, max {:.1} ms",
                median(&mut keystrokes.clone()),
                keystrokes.iter().cloned().fold(0.0, f64::max)
            );
            review_timings(&client).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
            let (mut rss, mut pss) = (0.0, 0.0);
            for (pid, name) in app_processes() {
                if let Some((r, p)) = memory(pid) {
                    println!("  {name} (pid {pid}): RSS {r:.0} MiB, PSS {p:.0} MiB");
                    rss += r;
                    pss += p;
                }
            }
            println!(
                "memory of the app's processes: RSS {rss:.0} MiB (overlapping), PSS {pss:.0} MiB"
            );
        }
        client.close().await.unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!(
        "launch to rows visible: median {:.0} ms",
        median(&mut launches)
    );
}

/// The review queue of the large partnership: ten "no change" decisions by key, one a
/// second, each timed from the key to the next risk on screen.
async fn review_timings(client: &fantoccini::Client) {
    nav(client, "Review queue").await.click().await.unwrap();
    button(client, "Start reviewing")
        .await
        .click()
        .await
        .unwrap();
    wait(client, ".rv-body .rv-title").await;
    let (mut shown, mut loaded) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        // An analyst reads a risk for a while before deciding; the next one is read
        // ahead meanwhile. A second is far less than anyone takes.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let reply = client
            .execute_async(TIME_DECISION, vec![])
            .await
            .expect("decision timing");
        let (s, l) = (reply[0].as_f64().unwrap(), reply[1].as_f64().unwrap());
        println!(
            "  n → {}: heading {s:.1} ms, content {l:.1} ms",
            reply[2].as_str().unwrap_or_default()
        );
        shown.push(s);
        loaded.push(l);
    }
    println!(
        "decision key to next risk: heading median {:.1} ms (max {:.1}), full content median {:.1} ms (max {:.1})",
        median(&mut shown.clone()),
        shown.iter().cloned().fold(0.0, f64::max),
        median(&mut loaded.clone()),
        loaded.iter().cloned().fold(0.0, f64::max)
    );
}
