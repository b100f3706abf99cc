//! The paths through the window that the end-to-end tests (tests/e2e.rs) and the screenshot
//! tour (examples/screenshots.rs) both walk, each written once: a workshop's private
//! entry, reveal, decision and close, voting from a phone, the measure of the presenter
//! view on a projector, an acceptance and a rescore entered from the keyboard, a native
//! open dialog answered, and an exchange file merged with its conflicts settled by keys.
//!
//! A step takes a [`Camera`]: the tour passes one that keeps pictures where it says, the
//! tests pass [`Camera::Off`].
#![allow(dead_code)] // each user takes the steps it needs

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

use super::driver::*;

/// Where a step's pictures go, if anywhere.
pub enum Camera {
    Off,
    /// The window's own screenshot, as `NAME.png` in this folder.
    Window(PathBuf),
}

impl Camera {
    pub async fn shot(&self, client: &Client, name: &str) {
        if let Camera::Window(dir) = self {
            shot(client, dir, name).await;
        }
    }
}

/// A screenshot of the window as `dir/NAME.png`, once the page has settled.
pub async fn shot(client: &Client, dir: &Path, name: &str) {
    // Let the page settle (fonts, layout, a pending reply) before the picture.
    tokio::time::sleep(Duration::from_millis(900)).await;
    let png = client.screenshot().await.expect("screenshot");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    println!("{}", path.display());
}

/// Clicks an element after scrolling it into view (the content area scrolls on its own).
pub async fn press(client: &Client, element: Element) {
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    element.click().await.unwrap();
}

/// Clicks the first element matching an XPath, waiting for it.
pub async fn click_xpath(client: &Client, xpath: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath} did not appear: {e}"))
        .click()
        .await
        .unwrap();
}

/// Opens the workshop titled `title` from the partnership's workshops.
pub async fn open_workshop(client: &Client, title: &str) {
    press(client, button(client, "Workshops").await).await;
    press(client, button(client, title).await).await;
}

/// The form of a new workshop, its title typed in (the caller fills the rest and creates).
pub async fn new_workshop(client: &Client, title: &str) {
    press(client, button(client, "New workshop…").await).await;
    field(client, "Workshop title")
        .await
        .send_keys(title)
        .await
        .unwrap();
}

/// On the private entry's hand-over screen: `voter` picks their name, taps `cell` (a
/// matrix cell's accessible name) and casts the vote; the screen returns to the hand-over
/// state, showing neither the vote nor a tally. The camera sees the ballot before it is cast.
pub async fn private_vote(client: &Client, voter: &str, cell: &str, camera: &Camera) {
    click_xpath(
        client,
        &format!("//ul[@aria-label='Voters']//button[normalize-space(.)='{voter}']"),
    )
    .await;
    press(
        client,
        wait(
            client,
            &format!("form[aria-label='Vote of {voter}'] [aria-label='{cell}']"),
        )
        .await,
    )
    .await;
    camera.shot(client, "workshop-private-ballot").await;
    press(client, button(client, "Cast my vote").await).await;
    text_appears(client, "your vote is in").await;
    let shown = page_text(client).await;
    assert!(
        !shown.contains(&format!("Vote of {voter}")) && !shown.contains("have voted"),
        "the hand-over screen shows no vote and no tally"
    );
}

/// The presenter reveals the current item's votes; the verdict shows.
pub async fn reveal(client: &Client) {
    press(client, button(client, "Reveal").await).await;
    wait(client, "[aria-label^='Verdict:']").await;
}

/// Decides the current item on its suggested cell, agreed `how`, with a rationale. The
/// camera sees the decision before it is saved.
pub async fn decide(client: &Client, how: &str, rationale: &str, camera: &Camera) {
    press(client, button(client, "Decide").await).await;
    click_xpath(
        client,
        &format!("//fieldset[legend='How was it agreed?']//label[normalize-space(.)=\"{how}\"]"),
    )
    .await;
    field(client, "Rationale")
        .await
        .send_keys(rationale)
        .await
        .unwrap();
    camera.shot(client, "workshop-decide").await;
    press(client, button(client, "Save decision").await).await;
    text_appears(client, &format!("Decided · {how}")).await;
}

/// Closes the open workshop: frozen, with its ballot digest.
pub async fn close_workshop(client: &Client) {
    press(client, button(client, "Close workshop…").await).await;
    press(client, button(client, "Close and freeze").await).await;
    by_label(client, "Ballot digest").await;
}

/// Opens voting from phones on loopback and returns the join link (its QR code shown).
pub async fn open_phone_voting(client: &Client) -> String {
    press(client, button(client, "Phones").await).await;
    field(client, "Network")
        .await
        .select_by_value("127.0.0.1")
        .await
        .unwrap();
    press(client, button(client, "Open voting").await).await;
    wait(client, "img[alt='QR code of the join link']").await;
    let link = field(client, "Join link")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    link.trim().to_string()
}

