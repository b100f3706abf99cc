//! Workshops on real SQLite files: planning, private voting, reveal, rounds, decisions
//! that write the risk's score, freezing on close, anonymity, and ballot files.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields, ScoreKind};
use partner_risk_core::store::Entity;
use partner_risk_core::workshop::ballot_file::BallotFile;
use partner_risk_core::workshop::{
    Anonymity, BallotSource, DecidedHow, DecisionFields, ParticipantFields, Side, Verdict,
    WorkshopFields, WorkshopStatus,
};
use partner_risk_core::{OpenMode, Store};
use tempfile::TempDir;

struct Room {
    _dir: TempDir,
    store: Store,
    partnership: String,
    workshop: String,
    /// Participant ids: Ann, Ben, Cleo (voters), Olga (observer).
    people: Vec<String>,
}

fn s(l: u8, i: u8) -> Score {
    Score::new(l, i)
}

/// A partnership on the 5×5 matrix with three risks, and a planned workshop with three
/// voters and an observer and those three risks on its agenda.
fn room(anonymity: Anonymity) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("facilitator");
    let partnership = store
        .create_partnership(PartnershipFields::new("Acme pilot"), "5x5")
        .unwrap()
        .id;
    let risks = store
        .add_risks(
            &partnership,
            vec![
                RiskFields {
                    residual: Some(s(2, 2)),
                    ..RiskFields::new("technical", "Partner API changes without notice")
                },
                RiskFields::new("regulatory", "No DPA before personal data moves"),
                RiskFields::new("exit", "No written exit plan"),
            ],
        )
        .unwrap();
    let workshop = store
        .create_workshop(
            &partnership,
            WorkshopFields {
                place: "Room 4.12".into(),
                facilitator: "Fran".into(),
                anonymity,
                ..WorkshopFields::new("Kick-off risk workshop")
            },
        )
        .unwrap()
        .id;
    let mut people = Vec::new();
    for (name, side, voter) in [
        ("Ann", Side::Ours, true),
        ("Ben", Side::Partner, true),
        ("Cleo", Side::ThirdParty, true),
        ("Olga", Side::Ours, false),
    ] {
        let p = ParticipantFields {
            side,
            voter,
            role: "Engineer".into(),
            ..ParticipantFields::voter(name)
        };
        people.push(store.add_participant(&workshop, p).unwrap().id);
    }
    let refs: Vec<String> = risks.iter().map(|r| r.reference.clone()).collect();
    store.add_agenda_items(&workshop, &refs).unwrap();
    Room {
        _dir: dir,
        store,
        partnership,
        workshop,
        people,
    }
}

fn decision(score: Option<Score>, how: DecidedHow, rationale: &str) -> DecisionFields {
    DecisionFields {
        score,
        how,
        rationale: rationale.into(),
        dissent: String::new(),
    }
}

