//! Exit plans in the real window: a plan started from the library is filled in from the
//! keyboard, each readiness gap's link leading to the field that closes it and the gap
//! going once it is filled (the notice deadline derived at once); a step is moved with
//! Alt+↓; a failed tabletop test blocks the plan and comes into the review queue, which
//! leads back to the plan.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::Client;

use crate::driver::*;
use crate::steps::{close_exit_gap, press, record_exit_test};
use crate::{app, ONE_WINDOW};

/// Waits until the page no longer says `needle`.
async fn text_goes(client: &Client, needle: &str) {
    for _ in 0..150 {
        if !page_text(client).await.contains(needle) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{needle:?} is still on the page");
}

/// Alt held while `key` is pressed (the keyboard's way to move a step).
async fn alt(client: &Client, key: char) {
    const ALT: char = '\u{E00A}';
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: ALT })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: ALT });
    client.perform_actions(actions).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exit_plan_is_filled_by_keyboard_and_a_failed_test_reaches_the_queue() {
    use partner_risk_core::exit::saas_starter;
    let _window = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("exit.prisk");
    let today = chrono::Local::now().date_naive();
    let (partnership, first_step) = {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::CreateIfMissing)
                .unwrap();
        store.set_whoami("Ada Analyst").unwrap();
        let p = store.create_demo(0, today).unwrap();
        let plan = store
            .change_exit_plan(&p.id, |plan| plan.start_from(saas_starter()))
            .unwrap();
        (p.fields.name, plan.scenarios[0].steps[0].title.clone())
    };
    let session = start_driver(4476);
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;

    button(&client, "Exit plan").await.click().await.unwrap();
    text_appears(&client, "Readiness:").await;
    text_appears(&client, "Nobody owns the exit plan.").await;

    // Each gap leads to its field; filled from the keyboard, the gap goes.
    close_exit_gap(&client, "no_exit_owner", "Exit owner", "Ana Ruiz").await;
    text_goes(&client, "Nobody owns the exit plan.").await;
    let end = today + chrono::Days::new(120);
    close_exit_gap(
        &client,
        "no_agreement_dates",
        "End of the initial term",
        &end.format("%m/%d/%Y").to_string(),
    )
    .await;
    text_goes(
        &client,
        "The end of the agreement's initial term is not recorded.",
    )
    .await;
    close_exit_gap(
        &client,
        "no_notice_period",
        "Our notice period (days)",
        "60",
    )
    .await;
    // The last day to give notice is derived, never typed.
    let last_day = end - chrono::Days::new(60);
    text_appears(
        &client,
        &format!("We: last day to give notice {last_day} (60 days left)"),
    )
    .await;

    // A step moved down with Alt+↓ from its title field (a row's fields take the keys too).
    let title = field(&client, "Title").await;
    assert_eq!(
        title.prop("value").await.unwrap().as_deref(),
        Some(first_step.as_str())
    );
    press(&client, title).await;
    alt(&client, '\u{E015}').await;
    by_label(&client, &format!("Step 2: {first_step}")).await;

    // A failed tabletop test: the plan is not ready, and the log shows it.
    record_exit_test(
        &client,
        "Tabletop",
        "Fail",
        "Nobody knew where the export key is kept",
    )
    .await;
    text_appears(
        &client,
        &format!("The last exit test ({today}, tabletop) failed"),
    )
    .await;
    by_label(&client, "Exit test log").await;
    let log = client
        .execute(
            "return document.querySelector('table[aria-label=\"Exit test log\"] tbody').textContent",
            vec![],
        )
        .await
        .unwrap();
    let log = log.as_str().unwrap_or_default();
    assert!(
        log.contains("Tabletop") && log.contains("Fail") && log.contains("export key"),
        "{log}"
    );
    let level = wait(&client, ".exit-level").await.text().await.unwrap();
    assert_eq!(level, "Not ready");

    // The review queue has it beside the risks, with the notice deadline within 90 days.
    nav(&client, "Review queue").await.click().await.unwrap();
    by_label(&client, "Exit plans due").await;
    text_appears(&client, "Last exit test failed").await;
    let table = client
        .execute(
            "return document.querySelector('table[aria-label=\"Exit plans due\"]').textContent",
            vec![],
        )
        .await
        .unwrap();
    let table = table.as_str().unwrap_or_default();
    assert!(table.contains(partnership.as_str()), "{table}");
    assert!(
        table.contains("Last day to give notice") && table.contains("in 60 days"),
        "{table}"
    );
    // And leads back to the plan.
    press(
        &client,
        by_label(
            &client,
            &format!("Open the exit plan of {partnership} (last exit test failed)"),
        )
        .await,
    )
    .await;
    text_appears(&client, "Record a test").await;
    client.close().await.unwrap();
}
