//! Driving the real app window through WebDriver: tauri-driver + WebKitWebDriver under
//! Xvfb. Shared by the end-to-end test and the screenshot and measurement tools.
#![allow(dead_code)] // each user takes the helpers it needs

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// Processes that must end with the test, even when it fails.
pub struct Background {
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

pub fn find_tool(name: &str) -> PathBuf {
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
        "{name} is not installed: run `make deps` (it installs tauri-driver, webkit2gtk-driver, chromium and chromium-driver)"
    );
}

pub struct Session {
    _background: Background,
    _home: tempfile::TempDir,
    port: u16,
    display: String,
}

impl Session {
    /// The X display the window is on (for tools that answer native dialogs).
    pub fn display(&self) -> &str {
        &self.display
    }
}

/// Starts a display (if needed) and tauri-driver, with config folders of its own so the
/// test neither reads nor writes the user's recent list or window positions.
pub fn start_driver(port: u16) -> Session {
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
        .env("DISPLAY", &display)
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
        display,
    }
}

pub async fn launch(session: &Session, app: &Path, db: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app.to_str().unwrap(), "args": ["--db", db.to_str().unwrap()] }),
    );
    connect(session.port, caps, "tauri-driver").await
}

/// A WebDriver session on the driver listening on `port`, retried while it starts.
async fn connect(
    port: u16,
    caps: serde_json::Map<String, serde_json::Value>,
    driver: &str,
) -> Client {
    let url = format!("http://127.0.0.1:{port}");
    // Two crypto providers are compiled into rustls (see Cargo.toml): name one, once.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
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
            Err(e) => panic!("cannot reach {driver}: {e}"),
        }
    }
    unreachable!()
}

pub async fn wait(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

pub async fn by_label(client: &Client, label: &str) -> Element {
    wait(client, &format!("[aria-label=\"{label}\"]")).await
}

/// Finds the form control whose <label> says `label`.
pub async fn field(client: &Client, label: &str) -> Element {
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

/// The button that says `text`, scrolled to the middle of the window: a person scrolls
/// to what they click, and the window's bar stays over the top of the page. A key shown
/// beside the words (`<kbd aria-hidden>`, not part of the button's name) is left out.
pub async fn button(client: &Client, text: &str) -> Element {
    let xpath = format!(
        "//button[normalize-space(.)='{text}' or (kbd[@aria-hidden='true'] and normalize-space(text()[1])='{text}')]"
    );
    let found = client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("button {text} did not appear: {e}"));
    // A button gone meanwhile is reported by the caller's click.
    let _ = client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&found).unwrap()],
        )
        .await;
    found
}

/// The page's text, including text clipped by ellipsis (which WebDriver's visible text
/// leaves out).
pub async fn page_text(client: &Client) -> String {
    // WebKitWebDriver now and then answers a script with "Could not parse script result"
    // while the page is busy (seen once in a clean-clone run, in the Loss tab right after
    // Run simulation): ask again, a few times, before calling it a failure.
    let mut attempt = 0;
    loop {
        match client
            .execute("return document.body.textContent", vec![])
            .await
        {
            Ok(value) => return value.as_str().unwrap_or_default().to_string(),
            Err(e) if attempt < 5 => {
                eprintln!("reading the page's text failed ({e}); asking again");
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("reading the page's text failed {attempt} times: {e}"),
        }
    }
}

pub async fn text_appears(client: &Client, needle: &str) {
    for _ in 0..150 {
        let body = page_text(client).await;
        if body.contains(needle) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let shot = std::env::temp_dir().join("partner-risk-e2e-failure.png");
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(&shot, png);
    }
    let body = page_text(client).await;
    panic!(
        "{needle:?} never appeared (screenshot: {}); the page says: {body:?}",
        shot.display()
    );
}

/// Types `text` into whatever has the focus, as a person at the keyboard would: key
/// actions, not "send keys to an element" (which moves the focus back to that element
/// first, and so never leaves a date field). `\u{E009}` (Control) is held down until the
/// end of `text`.
pub async fn keys(client: &Client, text: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    const CONTROL: char = '\u{E009}';
    let mut actions = KeyActions::new("keyboard".into());
    let mut held = false;
    for c in text.chars() {
        if c == CONTROL {
            actions = actions.then(KeyAction::Down { value: c });
            held = true;
        } else {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
    }
    if held {
        actions = actions.then(KeyAction::Up { value: CONTROL });
    }
    client.perform_actions(actions).await.unwrap();
}

/// An entry of the sidebar, by its name (a count may follow it).
pub async fn nav(client: &Client, name: &str) -> Element {
    let xpath = format!("//aside//button[span[@class='name' and normalize-space(.)='{name}']]");
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("sidebar entry {name} did not appear: {e}"))
}

/// What has the focus: its label for a form field, else its tag name.
pub async fn focus_name(client: &Client) -> String {
    let value = client
        .execute(
            "const e = document.activeElement; \
             return e && e.labels && e.labels.length ? e.labels[0].textContent.trim() : (e ? e.tagName : '')",
            vec![],
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_string()
}

/// Waits until the window has moved the focus to the field labelled `label` (the app
/// moves it after a decision key; a person waits for the cursor too).
pub async fn focus_on(client: &Client, label: &str) {
    for _ in 0..100 {
        if focus_name(client).await == label {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the focus never reached {label}: it is on {}",
        focus_name(client).await
    );
}

/// Presses Tab until the focus is on an element of this tag (at most six times).
pub async fn tab_to(client: &Client, tag: &str) {
    for _ in 0..6 {
        keys(client, "\u{E004}").await;
        let focused = client
            .execute("return document.activeElement.tagName", vec![])
            .await
            .unwrap();
        if focused.as_str() == Some(tag) {
            return;
        }
    }
    panic!("Tab never reached a {tag}");
}

/// A phone in the room: Debian's Chromium, headless at phone size, driven by
/// chromium-driver. Ends with the returned guard.
pub async fn phone(port: u16) -> (Background, Client) {
    let chromedriver = find_tool("chromedriver");
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let background = Background {
        children: vec![child],
    };
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": find_tool("chromium").to_str().unwrap(),
            // No sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            // No calls home either (there is no network to call).
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-quic", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync"],
            // A phone's screen and touch (a headless window is at least 500 px wide).
            "mobileEmulation": { "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1.0, "touch": true } },
        }),
    );
    (background, connect(port, caps, "chromedriver").await)
}

/// Taps a control of the phone's page, again if the page redrew it meanwhile (it redraws
/// whenever the room changes).
pub async fn tap(phone: &Client, xpath: &str) {
    for _ in 0..50 {
        if let Ok(element) = phone.find(Locator::XPath(xpath)).await {
            if element.click().await.is_ok() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{xpath} never became tappable on the phone");
}
