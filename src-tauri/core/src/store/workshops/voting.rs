//! Running a workshop: start, private ballots, reveal, another round, decisions that
//! write the risk's score, and closing with a digest of every ballot.

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::{require_status, OPEN};
use super::{Store, Writer};
use crate::error::{Error, Result};
use crate::matrix::{Matrix, Score};
use crate::model::limit_text;
use crate::store::Entity;
use crate::workshop::ballot_file::hex;
use crate::workshop::{
    AgendaItem, Anonymity, BallotSource, DecidedHow, Decision, DecisionFields, Participant, Spread,
    Verdict, Workshop, WorkshopStatus,
};

impl Store {
    /// Opens voting: planned → running. Needs an agenda and at least one voter.
    pub fn start_workshop(&mut self, id: &str) -> Result<Workshop> {
        let before = self.workshop(id)?;
        require_status(&before, &[WorkshopStatus::Planned], "start the workshop")?;
        if self.agenda(id)?.is_empty() {
            return Err(Error::conflict(
                "agenda",
                &before.fields.title,
                "the workshop has no risks on its agenda yet",
            ));
        }
        if !self.participants(id)?.iter().any(|p| p.fields.voter) {
            return Err(Error::conflict(
                "participants",
                &before.fields.title,
                "the workshop has no voters yet (observers do not vote)",
            ));
        }
        self.set_status(before, WorkshopStatus::Running)
    }