fn ballot_count(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM workshop_ballots", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_workshop_runs_from_plan_to_a_frozen_record() {
    let Room {
        mut store,
        workshop,
        people,
        partnership,
        ..
    } = room(Anonymity::Named);
    let agenda = store.agenda(&workshop).unwrap();
    assert_eq!(agenda.len(), 3);
    let (tec, reg, ext) = (&agenda[0], &agenda[1], &agenda[2]);

    // No vote before the start.
    let e = store
        .cast_ballot(&tec.id, &people[0], s(3, 3), "", BallotSource::Room)
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("has not started"), "{e}");

    store.start_workshop(&workshop).unwrap();

    // Round 1 on TEC: Ann changes her mind before the reveal; her vote is replaced.
    store
        .cast_ballot(&tec.id, &people[0], s(2, 2), "", BallotSource::Room)
        .unwrap();
    store
        .cast_ballot(&tec.id, &people[0], s(3, 3), "too low", BallotSource::Room)
        .unwrap();
    store
        .cast_ballot(&tec.id, &people[1], s(3, 4), "", BallotSource::Room)
        .unwrap();
    // Who has voted shows, how does not.
    let view = store.item_view(&tec.id).unwrap();
    assert_eq!(
        view.voted.iter().filter(|v| v.voted).count(),
        2,
        "{:?}",
        view.voted
    );
    assert_eq!(view.voted.len(), 3, "observers are not listed as voters");
    assert!(view.rounds[0].ballots.is_empty() && view.rounds[0].spread.is_none());
    assert_eq!(view.rounds[0].votes, 2);

    // Cleo has no device: the facilitator enters a proxy vote, marked as such.
    store
        .cast_ballot(&tec.id, &people[2], s(5, 1), "", BallotSource::Proxy)
        .unwrap();
    store.reveal(&tec.id).unwrap();
    let view = store.item_view(&tec.id).unwrap();
    let round = &view.rounds[0];
    assert_eq!(round.ballots.len(), 3);
    let names: Vec<_> = round
        .ballots
        .iter()
        .map(|b| b.participant_name.clone().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Ann", "Ben", "Cleo"],
        "named: attributed after reveal"
    );
    assert_eq!(round.ballots[0].comment, "too low");
    assert_eq!(round.ballots[2].source, BallotSource::Proxy);
    let spread = round.spread.as_ref().unwrap();
    assert_eq!(spread.votes, 3);
    assert_eq!(spread.median, s(3, 3));
    assert_eq!(spread.verdict, Verdict::Discuss);
    assert_eq!(spread.outliers, vec![2], "Cleo's vote is the outlier");

    // A claimed consensus against the rule's verdict is refused; then a second round.
    let e = store
        .decide(
            &tec.id,
            decision(Some(s(3, 3)), DecidedHow::Consensus, "agreed"),
        )
        .unwrap_err();
    assert_eq!(e.field(), Some("how"));
    store.revote(&tec.id).unwrap();
    for (p, score) in people.iter().take(3).zip([s(3, 3), s(3, 4), s(4, 3)]) {
        store
            .cast_ballot(&tec.id, p, score, "", BallotSource::Room)
            .unwrap();
    }
    store.reveal(&tec.id).unwrap();
    let view = store.item_view(&tec.id).unwrap();
    assert_eq!(view.rounds.len(), 2);
    assert_eq!(
        view.rounds[1].spread.as_ref().unwrap().verdict,
        Verdict::Consensus
    );
    let d = store
        .decide(
            &tec.id,
            DecisionFields {
                dissent: "Cleo thinks the partner's release notes are enough warning".into(),
                ..decision(
                    Some(s(3, 4)),
                    DecidedHow::Consensus,
                    "Two breaking changes last year; no versioning policy",
                )
            },
        )
        .unwrap();
    assert_eq!(d.round, 2);
    assert_eq!(d.decided_by, "facilitator");

    // The risk's residual score (the default kind) changed, and its history says where.
    let risk = store.risk(&view.item.risk_id).unwrap();
    assert_eq!(risk.fields.residual, Some(s(3, 4)));
    let history = store.history(&risk.id).unwrap();
    let change = history
        .iter()
        .find(|h| h.field.as_deref() == Some("residual"))
        .unwrap();
    assert_eq!(change.actor, "facilitator");
    let context = change.context.as_deref().unwrap();
    assert!(
        context.contains("Kick-off risk workshop") && context.contains(&tec.reference),
        "{context}"
    );

    // REG: decided by the facilitator; EXT: deferred (no score is written).
    store
        .cast_ballot(&reg.id, &people[0], s(4, 4), "", BallotSource::Room)
        .unwrap();
    store.reveal(&reg.id).unwrap();
    store
        .decide(
            &reg.id,
            decision(
                Some(s(4, 5)),
                DecidedHow::Facilitator,
                "Fines are per record",
            ),
        )
        .unwrap();
    store
        .decide(
            &ext.id,
            decision(None, DecidedHow::Deferred, "Needs the contract draft"),
        )
        .unwrap();
    assert_eq!(store.risk(&ext.risk_id).unwrap().fields.residual, None);
    assert_eq!(
        store.risk(&reg.risk_id).unwrap().fields.residual,
        Some(s(4, 5))
    );
    // A vote on a decided item is refused.
    let e = store
        .cast_ballot(&reg.id, &people[1], s(1, 1), "", BallotSource::Room)
        .unwrap_err();
    assert_eq!(e.field(), Some("reference"));

    // Close: the digest is stored and verifies; everything is frozen.
    let closed = store.close_workshop(&workshop).unwrap();
    assert_eq!(closed.status, WorkshopStatus::Closed);
    let digest = closed.ballot_digest.clone().unwrap();
    assert_eq!(digest.len(), 64);
    assert_eq!(store.verify_ballot_digest(&workshop).unwrap(), Some(true));
    let before = ballot_count(&store);
    for e in [
        store
            .cast_ballot(&ext.id, &people[0], s(1, 1), "", BallotSource::Room)
            .unwrap_err(),
        store
            .decide(
                &ext.id,
                decision(Some(s(1, 1)), DecidedHow::Facilitator, "x"),
            )
            .unwrap_err(),
        store.revote(&tec.id).unwrap_err(),
        store
            .add_participant(&workshop, ParticipantFields::voter("Late"))
            .unwrap_err(),
        store.delete_workshop(&workshop).unwrap_err(),
    ] {
        assert!(e.to_string().contains("closed"), "{e}");
    }
    // The file itself refuses a ballot slipped into a closed workshop.
    let raw = store.connection().execute(
        "INSERT INTO workshop_ballots (item_id, round, likelihood, impact, source) VALUES (?1, 1, 1, 1, 'room')",
        [&ext.id],
    );
    assert!(raw.unwrap_err().to_string().contains("frozen"));
    assert_eq!(ballot_count(&store), before);
    // A ballot changed behind the store's back no longer matches the digest.
    store
        .connection()
        .execute("UPDATE workshop_decisions SET rationale = rationale", [])
        .unwrap_err();
    store
        .connection()
        .execute_batch(
            "DELETE FROM workshop_ballots WHERE rowid = (SELECT min(rowid) FROM workshop_ballots)",
        )
        .unwrap();
    assert_eq!(store.verify_ballot_digest(&workshop).unwrap(), Some(false));

    // The workshop's own history: created, started, closed.
    let status_changes: Vec<_> = store
        .history(&workshop)
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == Entity::Workshop && h.field.as_deref() == Some("status"))
        .map(|h| h.new_value.unwrap())
        .collect();
    assert_eq!(status_changes, ["running", "closed"]);
    let summaries = store.workshop_summaries(&partnership).unwrap();
    assert_eq!(
        (
            summaries[0].participants,
            summaries[0].items,
            summaries[0].decided
        ),
        (4, 3, 3)
    );
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let Room {
        mut store,
        workshop,
        people,
        partnership,
        ..
    } = room(Anonymity::Named);
    let agenda = store.agenda(&workshop).unwrap();
    let item = &agenda[0];

    // Planning refusals.
    let e = store
        .add_agenda_items(&workshop, std::slice::from_ref(&item.reference))
        .unwrap_err();
    assert_eq!(e.field(), Some("reference"));
    let e = store
        .add_agenda_items(&workshop, &["NOPE-001".into()])
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    let e = store
        .add_participant(&workshop, ParticipantFields::voter(" ann "))
        .unwrap_err();
    assert_eq!(e.field(), Some("name"));
    let e = store
        .create_workshop(&partnership, WorkshopFields::new("Kick-off risk workshop"))
        .unwrap_err();
    assert_eq!(e.field(), Some("title"));
    let e = store
        .create_workshop(&partnership, WorkshopFields::new("  "))
        .unwrap_err();
    assert_eq!(e.field(), Some("title"));

    store.start_workshop(&workshop).unwrap();
    let e = store
        .update_workshop(
            &workshop,
            WorkshopFields {
                anonymity: Anonymity::Anonymous,
                ..store.workshop(&workshop).unwrap().fields
            },
        )
        .unwrap_err();
    assert_eq!(e.field(), Some("anonymity"));

    let observer = &people[3];
    let cases = [
        (
            store
                .cast_ballot(&item.id, observer, s(3, 3), "", BallotSource::Room)
                .unwrap_err(),
            "participant",
        ),
        (
            store
                .cast_ballot(&item.id, "nobody", s(3, 3), "", BallotSource::Room)
                .unwrap_err(),
            "participant",
        ),
        (
            store
                .cast_ballot(&item.id, &people[0], s(6, 3), "", BallotSource::Room)
                .unwrap_err(),
            "score.likelihood",
        ),
        (
            store
                .cast_ballot(&item.id, &people[0], s(3, 0), "", BallotSource::Room)
                .unwrap_err(),
            "score.impact",
        ),
        (store.reveal(&item.id).unwrap_err(), "reference"),
        (store.revote(&item.id).unwrap_err(), "reference"),
        (
            store
                .decide(
                    &item.id,
                    decision(Some(s(3, 3)), DecidedHow::Facilitator, "  "),
                )
                .unwrap_err(),
            "rationale",
        ),
        (
            store
                .decide(&item.id, decision(None, DecidedHow::Facilitator, "why"))
                .unwrap_err(),
            "score",
        ),
        (
            store
                .decide(
                    &item.id,
                    decision(Some(s(3, 3)), DecidedHow::Consensus, "why"),
                )
                .unwrap_err(),
            "how",
        ),
    ];
    for (e, field) in cases {
        assert_eq!(e.field(), Some(field), "{e}");
    }
    assert_eq!(ballot_count(&store), 0);
    assert!(store.decision(&item.id).unwrap().is_none());

    // After the reveal, a vote in the same round is refused.
    store
        .cast_ballot(&item.id, &people[0], s(3, 3), "", BallotSource::Room)
        .unwrap();
    store.reveal(&item.id).unwrap();
    let e = store
        .cast_ballot(&item.id, &people[1], s(3, 3), "", BallotSource::Room)
        .unwrap_err();
    assert!(e.to_string().contains("revealed"), "{e}");
    assert_eq!(ballot_count(&store), 1);

    // A risk proposed in the room is created and appended in one go.
    let (risk, added) = store
        .propose_risk(
            &workshop,
            RiskFields::new("operational", "Key partner engineer leaves"),
        )
        .unwrap();
    assert_eq!(added.position, 4);
    assert_eq!(added.risk_id, risk.id);
    let e = store
        .propose_risk(&workshop, RiskFields::new("nonsense", "x"))
        .unwrap_err();
    assert_eq!(e.field(), Some("category"));
    assert_eq!(store.agenda(&workshop).unwrap().len(), 4);

    // Reordering by position.
    let moved = store.move_agenda_item(&added.id, 1).unwrap();
    assert_eq!(moved[0].id, added.id);
    assert_eq!(
        moved.iter().map(|i| i.position).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(
        store.move_agenda_item(&added.id, 9).unwrap_err().field(),
        Some("position")
    );
}

