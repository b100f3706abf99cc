//! A risk review in the real window: a partnership from templates, a risk scored by
//! clicking matrix cells, the heat map's count, an action and a linked requirement, a bad
//! value refused at its field; quit, relaunch and find everything still there.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::driver::*;
use crate::{app, ONE_WINDOW};

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
