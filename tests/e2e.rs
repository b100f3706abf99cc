//! End-to-end: the real app binary in a real window (WebKitGTK under Xvfb), driven
//! through WebDriver (tauri-driver + WebKitWebDriver), on a temporary workspace file.
//!
//! Needs `tauri-driver` (cargo install) and `WebKitWebDriver` (Debian webkit2gtk-driver),
//! which `make test` installs; starts its own Xvfb when there is no display.

mod support {
    pub mod driver;
    pub mod steps;
}

use std::path::Path;
use std::time::Duration;

use fantoccini::{Client, Locator};
use support::driver::*;
use support::steps::{self, click_xpath, Camera};

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

fn app() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_partner-risk"))
}

/// One app window at a time: two WebKit windows on two cores make both tests slow and
/// their waits flaky.
static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread")]
async fn a_risk_review_in_the_real_window() {
    let _window = ONE_WINDOW.lock().await;
    let session = start_driver(4444);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.prisk");

    let client = launch(&session, app(), &db).await;
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

    // A requirement of the partnership linked to it as a mitigating control.
    let option = wait(
        &client,
        "select[aria-label='Requirement to link'] option:nth-child(2)",
    )
    .await;
    let label = option.text().await.unwrap();
    let code = label.split_whitespace().next().unwrap().to_string();
    option.click().await.unwrap();
    button(&client, "Link").await.click().await.unwrap();
    let unlink = format!("button[aria-label='Unlink {code}']");
    wait(&client, &unlink).await;

    // A bad value is refused at its field, and nothing is lost.
    let title = field(&client, "Title").await;
    // Select all and delete, as a person would (WebDriver's clear() bypasses React's input events).
    title.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    button(&client, "Save").await.click().await.unwrap();
    let error = wait(&client, ".field.has-error .field-error").await;
    assert_eq!(error.text().await.unwrap(), "Give the risk a title.");
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
    let client = launch(&session, app(), &db).await;
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
    wait(&client, &unlink).await;
    by_label(&client, "Change history").await;
    let history = page_text(&client).await;
    assert!(
        history.contains(&format!("created risk {reference}")),
        "{history}"
    );
    client.close().await.unwrap();
}

/// "Pass the laptop": each voter picks their name, taps a cell and casts the vote; the
/// screen returns to the neutral hand-over state every time.
async fn private_votes(client: &Client, votes: &[(&str, &str)]) {
    button(client, "Private entry").await.click().await.unwrap();
    for (voter, cell) in votes {
        text_appears(client, "Hand the laptop to the next person").await;
        steps::private_vote(client, voter, cell, &Camera::Off).await;
    }
}

/// The presenter reveals the current item and reads the verdict.
async fn reveal(client: &Client, verdict: &str) {
    button(client, "Presenter view")
        .await
        .click()
        .await
        .unwrap();
    text_appears(client, "3 of 3 have voted").await;
    steps::reveal(client).await;
    by_label(client, &format!("Verdict: {verdict}")).await;
}

/// Decides the current item on its median cell with a rationale.
async fn decide(client: &Client, how: &str, rationale: &str) {
    steps::decide(client, how, rationale, &Camera::Off).await;
}