#[test]
fn anonymity_modes_decide_what_is_kept_and_shown() {
    // Anonymous: after the reveal nothing links a ballot to a voter.
    let Room {
        mut store,
        workshop,
        people,
        ..
    } = room(Anonymity::Anonymous);
    let item = store.agenda(&workshop).unwrap().remove(0);
    store.start_workshop(&workshop).unwrap();
    store
        .cast_ballot(&item.id, &people[0], s(1, 1), "", BallotSource::Room)
        .unwrap();
    store
        .cast_ballot(&item.id, &people[0], s(2, 2), "", BallotSource::Room)
        .unwrap();
    store
        .cast_ballot(&item.id, &people[1], s(4, 4), "", BallotSource::Room)
        .unwrap();
    store.reveal(&item.id).unwrap();
    let linked: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM workshop_ballots WHERE participant_id IS NOT NULL OR cast_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 0);
    assert_eq!(ballot_count(&store), 2, "the replaced vote is gone");
    let view = store.item_view(&item.id).unwrap();
    assert!(view.rounds[0]
        .ballots
        .iter()
        .all(|b| b.participant_name.is_none()));
    let voted: Vec<bool> = view.voted.iter().map(|v| v.voted).collect();
    assert_eq!(voted, [true, true, false], "who voted is still known");

    // Room: attributed in the file, never in what is shown.
    let Room {
        mut store,
        workshop,
        people,
        ..
    } = room(Anonymity::Room);
    let item = store.agenda(&workshop).unwrap().remove(0);
    store.start_workshop(&workshop).unwrap();
    store
        .cast_ballot(&item.id, &people[0], s(1, 1), "", BallotSource::Room)
        .unwrap();
    store.reveal(&item.id).unwrap();
    let kept: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM workshop_ballots WHERE participant_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1);
    let detail = store.workshop_detail(&workshop).unwrap();
    let b = &detail.items[0].rounds[0].ballots[0];
    assert_eq!(
        (b.participant_id.as_ref(), b.participant_name.as_ref()),
        (None, None)
    );
}

