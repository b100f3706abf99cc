//! Bad input refused with nothing changed.

use partner_risk_core::model::RiskFields;
use partner_risk_core::workshop::{
    Anonymity, BallotSource, DecidedHow, ParticipantFields, WorkshopFields,
};

use crate::support::{ballot_count, decision, room, s, Room};

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
