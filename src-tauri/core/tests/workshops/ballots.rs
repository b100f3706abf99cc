//! What ballots keep and carry: the anonymity modes deciding what is kept and shown, and
//! ballot files carrying a first round and refusing tampering.

use partner_risk_core::model::ScoreKind;
use partner_risk_core::workshop::ballot_file::BallotFile;
use partner_risk_core::workshop::{Anonymity, BallotSource, WorkshopFields};

use crate::support::{ballot_count, room, s, Room};

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