#[test]
fn ballot_files_carry_a_first_round_and_refuse_tampering() {
    let Room {
        _dir: dir,
        mut store,
        workshop,
        people,
        partnership,
    } = room(Anonymity::Named);
    let agenda = store.agenda(&workshop).unwrap();
    let path = dir.path().join("ann.prisk-ballot");

    // Observers get no ballot.
    assert_eq!(
        store.export_ballot(&workshop, "Olga").unwrap_err().field(),
        Some("participant")
    );
    let exported = store.export_ballot(&workshop, "Ann").unwrap();
    assert_eq!(exported.fixed.agenda.len(), 3);
    assert_eq!(exported.fixed.agenda[0].current, Some(s(2, 2)));
    exported.write(&path).unwrap();

    // Ann fills it at home, without the workspace.
    let mut file = BallotFile::read(&path).unwrap();
    let refs: Vec<String> = agenda.iter().map(|i| i.reference.clone()).collect();
    file.fill(&refs[0], s(3, 3), "seen it before").unwrap();
    file.fill(&refs[1], s(2, 5), "").unwrap();
    file.fill(&refs[1], s(2, 4), "").unwrap(); // replaces
    assert_eq!(
        file.fill("TEC-999", s(1, 1), "").unwrap_err().field(),
        Some("reference")
    );
    assert_eq!(
        file.fill(&refs[0], s(9, 1), "").unwrap_err().field(),
        Some("score.likelihood")
    );
    assert_eq!(file.votes.len(), 2);
    file.write(&path).unwrap();

    // Tampered copies are refused whole, naming the file and the field.
    let text = std::fs::read_to_string(&path).unwrap();
    let altered = dir.path().join("altered.prisk-ballot");
    std::fs::write(&altered, text.replace("Ann", "Ben")).unwrap();
    let e = store
        .import_ballot(&workshop, &BallotFile::read(&altered).unwrap())
        .unwrap_err();
    assert_eq!(e.field(), Some("seal"));
    std::fs::write(&altered, text.replace("\"round\": 1", "\"round\": \"one\"")).unwrap();
    let e = BallotFile::read(&altered).unwrap_err();
    assert!(
        e.field()
            .unwrap()
            .starts_with(&altered.display().to_string())
            && e.field().unwrap().ends_with("fixed.round"),
        "{e}"
    );
    let bad_vote = text.replacen("\"likelihood\": 3", "\"likelihood\": 7", 1);
    assert_ne!(bad_vote, text);
    std::fs::write(&altered, bad_vote).unwrap();
    let e = BallotFile::read(&altered).unwrap_err();
    assert!(
        e.field().unwrap().ends_with("votes[0].score.likelihood"),
        "{e}"
    );
    assert_eq!(ballot_count(&store), 0);

    // A ballot for another workshop is refused.
    let other = store
        .create_workshop(&partnership, WorkshopFields::new("Second look"))
        .unwrap();
    let e = store
        .import_ballot(&other.id, &BallotFile::read(&path).unwrap())
        .unwrap_err();
    assert_eq!(e.field(), Some("fixed.workshop_id"));

    // The real one is imported as round 1 (the workshop may still be planned).
    let n = store
        .import_ballot(&workshop, &BallotFile::read(&path).unwrap())
        .unwrap();
    assert_eq!(n, 2);
    // A second ballot for the same round is refused and adds nothing.
    let e = store
        .import_ballot(&workshop, &BallotFile::read(&path).unwrap())
        .unwrap_err();
    assert!(e.to_string().contains("second ballot"), "{e}");
    assert_eq!(ballot_count(&store), 2);

    store.start_workshop(&workshop).unwrap();
    store
        .cast_ballot(&agenda[0].id, &people[1], s(3, 4), "", BallotSource::Room)
        .unwrap();
    store.reveal(&agenda[0].id).unwrap();
    let round = &store.item_view(&agenda[0].id).unwrap().rounds[0];
    assert_eq!(round.ballots[0].source, BallotSource::File);
    assert_eq!(round.ballots[0].comment, "seen it before");
    assert_eq!(round.ballots.len(), 2);
    assert_eq!(
        store.workshop(&workshop).unwrap().fields.sets,
        ScoreKind::Residual
    );
}

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
        let (draft, _) = store.export_minutes(&workshop, today).unwrap();
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
        let (bytes, pages) = store.export_minutes(&workshop, today).unwrap();
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

