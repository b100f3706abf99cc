//! Workshops in the store: planning (the workshop, its participants and agenda), voting
//! (`voting.rs`), what may be shown of them (`views.rs`) and ballot files (`files.rs`).
//!
//! Every state change checks the workshop's status first: a planned workshop can be
//! edited freely, a running one takes votes and decisions, a closed one is frozen (the
//! store refuses, and triggers in the schema refuse too).

mod files;
mod views;
mod voting;

use rusqlite::{params, OptionalExtension, Row};

use super::matrices::load_matrix;
use super::{new_id, Entity, OrNotFound, Store, Writer};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::model::{Risk, RiskFields, ScoreKind};
use crate::workshop::{
    AgendaItem, Anonymity, Participant, ParticipantFields, Side, Workshop, WorkshopFields,
    WorkshopStatus,
};

const WORKSHOP_COLUMNS: &str =
    "id, partnership_id, title, date, place, facilitator, sets, anonymity, rule, notes,
     status, ballot_digest, started_at, closed_at, created_at, updated_at, current_item";

fn workshop_from_row(r: &Row<'_>) -> rusqlite::Result<Workshop> {
    let sets: String = r.get(6)?;
    let anonymity: String = r.get(7)?;
    let rule: String = r.get(8)?;
    let status: String = r.get(10)?;
    // CHECK constraints keep these columns to known values.
    Ok(Workshop {
        id: r.get(0)?,
        partnership_id: r.get(1)?,
        fields: WorkshopFields {
            title: r.get(2)?,
            date: r.get(3)?,
            place: r.get(4)?,
            facilitator: r.get(5)?,
            sets: ScoreKind::parse(&sets, "sets").unwrap_or(ScoreKind::Residual),
            anonymity: Anonymity::parse(&anonymity, "anonymity").unwrap_or(Anonymity::Anonymous),
            rule: serde_json::from_str(&rule).unwrap_or_default(),
            notes: r.get(9)?,
        },
        status: WorkshopStatus::parse(&status, "status").unwrap_or(WorkshopStatus::Closed),
        ballot_digest: r.get(11)?,
        started_at: r.get(12)?,
        closed_at: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        current_item: r.get(16)?,
    })
}

const PARTICIPANT_COLUMNS: &str = "id, workshop_id, name, role, side, voter";

fn participant_from_row(r: &Row<'_>) -> rusqlite::Result<Participant> {
    let side: String = r.get(4)?;
    Ok(Participant {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        fields: ParticipantFields {
            name: r.get(2)?,
            role: r.get(3)?,
            side: Side::parse(&side, "side").unwrap_or(Side::Ours),
            voter: r.get(5)?,
        },
    })
}

const ITEM_COLUMNS: &str =
    "id, workshop_id, position, risk_id, reference, title, round, revealed, notes";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: r.get(0)?,
        workshop_id: r.get(1)?,
        position: r.get(2)?,
        risk_id: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        reference: r.get(4)?,
        title: r.get(5)?,
        round: r.get(6)?,
        revealed: r.get(7)?,
        notes: r.get(8)?,
    })
}

/// The states in which a workshop's plan may still change (latecomers, proposed risks).
const OPEN: &[WorkshopStatus] = &[WorkshopStatus::Planned, WorkshopStatus::Running];

/// Refuses a change unless the workshop is in one of `allowed`; `doing` says what was
/// asked, e.g. "vote".
fn require_status(w: &Workshop, allowed: &[WorkshopStatus], doing: &str) -> Result<()> {
    if allowed.contains(&w.status) {
        return Ok(());
    }
    let why = match w.status {
        WorkshopStatus::Planned => "has not started yet (start it first)",
        WorkshopStatus::Running => "is running (this is only possible while it is planned)",
        WorkshopStatus::Closed => "is closed: its ballots and decisions are frozen",
    };
    Err(Error::conflict(
        "workshop",
        &w.fields.title,
        format!("cannot {doing}: the workshop {why}"),
    ))
}

fn random_secret() -> Result<[u8; 32]> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| Error::Io {
        path: "getrandom".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(secret)
}

