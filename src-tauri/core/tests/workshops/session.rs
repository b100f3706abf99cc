//! A workshop from plan to a frozen record (voting, reveal, rounds, decisions that write
//! the risk's score, closing), and the room following the item the facilitator puts
//! before it.

use partner_risk_core::store::Entity;
use partner_risk_core::workshop::{
    Anonymity, BallotSource, DecidedHow, DecisionFields, ParticipantFields, Verdict,
    WorkshopFields, WorkshopStatus,
};

use crate::support::{ballot_count, decision, room, s, Room};

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
