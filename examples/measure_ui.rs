//! Measures the real app on a large workspace (not a test; scripts/measure-ui.sh runs it
//! on a partnership of 10,000 risks): launch to the register's rows visible; keystroke in
//! the register's search box to painted rows (p50, p95 over 20 searches); PageDown held
//! through the whole register (every frame's duration); the review queue's rows painted
//! and a decision key to the next risk shown; keystroke in a workshop's agenda picker to
//! painted rows; and the memory of all the app's processes.
//! `cargo run --release --example measure_ui -- APP DB`

#[path = "../tests/support/driver.rs"]
mod driver;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use driver::*;
use fantoccini::Locator;

/// In the page: type a query into a search box as one keystroke, and resolve with the
/// milliseconds until the count beside it has changed and that change is painted (the
/// task after the next animation frame, when the frame's style, layout and paint are
/// done), then the count shown and the milliseconds until the change was in the DOM.
const TIME_TYPING: &str = r#"
const [inputSelector, countSelector, query, done] = arguments;
const input = document.querySelector(inputSelector);
const count = document.querySelector(countSelector);
const before = count.textContent;
const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
const start = performance.now();
const observer = new MutationObserver(() => {
  if (count.textContent !== before) {
    observer.disconnect();
    const committed = performance.now() - start;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done([performance.now() - start, count.textContent, committed]);
      channel.port2.postMessage(null);
    });
  }
});
observer.observe(count, { childList: true, subtree: true, characterData: true });
setValue.call(input, query);
input.dispatchEvent(new Event('input', { bubbles: true }));
"#;

/// In the page: hold PageDown on the register (one press every 33 ms, a keyboard's
/// auto-repeat) until the last row is selected, and resolve with every frame's duration
/// meanwhile, the presses and the milliseconds it took.
const HOLD_PAGE_DOWN: &str = r#"
const [done] = arguments;
const grid = document.querySelector('.grid-wrap');
const last = Number(document.querySelector('table.register').getAttribute('aria-rowcount'));
grid.focus();
const frames = [];
let previous = null;
let running = true;
const tick = (t) => {
  if (previous !== null) frames.push(t - previous);
  previous = t;
  if (running) requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
const start = performance.now();
let presses = 0;
const timer = setInterval(() => {
  const selected = document.querySelector('table.register tr[aria-selected="true"]');
  if ((selected && Number(selected.getAttribute('aria-rowindex')) >= last) || presses >= 5000) {
    clearInterval(timer);
    running = false;
    done([frames, presses, performance.now() - start]);
    return;
  }
  grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', code: 'PageDown', bubbles: true }));
  presses += 1;
}, 33);
"#;

/// In the page: click a sidebar entry and resolve with the milliseconds until `css`
/// is in the page and painted.
const TIME_OPEN: &str = r#"
const [name, css, done] = arguments;
const entry = [...document.querySelectorAll('aside button')]
  .find((b) => b.querySelector('.name')?.textContent.trim() === name);
const start = performance.now();
const painted = () => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => done(performance.now() - start);
  channel.port2.postMessage(null);
});
const observer = new MutationObserver(() => {
  if (document.querySelector(css)) {
    observer.disconnect();
    painted();
  }
});
observer.observe(document.body, { childList: true, subtree: true });
entry.click();
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

/// Runs a timing script in the page and waits for its result. The script gets its
/// arguments and then `done`. Through tauri-driver, a WebDriver call fails now and then
/// with "connection reset" before it reaches the page (seen on one call in a few
/// hundred, more often while the page is busy), which lost whole runs: the script is
/// started by a short call that is sent again only if the page did not get it, and its
/// result is polled for.
async fn in_page(
    client: &fantoccini::Client,
    script: &str,
    args: Vec<serde_json::Value>,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    in_page_after(client, script, args, Duration::ZERO).await
}

