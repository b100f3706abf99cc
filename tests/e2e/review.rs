//! An analyst's review with the keyboard only: who is working, the queue, no change,
//! rescore, accept, mitigate, snooze and undo; relaunch, and the file holds the reviews.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::driver::*;
use crate::steps::{self};
use crate::{app, ONE_WINDOW};

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
