//! Risk in money in the real window (issue 24): ranges entered for two risks in the risk
//! editor, the Loss tab's simulation run, the exceedance curves drawn and the tolerance
//! breach named.

use fantoccini::{Client, Locator};

use crate::driver::*;
use crate::steps::click_xpath;
use crate::{app, ONE_WINDOW};

/// In the open risk editor: the residual stage's frequency (events a year) and 90 % loss
/// range, then Save.
async fn enter_residual_estimate(client: &Client, rate: &str, low: &str, high: &str) {
    click_xpath(
        client,
        "//div[@aria-label='Which score']/button[starts-with(normalize-space(.), 'Residual')]",
    )
    .await;
    by_label(client, "How often (residual)")
        .await
        .select_by_value("rate")
        .await
        .unwrap();
    by_label(client, "Events a year (residual)")
        .await
        .send_keys(rate)
        .await
        .unwrap();
    by_label(client, "Loss per event (residual)")
        .await
        .select_by_value("range")
        .await
        .unwrap();
    by_label(client, "Low (residual)")
        .await
        .send_keys(low)
        .await
        .unwrap();
    by_label(client, "High (residual)")
        .await
        .send_keys(high)
        .await
        .unwrap();
    button(client, "Save").await.click().await.unwrap();
    // Saved and read back: the cell the numbers fall in is shown under them.
    text_appears(client, "The saved numbers fall in cell").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ranges_for_two_risks_run_into_a_tolerance_breach() {
    use partner_risk_core::quant::{Tolerance, TolerancePoint};
    let _window = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loss.prisk");
    let partnership = {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::CreateIfMissing)
                .unwrap();
        store.set_whoami("Lea Loss").unwrap();
        let p = store
            .create_demo(0, chrono::Local::now().date_naive())
            .unwrap();
        store
            .change_quant_settings(&p.id, |s| {
                s.currency = Some("EUR".into());
                s.years = 20_000;
                s.seed = Some(24);
                s.tolerance = Some(Tolerance::new(
                    TolerancePoint {
                        probability: 0.1,
                        loss: 1e6,
                    },
                    TolerancePoint {
                        probability: 0.01,
                        loss: 5e6,
                    },
                )?);
                Ok(())
            })
            .unwrap();
        p.fields.name
    };
    let session = start_driver(4468);
    let client = launch(&session, app(), &db).await;
    text_appears(&client, &partnership).await;

    // Two risks of the register, each chosen and opened with Enter.
    for (reference, rate, low, high) in [
        ("DPR-001", "0.5", "100000", "5000000"),
        ("DPR-002", "1", "200000", "9000000"),
    ] {
        click_xpath(
            &client,
            &format!("//table[contains(@class,'register')]//td[normalize-space(.)='{reference}']"),
        )
        .await;
        keys(&client, "\u{E007}").await;
        text_appears(&client, reference).await;
        wait(&client, ".editor-head .ref").await;
        enter_residual_estimate(&client, rate, low, high).await;
        button(&client, "← Register").await.click().await.unwrap();
        wait(&client, "table.register").await;
    }

    // The Loss tab: no run kept yet; run it.
    click_xpath(
        &client,
        "//button[@role='tab' and normalize-space(.)='Loss']",
    )
    .await;
    text_appears(&client, "No simulation kept yet").await;
    button(&client, "Run simulation")
        .await
        .click()
        .await
        .unwrap();
    text_appears(&client, "20,000 simulated years, seed 24").await;
    // uPlot drew the curves on a canvas; the figures and the breach are in words.
    wait(&client, ".loss-chart canvas").await;
    text_appears(&client, "Outside tolerance: Residual has a").await;
    let row = client
        .find(Locator::XPath(
            "//table[contains(@class,'loss-figures')]//tr[th[normalize-space(.)='Residual']]",
        ))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(row.contains("Outside"), "{row}");
    // The cells run together in the row's text: the stage, then 2 risks.
    assert!(row.starts_with("Residual2"), "two risks simulated: {row}");

    client.close().await.unwrap();
    drop(session);
}
