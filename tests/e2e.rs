//! End-to-end: the real app binary in a real window (WebKitGTK under Xvfb), driven
//! through WebDriver (tauri-driver + WebKitWebDriver), on a temporary workspace file.
//!
//! Needs `tauri-driver` (cargo install) and `WebKitWebDriver` (Debian webkit2gtk-driver),
//! which `make test` installs; starts its own Xvfb when there is no display.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// Processes that must end with the test, even when it fails.
struct Background {
    children: Vec<Child>,
}

impl Drop for Background {
    fn drop(&mut self) {
        for child in self.children.iter_mut().rev() {
            // SIGTERM lets tauri-driver stop WebKitWebDriver; SIGKILL would orphan it.
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
    }
}

fn find_tool(name: &str) -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin")));
    for dir in candidates {
        let path = dir.join(name);
        if path.is_file() {
            return path;
        }
    }
    panic!(
        "{name} is not installed: run `make deps` (it installs tauri-driver and webkit2gtk-driver)"
    );
}

struct Session {
    _background: Background,
    _home: tempfile::TempDir,
    port: u16,
}

/// Starts a display (if needed) and tauri-driver, with config folders of its own so the
/// test neither reads nor writes the user's recent list or window positions.
fn start_driver(port: u16) -> Session {
    find_tool("WebKitWebDriver");
    let driver = find_tool("tauri-driver");
    let home = tempfile::tempdir().unwrap();
    let mut background = Background {
        children: Vec::new(),
    };
    let display = match std::env::var("DISPLAY") {
        Ok(d) if !d.is_empty() => d,
        _ => {
            let display = format!(":{}", 90 + port % 100);
            let xvfb = Command::new("Xvfb")
                .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is installed (make deps)");
            background.children.push(xvfb);
            std::thread::sleep(Duration::from_millis(500));
            display
        }
    };
    let child = Command::new(driver)
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &(port + 1).to_string(),
        ])
        .env("DISPLAY", display)
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        // No session bus: the single-instance guard stands aside for the test app.
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver starts");
    background.children.push(child);
    Session {
        _background: background,
        _home: home,
        port,
    }
}

async fn launch(session: &Session, db: &Path) -> Client {
    let app = env!("CARGO_BIN_EXE_partner-risk");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app, "args": ["--db", db.to_str().unwrap()] }),
    );
    let url = format!("http://127.0.0.1:{}", session.port);
    for attempt in 0.. {
        match ClientBuilder::rustls()
            .expect("TLS roots")
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return client,
            Err(e) if attempt < 50 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot reach tauri-driver: {e}"),
        }
    }
    unreachable!()
}

async fn wait(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

async fn by_label(client: &Client, label: &str) -> Element {
    wait(client, &format!("[aria-label=\"{label}\"]")).await
}

/// Finds the form control whose <label> says `label`.
async fn field(client: &Client, label: &str) -> Element {
    let xpath = format!("//label[normalize-space(.)='{label}']");
    let label_el = client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("label {label} did not appear: {e}"));
    let id = label_el.attr("for").await.unwrap().expect("label has for");
    client.find(Locator::Id(&id)).await.unwrap()
}

async fn button(client: &Client, text: &str) -> Element {
    let xpath = format!("//button[normalize-space(.)='{text}']");
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("button {text} did not appear: {e}"))
}

/// The page's text, including text clipped by ellipsis (which WebDriver's visible text
/// leaves out).
async fn page_text(client: &Client) -> String {
    let value = client
        .execute("return document.body.textContent", vec![])
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_string()
}

async fn text_appears(client: &Client, needle: &str) {
    for _ in 0..150 {
        let body = page_text(client).await;
        if body.contains(needle) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-failure.png");
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(&shot, png);
    }
    let body = page_text(client).await;
    panic!(
        "{needle:?} never appeared (screenshot: {}); the page says: {body:?}",
        shot.display()
    );
}