/// `in_page` for a long script, whose result is not polled for until `quiet` has passed:
/// each poll runs in the page and would be counted in the frames timed.
async fn in_page_after(
    client: &fantoccini::Client,
    script: &str,
    args: Vec<serde_json::Value>,
    quiet: Duration,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let start = format!(
        "window.__measuring = {run};
         window.__measured = undefined;
         const done = (value) => {{ window.__measured = {{ value }}; }};
         (function () {{ {script} }}).apply(null, [...arguments, done]);"
    );
    let mut attempts = 0;
    while let Err(e) = client.execute(&start, args.clone()).await {
        let started = read_again(client, "return window.__measuring ?? null").await?;
        if started.as_u64() == Some(run) {
            break;
        }
        attempts += 1;
        if attempts == 5 {
            return Err(e);
        }
    }
    tokio::time::sleep(quiet).await;
    loop {
        let reply = read_again(
            client,
            "return window.__measured === undefined ? null : window.__measured",
        )
        .await?;
        if !reply.is_null() {
            return Ok(reply["value"].clone());
        }
        // Each poll is a script run in the page: seldom enough not to disturb what is timed.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A script that only reads the page, sent again (up to five times) when the call fails.
async fn read_again(
    client: &fantoccini::Client,
    script: &str,
) -> Result<serde_json::Value, fantoccini::error::CmdError> {
    let mut attempts = 0;
    loop {
        match client.execute(script, vec![]).await {
            Ok(value) => return Ok(value),
            Err(e) if attempts == 4 => return Err(e),
            Err(_) => {
                attempts += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

fn median(values: &mut [f64]) -> f64 {
    percentile(values, 50.0)
}

/// The nearest-rank percentile: the smallest value that `p` per cent of values do not exceed.
fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

/// Twenty searches as a user makes them: a word, then the box cleared, ten times.
const SEARCHES: [&str; 20] = [
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
    "vendor",
    "",
    "audit",
    "",
    "outage",
    "",
    "licence",
    "",
    "fraud",
    "",
];

/// Types the twenty searches into a search box and prints each, then p50 and p95 of
/// keystroke to painted rows.
async fn time_searches(client: &fantoccini::Client, what: &str, input: &str, count: &str) {
    let (mut painted, mut in_dom) = (Vec::new(), Vec::new());
    for query in SEARCHES {
        let reply = in_page(
            client,
            TIME_TYPING,
            vec![input.into(), count.into(), query.into()],
        )
        .await
        .expect("search timing");
        let ms = reply[0].as_f64().unwrap();
        let dom = reply[2].as_f64().unwrap_or_default();
        println!(
            "  {what} {query:?}: painted after {ms:.1} ms → {} (in the DOM after {dom:.1} ms)",
            reply[1].as_str().unwrap_or_default(),
        );
        painted.push(ms);
        in_dom.push(dom);
    }
    println!(
        "{what}: keystroke to painted rows p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (in the DOM: p50 {:.1} ms) over {} searches",
        percentile(&mut painted, 50.0),
        percentile(&mut painted, 95.0),
        painted.iter().cloned().fold(0.0, f64::max),
        percentile(&mut in_dom, 50.0),
        SEARCHES.len()
    );
}

/// Holds PageDown from the first row of the register to the last and prints the frames.
async fn time_page_down(client: &fantoccini::Client) {
    // 10,000 rows at about 15 a page and 30 pages a second take more than 20 s.
    let reply = in_page_after(client, HOLD_PAGE_DOWN, vec![], Duration::from_secs(20))
        .await
        .expect("PageDown timing");
    let mut frames: Vec<f64> = reply[0]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_f64())
        .collect();
    let over = frames.iter().filter(|&&f| f > 50.0).count();
    println!(
        "PageDown held through the register: {} presses in {:.1} s; {} frames, p50 {:.1} ms, p95 {:.1} ms, longest {:.1} ms, {over} over 50 ms",
        reply[1],
        reply[2].as_f64().unwrap_or_default() / 1000.0,
        frames.len(),
        percentile(&mut frames, 50.0),
        percentile(&mut frames, 95.0),
        frames.iter().cloned().fold(0.0, f64::max),
    );
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
        // The same from the page's own clock (from the navigation's start), without the
        // WebDriver session and the process start before it.
        let page_ms = read_again(&client, "return performance.now()")
            .await
            .unwrap()
            .as_f64()
            .unwrap_or_default();
        // The count above the table ("10000 risks"), once the register has loaded.
        let shown = read_again(
            &client,
            "return document.querySelector('.filters .count')?.textContent ?? ''",
        )
        .await
        .unwrap();
        let rows = shown
            .as_str()
            .unwrap_or_default()
            .trim_end_matches(" risks")
            .to_string();
        println!("launch {run}: rows visible after {elapsed:.0} ms (WebDriver session start included; {page_ms:.0} ms after the page's navigation began; register of {rows} risks)");
        launches.push(elapsed);

        if run == 2 {
            let mut frames = Vec::new();
            for _ in 0..5 {
                let reply = in_page(&client, IDLE_FRAME, vec![]).await.expect("frame");
                frames.push(reply.as_f64().unwrap());
            }
            println!("idle frame to frame: median {:.1} ms", median(&mut frames));
            time_searches(
                &client,
                "register search",
                "[aria-label=\"Search risks\"]",
                ".filters .count",
            )
            .await;
            time_page_down(&client).await;
            review_timings(&client).await;
            agenda_picker_timings(&client).await;
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
    nav(client, "Review queue").await;
    let opened = in_page(
        client,
        TIME_OPEN,
        vec!["Review queue".into(), "table.rv-queue tbody tr".into()],
    )
    .await
    .expect("queue timing");
    let rows = client
        .execute(
            "return document.querySelectorAll('table.rv-queue tbody tr').length",
            vec![],
        )
        .await
        .unwrap();
    println!(
        "review queue: rows painted {:.1} ms after the click ({rows} rows in the page)",
        opened.as_f64().unwrap_or_default()
    );
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
        let reply = in_page(client, TIME_DECISION, vec![])
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

/// The workshop agenda picker on the large partnership: a new workshop's plan, then the
/// twenty searches in its filter box.
async fn agenda_picker_timings(client: &fantoccini::Client) {
    wait(client, "aside li button.nav-item")
        .await
        .click()
        .await
        .unwrap();
    button(client, "Workshops").await.click().await.unwrap();
    button(client, "New workshop…").await.click().await.unwrap();
    field(client, "Workshop title")
        .await
        .send_keys("Measured workshop")
        .await
        .unwrap();
    button(client, "Create workshop")
        .await
        .click()
        .await
        .unwrap();
    wait(client, ".ws-pick-list li").await;
    time_searches(
        client,
        "agenda picker filter",
        "[aria-label=\"Filter risks\"]",
        ".ws-shown",
    )
    .await;
}