/// The presenter view after a reveal, on a 1280×720 projector: the app's chrome is folded
/// away and the risk, the matrix, the verdict and the spread lie within the window, with
/// the names on the dots at 14 px or more. The window's size is put back afterwards.
async fn projector_fits(client: &Client) {
    let before = client.get_window_rect().await.unwrap();
    client.set_window_rect(0, 0, 1280, 720).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = steps::presenter_fit(client).await;
    client
        .set_window_rect(
            before.0 as u32,
            before.1 as u32,
            before.2 as u32,
            before.3 as u32,
        )
        .await
        .unwrap();
    assert!(seen["height"].as_f64().unwrap() >= 650.0, "{seen}");
    assert_eq!(
        seen["chrome"],
        serde_json::json!([]),
        "chrome still shown: {seen}"
    );
    assert_eq!(seen["exports"], 0, "{seen}");
    assert_eq!(
        seen["within"],
        serde_json::json!([]),
        "below the fold at 1280×720: {seen}"
    );
    assert!(seen["names"].as_f64().unwrap() >= 14.0, "{seen}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workshop_in_the_real_window() {
    let _window = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workshop.prisk");
    let partnership = {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::CreateIfMissing)
                .unwrap();
        let today = chrono::Local::now().date_naive();
        store.create_demo(0, today).unwrap().fields.name
    };
    let session = start_driver(4454);
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;

    // The register by keyboard: PageDown and End select rows further down and bring
    // each fully into view, below the header row that stays on top.
    wait(
        &client,
        "table.register tbody tr[aria-rowindex='2'] td:nth-child(2)",
    )
    .await
    .click()
    .await
    .unwrap();
    for (key, expected) in [("\u{E00F}\u{E00F}", None), ("\u{E010}", Some(55))] {
        keys(&client, key).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let seen = client
            .execute(
                "const grid = document.querySelector('.grid-wrap').getBoundingClientRect();
                 const head = document.querySelector('table.register thead').getBoundingClientRect();
                 const row = document.querySelector('table.register tr[aria-selected=\"true\"]');
                 const box = row.getBoundingClientRect();
                 return [Number(row.getAttribute('aria-rowindex')),
                         box.top >= head.bottom - 1 && box.bottom <= grid.bottom + 1];",
                vec![],
            )
            .await
            .unwrap();
        let index = seen[0].as_u64().unwrap();
        assert!(index > 20, "{key:?} moved the selection to row {index}");
        if let Some(last) = expected {
            assert_eq!(index, last, "End selects the last of the demo's 54 risks");
        }
        assert_eq!(seen[1], true, "row {index} is fully in view after {key:?}");
    }
    button(&client, "Workshops").await.click().await.unwrap();

    // Plan: a workshop of three risks, three voters and an observer.
    steps::new_workshop(&client, "Kick-off workshop").await;
    button(&client, "Create workshop")
        .await
        .click()
        .await
        .unwrap();
    for name in ["Ann", "Ben", "Cleo", "Olga"] {
        field(&client, "Participant name")
            .await
            .send_keys(name)
            .await
            .unwrap();
        if name == "Olga" {
            click_xpath(
                &client,
                "//label[contains(normalize-space(.), 'Observer (does not vote)')]",
            )
            .await;
        }
        button(&client, "Add participant")
            .await
            .click()
            .await
            .unwrap();
        by_label(&client, &format!("Remove {name}")).await;
    }
    // The picker shows the rows in view: narrow it to the data-protection risks first.
    by_label(&client, "Filter risks")
        .await
        .send_keys("DPR-00")
        .await
        .unwrap();
    for reference in ["DPR-001", "DPR-002", "DPR-003"] {
        click_xpath(
            &client,
            &format!("//section[@aria-label='Pick risks from the register']//label[starts-with(normalize-space(.), '{reference} ')]"),
        )
        .await;
    }
    button(&client, "Add to agenda")
        .await
        .click()
        .await
        .unwrap();
    by_label(&client, "Remove DPR-003 from the agenda").await;
    button(&client, "Start workshop")
        .await
        .click()
        .await
        .unwrap();

    // Item 1: the room disagrees, talks, votes again and agrees.
    let c = |l: &str, i: &str, level: &str| format!("Likelihood {l}, impact {i}: {level}");
    let (medium_33, high_34, high_44) = (
        c("3 Possible", "3 Moderate", "Medium"),
        c("3 Possible", "4 Major", "High"),
        c("4 Likely", "4 Major", "High"),
    );
    let medium_51 = c("5 Almost certain", "1 Insignificant", "Medium");
    let low_22 = c("2 Unlikely", "2 Minor", "Low");
    private_votes(
        &client,
        &[("Ann", &medium_33), ("Ben", &high_34), ("Cleo", &medium_51)],
    )
    .await;
    reveal(&client, "Discuss").await;
    projector_fits(&client).await;
    button(&client, "Re-vote").await.click().await.unwrap();
    private_votes(
        &client,
        &[("Ann", &medium_33), ("Ben", &high_34), ("Cleo", &high_44)],
    )
    .await;
    reveal(&client, "Consensus").await;
    decide(
        &client,
        "Consensus",
        "The DPA is weeks away and test data already flows",
    )
    .await;

    // Items 2 and 3: agreement at once; the third is decided by the facilitator.
    button(&client, "Next →").await.click().await.unwrap();
    text_appears(&client, "2 of 3").await;

    // Cleo votes on item 2 from her phone: voting opens on loopback, the phone (headless
    // Chromium) opens the join link, picks her name and taps a cell; the presenter's
    // count goes up by itself, and the reveal counts her vote on both screens.
    let link = steps::open_phone_voting(&client).await;
    assert!(link.starts_with("http://127.0.0.1:"), "{link}");
    let listening = link["http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    button(&client, "Presenter view")
        .await
        .click()
        .await
        .unwrap();
    text_appears(&client, "0 of 3 have voted").await;
    let (_chromium, phone) = phone(4470).await;
    steps::vote_by_phone(&phone, &link, "Cleo", "DPR-002", &low_22, &Camera::Off).await;
    text_appears(&client, "1 of 3 have voted").await;
    private_votes(&client, &[("Ann", &low_22), ("Ben", &low_22)]).await;
    reveal(&client, "Consensus").await;
    text_appears(&phone, "Revealed: 3 votes").await;
    decide(&client, "Consensus", "Data roles are in the draft contract").await;
    text_appears(&phone, "DPR-002 is decided").await;
    button(&client, "Next →").await.click().await.unwrap();
    text_appears(&client, "3 of 3").await;
    private_votes(
        &client,
        &[
            ("Ann", &medium_33),
            ("Ben", &medium_33),
            ("Cleo", &medium_33),
        ],
    )
    .await;
    reveal(&client, "Consensus").await;
    decide(
        &client,
        "Facilitator's decision",
        "Erasure needs a written process",
    )
    .await;

    // The risk's history names the workshop. The presenter folds the partnership's bar
    // away: back to the workshops first.
    by_label(&client, "Back to the workshops")
        .await
        .click()
        .await
        .unwrap();
    button(&client, "Register").await.click().await.unwrap();
    let search = by_label(&client, "Search risks").await;
    search.send_keys("Data Processing Agreement").await.unwrap();
    click_xpath(
        &client,
        "//button[starts-with(@aria-label, 'Open DPR-001 ')]",
    )
    .await;
    by_label(&client, "Change history").await;
    text_appears(
        &client,
        "in workshop \"Kick-off workshop\", item 1 (DPR-001)",
    )
    .await;
    by_label(&client, "Back to the register")
        .await
        .click()
        .await
        .unwrap();

    // Close: frozen.
    steps::open_workshop(&client, "Kick-off workshop").await;
    steps::close_workshop(&client).await;
    // The phone heard the end before the server stopped.
    text_appears(&phone, "The workshop is closed. Thank you!").await;
    phone.close().await.unwrap();
    // Closing the workshop closed voting: nothing listens on the phones' address.
    assert!(
        std::net::TcpStream::connect(&listening).is_err(),
        "voting still listens on {listening} after the workshop closed"
    );
    client.close().await.unwrap();

    // Relaunch: the workshop is there, closed, with its digest and no voting controls.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;
    steps::open_workshop(&client, "Kick-off workshop").await;
    by_label(&client, "Ballot digest").await;
    by_label(&client, "Decision on DPR-001").await;
    let text = page_text(&client).await;
    assert!(text.contains("Closed"), "{text}");
    for control in ["Reveal", "Cast my vote", "Start workshop", "Private entry"] {
        let found = client
            .find_all(Locator::XPath(&format!(
                "//button[normalize-space(.)='{control}']"
            )))
            .await
            .unwrap();
        assert!(
            found.is_empty(),
            "a closed workshop has no {control:?} button"
        );
    }
    client.close().await.unwrap();

    // What the window did is in the file: scores written, ballots frozen under the digest.
    let store = partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::Existing).unwrap();
    let p = store.find_partnership(&partnership).unwrap();
    let residual = |r: &str| store.find_risk(&p.id, r).unwrap().fields.residual;
    use partner_risk_core::matrix::Score;
    assert_eq!(residual("DPR-001"), Some(Score::new(3, 4)));
    assert_eq!(residual("DPR-002"), Some(Score::new(2, 2)));
    assert_eq!(residual("DPR-003"), Some(Score::new(3, 3)));
    let w = store.find_workshop("Kick-off workshop").unwrap();
    assert_eq!(store.verify_ballot_digest(&w.id).unwrap(), Some(true));
    let ballots: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM workshop_ballots", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ballots, 12, "four rounds of three votes");
    let from_phones: Vec<(String, String)> = store
        .connection()
        .prepare(
            "SELECT i.reference, b.source FROM workshop_ballots b
             JOIN workshop_items i ON i.id = b.item_id WHERE b.source = 'network'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        from_phones,
        [("DPR-002".to_string(), "network".to_string())]
    );
}