    /// Records a participant's private score of an item's current round; voting again
    /// before the reveal replaces their vote.
    pub fn cast_ballot(
        &mut self,
        item_id: &str,
        participant_id: &str,
        score: Score,
        comment: &str,
        source: BallotSource,
    ) -> Result<AgendaItem> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, &[WorkshopStatus::Running], "vote")?;
        let comment = comment.trim();
        let voter = self.voter(&workshop, participant_id)?;
        let matrix = self.workshop_matrix(&workshop)?;
        self.check_vote(&matrix, &item, score, comment)?;
        self.write(|w| {
            w.put_ballot(&item, &voter.id, score, comment, source)?;
            Ok(())
        })?;
        Ok(item)
    }

    /// A participant of `workshop` who may vote.
    pub(crate) fn voter(&self, workshop: &Workshop, participant_id: &str) -> Result<Participant> {
        let participant = self.participant(participant_id)?;
        if participant.workshop_id != workshop.id {
            return Err(Error::not_found(
                "participant",
                "participant",
                participant_id,
            ));
        }
        if !participant.fields.voter {
            return Err(Error::invalid(
                "participant",
                &participant.fields.name,
                "is an observer; observers do not vote",
            ));
        }
        Ok(participant)
    }

    /// The rules every vote on an item obeys, wherever it comes from (the room, a proxy,
    /// a ballot file or a phone); the voter is checked by [`Store::voter`].
    pub(crate) fn check_vote(
        &self,
        matrix: &Matrix,
        item: &AgendaItem,
        score: Score,
        comment: &str,
    ) -> Result<()> {
        if item.revealed {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                format!(
                    "round {} has been revealed; start a new round to vote again",
                    item.round
                ),
            ));
        }
        if self.decision(&item.id)?.is_some() {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                "has been decided; voting on it is over",
            ));
        }
        matrix.check_score(score, "score")?;
        limit_text("comment", comment, 2_000)
    }

    /// Shows the current round's votes. In an anonymous workshop the ballots lose their
    /// voter here, and are rewritten in score order without times, so that nothing in
    /// the file links a vote to a person afterwards.
    pub fn reveal(&mut self, item_id: &str) -> Result<AgendaItem> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, &[WorkshopStatus::Running], "reveal the votes")?;
        if item.revealed {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                format!("round {} is already revealed", item.round),
            ));
        }
        let votes: i64 = self.conn.query_row(
            "SELECT count(*) FROM workshop_ballots WHERE item_id = ?1 AND round = ?2",
            params![item.id, item.round],
            |r| r.get(0),
        )?;
        if votes == 0 {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                format!("nobody has voted in round {} yet", item.round),
            ));
        }
        self.write(|w| {
            if workshop.fields.anonymity == Anonymity::Anonymous {
                w.unlink_ballots(&item)?;
            }
            w.tx.execute(
                "UPDATE workshop_items SET revealed = 1 WHERE id = ?1",
                [&item.id],
            )?;
            Ok(())
        })?;
        self.agenda_item(item_id)
    }

    /// Starts another round of an item after its votes were revealed and discussed.
    pub fn revote(&mut self, item_id: &str) -> Result<AgendaItem> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, &[WorkshopStatus::Running], "start a new round")?;
        if !item.revealed {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                format!("round {} has not been revealed yet", item.round),
            ));
        }
        if self.decision(&item.id)?.is_some() {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                "has been decided; voting on it is over",
            ));
        }
        self.write(|w| {
            w.tx.execute(
                "UPDATE workshop_items SET round = round + 1, revealed = 0 WHERE id = ?1",
                [&item.id],
            )?;
            Ok(())
        })?;
        self.agenda_item(item_id)
    }

    pub fn decision(&self, item_id: &str) -> Result<Option<Decision>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT item_id, likelihood, impact, how, rationale, dissent, round, decided_by, decided_at
                 FROM workshop_decisions WHERE item_id = ?1",
            )?
            .query_row([item_id], decision_from_row)
            .optional()?)
    }

    /// Records what the room agreed and, unless it is deferred, writes the agreed score
    /// to the risk in the same transaction; the risk's audit rows name the workshop and
    /// the item. A decision "by consensus" must match the rule's verdict on the last
    /// revealed round. Deciding again replaces the decision while the workshop runs.
    pub fn decide(&mut self, item_id: &str, fields: DecisionFields) -> Result<Decision> {
        let fields = fields.normalised();
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, &[WorkshopStatus::Running], "decide")?;
        let matrix = self.workshop_matrix(&workshop)?;
        fields.validate(&matrix)?;
        let round = self.last_revealed_round(&item);
        if matches!(
            fields.how,
            DecidedHow::Consensus | DecidedHow::NearConsensus
        ) {
            let verdict = match round {
                Some(n) => {
                    let votes = self.round_scores(&item.id, n)?;
                    Spread::of(&matrix, &votes, &workshop.fields.rule).map(|s| s.verdict)
                }
                None => None,
            };
            let needed = if fields.how == DecidedHow::Consensus {
                Verdict::Consensus
            } else {
                Verdict::NearConsensus
            };
            match verdict {
                Some(v) if v <= needed => {}
                Some(v) => {
                    return Err(Error::invalid(
                        "how",
                        fields.how.as_str(),
                        format!(
                            "the rule's verdict on round {} is {}; decide as the facilitator or vote again",
                            round.unwrap_or(1),
                            v.label().to_lowercase()
                        ),
                    ))
                }
                None => {
                    return Err(Error::invalid(
                        "how",
                        fields.how.as_str(),
                        "no round has been revealed; a consensus needs revealed votes",
                    ))
                }
            }
        }
        let risk = match item.risk_id.as_str() {
            "" => None,
            id => Some(self.risk(id)?),
        };
        if risk.is_none() && fields.score.is_some() {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                "the risk was deleted; only a deferral can be recorded",
            ));
        }
        let context = format!(
            "workshop {:?}, item {} ({})",
            workshop.fields.title, item.position, item.reference
        );
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO workshop_decisions (item_id, likelihood, impact, how, rationale, dissent, round, decided_by, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (item_id) DO UPDATE SET likelihood = excluded.likelihood, impact = excluded.impact,
                 how = excluded.how, rationale = excluded.rationale, dissent = excluded.dissent,
                 round = excluded.round, decided_by = excluded.decided_by, decided_at = excluded.decided_at",
                params![
                    item.id,
                    fields.score.map(|s| s.likelihood),
                    fields.score.map(|s| s.impact),
                    fields.how.as_str(),
                    fields.rationale,
                    fields.dissent,
                    round.unwrap_or(item.round),
                    w.actor,
                    w.at_text
                ],
            )?;
            if let (Some(risk), Some(score)) = (&risk, fields.score) {
                let mut new_fields = risk.fields.clone();
                *new_fields.score_mut(workshop.fields.sets) = Some(score);
                *w.context.borrow_mut() = Some(context);
                w.update_risk_row(risk, new_fields)?;
            }
            Ok(())
        })?;
        Ok(self
            .decision(item_id)?
            .expect("the decision was just written"))
    }

    /// Keeps the facilitator's notes on an item's discussion.
    pub fn set_item_notes(&mut self, item_id: &str, notes: &str) -> Result<AgendaItem> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, OPEN, "change the notes")?;
        limit_text("notes", notes, 20_000)?;
        self.write(|w| {
            w.tx.execute(
                "UPDATE workshop_items SET notes = ?2 WHERE id = ?1",
                params![item.id, notes],
            )?;
            Ok(())
        })?;
        self.agenda_item(item_id)
    }

    /// Puts an item before the room: the phones vote on it. Only while the workshop runs;
    /// `None` goes back to following the first item without a decision. Not audited: it
    /// moves the room's attention, it changes no record.
    pub fn set_current_item(
        &mut self,
        workshop_id: &str,
        item_id: Option<&str>,
    ) -> Result<Workshop> {
        let workshop = self.workshop(workshop_id)?;
        require_status(
            &workshop,
            &[WorkshopStatus::Running],
            "move the room to an item",
        )?;
        if let Some(id) = item_id {
            let item = self.agenda_item(id)?;
            if item.workshop_id != workshop.id {
                return Err(Error::invalid(
                    "item_id",
                    id,
                    format!("is not on the agenda of \"{}\"", workshop.fields.title),
                ));
            }
        }
        self.write(|w| {
            w.tx.execute(
                "UPDATE workshops SET current_item = ?2 WHERE id = ?1",
                params![workshop.id, item_id],
            )?;
            Ok(())
        })?;
        self.workshop(workshop_id)
    }

    /// The item the room is on: the one the facilitator chose, else the first on the
    /// agenda without a decision (deciding or deferring then moves the room on).
    pub fn current_item(&self, workshop_id: &str) -> Result<Option<AgendaItem>> {
        if let Some(id) = self.workshop(workshop_id)?.current_item {
            return self.agenda_item(&id).map(Some);
        }
        let sql = "SELECT i.id FROM workshop_items i
                   WHERE i.workshop_id = ?1
                     AND NOT EXISTS (SELECT 1 FROM workshop_decisions d WHERE d.item_id = i.id)
                   ORDER BY i.position LIMIT 1";
        let id: Option<String> = self
            .conn
            .prepare_cached(sql)?
            .query_row([workshop_id], |r| r.get(0))
            .optional()?;
        id.map(|id| self.agenda_item(&id)).transpose()
    }

    /// Ends the workshop: running → closed. From now on nothing changes it; the digest
    /// of its ballots is stored so that the minutes can be checked against the file.
    pub fn close_workshop(&mut self, id: &str) -> Result<Workshop> {
        let before = self.workshop(id)?;
        require_status(&before, &[WorkshopStatus::Running], "close the workshop")?;
        self.set_status(before, WorkshopStatus::Closed)
    }

    /// SHA-256 (hex) over every ballot of the workshop in a fixed order: item position,
    /// round, then voter name (or, without one, the score and comment).
    pub fn ballot_digest(&self, workshop_id: &str) -> Result<String> {
        let mut stmt = self.conn.prepare(
            "SELECT i.position, i.reference, b.round, coalesce(p.name, ''), b.likelihood, b.impact,
                    b.source, b.comment
             FROM workshop_ballots b
             JOIN workshop_items i ON i.id = b.item_id
             LEFT JOIN workshop_participants p ON p.id = b.participant_id
             WHERE i.workshop_id = ?1
             ORDER BY i.position, b.round, coalesce(p.name, ''), b.likelihood, b.impact, b.comment",
        )?;
        let mut hasher = Sha256::new();
        let mut rows = stmt.query([workshop_id])?;
        while let Some(r) = rows.next()? {
            let line = format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?.replace(['\t', '\n'], " "),
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?.replace(['\t', '\n'], " "),
            );
            hasher.update(line.as_bytes());
        }
        Ok(hex(&hasher.finalize()))
    }

    /// Whether a closed workshop's ballots still match the digest stored when it closed.
    pub fn verify_ballot_digest(&self, workshop_id: &str) -> Result<Option<bool>> {
        let workshop = self.workshop(workshop_id)?;
        Ok(match workshop.ballot_digest {
            Some(stored) => Some(stored == self.ballot_digest(workshop_id)?),
            None => None,
        })
    }

    fn set_status(&mut self, before: Workshop, status: WorkshopStatus) -> Result<Workshop> {
        let digest = match status {
            WorkshopStatus::Closed => Some(self.ballot_digest(&before.id)?),
            _ => None,
        };
        let at = crate::store::now();
        let after = Workshop {
            status,
            started_at: if status == WorkshopStatus::Running {
                Some(at)
            } else {
                before.started_at
            },
            closed_at: if status == WorkshopStatus::Closed {
                Some(at)
            } else {
                None
            },
            ballot_digest: digest,
            updated_at: at,
            ..before.clone()
        };
        self.write(|w| {
            w.tx.execute(
                "UPDATE workshops SET status = ?2, started_at = ?3, closed_at = ?4, ballot_digest = ?5,
                 updated_at = ?6 WHERE id = ?1",
                params![
                    after.id,
                    after.status.as_str(),
                    after.started_at,
                    after.closed_at,
                    after.ballot_digest,
                    after.updated_at
                ],
            )?;
            w.audit_update(
                Entity::Workshop,
                &after.id,
                Some(&after.partnership_id),
                &before,
                &after,
            )?;
            Ok(())
        })?;
        Ok(after)
    }

    /// The number of the last round whose votes were shown, if any.
    pub(crate) fn last_revealed_round(&self, item: &AgendaItem) -> Option<u32> {
        if item.revealed {
            Some(item.round)
        } else if item.round > 1 {
            Some(item.round - 1)
        } else {
            None
        }
    }

    /// The scores of one round, in stored order.
    pub(crate) fn round_scores(&self, item_id: &str, round: u32) -> Result<Vec<Score>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT likelihood, impact FROM workshop_ballots WHERE item_id = ?1 AND round = ?2 ORDER BY num",
        )?;
        let rows = stmt.query_map(params![item_id, round], |r| {
            Ok(Score::new(r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(super) fn decision_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Decision> {
    let l: Option<u8> = r.get(1)?;
    let i: Option<u8> = r.get(2)?;
    let how: String = r.get(3)?;
    Ok(Decision {
        item_id: r.get(0)?,
        fields: DecisionFields {
            score: l.zip(i).map(|(l, i)| Score::new(l, i)),
            how: DecidedHow::parse(&how, "how").unwrap_or(DecidedHow::Facilitator),
            rationale: r.get(4)?,
            dissent: r.get(5)?,
        },
        round: r.get(6)?,
        decided_by: r.get(7)?,
        decided_at: r.get(8)?,
    })
}

impl Writer<'_> {
    /// Writes (or replaces) one voter's ballot in an item's current round.
    pub(super) fn put_ballot(
        &self,
        item: &AgendaItem,
        participant_id: &str,
        score: Score,
        comment: &str,
        source: BallotSource,
    ) -> Result<()> {
        self.tx.execute(
            "DELETE FROM workshop_ballots WHERE item_id = ?1 AND round = ?2 AND participant_id = ?3",
            params![item.id, item.round, participant_id],
        )?;
        self.tx.execute(
            "INSERT INTO workshop_ballots (item_id, round, participant_id, likelihood, impact, comment, source, cast_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                item.id,
                item.round,
                participant_id,
                score.likelihood,
                score.impact,
                comment,
                source.as_str(),
                self.at_text
            ],
        )?;
        self.tx.execute(
            "INSERT OR IGNORE INTO workshop_voted (item_id, round, participant_id) VALUES (?1, ?2, ?3)",
            params![item.id, item.round, participant_id],
        )?;
        Ok(())
    }

    /// Rewrites a round's ballots without voters or times, in score order.
    fn unlink_ballots(&self, item: &AgendaItem) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "SELECT likelihood, impact, comment, source FROM workshop_ballots
             WHERE item_id = ?1 AND round = ?2 ORDER BY likelihood, impact, comment, source",
        )?;
        let rows: Vec<(i64, i64, String, String)> = stmt
            .query_map(params![item.id, item.round], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        self.tx.execute(
            "DELETE FROM workshop_ballots WHERE item_id = ?1 AND round = ?2",
            params![item.id, item.round],
        )?;
        for (l, i, comment, source) in rows {
            self.tx.execute(
                "INSERT INTO workshop_ballots (item_id, round, participant_id, likelihood, impact, comment, source, cast_at)
                 VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, NULL)",
                params![item.id, item.round, l, i, comment, source],
            )?;
        }
        Ok(())
    }
}
