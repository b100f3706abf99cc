//! Partnership health in the real window: the Health tab of a partnership whose
//! availability indicator informs a risk; a red reading typed from the keyboard turns the
//! indicator red, its chart shows the amber and red bands, and the risk comes into the
//! review queue first with the reason in words, the review screen showing the indicator.

use crate::driver::*;
use crate::{app, ONE_WINDOW};

#[tokio::test(flavor = "multi_thread")]
async fn a_red_reading_brings_its_risk_into_the_review_queue() {
    use partner_risk_core::health::{library, ReadingFields};
    let _window = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("health.prisk");
    let today = chrono::Local::now().date_naive();
    let (partnership, reference) = {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::CreateIfMissing)
                .unwrap();
        store.set_whoami("Hana Health").unwrap();
        let p = store.create_demo(0, today).unwrap();
        let risk = store.find_risk(&p.id, "TEC-002").unwrap();
        let mut fields = library::find("availability").unwrap().fields;
        fields.risk_ids = vec![risk.id.clone()];
        fields.owner = "Service owner".into();
        let a = store.add_indicator(&p.id, fields).unwrap();
        // A month of good days before today.
        let readings = (1..=30)
            .map(|n| {
                let fields = ReadingFields {
                    date: today - chrono::Duration::days(n),
                    value: 99.9 + (n % 3) as f64 * 0.02,
                    note: String::new(),
                };
                (a.id.clone(), fields)
            })
            .collect();
        store.add_readings(&p.id, readings, false, today).unwrap();
        (p.fields.name, risk.reference)
    };
    let session = start_driver(4466);
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;

    // The Health tab: the indicator is green, with its sparkline.
    button(&client, "Health").await.click().await.unwrap();
    wait(&client, "table.indicators").await;
    text_appears(&client, "0 red · 0 amber · 0 stale · 1 green").await;
    by_label(&client, "Availability: trend of the last 30 readings").await;
    let chart = by_label(
        &client,
        "Availability: every reading with the amber and red bands",
    )
    .await;
    // uPlot drew on a canvas, and the bands are named beside it.
    wait(&client, ".indicator-panel .time-chart-canvas canvas").await;
    let key = chart.text().await.unwrap();
    assert!(
        key.contains("Red: below 99.0 %") && key.contains("Amber: below 99.5 %"),
        "{key}"
    );

    // Today's reading, typed: the value field, Enter.
    field(&client, "Value").await.click().await.unwrap();
    keys(&client, "98.7\u{E007}").await;
    text_appears(&client, "1 red · 0 amber · 0 stale · 0 green").await;
    let reason = format!(
        "Availability 98.7 % is below the red threshold 99.0 % since {}",
        today.format("%-d %b %Y")
    );
    text_appears(&client, &reason).await;
    text_appears(&client, &format!("{reference} ")).await;
    // The chart redrawn with 31 readings, the last one red.
    text_appears(
        &client,
        &format!(
            "31 readings from {} to {today}",
            today - chrono::Duration::days(30)
        ),
    )
    .await;

    // The review queue: the risk first, with the reason in words.
    nav(&client, "Review queue").await.click().await.unwrap();
    let queue = wait(&client, "table[aria-label='Review queue'] tbody tr").await;
    let first = queue.text().await.unwrap();
    assert!(
        first.contains(&reference) && first.contains(&reason),
        "{first}"
    );

    // Reviewing it: the screen shows the indicator with its trend.
    button(&client, "Start reviewing").await;
    keys(&client, "\u{E007}").await;
    text_appears(&client, &format!("Review {reference}")).await;
    by_label(
        &client,
        "Availability: last readings with the amber and red bands",
    )
    .await;
    text_appears(&client, "Availability is red").await;
    client.close().await.unwrap();
}
