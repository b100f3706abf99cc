//! The minutes: the workshop recorded in a PDF, voters named only when the workshop names
//! them.

use partner_risk_core::workshop::{Anonymity, BallotSource, DecidedHow, DecisionFields};

use crate::support::{decision, room, s, Room};

/// The text of every page of a PDF, whitespace removed (lopdf splits runs).
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the minutes");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("text extracts")
        .split_whitespace()
        .collect()
}

#[test]
fn minutes_record_the_workshop_and_name_voters_only_when_named() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let mut texts = Vec::new();
    for mode in [Anonymity::Named, Anonymity::Room] {
        let Room {
            mut store,
            workshop,
            people,
            ..
        } = room(mode);
        let item = store.agenda(&workshop).unwrap().remove(0);
        store.start_workshop(&workshop).unwrap();
        // A draft before the close: no digest yet.
        let (draft, _) =
            partner_risk_core::minutes::export_minutes(&store, &workshop, today).unwrap();
        assert!(pdf_text(&draft).contains("DRAFT"));
        store
            .cast_ballot(&item.id, &people[0], s(3, 3), "", BallotSource::Proxy)
            .unwrap();
        store
            .cast_ballot(
                &item.id,
                &people[1],
                s(3, 4),
                "vendor lock-in",
                BallotSource::Room,
            )
            .unwrap();
        store.reveal(&item.id).unwrap();
        store
            .decide(
                &item.id,
                DecisionFields {
                    dissent: "Ben expects a faster fix".into(),
                    ..decision(
                        Some(s(3, 4)),
                        DecidedHow::Consensus,
                        "Two outages this year",
                    )
                },
            )
            .unwrap();
        let digest = store
            .close_workshop(&workshop)
            .unwrap()
            .ballot_digest
            .unwrap();
        let (bytes, pages) =
            partner_risk_core::minutes::export_minutes(&store, &workshop, today).unwrap();
        assert!(pages >= 4, "cover, summary, items, sign-off");
        let text = pdf_text(&bytes);
        for expected in [
            "RISKWORKSHOPMINUTES",
            "Kick-offriskworkshop",
            "Room4.12",
            "Fran",
            "Cleo",
            "Thirdparty",
            "Observer",
            "Consensuswhenallvotesliewithin1step",
            "Verdict:Consensus",
            "Twooutagesthisyear",
            "DissentBenexpectsafasterfix",
            "vendorlock-in",
            &digest,
        ] {
            assert!(text.contains(expected), "{mode:?}: {expected:?} missing");
        }
        assert!(!text.contains("DRAFT"));
        texts.push(text);
    }
    assert!(texts[0].contains("Ann(proxy)"), "named: votes carry names");
    assert!(
        !texts[1].contains("(proxy)"),
        "room: no name next to a vote"
    );
}
