//! Risk acceptances: every request, approval, rejection and revocation is kept; the
//! risk's own acceptance fields (treatment, approver, expiry, status) follow the
//! approved acceptance through the risk's ordinary update path, audited with the
//! context "acceptance of REF".

use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::{new_id, Store, Writer};
use crate::error::{Error, Result};
use crate::model::{require_text, Risk, RiskFields, RiskStatus, Treatment};
use crate::review::acceptance::{Acceptance, AcceptanceRequest, AcceptanceState};

const ACCEPTANCE_COLUMNS: &str = "a.id, a.risk_id, a.partnership_id, r.reference, a.requested_by,
    a.requested_at, a.approver, a.justification, a.expiry, a.state, a.decided_by, a.decided_at,
    a.decision_note, a.revoked_by, a.revoked_at, a.revoke_reason, a.review_id";

fn acceptance_from_row(r: &Row<'_>) -> rusqlite::Result<Acceptance> {
    let state: String = r.get(9)?;
    Ok(Acceptance {
        id: r.get(0)?,
        risk_id: r.get(1)?,
        partnership_id: r.get(2)?,
        reference: r.get(3)?,
        requested_by: r.get(4)?,
        requested_at: r.get(5)?,
        approver: r.get(6)?,
        justification: r.get(7)?,
        expiry: r.get(8)?,
        // A CHECK constraint keeps the column to known values.
        state: AcceptanceState::parse(&state, "state").unwrap_or(AcceptanceState::Requested),
        decided_by: r.get(10)?,
        decided_at: r.get(11)?,
        decision_note: r.get(12)?,
        revoked_by: r.get(13)?,
        revoked_at: r.get(14)?,
        revoke_reason: r.get(15)?,
        review_id: r.get(16)?,
        expired: false,
        self_approved: false,
    })
}

/// A risk's fields once `request` is approved.
pub(crate) fn accepted(fields: &RiskFields, request: &AcceptanceRequest) -> RiskFields {
    let mut after = fields.clone();
    after.treatment = Some(Treatment::Accept);
    after.treatment_rationale = request.justification.clone();
    after.acceptance_approver = request.approver.clone();
    after.acceptance_expiry = Some(request.expiry);
    after.status = RiskStatus::Accepted;
    after
}

impl Writer<'_> {
    /// Inserts an acceptance, requested by the actor; `approved` records the approval
    /// at once (an accept decision in a review names the approver who gave it).
    pub(crate) fn insert_acceptance(
        &self,
        risk: &Risk,
        request: &AcceptanceRequest,
        approved: bool,
        review_id: Option<&str>,
    ) -> Result<String> {
        let id = new_id();
        let state = if approved {
            AcceptanceState::Approved
        } else {
            AcceptanceState::Requested
        };
        let decided = approved.then_some(self.actor);
        let decided_at = approved.then_some(self.at_text.as_str());
        self.tx.execute(
            "INSERT INTO acceptances (id, risk_id, partnership_id, requested_by, requested_at,
             approver, justification, expiry, state, decided_by, decided_at, review_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id,
                risk.id,
                risk.partnership_id,
                self.actor,
                self.at_text,
                request.approver,
                request.justification,
                request.expiry,
                state.as_str(),
                decided,
                decided_at,
                review_id
            ],
        )?;
        Ok(id)
    }
}

impl Writer<'_> {
    /// Records a step of an acceptance's lifecycle (approved, rejected or revoked) by the
    /// actor, now, with its note or reason; the file's trigger refuses any other step.
    pub(crate) fn acceptance_step(
        &self,
        id: &str,
        state: AcceptanceState,
        note: &str,
    ) -> Result<()> {
        let sql = if state == AcceptanceState::Revoked {
            "UPDATE acceptances SET state = ?2, revoked_by = ?3, revoked_at = ?4,
             revoke_reason = ?5 WHERE id = ?1"
        } else {
            "UPDATE acceptances SET state = ?2, decided_by = ?3, decided_at = ?4,
             decision_note = ?5 WHERE id = ?1"
        };
        self.tx.execute(
            sql,
            params![id, state.as_str(), self.actor, self.at_text, note],
        )?;
        Ok(())
    }
}