/// The count in a heat-map cell, read from its accessible name ("…: 3 risks").
async fn cell_count(client: &Client, prefix: &str) -> u32 {
    let cell = wait(client, &format!("button[aria-label^=\"{prefix}\"]")).await;
    let label = cell.attr("aria-label").await.unwrap().unwrap();
    label
        .rsplit(": ")
        .next()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_risk_review_in_the_real_window() {
    let session = start_driver(4444);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.prisk");

    let client = launch(&session, &db).await;
    // First run: an empty workspace offers the demo and a new partnership.
    text_appears(&client, "No partnerships yet").await;
    button(&client, "New partnership…")
        .await
        .click()
        .await
        .unwrap();
    field(&client, "Name")
        .await
        .send_keys("Orbital Payments – API pilot")
        .await
        .unwrap();
    field(&client, "Partner organisation")
        .await
        .send_keys("Orbital Payments SA")
        .await
        .unwrap();
    button(&client, "Create partnership")
        .await
        .click()
        .await
        .unwrap();
    text_appears(&client, "Orbital Payments – API pilot").await;
    wait(&client, "table.register tbody tr[aria-rowindex]").await;

    // The residual heat map before the new risk.
    let residual_cell = "Likelihood 2 Unlikely, impact 3 Moderate";
    button(&client, "Heat map").await.click().await.unwrap();
    let before = cell_count(&client, residual_cell).await;

    // A new risk scored by clicking matrix cells.
    button(&client, "Register").await.click().await.unwrap();
    button(&client, "New risk").await.click().await.unwrap();
    field(&client, "Title")
        .await
        .send_keys("Settlement files arrive in a new format")
        .await
        .unwrap();
    field(&client, "Owner")
        .await
        .send_keys("Inès Moreau")
        .await
        .unwrap();
    by_label(&client, "Likelihood 4 Likely, impact 4 Major: High")
        .await
        .click()
        .await
        .unwrap();
    wait(
        &client,
        "button[aria-pressed='true'][aria-label^='Likelihood 4 Likely, impact 4']",
    )
    .await;
    let residual_tab = client
        .find(Locator::XPath(
            "//div[@aria-label='Which score']/button[starts-with(normalize-space(.), 'Residual')]",
        ))
        .await
        .unwrap();
    residual_tab.click().await.unwrap();
    by_label(&client, &format!("{residual_cell}: Medium"))
        .await
        .click()
        .await
        .unwrap();
    button(&client, "Create risk").await.click().await.unwrap();
    // Once created, the editor shows the risk's reference.
    text_appears(&client, "TEC-010").await;
    let reference = wait(&client, ".editor-head .ref")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        reference, "TEC-010",
        "the next reference after the library's nine technical risks"
    );

    // An action on it.
    field(&client, "New action")
        .await
        .send_keys("Agree the file format in the interface spec")
        .await
        .unwrap();
    field(&client, "Action owner")
        .await
        .send_keys("Inès Moreau")
        .await
        .unwrap();
    button(&client, "Add action").await.click().await.unwrap();
    wait(
        &client,
        "select[aria-label='Status of action Agree the file format in the interface spec']",
    )
    .await;

    // A bad value is refused at its field, and nothing is lost.
    let title = field(&client, "Title").await;
    // Select all and delete, as a person would (WebDriver's clear() bypasses React's input events).
    title.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    button(&client, "Save").await.click().await.unwrap();
    let error = wait(&client, ".field.has-error .field-error").await;
    assert!(error.text().await.unwrap().contains("must not be empty"));
    let described = title.attr("aria-describedby").await.unwrap().unwrap();
    assert_eq!(
        error.attr("id").await.unwrap().unwrap(),
        described,
        "the error is at the title field"
    );

    // The heat map counts the new residual score.
    by_label(&client, "Back to the register")
        .await
        .click()
        .await
        .unwrap();
    button(&client, "Heat map").await.click().await.unwrap();
    let after = cell_count(&client, residual_cell).await;
    assert_eq!(after, before + 1);
    // Clicking the cell lists its risks in the register.
    wait(&client, &format!("button[aria-label^=\"{residual_cell}\"]"))
        .await
        .click()
        .await
        .unwrap();
    text_appears(&client, "Settlement files arrive in a new format").await;
    client.close().await.unwrap();

    // Quit and relaunch: everything is still there.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let client = launch(&session, &db).await;
    text_appears(&client, "Orbital Payments – API pilot").await;
    let search = by_label(&client, "Search risks").await;
    search.send_keys("settlement").await.unwrap();
    let open = wait(
        &client,
        &format!("button[aria-label='Open {reference} Settlement files arrive in a new format']"),
    )
    .await;
    open.click().await.unwrap();
    text_appears(&client, "Agree the file format in the interface spec").await;
    wait(
        &client,
        "button[aria-pressed='true'][aria-label^='Likelihood 4 Likely, impact 4']",
    )
    .await;
    by_label(&client, "Change history").await;
    let history = page_text(&client).await;
    assert!(history.contains("created the risk"), "{history}");
    client.close().await.unwrap();
}
