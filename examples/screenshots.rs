//! Takes screenshots of the main screens of the real app on a workspace:
//! `cargo run --example screenshots -- APP DB OUT_DIR` (scripts/screenshots.sh runs it
//! on a fresh demo workspace).
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR workshops` takes the workshop
//! screens instead (workshop-*.png). The workspace needs a running workshop titled
//! "Pilot go/no-go risk workshop" whose first item has votes but is not revealed, and a
//! closed one titled "Q3 data protection review".
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR review` takes the analyst's review
//! screens (review-*.png, activity.png, portfolio.png) on a workspace with a few reviews.
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR exit` takes the Exit plan tab
//! (exit-plan.png, exit-plan-steps.png) and the review queue with the plan's reminders
//! (exit-review-queue.png) on a workspace filled by `scripts/exit-demo.sh`.
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR exchange` takes the exchange
//! (exchange-*.png) on a workspace made by `scripts/exchange-demo.sh`: Share with the
//! partner, the merge preview of Ben's file beside it (`ben.prisk-exchange`, answered in
//! the native open dialog with `xdotool`), a conflict, the edited value, the summary, and
//! Where we disagree with the partner's view.
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR phones` takes voting from phones
//! (workshop-phones.png, phone-*.png at 390×844 in headless Chromium) on a workspace with
//! a running workshop titled "Pilot go/no-go risk workshop" with Amira Haddad as a voter.
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR projector` takes the presenter view
//! in a 1280×720 window before and after a reveal (projector-*.png), captured from the X
//! display with ImageMagick's `import` (WebKitWebDriver's own screenshot can hang without
//! GL compositing), and prints what fits on the screen. The workspace needs a running
//! workshop titled "Pilot go/no-go risk workshop" whose first item has votes.
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR messages` takes what the window says
//! about a slip (messages-*.png, captured like `projector`): a workshop date typed in the
//! wrong order, its refusal, and a partnership without a name.
//!
//! `cargo run --example screenshots -- APP DB OUT_DIR import` takes the Import dialog
//! (import-*.png) on `examples/fixtures/messy-register.csv` (Windows-1252, semicolons,
//! a title row above the header, scores in words, one unreadable score), imported into
//! the partnership the window opens on. The native open dialog is answered with
//! `xdotool` (Debian package `xdotool`), which types the file's path into it.

#[path = "../tests/support/driver.rs"]
mod driver;
#[path = "../tests/support/steps.rs"]
mod steps;

use std::path::{Path, PathBuf};
use std::time::Duration;

use driver::*;
use fantoccini::{Client, Locator};
use steps::{answer_open_dialog, open_merge, press, resolve_conflicts, shot, Camera};

#[tokio::main]
async fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (app, db, out, what) = match args.as_slice() {
        [app, db, out] => (app, db, out, ""),
        [app, db, out, what]
            if matches!(
                what.to_str(),
                Some(
                    "workshops"
                        | "review"
                        | "phones"
                        | "import"
                        | "damaged"
                        | "projector"
                        | "messages"
                        | "health"
                        | "health-timing"
                        | "exit"
                        | "exchange"
                )
            ) =>
        {
            (app, db, out, what.to_str().unwrap_or_default())
        }
        _ => {
            eprintln!(
                "usage: screenshots APP DB OUT_DIR [workshops|review|phones|import|damaged|projector|messages|health|exit|exchange|health-timing]"
            );
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(out).expect("output folder");
    // Another run may hold the default port: SCREENSHOTS_PORT picks another.
    let port = std::env::var("SCREENSHOTS_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(4470);
    let session = start_driver(port);
    let client = launch(&session, app, db).await;
    if what == "workshops" {
        workshop_shots(&client, out).await;
        client.close().await.unwrap();
        return;
    }
    if what == "health-timing" {
        health_timing(&client).await;
        client.close().await.unwrap();
        return;
    }
    if what == "health" {
        health_shots(&client, out).await;
        client.close().await.unwrap();
        return;
    }
    if what == "exit" {
        exit_shots(&client, out).await;
        client.close().await.unwrap();
        return;
    }
    if what == "exchange" {
        // Ben's file lies beside the workspace (scripts/exchange-demo.sh).
        let ben = db.with_file_name("ben.prisk-exchange");
        exchange_shots(&client, out, session.display(), &ben).await;
        client.close().await.unwrap();
        return;
    }
    if what == "review" {
        review_shots(&client, out).await;
        client.close().await.unwrap();
        return;
    }
    if what == "import" {
        // start_driver's own display when none was given (see tests/support/driver.rs).
        let display = std::env::var("DISPLAY").unwrap_or_else(|_| format!(":{}", 90 + port % 100));
        import_shots(&client, out, &display).await;
        client.close().await.unwrap();
        return;
    }
    if what == "damaged" {
        // A workspace that fails its integrity check: the way back, then the register.
        text_appears(&client, "This workspace is damaged").await;
        shot(&client, out, "damaged-workspace").await;
        press(&client, button(&client, "Restore the newest backup").await).await;
        wait(&client, "table.register tbody tr[aria-rowindex]").await;
        client.close().await.unwrap();
        return;
    }
    if what == "messages" {
        let display = std::env::var("DISPLAY").unwrap_or_else(|_| format!(":{}", 90 + port % 100));
        message_shots(&client, out, &display).await;
        client.close().await.unwrap();
        return;
    }
    if what == "projector" {
        let display = std::env::var("DISPLAY").unwrap_or_else(|_| format!(":{}", 90 + port % 100));
        projector_shots(&client, out, &display).await;
        client.close().await.unwrap();
        return;
    }
    if what == "phones" {
        phone_shots(&client, out).await;
        client.close().await.unwrap();
        return;
    }

    wait(&client, "table.register tbody tr[aria-rowindex]").await;
    shot(&client, out, "register").await;

    let first = wait(&client, "table.register tbody tr[aria-rowindex] button").await;
    first.click().await.unwrap();
    wait(&client, "[aria-label='Change history']").await;
    shot(&client, out, "risk-editor").await;
    by_label(&client, "Back to the register")
        .await
        .click()
        .await
        .unwrap();

    button(&client, "Heat map").await.click().await.unwrap();
    wait(&client, "[aria-label='Residual heat map']").await;
    shot(&client, out, "heat-map").await;
    button(&client, "Inherent → residual")
        .await
        .click()
        .await
        .unwrap();
    wait(&client, "[aria-label='Movement from inherent to residual']").await;
    shot(&client, out, "movement").await;

    button(&client, "Export PDF…").await.click().await.unwrap();
    wait(&client, "[role='dialog']").await;
    shot(&client, out, "export-pdf").await;
    button(&client, "Close").await.click().await.unwrap();

    button(&client, "Export spreadsheet…")
        .await
        .click()
        .await
        .unwrap();
    wait(&client, "[role='dialog']").await;
    shot(&client, out, "export-spreadsheet").await;
    button(&client, "Close").await.click().await.unwrap();

    button(&client, "Requirements").await.click().await.unwrap();
    wait(&client, "select[aria-label^='Status of']").await;
    shot(&client, out, "requirements").await;

    client
        .find(Locator::XPath(
            "//button[.//span[normalize-space(.)='Scoring matrices']]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    text_appears(&client, "NIST SP 800-30").await;
    shot(&client, out, "matrices").await;

    by_label(&client, "New partnership")
        .await
        .click()
        .await
        .unwrap();
    wait(&client, "[role='dialog']").await;
    shot(&client, out, "new-partnership").await;

    client.close().await.unwrap();
}

/// The workshop screens: list, presenter before and after the reveal, deciding, the
/// projector (full screen), private entry, the plan of a running workshop, a closed one.
async fn workshop_shots(client: &Client, out: &Path) {
    let camera = Camera::Window(out.to_path_buf());
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, button(client, "Workshops").await).await;
    wait(client, "table[aria-label='Workshops']").await;
    shot(client, out, "workshop-list").await;

    press(client, button(client, "Pilot go/no-go risk workshop").await).await;
    wait(client, ".ws-presenter").await;
    shot(client, out, "workshop-presenter-voting").await;

    steps::reveal(client).await;
    shot(client, out, "workshop-presenter-revealed").await;

    press(client, button(client, "Full screen").await).await;
    wait(client, ".ws-presenter.full").await;
    shot(client, out, "workshop-presenter").await;
    press(client, button(client, "Leave full screen").await).await;

    steps::decide(
        client,
        "Near consensus",
        "Four of five within one step; Tomás explained the export tooling",
        &camera,
    )
    .await;

    press(client, button(client, "Private entry").await).await;
    text_appears(client, "Hand the laptop to the next person").await;
    press(client, button(client, "Next item →").await).await;
    wait(client, "ul[aria-label='Voters'] button").await;
    shot(client, out, "workshop-private-entry").await;
    steps::private_vote(
        client,
        "Kwame Mensah",
        "Likelihood 3 Possible, impact 4 Major: High",
        &camera,
    )
    .await;

    press(client, button(client, "Plan").await).await;
    wait(client, "[aria-label='Agenda items']").await;
    shot(client, out, "workshop-plan").await;

    press(client, by_label(client, "Back to the workshops").await).await;
    press(client, button(client, "Q3 data protection review").await).await;
    wait(client, ".ws-review").await;
    shot(client, out, "workshop-review").await;

    // Close the running workshop: it is frozen and shows as a review.
    press(client, by_label(client, "Back to the workshops").await).await;
    press(client, button(client, "Pilot go/no-go risk workshop").await).await;
    steps::close_workshop(client).await;
}

/// The X display as a PNG (the window's own screenshot can hang without GL compositing).
async fn grab(display: &str, dir: &Path, name: &str) {
    tokio::time::sleep(Duration::from_millis(900)).await;
    let path = dir.join(format!("{name}.png"));
    let status = std::process::Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(&path)
        .status()
        .expect("ImageMagick's import is installed (apt-get install imagemagick)");
    assert!(status.success(), "import failed");
    println!("{}", path.display());
}

/// A date typed in the wrong order, what the field read, the core's refusal in words; a
/// partnership without a name.
async fn message_shots(client: &Client, out: &Path, display: &str) {
    client.set_window_rect(0, 0, 1280, 720).await.unwrap();
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, button(client, "Workshops").await).await;
    steps::new_workshop(client, "Kick-off").await;
    // ISO typed into the locale's MM/DD/YYYY field: WebKit reads 0018-12-03.
    field(client, "Date")
        .await
        .send_keys("2027-03-18")
        .await
        .unwrap();
    grab(display, out, "messages-date-read").await;
    press(client, button(client, "Create workshop").await).await;
    text_appears(client, "which cannot be right").await;
    grab(display, out, "messages-date-refused").await;
    // The dialog is modal: the sidebar behind it is inert until it closes.
    press(client, button(client, "Cancel").await).await;
    press(client, by_label(client, "New partnership").await).await;
    press(client, button(client, "Create partnership").await).await;
    text_appears(client, "A partnership needs a name.").await;
    grab(display, out, "messages-partnership").await;
}

/// The presenter view in a 1280×720 window, as a projector shows it, before and after
/// the reveal.
async fn projector_shots(client: &Client, out: &Path, display: &str) {
    client.set_window_rect(0, 0, 1280, 720).await.unwrap();
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    steps::open_workshop(client, "Pilot go/no-go risk workshop").await;
    wait(client, ".ws-presenter").await;
    grab(display, out, "projector-voting").await;
    println!("voting: {}", steps::presenter_fit(client).await);
    steps::reveal(client).await;
    grab(display, out, "projector-revealed").await;
    println!("revealed: {}", steps::presenter_fit(client).await);
}

/// Voting from phones: the facilitator opens voting, a phone joins and votes, the
/// facilitator sees it.
async fn phone_shots(client: &Client, out: &Path) {
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    steps::open_workshop(client, "Pilot go/no-go risk workshop").await;
    wait(client, ".ws-presenter").await;
    let link = steps::open_phone_voting(client).await;

    let (_chromium, phone) = driver::phone(4480).await;
    steps::vote_by_phone(
        &phone,
        &link,
        "Amira Haddad",
        "DPR-001",
        "Likelihood 3 Possible, impact 4 Major: High",
        &Camera::Window(out.to_path_buf()),
    )
    .await;

    text_appears(client, "on phone").await;
    shot(client, out, "workshop-phones").await;
    let devices = by_label(client, "Voters' devices").await;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'end'})",
            vec![serde_json::to_value(&devices).unwrap()],
        )
        .await
        .unwrap();
    shot(client, out, "workshop-phones-devices").await;
    phone.close().await.unwrap();
}

/// The analyst's review: the queue, the review screen (a risk, then an acceptance being
/// entered, then a rescore on the matrix), the activity view and the portfolio.
async fn review_shots(client: &Client, out: &Path) {
    let keys = |text: &'static str| keys(client, text);
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, nav(client, "Review queue").await).await;
    wait(client, "table[aria-label='Review queue']").await;
    shot(client, out, "review-queue").await;

    keys("\u{E007}").await;
    wait(client, ".rv-body .rv-title").await;
    shot(client, out, "review-screen").await;
    steps::enter_acceptance(
        client,
        "Chief Risk Officer",
        "06/30/2027",
        "Exposure is capped by the pilot's volume limit; revisit before full launch",
    )
    .await;
    shot(client, out, "review-accept").await;
    keys("\u{E00C}").await;
    steps::start_rescore(client, "\u{E015}").await;
    shot(client, out, "review-rescore").await;
    keys("\u{E00C}").await;

    press(client, nav(client, "Activity").await).await;
    wait(client, "table[aria-label='Changes, newest first']").await;
    shot(client, out, "activity").await;
    press(client, nav(client, "Portfolio").await).await;
    wait(client, "table[aria-label='Partnerships at a glance']").await;
    shot(client, out, "portfolio").await;
}

/// Partnership health (scripts/health-demo.sh): the Health tab, one indicator's chart with
/// its bands and the reading entry, and the review of a risk an indicator brought back.
async fn health_shots(client: &Client, out: &Path) {
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, button(client, "Health").await).await;
    wait(client, "table.indicators").await;
    wait(client, ".indicator-panel .time-chart-canvas canvas").await;
    shot(client, out, "health-tab").await;
    // Adding an indicator from the library: its defaults, the risks and triggers to link.
    press(client, button(client, "Add indicator…").await).await;
    wait(client, "[role='dialog'] select").await;
    client
        .execute(
            "const s = [...document.querySelectorAll('[role=dialog] select')][0]; \
             s.value = 'error_rate'; s.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    text_appears(client, "Share of calls to the partner that failed").await;
    shot(client, out, "health-add-indicator").await;
    press(client, button(client, "Cancel").await).await;
    let panel = wait(client, ".indicator-panel").await;
    client
        .execute(
            "const c = arguments[0].closest('.content'); c.scrollTop = arguments[0].offsetTop - c.offsetTop - 12;",
            vec![serde_json::to_value(&panel).unwrap()],
        )
        .await
        .unwrap();
    shot(client, out, "health-chart").await;
    press(client, nav(client, "Review queue").await).await;
    wait(client, "table[aria-label='Review queue']").await;
    shot(client, out, "health-review-queue").await;
    keys(client, "\u{E007}").await;
    wait(client, ".rv-health figure").await;
    shot(client, out, "health-review").await;
}

/// The Exit plan tab of a plan with gaps and a failed test: the form beside its readiness,
/// a scenario's steps and timeline, and the review queue with the plan's reminders.
async fn exit_shots(client: &Client, out: &Path) {
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, button(client, "Exit plan").await).await;
    wait(client, ".exit-readiness .exit-gaps").await;
    shot(client, out, "exit-plan").await;
    // The content area scrolls on its own: the first scenario's timeline at its bottom,
    // its last steps above.
    let timeline = wait(client, ".exit-scenario .exit-timeline").await;
    client
        .execute(
            "const el = arguments[0], box = el.closest('.content'); \
             box.scrollTop += el.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom + 16;",
            vec![serde_json::to_value(&timeline).unwrap()],
        )
        .await
        .unwrap();
    shot(client, out, "exit-plan-steps").await;
    // Data and IP, then the test log with its failed tabletop test.
    for (css, name) in [
        ("#exit-h-data", "exit-plan-data"),
        ("#exit-h-tests", "exit-plan-tests"),
    ] {
        let heading = wait(client, css).await;
        client
            .execute(
                "const el = arguments[0], box = el.closest('.content'); \
                 box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 12;",
                vec![serde_json::to_value(&heading).unwrap()],
            )
            .await
            .unwrap();
        shot(client, out, name).await;
    }
    press(client, nav(client, "Review queue").await).await;
    by_label(client, "Exit plans due").await;
    shot(client, out, "exit-review-queue").await;
}

/// One indicator with ten years of daily readings (3,650): from choosing it in the Health
/// tab to its chart drawn (every reading, the bands), timed in the page, with the longest
/// gap between two frames meanwhile; three times, each after choosing a small indicator.
async fn health_timing(client: &Client) {
    const TIME_CHART: &str = r#"
        const [name, count, done] = arguments;
        const pick = (n) => [...document.querySelectorAll("table.indicators th button")].find((b) => b.textContent === n);
        const t0 = performance.now();
        let last = t0, worst = 0;
        pick(name).click();
        const tick = (now) => {
            worst = Math.max(worst, now - last);
            last = now;
            const fig = document.querySelector(`figure[aria-label="${name}: every reading with the amber and red bands"]`);
            if (fig && fig.querySelector("canvas") && fig.textContent.includes(`${count} readings`)) {
                done({ ms: now - t0, worst });
            } else {
                requestAnimationFrame(tick);
            }
        };
        requestAnimationFrame(tick);
    "#;
    // A partnership without risks: its register has no rows to wait for.
    press(client, button(client, "Health").await).await;
    wait(client, "table.indicators").await;
    for run in 0..3 {
        let small = client
            .execute_async(TIME_CHART, vec!["Incidents".into(), "12".into()])
            .await
            .expect("small chart");
        let big = client
            .execute_async(TIME_CHART, vec!["Availability".into(), "3650".into()])
            .await
            .expect("big chart");
        println!(
            "run {run}: chart of 3,650 readings drawn {:.0} ms after the click (longest frame {:.0} ms); a 12-reading chart {:.0} ms",
            big["ms"].as_f64().unwrap_or_default(),
            big["worst"].as_f64().unwrap_or_default(),
            small["ms"].as_f64().unwrap_or_default(),
        );
    }
}

/// The exchange: Share with the partner…, then Merge a file… on Ben's copy (its preview,
/// the conflicts settled from the keyboard, the summary), the merge, and Where we disagree.
async fn exchange_shots(client: &Client, out: &Path, display: &str, ben: &Path) {
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, button(client, "Exchange ▾").await).await;
    steps::click_xpath(
        client,
        "//button[@role='menuitem' and normalize-space(.)='Share with the partner…']",
    )
    .await;
    wait(client, ".xch-risk-list label").await;
    shot(client, out, "exchange-share").await;
    press(client, button(client, "Cancel").await).await;

    open_merge(client, display, ben).await;
    shot(client, out, "exchange-preview").await;
    resolve_conflicts(
        client,
        &[
            ("Owner", "t"),
            ("Residual score", "m"),
            (
                "Title",
                "e:Claims data leaves the EU before a DPA is signed",
            ),
        ],
        &Camera::Window(out.to_path_buf()),
    )
    .await;
    shot(client, out, "exchange-summary").await;
    press(client, button(client, "Apply the merge").await).await;
    text_appears(client, "Merged ben.prisk-exchange").await;
    shot(client, out, "exchange-merged").await;
    let close = client
        .find(Locator::XPath(
            "//div[@role='dialog']//div[@class='actions-row']/button[normalize-space(.)='Close']",
        ))
        .await
        .unwrap();
    press(client, close).await;

    // The partner's second round: their view is recorded beside ours.
    let round = ben.with_file_name("partner-round-2.prisk-exchange");
    open_merge(client, display, &round).await;
    text_appears(client, "The partner's view.").await;
    shot(client, out, "exchange-partner-preview").await;
    press(client, button(client, "Continue").await).await;
    press(client, button(client, "Apply the merge").await).await;
    text_appears(client, "partner's views recorded").await;
    let close = client
        .find(Locator::XPath(
            "//div[@role='dialog']//div[@class='actions-row']/button[normalize-space(.)='Close']",
        ))
        .await
        .unwrap();
    press(client, close).await;

    press(client, button(client, "Where we disagree").await).await;
    wait(client, "table[aria-label='Where we disagree']").await;
    shot(client, out, "exchange-disagree").await;
    press(client, button(client, "EXT-001").await).await;
    let view = by_label(client, "The partner's view").await;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&view).unwrap()],
        )
        .await
        .unwrap();
    shot(client, out, "exchange-risk-view").await;
}

/// Import…: the native open dialog answered with the messy fixture, then the dry run.
async fn import_shots(client: &Client, out: &Path, display: &str) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fixtures/messy-register.csv");
    wait(client, "table.register tbody tr[aria-rowindex]").await;
    press(client, button(client, "Import…").await).await;
    answer_open_dialog(display, "Import a risk register", &fixture).await;
    wait(client, "table[aria-label='Rows to import']").await;
    text_appears(client, "8 rows: 6 new").await;
    shot(client, out, "import-preview").await;
    let rows = by_label(client, "Rows to import").await;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'start'})",
            vec![serde_json::to_value(&rows).unwrap()],
        )
        .await
        .unwrap();
    shot(client, out, "import-rows").await;
    let skip = client
        .find(Locator::XPath(
            "//label[contains(., 'Import only the valid rows')]/input",
        ))
        .await
        .unwrap();
    press(client, skip).await;
    press(client, button(client, "Import 7 risks").await).await;
    text_appears(client, "Imported: 6 new risks, 1 updated").await;
    shot(client, out, "import-done").await;
    press(client, button(client, "Close").await).await;

    // Restore from backup… (the same dialog as File → Restore from Backup…): the import
    // kept the workspace as it was.
    press(client, button(client, "Restore from backup…").await).await;
    text_appears(client, "Before an import").await;
    shot(client, out, "restore-backup").await;
    press(client, button(client, "Restore…").await).await;
    text_appears(client, "Everything changed since then is replaced").await;
    shot(client, out, "restore-confirm").await;
}
