//! What every workshop test uses: a room (a workspace file with a partnership of three
//! risks and a planned workshop with three voters and an observer), scores and decisions in
//! short, and the number of ballots kept in the file.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::workshop::{
    Anonymity, DecidedHow, DecisionFields, ParticipantFields, Side, WorkshopFields,
};
use partner_risk_core::{OpenMode, Store};
use tempfile::TempDir;

pub struct Room {
    pub _dir: TempDir,
    pub store: Store,
    pub partnership: String,
    pub workshop: String,
    /// Participant ids: Ann, Ben, Cleo (voters), Olga (observer).
    pub people: Vec<String>,
}

pub fn s(l: u8, i: u8) -> Score {
    Score::new(l, i)
}

/// A partnership on the 5×5 matrix with three risks, and a planned workshop with three
/// voters and an observer and those three risks on its agenda.
pub fn room(anonymity: Anonymity) -> Room {
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

pub fn decision(score: Option<Score>, how: DecidedHow, rationale: &str) -> DecisionFields {
    DecisionFields {
        score,
        how,
        rationale: rationale.into(),
        dissent: String::new(),
    }
}

pub fn ballot_count(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM workshop_ballots", [], |r| r.get(0))
        .unwrap()
}