/// A phone opens the join link, `voter` picks their name, sees `item` and sends a vote on
/// `cell`. The camera sees the join page and the vote before it is sent.
pub async fn vote_by_phone(
    phone: &Client,
    link: &str,
    voter: &str,
    item: &str,
    cell: &str,
    camera: &Camera,
) {
    phone.goto(link).await.unwrap();
    text_appears(phone, "Who are you?").await;
    camera.shot(phone, "phone-join").await;
    tap(phone, &format!("//button[normalize-space(.)='{voter}']")).await;
    text_appears(phone, item).await;
    tap(phone, &format!("//button[@aria-label='{cell}']")).await;
    camera.shot(phone, "phone-vote").await;
    tap(phone, "//button[normalize-space(.)='Send my vote']").await;
    text_appears(phone, "Your vote is in").await;
}

/// What of the presenter view lies within the window: its size and the page's overflow,
/// the app's chrome and export buttons still shown (none should be), the parts of the view
/// below the fold, the bottoms of the verdict and of the spread, and the size of the
/// names on the dots (as drawn, and as a name would be drawn on the matrix).
pub async fn presenter_fit(client: &Client) -> serde_json::Value {
    client
        .execute(
            r#"const h = window.innerHeight;
               const box = (css) => { const e = document.querySelector(css); return e ? e.getBoundingClientRect() : null; };
               const bottom = (css) => { const b = box(css); return b ? Math.round(b.bottom) : null; };
               const shown = (css) => [...document.querySelectorAll(css)].some((e) => e.getClientRects().length > 0);
               const within = (css) => { const b = box(css); return b !== null && b.top >= 0 && b.bottom <= h + 1; };
               const drawn = [...document.querySelectorAll('.ws-dot-names, .ws-voters-beside li')].map((e) => parseFloat(getComputedStyle(e).fontSize));
               const probe = document.createElement('span');
               probe.className = 'ws-dot-names';
               document.querySelector('.ws-matrix').appendChild(probe);
               const names = parseFloat(getComputedStyle(probe).fontSize);
               probe.remove();
               return { width: window.innerWidth, height: h,
                        overflow: document.scrollingElement.scrollHeight - h,
                        presenter_top: Math.round(document.querySelector('.ws-presenter').getBoundingClientRect().top),
                        verdict_bottom: bottom("[aria-label^='Verdict:']"),
                        spread_bottom: bottom('.ws-spread'),
                        smallest_name_px: drawn.length ? Math.min(...drawn) : null,
                        chrome: ['.sidebar', '.main > .topbar', '.ws-files'].filter(shown),
                        exports: [...document.querySelectorAll('button')].filter((b) => /^Export/.test(b.textContent) && b.getClientRects().length > 0).length,
                        within: ['.ws-headline', '.ws-matrix', "[aria-label^='Verdict:']", '.ws-spread', '.ws-controls'].filter((css) => !within(css)),
                        names };"#,
            vec![],
        )
        .await
        .unwrap()
}

/// On the review screen: `a`, then the acceptance's approver, expiry (typed as WebKit's
/// date field takes it, month/day/year, Tab on through its parts until the justification)
/// and justification. Not yet saved.
pub async fn enter_acceptance(client: &Client, approver: &str, expiry_mdy: &str, why: &str) {
    keys(client, "a").await;
    focus_on(client, "Approver").await;
    keys(client, approver).await;
    keys(client, "\u{E004}").await;
    keys(client, expiry_mdy).await;
    tab_to(client, "TEXTAREA").await;
    keys(client, why).await;
}

/// On the review screen: `s` opens the residual score picker, and `arrow` (a WebDriver
/// arrow key) moves its cursor one step. Not yet set.
pub async fn start_rescore(client: &Client, arrow: &str) {
    keys(client, "s").await;
    by_label(client, "Residual score picker").await;
    keys(client, arrow).await;
}

/// On a partnership's Exit plan tab: follows the readiness gap of this code (its stable
/// code; the link says the core's reason) to the field it names, which takes the focus,
/// types `value` there as a person would and leaves the field with Tab, which saves the
/// plan. A date is typed month/day/year, as WebKit's date field takes it, and Tab goes on
/// through its parts until the focus leaves it.
pub async fn close_exit_gap(client: &Client, code: &str, field_label: &str, value: &str) {
    let link = wait(client, &format!(".exit-gaps li[data-code='{code}'] button")).await;
    press(client, link).await;
    focus_on(client, field_label).await;
    keys(client, value).await;
    for _ in 0..4 {
        keys(client, "\u{E004}").await;
        if focus_name(client).await != field_label {
            return;
        }
    }
    panic!("Tab never left {field_label}");
}

/// On the Exit plan tab: records an exit test of today, choosing the kind and the
/// operational result by their words and typing the findings.
pub async fn record_exit_test(client: &Client, kind: &str, operational: &str, findings: &str) {
    let form = "//form[@aria-label='Record an exit test']";
    let choose = |label: &str, option: &str| {
        format!("{form}//label[starts-with(normalize-space(.), '{label}')]//select/option[normalize-space(.)='{option}']")
    };
    click_xpath(client, &choose("Kind of test", kind)).await;
    click_xpath(client, &choose("Operational result", operational)).await;
    let text = client
        .find(Locator::XPath(&format!("{form}//textarea")))
        .await
        .unwrap();
    press(client, text).await;
    keys(client, findings).await;
    press(client, button(client, "Record test").await).await;
}

