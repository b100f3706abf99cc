//! Ballot files in the facilitator's workspace: export one per voter, import them as
//! round 1 (see `workshop::ballot_file` for the file itself).

use rusqlite::params;

use super::{require_status, OPEN};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::workshop::ballot_file::{self, BallotFile, BallotFixed, BallotRisk};
use crate::workshop::BallotSource;

impl Store {
    fn workshop_secret(&self, workshop_id: &str) -> Result<Vec<u8>> {
        Ok(self.conn.query_row(
            "SELECT secret FROM workshops WHERE id = ?1",
            [workshop_id],
            |r| r.get(0),
        )?)
    }

    /// A sealed ballot file for one voter: the agenda's risks and the matrix, no votes.
    pub fn export_ballot(&self, workshop_id: &str, participant_key: &str) -> Result<BallotFile> {
        let workshop = self.workshop(workshop_id)?;
        require_status(&workshop, OPEN, "export a ballot")?;
        let participant = self.find_participant(&workshop.id, participant_key)?;
        if !participant.fields.voter {
            return Err(Error::invalid(
                "participant",
                &participant.fields.name,
                "is an observer; observers do not vote",
            ));
        }
        let agenda = self
            .agenda(&workshop.id)?
            .into_iter()
            .filter(|item| item.round == 1 && !item.revealed)
            .map(|item| {
                let risk = self.risk(&item.risk_id)?;
                Ok(BallotRisk {
                    item_id: item.id,
                    reference: item.reference,
                    title: risk.fields.title.clone(),
                    description: risk.fields.description.clone(),
                    cause: risk.fields.cause.clone(),
                    consequence: risk.fields.consequence.clone(),
                    current: risk.fields.score(workshop.fields.sets),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if agenda.is_empty() {
            return Err(Error::conflict(
                "agenda",
                &workshop.fields.title,
                "no risk on the agenda is still open for a first round",
            ));
        }
        let fixed = BallotFixed {
            workshop_id: workshop.id.clone(),
            workshop_title: workshop.fields.title.clone(),
            partnership_name: self.partnership(&workshop.partnership_id)?.fields.name,
            participant_id: participant.id,
            participant_name: participant.fields.name,
            sets: workshop.fields.sets,
            round: 1,
            matrix: self.workshop_matrix(&workshop)?,
            agenda,
            exported_at: crate::store::now(),
        };
        let seal = ballot_file::seal(&self.workshop_secret(&workshop.id)?, &fixed);
        Ok(BallotFile {
            format: ballot_file::FORMAT.into(),
            version: ballot_file::VERSION,
            fixed,
            seal,
            votes: Vec::new(),
        })
    }

    /// Imports a filled ballot file as the voter's round-1 votes, all or nothing. Refused:
    /// a file for another workshop, a broken seal (the fixed part was changed), an unknown
    /// voter or risk, a score off the matrix, a round already revealed, or a second ballot
    /// of the same voter for the same round. Returns how many votes were recorded.
    pub fn import_ballot(&mut self, workshop_id: &str, file: &BallotFile) -> Result<usize> {
        file.check()?;
        let workshop = self.workshop(workshop_id)?;
        require_status(&workshop, OPEN, "import a ballot")?;
        let fixed = &file.fixed;
        if fixed.workshop_id != workshop.id {
            return Err(Error::invalid(
                "fixed.workshop_id",
                &fixed.workshop_title,
                format!(
                    "is a ballot for another workshop, not {:?}",
                    workshop.fields.title
                ),
            ));
        }
        if ballot_file::seal(&self.workshop_secret(&workshop.id)?, fixed) != file.seal {
            return Err(Error::invalid(
                "seal",
                &file.seal,
                "does not match: the workshop, participant or agenda part was changed after export",
            ));
        }
        let participant = self
            .voter(&workshop, &fixed.participant_id)
            .map_err(|e| match e {
                Error::NotFound { .. } => Error::not_found(
                    "participant",
                    "fixed.participant_id",
                    &fixed.participant_name,
                ),
                other => other,
            })?;
        let matrix = self.workshop_matrix(&workshop)?;
        if file.votes.is_empty() {
            return Err(Error::invalid("votes", "[]", "the ballot holds no votes"));
        }
        let mut ballots = Vec::with_capacity(file.votes.len());
        for (n, vote) in file.votes.iter().enumerate() {
            let at = format!("votes[{n}].");
            let item = self
                .find_agenda_item(&workshop.id, &vote.reference)
                .map_err(|e| e.within(&at))?;
            if item.round != 1 {
                return Err(Error::conflict(
                    format!("{at}reference"),
                    &vote.reference,
                    "round 1 of this risk is over; the ballot came too late",
                ));
            }
            let already: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM workshop_voted WHERE item_id = ?1 AND round = 1 AND participant_id = ?2)",
                params![item.id, participant.id],
                |r| r.get(0),
            )?;
            if already {
                return Err(Error::conflict(
                    format!("{at}reference"),
                    &vote.reference,
                    format!(
                        "{} already has a round-1 vote on this risk: a second ballot is refused",
                        participant.fields.name
                    ),
                ));
            }
            // The same rules as a vote in the room (the workshop may still be planned).
            self.check_vote(&matrix, &item, vote.score, &vote.comment)
                .map_err(|e| e.within(&at))?;
            ballots.push((item, vote));
        }
        self.write(|w| {
            for (item, vote) in &ballots {
                w.put_ballot(
                    item,
                    &participant.id,
                    vote.score,
                    vote.comment.trim(),
                    BallotSource::File,
                )?;
            }
            Ok(())
        })?;
        Ok(ballots.len())
    }
}
