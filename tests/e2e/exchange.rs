//! Two analysts, one partnership, in the real window: Ada's workspace and Ben's copy of it
//! both changed since Ada sent it to him — some fields differently, one reference taken on
//! both sides. Ada merges Ben's exchange file (File → Merge a File… in the native menu bar
//! from the keyboard; the native open dialog answered with xdotool), settles one
//! conflict per field from the keyboard (t, m, e with a merged title, Enter), applies, and
//! sees everything else merged in the register.

use partner_risk_core::exchange::{self, ExportOptions, MergeOptions};
use partner_risk_core::matrix::Score;
use partner_risk_core::model::RiskFields;
use partner_risk_core::{OpenMode, Store};

use crate::driver::*;
use crate::steps::{open_merge_from_file_menu, press, resolve_conflicts, Camera};
use crate::{app, ONE_WINDOW};

const MERGED_TITLE: &str = "Claims data leaves the EU before a DPA is signed";

#[tokio::test(flavor = "multi_thread")]
async fn a_colleague_s_copy_is_merged_with_one_conflict_per_field_settled_by_keyboard() {
    let _window = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let ours_db = dir.path().join("ada.prisk");
    let ben_file = dir.path().join("ben.prisk-exchange");
    let today = chrono::Local::now().date_naive();
    let partnership = {
        let mut ours = Store::open(&ours_db, OpenMode::CreateIfMissing).unwrap();
        ours.set_whoami("Ada Analyst").unwrap();
        let p = ours.create_demo(0, today).unwrap();
        let sent = dir.path().join("to-ben.prisk-exchange");
        exchange::export(&mut ours, &p.id, &sent, &ExportOptions::default()).unwrap();
        let mut ben = Store::open(dir.path().join("ben.prisk"), OpenMode::CreateIfMissing).unwrap();
        ben.set_actor("Ben Brook");
        exchange::merge_file(&mut ben, &sent, &MergeOptions::default(), false).unwrap();

        // Both change the same three fields of DPR-001, differently.
        let risk = ours.find_risk(&p.id, "DPR-001").unwrap();
        let mut fields = risk.fields.clone();
        fields.title = "Personal data leaves the EU before a DPA is signed".into();
        fields.residual = Some(Score::new(3, 5));
        fields.owner = "Privacy office".into();
        ours.update_risk(&risk.id, fields).unwrap();
        let mut fields = risk.fields.clone();
        fields.title = "Claims data is shared before the DPA is signed".into();
        fields.residual = Some(Score::new(2, 4));
        fields.owner = "Ben Brook".into();
        ben.update_risk(&risk.id, fields).unwrap();
        // Ben alone rewrites a description; each adds an exit risk (the same next reference).
        let tec = ben.find_risk(&p.id, "TEC-001").unwrap();
        let mut fields = tec.fields.clone();
        fields.description = "The claims API changes without notice".into();
        ben.update_risk(&tec.id, fields).unwrap();
        ours.add_risk(
            &p.id,
            RiskFields::new("exit", "Source code escrow is missing"),
        )
        .unwrap();
        ben.add_risk(
            &p.id,
            RiskFields::new("exit", "Key people at the partner leave"),
        )
        .unwrap();
        exchange::export(&mut ben, &p.id, &ben_file, &ExportOptions::default()).unwrap();
        p
    };

    let session = start_driver(4484);
    let client = launch(&session, app(), &ours_db).await;
    text_appears(&client, &partnership.fields.name).await;
    wait(&client, "table.register tbody tr[aria-rowindex]").await;

    open_merge_from_file_menu(&client, session.display(), &ben_file).await;
    text_appears(&client, "Three-way merge.").await;
    text_appears(&client, "Sent by Ben Brook (workspace ben.prisk)").await;
    text_appears(
        &client,
        "Their new risk \"Key people at the partner leave\" becomes EXT-009: ours already has EXT-008.",
    )
    .await;
    resolve_conflicts(
        &client,
        &[
            ("Owner", "t"),
            ("Residual score", "m"),
            ("Title", &format!("e:{MERGED_TITLE}")),
        ],
        &Camera::Off,
    )
    .await;
    let summary = by_label(&client, "Summary before merging").await;
    let said = summary.text().await.unwrap();
    assert!(
        said.contains("3 conflicts resolved (1 ours, 1 theirs, 1 edited)")
            && said.contains("A backup of the workspace is taken first"),
        "{said}"
    );
    press(&client, button(&client, "Apply the merge").await).await;
    text_appears(&client, "Merged ben.prisk-exchange into").await;
    press(
        &client,
        client
            .find(fantoccini::Locator::XPath(
                "//div[@role='dialog']//div[@class='actions-row']/button[normalize-space(.)='Close']",
            ))
            .await
            .unwrap(),
    )
    .await;

    // The register shows the merged title, Ben's owner, and both new exit risks.
    let register = || async {
        client
            .execute(
                "return document.querySelector('table.register').textContent",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    for _ in 0..100 {
        if register().await.contains(MERGED_TITLE) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = register().await;
    for expected in [
        MERGED_TITLE,
        "Ben Brook",
        "EXT-008Source code escrow is missing",
        "EXT-009Key people at the partner leave",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the register: {text}"
        );
    }
    client.close().await.unwrap();
    drop(session);

    // And the workspace holds the rest: our residual score, Ben's description.
    let ours = Store::open(&ours_db, OpenMode::Existing).unwrap();
    let dpr = ours.find_risk(&partnership.id, "DPR-001").unwrap();
    assert_eq!(dpr.fields.title, MERGED_TITLE);
    assert_eq!(dpr.fields.residual, Some(Score::new(3, 5)));
    assert_eq!(dpr.fields.owner, "Ben Brook");
    let tec = ours.find_risk(&partnership.id, "TEC-001").unwrap();
    assert_eq!(
        tec.fields.description,
        "The claims API changes without notice"
    );
}