/// Types `file` into the GTK open dialog titled `title` (its location field opens on
/// the first "/") and presses Enter. Without a window manager, focus is given by hand.
pub async fn answer_open_dialog(display: &str, title: &str, file: &Path) {
    let xdotool = |args: &[&str]| {
        std::process::Command::new("xdotool")
            .args(args)
            .env("DISPLAY", display)
            .output()
            .expect("xdotool is installed (apt-get install xdotool)")
    };
    let find = || {
        let found = xdotool(&["search", "--onlyvisible", "--name", title]);
        String::from_utf8_lossy(&found.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    let mut window = String::new();
    for _ in 0..100 {
        window = find();
        if !window.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        !window.is_empty(),
        "the open dialog {title:?} did not appear"
    );
    // On a loaded machine GTK may drop the first keys: the path is typed again (into the
    // location field, Ctrl+L, all of it replaced) while the dialog stays open.
    for attempt in 0..3 {
        // Let GTK map and draw the dialog before it is typed into.
        tokio::time::sleep(Duration::from_millis(800)).await;
        xdotool(&["windowfocus", "--sync", &window]);
        xdotool(&["mousemove", "--window", &window, "40", "40"]);
        if attempt > 0 {
            xdotool(&["key", "ctrl+l"]);
            tokio::time::sleep(Duration::from_millis(300)).await;
            xdotool(&["key", "ctrl+a"]);
        }
        xdotool(&["type", "--delay", "30", &file.display().to_string()]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["key", "Return"]);
        for _ in 0..30 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if find().is_empty() {
                return;
            }
        }
    }
    panic!(
        "the open dialog {title:?} is still open after typing {} three times",
        file.display()
    );
}

/// Merge a file… from the title bar's Exchange menu, the native open dialog answered with
/// `file`, up to the merge preview.
pub async fn open_merge(client: &Client, display: &str, file: &Path) {
    press(client, button(client, "Exchange ▾").await).await;
    click_xpath(
        client,
        "//button[@role='menuitem' and normalize-space(.)='Merge a file…']",
    )
    .await;
    answer_open_dialog(display, "Merge a file", file).await;
    wait(client, ".xch-overview").await;
}

/// Chooses the `nth` item (from 1) of the native File menu from the keyboard: F10 opens
/// File, then Down `nth` times and Return (xdotool on `display`).
pub async fn file_menu_item(display: &str, nth: usize) {
    let xdotool = |args: &[&str]| {
        std::process::Command::new("xdotool")
            .args(args)
            .env("DISPLAY", display)
            .output()
            .expect("xdotool is installed (apt-get install xdotool)")
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
    for _ in 0..nth {
        xdotool(&["key", "Down"]);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    xdotool(&["key", "Return"]);
}

/// File → Merge a File… in the native menu bar, from the keyboard (F10 opens File; the
/// item is the sixth: New Workspace…, Open Workspace…, Open Recent, Send Partnership…,
/// Share with the Partner…, Merge a File…), then as [`open_merge`].
pub async fn open_merge_from_file_menu(client: &Client, display: &str, file: &Path) {
    file_menu_item(display, 6).await;
    answer_open_dialog(display, "Merge a file", file).await;
    wait(client, ".xch-overview").await;
}

/// The merge preview's conflicts one by one from the keyboard, each settled by the choice
/// given for its field (by the name the window shows, e.g. `Residual score`): `m` keeps
/// ours, `t` takes theirs, `e:WORDS` edits a merged value; then Enter to the next. Ends on
/// the summary. The camera takes the first conflict as `exchange-conflict`.
pub async fn resolve_conflicts(client: &Client, choices: &[(&str, &str)], camera: &Camera) {
    let total = choices.len();
    press(
        client,
        button(client, &format!("Resolve {total} conflicts")).await,
    )
    .await;
    for n in 1..=total {
        let region = by_label(client, &format!("Conflict {n} of {total}")).await;
        let heading = region
            .find(Locator::Css("h3"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let (_, choice) = choices
            .iter()
            .find(|(field, _)| heading.ends_with(&format!("· {field}")))
            .unwrap_or_else(|| panic!("no choice given for the conflict {heading:?}"));
        if n == 1 {
            camera.shot(client, "exchange-conflict").await;
        }
        if let Some(words) = choice.strip_prefix("e:") {
            keys(client, "e").await;
            // The editor takes the focus, holding our value: replaced by the words.
            wait(client, ".xch-editor input, .xch-editor textarea").await;
            keys(client, "\u{E009}a").await;
            keys(client, words).await;
            camera.shot(client, "exchange-edit").await;
            keys(client, "\u{E007}").await;
        } else {
            keys(client, choice).await;
            // The choice is on screen before Enter moves on.
            wait(client, ".xch-choices button[aria-pressed='true']").await;
            keys(client, "\u{E007}").await;
        }
    }
    by_label(client, "Summary before merging").await;
}