impl Store {
    /// Asks for a risk to be accepted, naming who is to approve it. Refused for a
    /// closed risk and while another request for the risk waits for a decision.
    pub fn request_acceptance(
        &mut self,
        risk_id: &str,
        request: AcceptanceRequest,
        today: NaiveDate,
    ) -> Result<Acceptance> {
        let request = request.normalised();
        let risk = self.risk(risk_id)?;
        request.validate(today)?;
        if risk.fields.status == RiskStatus::Closed {
            return Err(Error::conflict(
                "risk",
                &risk.reference,
                format!(
                    "{} is closed: a closed risk is not accepted",
                    risk.reference
                ),
            ));
        }
        if let Some(pending) = self
            .acceptances(&risk.id, today)?
            .into_iter()
            .find(|a| a.state == AcceptanceState::Requested)
        {
            return Err(Error::conflict(
                "risk",
                &risk.reference,
                format!(
                    "{} already has a request waiting for {} (asked by {})",
                    risk.reference, pending.approver, pending.requested_by
                ),
            ));
        }
        let context = format!("acceptance of {}", risk.reference);
        let id = self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            w.insert_acceptance(&risk, &request, false, None)
        })?;
        self.acceptance(&id, today)
    }

    /// Records the approver's approval: the risk becomes accepted until the expiry.
    pub fn approve_acceptance(
        &mut self,
        id: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<Acceptance> {
        let acceptance = self.pending(id, "approve")?;
        if acceptance.expiry <= today {
            return Err(Error::invalid(
                "expiry",
                acceptance.expiry,
                format!("the request expired on {}: ask again", acceptance.expiry),
            ));
        }
        let risk = self.risk(&acceptance.risk_id)?;
        if risk.fields.status == RiskStatus::Closed {
            return Err(Error::conflict(
                "risk",
                &risk.reference,
                format!("{} was closed after the request", risk.reference),
            ));
        }
        let request = AcceptanceRequest {
            approver: acceptance.approver.clone(),
            justification: acceptance.justification.clone(),
            expiry: acceptance.expiry,
        };
        let after = accepted(&risk.fields, &request).normalised();
        let context = format!("acceptance of {}", risk.reference);
        let note = note.trim();
        crate::model::limit_text("note", note, 20_000)?;
        self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            w.acceptance_step(id, AcceptanceState::Approved, note)?;
            if after != risk.fields {
                w.update_risk_row(&risk, after)?;
            }
            Ok(())
        })?;
        self.acceptance(id, today)
    }

    /// Records that the approver refused; the risk is left as it is. A note is required.
    pub fn reject_acceptance(
        &mut self,
        id: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<Acceptance> {
        let acceptance = self.pending(id, "reject")?;
        require_text("note", note.trim(), 20_000)?;
        let context = format!("acceptance of {}", acceptance.reference);
        self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            w.acceptance_step(id, AcceptanceState::Rejected, note.trim())
        })?;
        self.acceptance(id, today)
    }

    /// Withdraws an approved acceptance (expired or not), with a reason. When the risk
    /// still carries this acceptance it goes back to open, without a treatment.
    pub fn revoke_acceptance(
        &mut self,
        id: &str,
        reason: &str,
        today: NaiveDate,
    ) -> Result<Acceptance> {
        let acceptance = self.acceptance(id, today)?;
        if acceptance.state != AcceptanceState::Approved {
            return Err(Error::conflict(
                "acceptance",
                id,
                format!(
                    "only an approved acceptance can be revoked; this one is {}",
                    acceptance.state
                ),
            ));
        }
        require_text("reason", reason.trim(), 20_000)?;
        let risk = self.risk(&acceptance.risk_id)?;
        let carries = risk.fields.treatment == Some(Treatment::Accept)
            && risk.fields.acceptance_expiry == Some(acceptance.expiry)
            && risk.fields.acceptance_approver == acceptance.approver;
        let mut after = risk.fields.clone();
        if carries {
            after.treatment = None;
            after.acceptance_approver.clear();
            after.acceptance_expiry = None;
            if after.status == RiskStatus::Accepted {
                after.status = RiskStatus::Open;
            }
        }
        let context = format!("acceptance of {}", risk.reference);
        self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            w.acceptance_step(id, AcceptanceState::Revoked, reason.trim())?;
            if after != risk.fields {
                w.update_risk_row(&risk, after)?;
            }
            Ok(())
        })?;
        self.acceptance(id, today)
    }

    fn pending(&self, id: &str, verb: &str) -> Result<Acceptance> {
        let acceptance = self.acceptance(id, NaiveDate::MIN)?;
        if acceptance.state != AcceptanceState::Requested {
            return Err(Error::conflict(
                "acceptance",
                id,
                format!(
                    "only a requested acceptance can be {verb}d; this one is {}",
                    acceptance.state
                ),
            ));
        }
        Ok(acceptance)
    }

    pub fn acceptance(&self, id: &str, today: NaiveDate) -> Result<Acceptance> {
        self.query_acceptances("a.id = ?1", id, today)?
            .pop()
            .ok_or_else(|| Error::not_found("acceptance", "acceptance", id))
    }

    /// Every acceptance of a risk, oldest first.
    pub fn acceptances(&self, risk_id: &str, today: NaiveDate) -> Result<Vec<Acceptance>> {
        let risk = self.risk(risk_id)?;
        self.query_acceptances("a.risk_id = ?1", &risk.id, today)
    }

    /// Every acceptance of a partnership's risks, oldest first.
    pub fn partnership_acceptances(
        &self,
        partnership_id: &str,
        today: NaiveDate,
    ) -> Result<Vec<Acceptance>> {
        let p = self.partnership(partnership_id)?;
        self.query_acceptances("a.partnership_id = ?1", &p.id, today)
    }

    fn query_acceptances(
        &self,
        clause: &str,
        key: &str,
        today: NaiveDate,
    ) -> Result<Vec<Acceptance>> {
        let sql = format!(
            "SELECT {ACCEPTANCE_COLUMNS} FROM acceptances a JOIN risks r ON r.id = a.risk_id
             WHERE {clause} ORDER BY a.num"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([key], acceptance_from_row)?;
        rows.map(|a| Ok(a?.derive(today))).collect()
    }
}