#[test]
fn the_room_follows_the_item_the_facilitator_puts_before_it() {
    let Room {
        mut store,
        workshop,
        partnership,
        ..
    } = room(Anonymity::Anonymous);
    let agenda = store.agenda(&workshop).unwrap();
    let (tec, reg, ext) = (&agenda[0], &agenda[1], &agenda[2]);
    // Planned: nobody moves the room yet.
    let e = store
        .set_current_item(&workshop, Some(&reg.id))
        .unwrap_err();
    assert!(e.to_string().contains("has not started"), "{e}");
    store.start_workshop(&workshop).unwrap();

    // Nothing chosen: the first item without a decision; deciding moves the room on.
    assert_eq!(store.current_item(&workshop).unwrap().unwrap().id, tec.id);
    store
        .decide(
            &tec.id,
            decision(None, DecidedHow::Deferred, "Needs the partner's architect"),
        )
        .unwrap();
    assert_eq!(store.current_item(&workshop).unwrap().unwrap().id, reg.id);

    // Chosen: that item, decided or not, until the facilitator moves on or lets go.
    let w = store.set_current_item(&workshop, Some(&ext.id)).unwrap();
    assert_eq!(w.current_item.as_deref(), Some(ext.id.as_str()));
    assert_eq!(store.current_item(&workshop).unwrap().unwrap().id, ext.id);
    store.set_current_item(&workshop, Some(&tec.id)).unwrap();
    assert_eq!(store.current_item(&workshop).unwrap().unwrap().id, tec.id);
    store.set_current_item(&workshop, None).unwrap();
    assert_eq!(store.current_item(&workshop).unwrap().unwrap().id, reg.id);

    // An item of another workshop, or none at all, is refused and changes nothing.
    store.set_current_item(&workshop, Some(&ext.id)).unwrap();
    let other = store
        .create_workshop(&partnership, WorkshopFields::new("Second session"))
        .unwrap();
    let risk = store.risks(&partnership).unwrap()[0].id.clone();
    let foreign = store.add_agenda_items(&other.id, &[risk]).unwrap()[0].clone();
    let e = store
        .set_current_item(&workshop, Some(&foreign.id))
        .unwrap_err();
    assert_eq!(e.field(), Some("item_id"));
    assert!(e.to_string().contains("not on the agenda"), "{e}");
    let e = store
        .set_current_item(&workshop, Some("no-such-item"))
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(
        store.workshop(&workshop).unwrap().current_item.as_deref(),
        Some(ext.id.as_str())
    );
    // Moving the room is not a change of the record: no audit row, no new updated_at.
    let updated = store.workshop(&workshop).unwrap().updated_at;
    store.set_current_item(&workshop, Some(&reg.id)).unwrap();
    assert_eq!(store.workshop(&workshop).unwrap().updated_at, updated);
    assert!(!store
        .history(&workshop)
        .unwrap()
        .iter()
        .any(|h| h.field.as_deref() == Some("current_item")));

    // Closed: frozen like everything else.
    store.close_workshop(&workshop).unwrap();
    let e = store
        .set_current_item(&workshop, Some(&tec.id))
        .unwrap_err();
    assert!(e.to_string().contains("closed"), "{e}");
}
