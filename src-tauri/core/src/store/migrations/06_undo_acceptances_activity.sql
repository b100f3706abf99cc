
-- What undoing a review needs: the risk's assessed fields before it (JSON of RiskFields)
-- and the action a "mitigate" added.
ALTER TABLE reviews ADD COLUMN fields_before TEXT CHECK (fields_before IS NULL OR json_valid(fields_before));
ALTER TABLE reviews ADD COLUMN action_id TEXT;

-- Undoing a review withdraws it: the review stays (append-only) and a row here says who
-- withdrew it and when. A withdrawn review no longer counts as the risk's last review.
CREATE TABLE review_withdrawals (
    review_id TEXT PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    by        TEXT NOT NULL CHECK (length(trim(by)) > 0),
    at        TEXT NOT NULL
) STRICT;
CREATE TRIGGER review_withdrawals_append_only BEFORE UPDATE ON review_withdrawals
BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be changed'); END;

-- Risk acceptances: requested (by whom, naming the approver) -> approved or rejected ->
-- revoked; "expired" is an approved acceptance past its expiry date. Every acceptance of a
-- risk is kept.
CREATE TABLE acceptances (
    num            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    risk_id        TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    requested_by   TEXT NOT NULL CHECK (length(trim(requested_by)) > 0),
    requested_at   TEXT NOT NULL,
    approver       TEXT NOT NULL CHECK (length(trim(approver)) > 0),
    justification  TEXT NOT NULL CHECK (length(trim(justification)) > 0),
    expiry         TEXT NOT NULL CHECK (expiry IS date(expiry)),
    state          TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'rejected', 'revoked')),
    decided_by     TEXT,
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT '',
    revoked_by     TEXT,
    revoked_at     TEXT,
    revoke_reason  TEXT NOT NULL DEFAULT '',
    review_id      TEXT,
    CHECK ((state = 'requested') = (decided_at IS NULL)),
    CHECK ((state = 'revoked') = (revoked_at IS NOT NULL))
) STRICT;
CREATE INDEX acceptances_risk ON acceptances (risk_id, num);
CREATE INDEX acceptances_expiry ON acceptances (state, expiry);
-- Only the lifecycle's steps; what was requested never changes.
CREATE TRIGGER acceptances_lifecycle BEFORE UPDATE ON acceptances
WHEN NOT ((old.state = 'requested' AND new.state IN ('approved', 'rejected'))
       OR (old.state = 'approved' AND new.state = 'revoked'))
  OR new.requested_by IS NOT old.requested_by OR new.requested_at IS NOT old.requested_at
  OR new.approver IS NOT old.approver OR new.justification IS NOT old.justification
  OR new.expiry IS NOT old.expiry OR new.risk_id IS NOT old.risk_id
BEGIN SELECT RAISE(ABORT, 'an acceptance moves only requested -> approved/rejected -> revoked'); END;

-- The activity view: a person's changes, and a date range turned into a span of seq.
CREATE INDEX audit_actor ON audit_log (actor, seq);
CREATE INDEX audit_at ON audit_log (at);

-- The cadence of every risk: its level (residual score, else inherent, on its
-- partnership's matrix), its last review that was not undone, and the day its next
-- review is due: the risk's custom date, else the last review's day plus the level's
-- interval (90 days without a score: review::UNSCORED_REVIEW_DAYS), brought forward to
-- the end of an acceptance that ends sooner. Never reviewed: no due day (unreviewed).
CREATE VIEW risk_cadence AS
SELECT id, level, level_position, review_days, last_reviewed,
       CASE WHEN last_reviewed IS NULL THEN NULL
            WHEN accepted_until < coalesce(next_review, date(last_reviewed, '+' || coalesce(review_days, 90) || ' days'))
                 THEN accepted_until
            ELSE coalesce(next_review, date(last_reviewed, '+' || coalesce(review_days, 90) || ' days'))
       END AS due
FROM (
    SELECT r.id, r.next_review,
           CASE WHEN r.treatment = 'accept' THEN r.acceptance_expiry END AS accepted_until,
           lv.name AS level, lv.position AS level_position, lv.review_days,
           (SELECT v.reviewed_on FROM reviews v
             WHERE v.risk_id = r.id
               AND NOT EXISTS (SELECT 1 FROM review_withdrawals w WHERE w.review_id = v.id)
             ORDER BY v.num DESC LIMIT 1) AS last_reviewed
    FROM risks r
    JOIN partnerships p ON p.id = r.partnership_id
    LEFT JOIN matrix_cells c ON c.matrix_id = p.matrix_id
         AND c.likelihood = coalesce(r.residual_l, r.inherent_l)
         AND c.impact = coalesce(r.residual_i, r.inherent_i)
    LEFT JOIN matrix_levels lv ON lv.matrix_id = p.matrix_id AND lv.position = c.level
);

-- The due day kept on the risk, so that the queue reads it from an index. Triggers keep
-- it current for every change of one risk, review, withdrawal or partnership matrix; the
-- store refreshes a matrix's risks after the matrix itself is edited.
ALTER TABLE risks ADD COLUMN review_due TEXT CHECK (review_due IS date(review_due));
UPDATE risks SET review_due = (SELECT due FROM risk_cadence c WHERE c.id = risks.id);
-- Unreviewed risks (no due day) of one partnership in reference order, then the others
-- by due day, straight from this index.
CREATE INDEX risks_review_due ON risks (review_due, partnership_id, reference) WHERE status <> 'closed';
-- The counts per partnership, read from the index alone (it replaces migration 5's
-- index on partnership and status).
CREATE INDEX risks_due_counts ON risks (partnership_id, status, review_due);
DROP INDEX risks_partnership_status;

CREATE TRIGGER risks_review_due AFTER UPDATE OF inherent_l, inherent_i, residual_l, residual_i,
    next_review, treatment, acceptance_expiry ON risks
BEGIN UPDATE risks SET review_due = (SELECT due FROM risk_cadence WHERE id = new.id) WHERE id = new.id; END;
CREATE TRIGGER reviews_review_due AFTER INSERT ON reviews
BEGIN UPDATE risks SET review_due = (SELECT due FROM risk_cadence WHERE id = new.risk_id) WHERE id = new.risk_id; END;
CREATE TRIGGER review_withdrawals_review_due AFTER INSERT ON review_withdrawals
BEGIN
    UPDATE risks SET review_due = (SELECT due FROM risk_cadence c WHERE c.id = risks.id)
    WHERE id = (SELECT risk_id FROM reviews WHERE id = new.review_id);
END;
CREATE TRIGGER partnerships_review_due AFTER UPDATE OF matrix_id ON partnerships
BEGIN
    UPDATE risks SET review_due = (SELECT due FROM risk_cadence c WHERE c.id = risks.id)
    WHERE partnership_id = new.id;
END;