/// Waits for the review screen of `reference`.
async fn reviewing(client: &Client, reference: &str) {
    let xpath = format!("//h2[normalize-space(.)='Review {reference}']");
    if let Err(e) = client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(&xpath))
        .await
    {
        // What the window showed instead, for whoever reads the failure.
        let png = client.screenshot().await.unwrap_or_default();
        let path = std::env::temp_dir().join("e2e-review-failure.png");
        let _ = std::fs::write(&path, png);
        let text = page_text(client).await;
        panic!(
            "the review of {reference} did not appear ({e}); screenshot {}; page: {text}",
            path.display()
        );
    }
    // Keys act once the risk is loaded (its title shows), and the screen has the focus,
    // so that single keys are decisions, not text.
    wait(client, ".rv-body .rv-title").await;
    for _ in 0..100 {
        let name = focus_name(client).await;
        if !matches!(name.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            && ![
                "Rationale",
                "Approver",
                "Action",
                "Owner",
                "Days",
                "Expires on",
            ]
            .contains(&name.as_str())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the focus stayed in a field on the review of {reference}");
}

const CTRL_ENTER: &str = "\u{E009}\u{E007}";
const TAB: &str = "\u{E004}";

#[tokio::test(flavor = "multi_thread")]
async fn an_analysts_review_with_the_keyboard_only() {
    use partner_risk_core::matrix::Score;
    use partner_risk_core::review::{QueueFilter, ReviewDecision};
    let _window = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.prisk");
    let today = chrono::Local::now().date_naive();
    let (partnership, refs, residual_before, snoozed_next) = {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::CreateIfMissing)
                .unwrap();
        let p = store.create_demo(0, today).unwrap();
        let first = QueueFilter {
            limit: Some(5),
            ..QueueFilter::default()
        };
        let refs: Vec<String> = store
            .review_queue(&first, today)
            .unwrap()
            .into_iter()
            .map(|e| e.reference)
            .collect();
        let r2 = store.find_risk(&p.id, &refs[1]).unwrap();
        let before = r2.fields.residual.or(r2.fields.inherent).unwrap();
        let r5 = store.find_risk(&p.id, &refs[4]).unwrap();
        (p.fields.name, refs, before, r5.fields.next_review)
    };
    // One step down on the matrix (less likely), or up when already at the bottom.
    let (arrow, rescored) = if residual_before.likelihood > 1 {
        (
            "\u{E015}",
            Score::new(residual_before.likelihood - 1, residual_before.impact),
        )
    } else {
        (
            "\u{E013}",
            Score::new(residual_before.likelihood + 1, residual_before.impact),
        )
    };
    let expiry = today + chrono::Months::new(6);
    let session = start_driver(4464);
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;

    // First run: the window asks who is working; the name is kept in the workspace.
    text_appears(&client, "Who is working?").await;
    field(&client, "Display name")
        .await
        .send_keys("Rita Reviewer\u{E007}")
        .await
        .unwrap();
    nav(&client, "You: Rita Reviewer").await;

    // The queue opens with "Start reviewing" focused; from here on, only keys.
    nav(&client, "Review queue").await.click().await.unwrap();
    button(&client, "Start reviewing").await;
    keys(&client, "\u{E007}").await;

    // 1: no change.
    reviewing(&client, &refs[0]).await;
    keys(&client, "n").await;
    // 2: rescore one step on the matrix, with a rationale.
    reviewing(&client, &refs[1]).await;
    steps::start_rescore(&client, arrow).await;
    keys(&client, "\u{E007}").await;
    focus_on(&client, "Rationale").await;
    keys(&client, "Controls tested in the pilot").await;
    keys(&client, CTRL_ENTER).await;
    // 3: accept, with approver, expiry and justification.
    reviewing(&client, &refs[2]).await;
    steps::enter_acceptance(
        &client,
        "Chief Risk Officer",
        &expiry.format("%m/%d/%Y").to_string(),
        "Tolerable until the pilot ends",
    )
    .await;
    keys(&client, CTRL_ENTER).await;
    // 4: mitigate with a new action.
    reviewing(&client, &refs[3]).await;
    keys(&client, "m").await;
    focus_on(&client, "Action").await;
    keys(&client, "Sign the data processing addendum").await;
    keys(&client, TAB).await;
    keys(&client, "Legal").await;
    keys(&client, TAB).await;
    keys(&client, "No addendum yet").await;
    keys(&client, CTRL_ENTER).await;
    // 5: snooze 30 days with a reason.
    reviewing(&client, &refs[4]).await;
    keys(&client, "p").await;
    focus_on(&client, "Days").await;
    keys(&client, "30").await;
    keys(&client, TAB).await;
    keys(&client, "Waiting for the audit report").await;
    keys(&client, CTRL_ENTER).await;
    text_appears(&client, "Reviewed 5").await;
    // z undoes the last review (the snooze) and shows that risk again.
    keys(&client, "z").await;
    reviewing(&client, &refs[4]).await;
    text_appears(&client, "Reviewed 4").await;
    client.close().await.unwrap();

    // Relaunch: the queue starts with the risk whose review was undone; the history
    // shows the reviews as their context.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;
    nav(&client, "You: Rita Reviewer").await;
    nav(&client, "Review queue").await.click().await.unwrap();
    let first = wait(&client, "table[aria-label='Review queue'] tbody tr").await;
    let text = first.text().await.unwrap();
    assert!(text.contains(&refs[4]), "first in the queue: {text}");
    for done in &refs[..4] {
        assert!(
            !page_text(&client)
                .await
                .contains(&format!("Review {done} ")),
            "{done} left the queue"
        );
    }
    nav(&client, "Activity").await.click().await.unwrap();
    text_appears(&client, &format!("review of {}", refs[1])).await;
    text_appears(&client, "Rita Reviewer").await;
    client.close().await.unwrap();

    // The file holds what the window did.
    let store = partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::Existing).unwrap();
    let p = store.find_partnership(&partnership).unwrap();
    let reviews = store.partnership_reviews(&p.id).unwrap();
    let made: Vec<(&str, ReviewDecision, bool)> = reviews
        .iter()
        .map(|r| (r.reference.as_str(), r.decision, r.withdrawn_by.is_some()))
        .collect();
    assert_eq!(
        made,
        vec![
            (refs[0].as_str(), ReviewDecision::NoChange, false),
            (refs[1].as_str(), ReviewDecision::Rescore, false),
            (refs[2].as_str(), ReviewDecision::Accept, false),
            (refs[3].as_str(), ReviewDecision::Mitigate, false),
            (refs[4].as_str(), ReviewDecision::NoChange, true),
        ]
    );
    assert!(reviews.iter().all(|r| r.reviewer == "Rita Reviewer"));
    let risk = |r: &str| store.find_risk(&p.id, r).unwrap();
    assert_eq!(risk(&refs[1]).fields.residual, Some(rescored));
    let accepted = risk(&refs[2]).fields;
    assert_eq!(accepted.acceptance_approver, "Chief Risk Officer");
    assert_eq!(accepted.acceptance_expiry, Some(expiry));
    assert!(store
        .actions(&risk(&refs[3]).id)
        .unwrap()
        .iter()
        .any(
            |a| a.fields.title == "Sign the data processing addendum" && a.fields.owner == "Legal"
        ));
    assert_eq!(
        risk(&refs[4]).fields.next_review,
        snoozed_next,
        "the snooze was undone: the risk's own date is back"
    );
}
