//! What may be shown of a workshop. The anonymity mode is applied here, once, for the
//! presenter view, the CLI and the minutes alike: votes are never shown before their
//! round is revealed, and names only in a named workshop.

use rusqlite::params;

use crate::error::Result;
use crate::matrix::Score;
use crate::store::Store;
use crate::workshop::{
    AgendaItem, Anonymity, Ballot, BallotSource, ItemView, RoundView, Spread, VoteStatus, Workshop,
    WorkshopDetail, WorkshopSummary,
};

impl Store {
    /// The workshops of a partnership with their sizes, newest first.
    pub fn workshop_summaries(&self, partnership_id: &str) -> Result<Vec<WorkshopSummary>> {
        self.workshops(partnership_id)?
            .into_iter()
            .map(|workshop| {
                let (participants, items, decided) = self.conn.query_row(
                    "SELECT (SELECT count(*) FROM workshop_participants WHERE workshop_id = ?1),
                            (SELECT count(*) FROM workshop_items WHERE workshop_id = ?1),
                            (SELECT count(*) FROM workshop_decisions d JOIN workshop_items i ON i.id = d.item_id
                             WHERE i.workshop_id = ?1)",
                    [&workshop.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                Ok(WorkshopSummary {
                    workshop,
                    participants,
                    items,
                    decided,
                })
            })
            .collect()
    }

    /// A workshop with its participants, agenda, revealed rounds and decisions.
    pub fn workshop_detail(&self, id: &str) -> Result<WorkshopDetail> {
        let workshop = self.workshop(id)?;
        let partnership = self.partnership(&workshop.partnership_id)?;
        let matrix = self.workshop_matrix(&workshop)?;
        let participants = self.participants(id)?;
        let items = self
            .agenda(id)?
            .into_iter()
            .map(|item| self.item_view_of(&workshop, &matrix, item))
            .collect::<Result<_>>()?;
        Ok(WorkshopDetail {
            workshop,
            partnership_name: partnership.fields.name,
            matrix,
            participants,
            items,
        })
    }

    /// One agenda item as the presenter view shows it.
    pub fn item_view(&self, item_id: &str) -> Result<ItemView> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        let matrix = self.workshop_matrix(&workshop)?;
        self.item_view_of(&workshop, &matrix, item)
    }

    fn item_view_of(
        &self,
        workshop: &Workshop,
        matrix: &crate::matrix::Matrix,
        item: AgendaItem,
    ) -> Result<ItemView> {
        let risk = match item.risk_id.as_str() {
            "" => None,
            id => Some(self.risk(id)?),
        };
        let mut rounds = Vec::with_capacity(item.round as usize);
        for number in 1..=item.round {
            let revealed = number < item.round || item.revealed;
            let all = self.round_ballots(&item.id, number, workshop.fields.anonymity)?;
            let votes = all.len() as u32;
            let (ballots, spread) = if revealed {
                let scores: Vec<Score> = all.iter().map(|b| b.score).collect();
                let spread = Spread::of(matrix, &scores, &workshop.fields.rule);
                (all, spread)
            } else {
                (Vec::new(), None)
            };
            rounds.push(RoundView {
                number,
                revealed,
                votes,
                ballots,
                spread,
            });
        }
        let voted = self.vote_status(&workshop.id, &item)?;
        let decision = self.decision(&item.id)?;
        Ok(ItemView {
            item,
            risk,
            rounds,
            voted,
            decision,
        })
    }

    /// Who has voted in an item's current round, voters in the order they were added.
    fn vote_status(&self, workshop_id: &str, item: &AgendaItem) -> Result<Vec<VoteStatus>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, EXISTS (SELECT 1 FROM workshop_voted v
                 WHERE v.item_id = ?2 AND v.round = ?3 AND v.participant_id = p.id)
             FROM workshop_participants p WHERE p.workshop_id = ?1 AND p.voter = 1 ORDER BY p.position",
        )?;
        let rows = stmt.query_map(params![workshop_id, item.id, item.round], |r| {
            Ok(VoteStatus {
                participant_id: r.get(0)?,
                name: r.get(1)?,
                voted: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A round's ballots as they may be shown: with names in a named workshop (in the
    /// order of the participant list), otherwise without them, in score order so that
    /// the order gives nobody away.
    fn round_ballots(&self, item_id: &str, round: u32, mode: Anonymity) -> Result<Vec<Ballot>> {
        let order = if mode.shows_names() {
            "p.position"
        } else {
            "b.likelihood, b.impact, b.comment"
        };
        let sql = format!(
            "SELECT b.participant_id, p.name, b.likelihood, b.impact, b.comment, b.source, b.cast_at
             FROM workshop_ballots b LEFT JOIN workshop_participants p ON p.id = b.participant_id
             WHERE b.item_id = ?1 AND b.round = ?2 ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let named = mode.shows_names();
        let rows = stmt.query_map(params![item_id, round], |r| {
            let source: String = r.get(5)?;
            Ok(Ballot {
                item_id: item_id.to_string(),
                round,
                participant_id: if named { r.get(0)? } else { None },
                participant_name: if named { r.get(1)? } else { None },
                score: Score::new(r.get(2)?, r.get(3)?),
                comment: r.get(4)?,
                source: BallotSource::parse(&source, "source").unwrap_or(BallotSource::Room),
                cast_at: if named { r.get(6)? } else { None },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