impl Store {
    /// The workshops of a partnership, newest first.
    pub fn workshops(&self, partnership_id: &str) -> Result<Vec<Workshop>> {
        self.partnership(partnership_id)?;
        let sql = format!(
            "SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE partnership_id = ?1
             ORDER BY coalesce(date, substr(created_at, 1, 10)) DESC, created_at DESC"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([partnership_id], workshop_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn workshop(&self, id: &str) -> Result<Workshop> {
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], workshop_from_row)
            .or_not_found("workshop", "workshop", id)
    }

    /// Finds a workshop by id or exact title (a title used in two partnerships must be
    /// given as an id).
    pub fn find_workshop(&self, key: &str) -> Result<Workshop> {
        let key = key.trim();
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = ?1 OR title = ?1");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut found: Vec<Workshop> = stmt
            .query_map([key], workshop_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        match found.len() {
            0 => Err(Error::not_found("workshop", "workshop", key)),
            1 => Ok(found.remove(0)),
            n => Err(Error::conflict(
                "workshop",
                key,
                format!("{n} workshops have this title; give the id instead"),
            )),
        }
    }

    pub fn create_workshop(
        &mut self,
        partnership_id: &str,
        fields: WorkshopFields,
    ) -> Result<Workshop> {
        let fields = fields.normalised();
        fields.validate()?;
        let partnership = self.partnership(partnership_id)?;
        self.check_title_free(&partnership.id, &fields.title, None)?;
        let secret = random_secret()?;
        let at = super::now();
        let workshop = Workshop {
            id: new_id(),
            partnership_id: partnership.id,
            fields,
            status: WorkshopStatus::Planned,
            started_at: None,
            closed_at: None,
            ballot_digest: None,
            created_at: at,
            updated_at: at,
            current_item: None,
        };
        self.write(|w| {
            let f = &workshop.fields;
            w.tx.execute(
                "INSERT INTO workshops (id, partnership_id, title, date, place, facilitator, sets, anonymity,
                 rule, notes, status, secret, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    workshop.id,
                    workshop.partnership_id,
                    f.title,
                    f.date,
                    f.place,
                    f.facilitator,
                    f.sets.as_str(),
                    f.anonymity.as_str(),
                    serde_json::to_string(&f.rule).expect("rules serialise"),
                    f.notes,
                    workshop.status.as_str(),
                    &secret[..],
                    workshop.created_at,
                    workshop.updated_at
                ],
            )?;
            w.audit_create(
                Entity::Workshop,
                &workshop.id,
                Some(&workshop.partnership_id),
                &workshop,
            )
        })?;
        Ok(workshop)
    }

    /// Changes a workshop's plan. Once it runs, the score it sets, the anonymity mode and
    /// the consensus rule are fixed (they were declared before voting).
    pub fn update_workshop(&mut self, id: &str, fields: WorkshopFields) -> Result<Workshop> {
        let fields = fields.normalised();
        fields.validate()?;
        let before = self.workshop(id)?;
        require_status(&before, OPEN, "change the workshop")?;
        if before.status == WorkshopStatus::Running {
            let b = &before.fields;
            let fixed: [(&str, bool, String); 3] = [
                ("sets", b.sets != fields.sets, fields.sets.as_str().into()),
                (
                    "anonymity",
                    b.anonymity != fields.anonymity,
                    fields.anonymity.as_str().into(),
                ),
                ("rule", b.rule != fields.rule, fields.rule.describe()),
            ];
            if let Some((field, _, value)) = fixed.into_iter().find(|(_, changed, _)| *changed) {
                return Err(Error::conflict(
                    field,
                    value,
                    "was declared before voting and cannot change while the workshop runs",
                ));
            }
        }
        self.check_title_free(&before.partnership_id, &fields.title, Some(id))?;
        let after = Workshop {
            fields,
            updated_at: super::now(),
            ..before.clone()
        };
        self.write(|w| {
            let f = &after.fields;
            w.tx.execute(
                "UPDATE workshops SET title = ?2, date = ?3, place = ?4, facilitator = ?5, sets = ?6,
                 anonymity = ?7, rule = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1",
                params![
                    id,
                    f.title,
                    f.date,
                    f.place,
                    f.facilitator,
                    f.sets.as_str(),
                    f.anonymity.as_str(),
                    serde_json::to_string(&f.rule).expect("rules serialise"),
                    f.notes,
                    after.updated_at
                ],
            )?;
            w.audit_update(
                Entity::Workshop,
                id,
                Some(&after.partnership_id),
                &before,
                &after,
            )?;
            Ok(())
        })?;
        Ok(after)
    }

    /// Deletes a planned workshop. Running and closed workshops are a record of what the
    /// room said and stay.
    pub fn delete_workshop(&mut self, id: &str) -> Result<()> {
        let old = self.workshop(id)?;
        require_status(&old, &[WorkshopStatus::Planned], "delete the workshop")?;
        self.write(|w| {
            w.tx.execute("DELETE FROM workshops WHERE id = ?1", [id])?;
            w.audit_delete(Entity::Workshop, id, Some(&old.partnership_id), &old)
        })
    }

    fn check_title_free(
        &self,
        partnership_id: &str,
        title: &str,
        except: Option<&str>,
    ) -> Result<()> {
        let taken: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM workshops WHERE partnership_id = ?1 AND title = ?2 AND id IS NOT ?3",
                params![partnership_id, title, except],
                |r| r.get(0),
            )
            .optional()?;
        match taken {
            Some(_) => Err(Error::conflict(
                "title",
                title,
                "another workshop of this partnership has this title",
            )),
            None => Ok(()),
        }
    }

    // -- Participants ----------------------------------------------------------------

    pub fn participants(&self, workshop_id: &str) -> Result<Vec<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants WHERE workshop_id = ?1 ORDER BY position"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([workshop_id], participant_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn participant(&self, id: &str) -> Result<Participant> {
        let sql = format!("SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], participant_from_row)
            .or_not_found("participant", "participant", id)
    }

    /// Finds a participant of a workshop by id or exact name (case-insensitive).
    pub fn find_participant(&self, workshop_id: &str, key: &str) -> Result<Participant> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants
             WHERE workshop_id = ?1 AND (id = ?2 OR lower(name) = lower(?2))"
        );
        self.conn
            .query_row(&sql, [workshop_id, key.trim()], participant_from_row)
            .or_not_found("participant", "participant", key)
    }

    /// Adds someone to a planned or running workshop (latecomers join a running one).
    pub fn add_participant(
        &mut self,
        workshop_id: &str,
        fields: ParticipantFields,
    ) -> Result<Participant> {
        let fields = fields.normalised();
        fields.validate()?;
        let workshop = self.workshop(workshop_id)?;
        require_status(&workshop, OPEN, "add a participant")?;
        if self.find_participant(workshop_id, &fields.name).is_ok() {
            return Err(Error::conflict(
                "name",
                &fields.name,
                "is already a participant of this workshop",
            ));
        }
        let participant = Participant {
            id: new_id(),
            workshop_id: workshop.id.clone(),
            fields,
        };
        self.write(|w| {
            let f = &participant.fields;
            w.tx.execute(
                "INSERT INTO workshop_participants (id, workshop_id, position, name, role, side, voter)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM workshop_participants WHERE workshop_id = ?2),
                 ?3, ?4, ?5, ?6)",
                params![participant.id, participant.workshop_id, f.name, f.role, f.side.as_str(), f.voter],
            )?;
            w.touch_workshop(&workshop)
        })?;
        Ok(participant)
    }

    /// Changes a participant's name, role, side or vote. A voter who has voted stays a voter.
    pub fn update_participant(
        &mut self,
        id: &str,
        fields: ParticipantFields,
    ) -> Result<Participant> {
        let fields = fields.normalised();
        fields.validate()?;
        let before = self.participant(id)?;
        let workshop = self.workshop(&before.workshop_id)?;
        require_status(&workshop, OPEN, "change a participant")?;
        if let Ok(other) = self.find_participant(&workshop.id, &fields.name) {
            if other.id != id {
                return Err(Error::conflict(
                    "name",
                    &fields.name,
                    "is already a participant of this workshop",
                ));
            }
        }
        if !fields.voter && self.has_voted_at_all(id)? {
            return Err(Error::conflict(
                "voter",
                "false",
                "has already voted in this workshop and stays a voter",
            ));
        }
        let after = Participant { fields, ..before };
        self.write(|w| {
            let f = &after.fields;
            w.tx.execute(
                "UPDATE workshop_participants SET name = ?2, role = ?3, side = ?4, voter = ?5 WHERE id = ?1",
                params![id, f.name, f.role, f.side.as_str(), f.voter],
            )?;
            w.touch_workshop(&workshop)
        })?;
        Ok(after)
    }

    /// Removes a participant who has not voted.
    pub fn remove_participant(&mut self, id: &str) -> Result<()> {
        let p = self.participant(id)?;
        let workshop = self.workshop(&p.workshop_id)?;
        require_status(&workshop, OPEN, "remove a participant")?;
        if self.has_voted_at_all(id)? {
            return Err(Error::conflict(
                "participant",
                &p.fields.name,
                "has voted in this workshop; their ballots stay, and so do they",
            ));
        }
        self.write(|w| {
            w.tx.execute("DELETE FROM workshop_participants WHERE id = ?1", [id])?;
            w.touch_workshop(&workshop)
        })
    }

    fn has_voted_at_all(&self, participant_id: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM workshop_voted WHERE participant_id = ?1)",
            [participant_id],
            |r| r.get(0),
        )?)
    }

    // -- Agenda ----------------------------------------------------------------------

    pub fn agenda(&self, workshop_id: &str) -> Result<Vec<AgendaItem>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM workshop_items WHERE workshop_id = ?1 ORDER BY position"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([workshop_id], item_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn agenda_item(&self, id: &str) -> Result<AgendaItem> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM workshop_items WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], item_from_row)
            .or_not_found("agenda item", "item", id)
    }

    /// Finds an item of a workshop by its risk's reference (`TEC-004`), item id or risk id.
    pub fn find_agenda_item(&self, workshop_id: &str, key: &str) -> Result<AgendaItem> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM workshop_items
             WHERE workshop_id = ?1 AND (reference = ?2 OR id = ?2 OR risk_id = ?2)"
        );
        self.conn
            .query_row(&sql, [workshop_id, key.trim()], item_from_row)
            .or_not_found("agenda item", "reference", key)
    }

    /// Appends risks of the workshop's partnership to its agenda, in the order given.
    pub fn add_agenda_items(
        &mut self,
        workshop_id: &str,
        risk_keys: &[String],
    ) -> Result<Vec<AgendaItem>> {
        let workshop = self.workshop(workshop_id)?;
        require_status(&workshop, OPEN, "change the agenda")?;
        if risk_keys.is_empty() {
            return Err(Error::invalid("risks", "", "name at least one risk"));
        }
        let mut risks: Vec<Risk> = Vec::with_capacity(risk_keys.len());
        for (n, key) in risk_keys.iter().enumerate() {
            let risk = self.find_risk(&workshop.partnership_id, key)?;
            if risks.iter().any(|r| r.id == risk.id)
                || self.find_agenda_item(workshop_id, &risk.id).is_ok()
            {
                let field = if risk_keys.len() == 1 {
                    "reference".to_string()
                } else {
                    format!("risks[{n}]")
                };
                return Err(Error::conflict(field, key, "is already on the agenda"));
            }
            risks.push(risk);
        }
        self.write(|w| {
            let items = risks
                .iter()
                .map(|risk| w.append_agenda_item(&workshop.id, risk))
                .collect::<Result<Vec<_>>>()?;
            w.touch_workshop(&workshop)?;
            Ok(items)
        })
    }

    /// Creates a risk proposed in the room and appends it to the agenda, in one transaction.
    pub fn propose_risk(
        &mut self,
        workshop_id: &str,
        fields: RiskFields,
    ) -> Result<(Risk, AgendaItem)> {
        let fields = fields.normalised();
        let workshop = self.workshop(workshop_id)?;
        require_status(&workshop, OPEN, "add a risk to the agenda")?;
        let matrix = self.workshop_matrix(&workshop)?;
        let prefixes = self.category_prefixes()?;
        super::check_risk(&fields, &matrix, &prefixes)?;
        let context = format!("workshop {:?}: proposed in the room", workshop.fields.title);
        self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            let risk = w.insert_risk(&workshop.partnership_id, &prefixes, fields)?;
            let item = w.append_agenda_item(&workshop.id, &risk)?;
            w.touch_workshop(&workshop)?;
            Ok((risk, item))
        })
    }

    /// Moves an item to `position` (1-based) and renumbers the others.
    pub fn move_agenda_item(&mut self, item_id: &str, position: u32) -> Result<Vec<AgendaItem>> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, OPEN, "reorder the agenda")?;
        let mut ids: Vec<String> = self
            .agenda(&workshop.id)?
            .into_iter()
            .map(|i| i.id)
            .collect();
        if position == 0 || position as usize > ids.len() {
            return Err(Error::invalid(
                "position",
                position,
                format!("the agenda has positions 1 to {}", ids.len()),
            ));
        }
        ids.retain(|id| id != item_id);
        ids.insert(position as usize - 1, item_id.to_string());
        self.write(|w| {
            for (n, id) in ids.iter().enumerate() {
                w.tx.execute(
                    "UPDATE workshop_items SET position = ?2 WHERE id = ?1",
                    params![id, n as i64 + 1],
                )?;
            }
            w.touch_workshop(&workshop)
        })?;
        self.agenda(&workshop.id)
    }

    /// Takes an item off the agenda, unless someone has voted on it.
    pub fn remove_agenda_item(&mut self, item_id: &str) -> Result<()> {
        let item = self.agenda_item(item_id)?;
        let workshop = self.workshop(&item.workshop_id)?;
        require_status(&workshop, OPEN, "change the agenda")?;
        let voted: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM workshop_voted WHERE item_id = ?1)",
            [item_id],
            |r| r.get(0),
        )?;
        if voted {
            return Err(Error::conflict(
                "reference",
                &item.reference,
                "has votes; it stays on the agenda (defer it instead)",
            ));
        }
        self.write(|w| {
            w.tx.execute("DELETE FROM workshop_items WHERE id = ?1", [item_id])?;
            w.tx.execute(
                "UPDATE workshop_items SET position = position - 1 WHERE workshop_id = ?1 AND position > ?2",
                params![workshop.id, item.position],
            )?;
            w.touch_workshop(&workshop)
        })
    }

    /// The partnership's matrix, on which the workshop's votes are cast.
    pub fn workshop_matrix(&self, workshop: &Workshop) -> Result<Matrix> {
        let partnership = self.partnership(&workshop.partnership_id)?;
        load_matrix(&self.conn, &partnership.matrix_id)
    }
}

impl Writer<'_> {
    fn append_agenda_item(&self, workshop_id: &str, risk: &Risk) -> Result<AgendaItem> {
        let id = new_id();
        self.tx.execute(
            "INSERT INTO workshop_items (id, workshop_id, position, risk_id, reference, title)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM workshop_items WHERE workshop_id = ?2), ?3, ?4, ?5)",
            params![id, workshop_id, risk.id, risk.reference, risk.fields.title],
        )?;
        let sql = format!("SELECT {ITEM_COLUMNS} FROM workshop_items WHERE id = ?1");
        Ok(self.tx.query_row(&sql, [&id], item_from_row)?)
    }

    /// Marks the workshop as changed (participants and agenda are part of its plan).
    fn touch_workshop(&self, workshop: &Workshop) -> Result<()> {
        self.tx.execute(
            "UPDATE workshops SET updated_at = ?2 WHERE id = ?1",
            params![workshop.id, self.at_text],
        )?;
        Ok(())
    }
}
