//! A workshop in the real window: the register by keyboard, planning, private votes passed
//! round the laptop, a re-vote, a phone voting over loopback, decisions, the presenter on a
//! projector, closing and freezing; relaunch, and the file holds what the window did.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::driver::*;
use crate::steps::{self, click_xpath, Camera};
use crate::{app, ONE_WINDOW};

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
