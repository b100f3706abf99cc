//! Takes screenshots of the main screens of the real app on a workspace:
//! `cargo run --example screenshots -- APP DB OUT_DIR` (scripts/screenshots.sh runs it
//! on a fresh demo workspace).

#[path = "../tests/support/driver.rs"]
mod driver;

use std::path::{Path, PathBuf};
use std::time::Duration;

use driver::*;
use fantoccini::{Client, Locator};

async fn shot(client: &Client, dir: &Path, name: &str) {
    // Let the page settle (fonts, layout, a pending reply) before the picture.
    tokio::time::sleep(Duration::from_millis(900)).await;
    let png = client.screenshot().await.expect("screenshot");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    println!("{}", path.display());
}

#[tokio::main]
async fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [app, db, out] = args.as_slice() else {
        eprintln!("usage: screenshots APP DB OUT_DIR");
        std::process::exit(2);
    };
    std::fs::create_dir_all(out).expect("output folder");
    let session = start_driver(4470);
    let client = launch(&session, app, db).await;

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
