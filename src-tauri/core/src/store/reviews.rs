//! Reviews: the append-only record of an analyst's decisions, the cadence of the next
//! review (computed in SQL over any number of partnerships) and the review queue.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};

use super::acceptances::accepted;
use super::audit::Entity;
use super::matrices::load_matrix;
use super::risks::score_at;
use super::{check_risk, new_id, Store};
use crate::error::{Error, Result};
use crate::matrix::Score;
use crate::model::{ActionFields, ActionStatus, RiskStatus};
use crate::review::acceptance::{AcceptanceRequest, AcceptanceState};
use crate::review::{
    add_days, digest, next_review, NextReviewSource, QueueEntry, QueueFilter, Review, ReviewCounts,
    ReviewDecision, ReviewFields, ReviewState, DUE_SOON_DAYS,
};

/// A queue entry's columns. The due day is the one kept on the risk (`review_due`,
/// see migration 6); level and last review are looked up for the rows read only. The
/// first `?` is today.
pub(crate) const QUEUE_SELECT: &str =
    "SELECT r.id, r.partnership_id, p.name, r.reference, r.title, r.category,
        r.owner, lv.name, lv.review_days,
        (SELECT v.reviewed_on FROM reviews v WHERE v.risk_id = r.id
          AND NOT EXISTS (SELECT 1 FROM review_withdrawals w WHERE w.review_id = v.id)
          ORDER BY v.num DESC LIMIT 1),
        r.review_due, r.treatment IS 'accept' AND r.acceptance_expiry < ?
    FROM risks r
    JOIN partnerships p ON p.id = r.partnership_id
    LEFT JOIN matrix_cells c ON c.matrix_id = p.matrix_id
         AND c.likelihood = coalesce(r.residual_l, r.inherent_l)
         AND c.impact = coalesce(r.residual_i, r.inherent_i)
    LEFT JOIN matrix_levels lv ON lv.matrix_id = p.matrix_id AND lv.position = c.level";

pub(crate) fn queue_entry(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<QueueEntry> {
    let due: Option<NaiveDate> = r.get(10)?;
    Ok(QueueEntry {
        risk_id: r.get(0)?,
        partnership_id: r.get(1)?,
        partnership: r.get(2)?,
        reference: r.get(3)?,
        title: r.get(4)?,
        category: r.get(5)?,
        owner: r.get(6)?,
        level: r.get(7)?,
        review_days: r.get(8)?,
        last_reviewed: r.get(9)?,
        due,
        state: ReviewState::of(due, today),
        acceptance_expired: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
        indicators: Vec::new(),
    })
}

const REVIEW_COLUMNS: &str = "v.id, v.risk_id, v.partnership_id, r.reference, v.reviewer, v.at,
    v.reviewed_on, v.decision, v.rationale, v.inherent_before_l, v.inherent_before_i,
    v.residual_before_l, v.residual_before_i, v.inherent_after_l, v.inherent_after_i,
    v.residual_after_l, v.residual_after_i, v.next_review, v.next_review_source, v.digest,
    w.by, w.at";

fn review_from_row(r: &Row<'_>) -> rusqlite::Result<Review> {
    let decision: String = r.get(7)?;
    let source: String = r.get(18)?;
    Ok(Review {
        id: r.get(0)?,
        risk_id: r.get(1)?,
        partnership_id: r.get(2)?,
        reference: r.get(3)?,
        reviewer: r.get(4)?,
        at: r.get(5)?,
        reviewed_on: r.get(6)?,
        // CHECK constraints keep these columns to known values.
        decision: ReviewDecision::parse(&decision, "decision").unwrap_or(ReviewDecision::NoChange),
        rationale: r.get(8)?,
        inherent_before: score_at(r, 9)?,
        residual_before: score_at(r, 11)?,
        inherent_after: score_at(r, 13)?,
        residual_after: score_at(r, 15)?,
        next_review: r.get(17)?,
        next_review_source: NextReviewSource::parse(&source, "next_review_source")
            .unwrap_or(NextReviewSource::LevelInterval),
        digest: r.get(19)?,
        outdated: false,
        withdrawn_by: r.get(20)?,
        withdrawn_at: r.get(21)?,
    })
}

/// The acceptance an accept decision records: approved by the named approver, justified
/// by the review's rationale.
fn acceptance_request(fields: &ReviewFields) -> AcceptanceRequest {
    AcceptanceRequest {
        approver: fields.approver.clone(),
        justification: fields.rationale.clone(),
        // `validate` refuses an accept without an expiry.
        expiry: fields.expiry.unwrap_or(NaiveDate::MAX),
    }
}

impl Store {
    /// The risks due for review, in queue order: unreviewed (by partnership and
    /// reference), past due (oldest due date first), then due within 14 days. Closed
    /// risks and scheduled ones are not queued; archived partnerships only when asked
    /// for by `partnership_id`. Read from the indexes on the risk's kept due day, so the
    /// first page costs the same whatever the size of the workspace.
    pub fn review_queue(&self, filter: &QueueFilter, today: NaiveDate) -> Result<Vec<QueueEntry>> {
        let (clauses, args) = self.queue_clauses(filter)?;
        let limit = filter.limit.unwrap_or(usize::MAX);
        let limit_sql = |n: usize| match n {
            usize::MAX => String::new(),
            n => format!(" LIMIT {}", n.min(i64::MAX as usize)),
        };
        let mut out: Vec<QueueEntry> = Vec::new();
        // Unreviewed, partnership by partnership in name order (names are unique).
        let partnerships: Vec<String> = match filter.partnership_id.as_deref() {
            Some(id) => vec![self.partnership(id)?.id],
            None => self
                .partnerships(false)?
                .into_iter()
                .map(|p| p.id)
                .collect(),
        };
        for id in partnerships {
            if out.len() >= limit {
                break;
            }
            let sql = format!(
                "{QUEUE_SELECT} WHERE r.partnership_id = ? AND r.status <> 'closed'
                 AND r.review_due IS NULL{clauses} ORDER BY r.reference{}",
                limit_sql(limit - out.len())
            );
            let mut values: Vec<SqlValue> = vec![today.to_string().into(), id.into()];
            values.extend(args.iter().cloned());
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(values), |r| queue_entry(r, today))?;
            for row in rows {
                out.push(row?);
            }
        }
        if out.len() < limit {
            // Past due and due soon, by due day.
            let mut scope = String::new();
            let mut values: Vec<SqlValue> = vec![today.to_string().into()];
            match filter.partnership_id.as_deref() {
                Some(id) => {
                    scope.push_str(" AND r.partnership_id = ?");
                    values.push(self.partnership(id)?.id.into());
                }
                None => scope.push_str(" AND p.archived = 0"),
            }
            values.push(add_days(today, DUE_SOON_DAYS).to_string().into());
            values.extend(args.iter().cloned());
            let sql = format!(
                "{QUEUE_SELECT} WHERE r.status <> 'closed'{scope}
                 AND r.review_due IS NOT NULL AND r.review_due <= ?{clauses}
                 ORDER BY r.review_due, p.name, r.reference{}",
                limit_sql(limit - out.len())
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(values), |r| queue_entry(r, today))?;
            for row in rows {
                out.push(row?);
            }
        }
        // Risks brought back by health indicators come first (store/health/queue.rs).
        self.queue_with_health(out, filter, today)
    }

    /// How many open risks of each (unarchived) partnership are in each review state,
    /// read from an index that holds the due days (`risks_due_counts`).
    pub fn review_counts(&self, today: NaiveDate) -> Result<Vec<ReviewCounts>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name,
                    count(r.partnership_id) FILTER (WHERE r.review_due IS NULL),
                    count(r.partnership_id) FILTER (WHERE r.review_due < ?1),
                    count(r.partnership_id) FILTER (WHERE r.review_due BETWEEN ?1 AND ?2),
                    count(r.partnership_id) FILTER (WHERE r.review_due > ?2)
             FROM partnerships p
             LEFT JOIN risks r ON r.partnership_id = p.id AND r.status <> 'closed'
             WHERE p.archived = 0 GROUP BY p.id ORDER BY p.name",
        )?;
        let soon = add_days(today, DUE_SOON_DAYS);
        let rows = stmt.query_map(params![today, soon], |r| {
            Ok(ReviewCounts {
                partnership_id: r.get(0)?,
                partnership: r.get(1)?,
                unreviewed: r.get(2)?,
                past_due: r.get(3)?,
                due_soon: r.get(4)?,
                scheduled: r.get(5)?,
                brought_back: 0,
            })
        })?;
        let mut counts: Vec<ReviewCounts> = rows.collect::<rusqlite::Result<_>>()?;
        let brought_back = self.brought_back_counts(soon, today)?;
        for c in &mut counts {
            c.brought_back = brought_back.get(&c.partnership_id).copied().unwrap_or(0);
        }
        Ok(counts)
    }

    /// The filter's conditions (category, level, owner) in the order of their values.
    pub(crate) fn queue_clauses(&self, filter: &QueueFilter) -> Result<(String, Vec<SqlValue>)> {
        let mut clauses = String::new();
        let mut args: Vec<SqlValue> = Vec::new();
        if let Some(category) = filter.category.as_deref().filter(|c| !c.trim().is_empty()) {
            if !self.category_prefixes()?.contains_key(category.trim()) {
                return Err(Error::not_found("category", "category", category));
            }
            clauses.push_str(" AND r.category = ?");
            args.push(category.trim().to_string().into());
        }
        if let Some(min) = filter.min_level {
            clauses.push_str(" AND c.level >= ?");
            args.push((min as i64).into());
        }
        if let Some(owner) = filter.owner.as_deref().filter(|o| !o.trim().is_empty()) {
            clauses.push_str(" AND r.owner = ? COLLATE NOCASE");
            args.push(owner.trim().to_string().into());
        }
        Ok((clauses, args))
    }

    /// Records a review of a risk made on `today` and applies its decision through the
    /// risk's ordinary update path (same validation, same audit rows, with the context
    /// "review"), all in one transaction: rescore sets the residual score, accept sets
    /// the treatment with approver and expiry, mitigate adds an action, close closes the
    /// risk; escalate and no change record only. A snooze sets the risk's next review
    /// to today + N days; a review with a `next_review` date sets that custom date; any
    /// other review clears the risk's custom next review date
    /// (the review is the one that date asked for), so the level's interval applies
    /// again until someone sets a new date.
    pub fn add_review(
        &mut self,
        risk_id: &str,
        fields: ReviewFields,
        today: NaiveDate,
    ) -> Result<Review> {
        let fields = fields.normalised();
        let risk = self.risk(risk_id)?;
        fields.validate(today)?;
        let partnership = self.partnership(&risk.partnership_id)?;
        let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
        if let Some(score) = fields.residual {
            matrix.check_score(score, "residual")?;
        }
        if fields.decision == ReviewDecision::Close && risk.fields.status == RiskStatus::Closed {
            return Err(Error::conflict(
                "decision",
                "close",
                format!("{} is already closed", risk.reference),
            ));
        }
        let mut after = risk.fields.clone();
        match fields.decision {
            ReviewDecision::Rescore => after.residual = fields.residual,
            ReviewDecision::Accept => after = accepted(&risk.fields, &acceptance_request(&fields)),
            ReviewDecision::Mitigate => {
                if after.status == RiskStatus::Open {
                    after.status = RiskStatus::Mitigating;
                }
            }
            ReviewDecision::Close => after.status = RiskStatus::Closed,
            ReviewDecision::NoChange | ReviewDecision::Escalate => {}
        }
        let source = match fields.snooze_days {
            Some(days) => {
                after.next_review = Some(add_days(today, days));
                NextReviewSource::Snooze
            }
            None if fields.next_review.is_some() => {
                after.next_review = fields.next_review;
                NextReviewSource::Custom
            }
            None => {
                // The review is the one that was due: the level's interval applies again.
                after.next_review = None;
                NextReviewSource::LevelInterval
            }
        };
        let after = after.normalised();
        check_risk(&after, &matrix, &self.category_prefixes()?)?;
        let review_days = after
            .residual
            .or(after.inherent)
            .and_then(|s| matrix.level(s))
            .map(|l| l.review_days);
        let next = next_review(today, after.next_review, review_days);
        let action = (fields.decision == ReviewDecision::Mitigate).then(|| {
            let mut a = ActionFields::new(fields.action_title.clone());
            a.owner = fields.action_owner.clone();
            a.status = ActionStatus::Planned;
            crate::model::Action {
                id: new_id(),
                risk_id: risk.id.clone(),
                fields: a,
                created_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
                updated_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
            }
        });
        let action_id = action.as_ref().map(|a| a.id.clone());
        let fields_before = serde_json::to_string(&risk.fields).expect("fields serialise");
        let review_id = new_id();
        let digest = digest(&after);
        let context = format!("review of {}", risk.reference);
        self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            if after != risk.fields {
                w.update_risk_row(&risk, after.clone())?;
            }
            if let Some(mut action) = action {
                action.created_at = w.at;
                action.updated_at = w.at;
                w.insert_action(&action, &risk.partnership_id)?;
            }
            let s = |s: Option<Score>| (s.map(|s| s.likelihood), s.map(|s| s.impact));
            let (ibl, ibi) = s(risk.fields.inherent);
            let (rbl, rbi) = s(risk.fields.residual);
            let (ial, iai) = s(after.inherent);
            let (ral, rai) = s(after.residual);
            w.tx.execute(
                "INSERT INTO reviews (id, risk_id, partnership_id, reviewer, at, reviewed_on, decision,
                 rationale, inherent_before_l, inherent_before_i, residual_before_l, residual_before_i,
                 inherent_after_l, inherent_after_i, residual_after_l, residual_after_i, next_review,
                 next_review_source, digest, fields_before, action_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                params![
                    review_id,
                    risk.id,
                    risk.partnership_id,
                    w.actor,
                    w.at_text,
                    today,
                    fields.decision.as_str(),
                    fields.rationale,
                    ibl,
                    ibi,
                    rbl,
                    rbi,
                    ial,
                    iai,
                    ral,
                    rai,
                    next,
                    source.as_str(),
                    digest,
                    fields_before,
                    action_id
                ],
            )?;
            if fields.decision == ReviewDecision::Accept {
                w.insert_acceptance(&risk, &acceptance_request(&fields), true, Some(&review_id))?;
            }
            Ok(())
        })?;
        self.review(&review_id)
    }

    /// Undoes a review: the risk's assessed fields go back to what they were before it,
    /// the action a "mitigate" added is deleted, the acceptance an "accept" recorded is
    /// revoked, and the review is marked withdrawn (it stays in the record and no longer
    /// counts as the risk's last review). Only the risk's last review can be undone,
    /// and only while the risk and that action are as the review left them.
    pub fn undo_review(&mut self, review_id: &str) -> Result<Review> {
        let review = self.review(review_id)?;
        let risk = self.risk(&review.risk_id)?;
        let conflict = |why: String| Err(Error::conflict("review", review_id, why));
        if let Some(by) = &review.withdrawn_by {
            return conflict(format!(
                "this review of {} was already undone by {by}",
                risk.reference
            ));
        }
        let latest = self
            .reviews(&risk.id)?
            .into_iter()
            .rfind(|r| r.withdrawn_at.is_none());
        if latest.is_some_and(|l| l.id != review.id) {
            return conflict(format!(
                "only the last review of {} can be undone",
                risk.reference
            ));
        }
        if review.outdated {
            return conflict(format!(
                "{} changed after this review: change it in the editor instead",
                risk.reference
            ));
        }
        let (before, action_id): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT fields_before, action_id FROM reviews WHERE id = ?1",
            [review_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let Some(before) = before else {
            return conflict(format!(
                "this review of {} was made before reviews could be undone",
                risk.reference
            ));
        };
        let before: crate::model::RiskFields = serde_json::from_str(&before).map_err(|e| {
            Error::conflict(
                "review",
                review_id,
                format!("its saved fields cannot be read: {e}"),
            )
        })?;
        let action = match action_id {
            Some(id) => match self.action(&id) {
                Ok(a) if a.updated_at != a.created_at => {
                    return conflict(format!(
                        "the action \"{}\" this review added has changed since: undo refused",
                        a.fields.title
                    ))
                }
                Ok(a) => Some(a),
                Err(Error::NotFound { .. }) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        let acceptance: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM acceptances WHERE review_id = ?1 AND state = 'approved'",
                [review_id],
                |r| r.get(0),
            )
            .optional()?;
        let context = format!("undo of review of {}", risk.reference);
        self.write(|w| {
            *w.context.borrow_mut() = Some(context);
            if before != risk.fields {
                w.update_risk_row(&risk, before)?;
            }
            if let Some(action) = &action {
                w.tx.execute("DELETE FROM actions WHERE id = ?1", [&action.id])?;
                w.audit_delete(
                    Entity::Action,
                    &action.id,
                    Some(&risk.partnership_id),
                    action,
                )?;
            }
            if let Some(id) = &acceptance {
                w.acceptance_step(
                    id,
                    AcceptanceState::Revoked,
                    "the review that recorded it was undone",
                )?;
            }
            w.tx.execute(
                "INSERT INTO review_withdrawals (review_id, by, at) VALUES (?1, ?2, ?3)",
                params![review_id, w.actor, w.at_text],
            )?;
            Ok(())
        })?;
        self.review(review_id)
    }

    /// The last review made by `reviewer` that is not undone, if any.
    pub fn last_review_by(&self, reviewer: &str) -> Result<Option<Review>> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT v.id FROM reviews v WHERE v.reviewer = ?1
                 AND NOT EXISTS (SELECT 1 FROM review_withdrawals w WHERE w.review_id = v.id)
                 ORDER BY v.num DESC LIMIT 1",
                [reviewer],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.review(&id)).transpose()
    }

    /// One review, with `outdated` computed against its risk as it is now.
    pub fn review(&self, id: &str) -> Result<Review> {
        let mut all = self.query_reviews("v.id = ?1", id)?;
        all.pop()
            .ok_or_else(|| Error::not_found("review", "review", id))
    }

    /// The reviews of a risk, oldest first.
    pub fn reviews(&self, risk_id: &str) -> Result<Vec<Review>> {
        let risk = self.risk(risk_id)?;
        self.query_reviews("v.risk_id = ?1", &risk.id)
    }

    /// The reviews of a partnership's risks, oldest first.
    pub fn partnership_reviews(&self, partnership_id: &str) -> Result<Vec<Review>> {
        let p = self.partnership(partnership_id)?;
        self.query_reviews("v.partnership_id = ?1", &p.id)
    }

    fn query_reviews(&self, clause: &str, key: &str) -> Result<Vec<Review>> {
        let sql = format!(
            "SELECT {REVIEW_COLUMNS} FROM reviews v JOIN risks r ON r.id = v.risk_id
             LEFT JOIN review_withdrawals w ON w.review_id = v.id
             WHERE {clause} ORDER BY v.num"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([key], review_from_row)?;
        let mut reviews: Vec<Review> = rows.collect::<rusqlite::Result<_>>()?;
        let mut current: HashMap<String, String> = HashMap::new();
        for review in &mut reviews {
            if !current.contains_key(&review.risk_id) {
                let risk = self.risk(&review.risk_id)?;
                current.insert(review.risk_id.clone(), digest(&risk.fields));
            }
            review.outdated = current[&review.risk_id] != review.digest;
        }
        Ok(reviews)
    }
}
