//! Numbered schema migrations. `MIGRATIONS[n]` brings a file from version n to n + 1;
//! the version is kept in `PRAGMA user_version`. Never edit a migration that has shipped:
//! add a new one.

pub const MIGRATIONS: &[&str] = &[
    V1_REGISTER,
    V2_SEARCH,
    V3_INDEX_PER_TRANSACTION,
    V4_WORKSHOPS,
    V5_REVIEWS,
    V6_UNDO_ACCEPTANCES_ACTIVITY,
    V7_CURRENT_ITEM,
    V8_EXIT_PLANS,
    V9_HEALTH,
    V10_QUANT,
    V11_EXCHANGE,
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Marks a SQLite file as a Partner Risk workspace ("PRSK").
pub const APPLICATION_ID: i64 = 0x5052_534B;

const V1_REGISTER: &str = r#"
CREATE TABLE matrices (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    preset      TEXT UNIQUE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE matrix_axis_levels (
    matrix_id   TEXT NOT NULL REFERENCES matrices(id) ON DELETE CASCADE,
    axis        TEXT NOT NULL CHECK (axis IN ('likelihood', 'impact')),
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 7),
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    description TEXT NOT NULL DEFAULT '',
    range       TEXT,
    PRIMARY KEY (matrix_id, axis, position)
) STRICT;

CREATE TABLE matrix_levels (
    matrix_id       TEXT NOT NULL REFERENCES matrices(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position BETWEEN 0 AND 6),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description     TEXT NOT NULL DEFAULT '',
    colour          TEXT NOT NULL CHECK (colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
    review_days     INTEGER NOT NULL CHECK (review_days BETWEEN 1 AND 3650),
    within_appetite INTEGER NOT NULL CHECK (within_appetite IN (0, 1)),
    PRIMARY KEY (matrix_id, position),
    UNIQUE (matrix_id, name)
) STRICT;

CREATE TABLE matrix_cells (
    matrix_id  TEXT NOT NULL,
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 7),
    impact     INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 7),
    level      INTEGER NOT NULL,
    PRIMARY KEY (matrix_id, likelihood, impact),
    FOREIGN KEY (matrix_id, level) REFERENCES matrix_levels(matrix_id, position) ON DELETE CASCADE
) STRICT;

CREATE TABLE categories (
    code     TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    prefix   TEXT NOT NULL UNIQUE CHECK (length(prefix) BETWEEN 2 AND 4 AND prefix NOT GLOB '*[^A-Z]*'),
    built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1))
) STRICT;

INSERT INTO categories (code, name, prefix, built_in) VALUES
    ('technical', 'Technical', 'TEC', 1),
    ('financial', 'Financial', 'FIN', 1),
    ('regulatory', 'Regulatory', 'REG', 1),
    ('exit', 'Exit', 'EXT', 1),
    ('security', 'Security', 'SEC', 1),
    ('data_protection', 'Data protection', 'DPR', 1),
    ('intellectual_property', 'Intellectual property', 'IPR', 1),
    ('operational', 'Operational', 'OPS', 1);

CREATE TABLE partnerships (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    partner     TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    stage       TEXT NOT NULL CHECK (stage IN ('exploring', 'pilot', 'limited_launch', 'full_launch', 'exiting', 'ended')),
    matrix_id   TEXT NOT NULL REFERENCES matrices(id),
    owner       TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- The last number given per reference prefix, so that a reference is never reused.
CREATE TABLE reference_counters (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    prefix         TEXT NOT NULL,
    last           INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (partnership_id, prefix)
) STRICT;

CREATE TABLE risks (
    num                 INTEGER PRIMARY KEY,  -- stable rowid for the search index
    id                  TEXT NOT NULL UNIQUE,
    partnership_id      TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    reference           TEXT NOT NULL,
    category            TEXT NOT NULL REFERENCES categories(code),
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description         TEXT NOT NULL DEFAULT '',
    cause               TEXT NOT NULL DEFAULT '',
    consequence         TEXT NOT NULL DEFAULT '',
    owner               TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'accepted', 'closed')),
    treatment           TEXT CHECK (treatment IN ('avoid', 'reduce', 'transfer', 'share', 'accept')),
    treatment_rationale TEXT NOT NULL DEFAULT '',
    acceptance_approver TEXT NOT NULL DEFAULT '',
    acceptance_expiry   TEXT CHECK (acceptance_expiry IS date(acceptance_expiry)),
    inherent_l          INTEGER CHECK (inherent_l BETWEEN 1 AND 7),
    inherent_i          INTEGER CHECK (inherent_i BETWEEN 1 AND 7),
    residual_l          INTEGER CHECK (residual_l BETWEEN 1 AND 7),
    residual_i          INTEGER CHECK (residual_i BETWEEN 1 AND 7),
    target_l            INTEGER CHECK (target_l BETWEEN 1 AND 7),
    target_i            INTEGER CHECK (target_i BETWEEN 1 AND 7),
    tags                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    next_review         TEXT CHECK (next_review IS date(next_review)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (partnership_id, reference),
    CHECK ((inherent_l IS NULL) = (inherent_i IS NULL)),
    CHECK ((residual_l IS NULL) = (residual_i IS NULL)),
    CHECK ((target_l IS NULL) = (target_i IS NULL)),
    CHECK (treatment IS NOT 'accept' OR (length(trim(acceptance_approver)) > 0 AND acceptance_expiry IS NOT NULL))
) STRICT;

-- Covering indexes for the heat maps and the filtered register.
CREATE INDEX risks_residual ON risks (partnership_id, residual_l, residual_i, category);
CREATE INDEX risks_inherent ON risks (partnership_id, inherent_l, inherent_i);

CREATE TABLE actions (
    id          TEXT PRIMARY KEY,
    risk_id     TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    detail      TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT CHECK (due IS date(due)),
    status      TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    cost_minor  INTEGER CHECK (cost_minor >= 0),
    currency    TEXT CHECK (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((cost_minor IS NULL) = (currency IS NULL))
) STRICT;
CREATE INDEX actions_risk ON actions (risk_id);

CREATE TABLE requirements (
    id             TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    code           TEXT NOT NULL CHECK (length(trim(code)) > 0),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    area           TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'in_place', 'verified', 'not_applicable')),
    evidence       TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (partnership_id, code)
) STRICT;

CREATE TABLE requirement_risks (
    requirement_id TEXT NOT NULL REFERENCES requirements(id) ON DELETE CASCADE,
    risk_id        TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    PRIMARY KEY (requirement_id, risk_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX requirement_risks_risk ON requirement_risks (risk_id);

-- Who changed what, when, from which value to which. One row for a creation or a
-- deletion (the whole record as JSON), one row per changed field for an update.
CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    entity         TEXT NOT NULL CHECK (entity IN ('partnership', 'risk', 'action', 'requirement', 'matrix', 'category')),
    entity_id      TEXT NOT NULL,
    partnership_id TEXT,
    operation      TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
    field          TEXT,
    old_value      TEXT,
    new_value      TEXT,
    CHECK ((operation = 'update') = (field IS NOT NULL))
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity_id, seq);
CREATE INDEX audit_partnership ON audit_log (partnership_id, seq);
"#;

const V2_SEARCH: &str = r#"
-- Full-text search over risk titles, descriptions, owners and tags.
CREATE VIRTUAL TABLE risks_fts USING fts5(
    title, description, owner, tags,
    content = 'risks', content_rowid = 'num',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER risks_fts_insert AFTER INSERT ON risks BEGIN
    INSERT INTO risks_fts (rowid, title, description, owner, tags)
    VALUES (new.num, new.title, new.description, new.owner, new.tags);
END;
CREATE TRIGGER risks_fts_delete AFTER DELETE ON risks BEGIN
    INSERT INTO risks_fts (risks_fts, rowid, title, description, owner, tags)
    VALUES ('delete', old.num, old.title, old.description, old.owner, old.tags);
END;
CREATE TRIGGER risks_fts_update AFTER UPDATE OF title, description, owner, tags ON risks BEGIN
    INSERT INTO risks_fts (risks_fts, rowid, title, description, owner, tags)
    VALUES ('delete', old.num, old.title, old.description, old.owner, old.tags);
    INSERT INTO risks_fts (rowid, title, description, owner, tags)
    VALUES (new.num, new.title, new.description, new.owner, new.tags);
END;
INSERT INTO risks_fts (risks_fts) VALUES ('rebuild');
"#;

const V3_INDEX_PER_TRANSACTION: &str = r#"
-- New risks are indexed once per transaction by the store (one INSERT ... SELECT), not
-- row by row: FTS5 flushes its pending terms at the end of every statement, so a
-- trigger made a 100,000-risk import six times slower. Edits and deletions keep their
-- triggers.
DROP TRIGGER risks_fts_insert;
"#;

const V4_WORKSHOPS: &str = r#"
-- Risk workshops: participants, an agenda of risks, rounds of private ballots and one
-- decision per item.
CREATE TABLE workshops (
    id             TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    date           TEXT CHECK (date IS date(date)),
    place          TEXT NOT NULL DEFAULT '',
    facilitator    TEXT NOT NULL DEFAULT '',
    sets           TEXT NOT NULL CHECK (sets IN ('inherent', 'residual', 'target')),
    anonymity      TEXT NOT NULL CHECK (anonymity IN ('named', 'room', 'anonymous')),
    rule           TEXT NOT NULL CHECK (json_valid(rule)),
    notes          TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('planned', 'running', 'closed')),
    -- Key of the seals of this workshop's ballot files; never leaves the workspace.
    secret         BLOB NOT NULL CHECK (length(secret) = 32),
    ballot_digest  TEXT,
    started_at     TEXT,
    closed_at      TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (partnership_id, title),
    CHECK ((status = 'closed') = (ballot_digest IS NOT NULL))
) STRICT;
CREATE INDEX workshops_partnership ON workshops (partnership_id);

CREATE TABLE workshop_participants (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL DEFAULT '',
    side        TEXT NOT NULL CHECK (side IN ('ours', 'partner', 'third_party')),
    voter       INTEGER NOT NULL CHECK (voter IN (0, 1)),
    UNIQUE (workshop_id, name)
) STRICT;

-- The reference and title are kept with the item so that the minutes of a closed
-- workshop still name a risk deleted since.
CREATE TABLE workshop_items (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    risk_id     TEXT REFERENCES risks(id) ON DELETE SET NULL,
    reference   TEXT NOT NULL,
    title       TEXT NOT NULL,
    round       INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
    revealed    INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
    notes       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX workshop_items_workshop ON workshop_items (workshop_id, position);
CREATE UNIQUE INDEX workshop_items_risk ON workshop_items (workshop_id, risk_id);

-- One ballot per voter per round. In an anonymous workshop the participant is removed
-- (and the round's ballots rewritten in score order, without times) when the round is
-- revealed; `workshop_voted` keeps only who voted.
CREATE TABLE workshop_ballots (
    num            INTEGER PRIMARY KEY,
    item_id        TEXT NOT NULL REFERENCES workshop_items(id) ON DELETE CASCADE,
    round          INTEGER NOT NULL CHECK (round >= 1),
    participant_id TEXT REFERENCES workshop_participants(id) ON DELETE CASCADE,
    likelihood     INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 7),
    impact         INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 7),
    comment        TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('room', 'proxy', 'file', 'network')),
    cast_at        TEXT
) STRICT;
CREATE INDEX workshop_ballots_item ON workshop_ballots (item_id, round);
CREATE UNIQUE INDEX workshop_ballots_voter ON workshop_ballots (item_id, round, participant_id);

CREATE TABLE workshop_voted (
    item_id        TEXT NOT NULL REFERENCES workshop_items(id) ON DELETE CASCADE,
    round          INTEGER NOT NULL,
    participant_id TEXT NOT NULL REFERENCES workshop_participants(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, round, participant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE workshop_decisions (
    item_id    TEXT PRIMARY KEY REFERENCES workshop_items(id) ON DELETE CASCADE,
    likelihood INTEGER CHECK (likelihood BETWEEN 1 AND 7),
    impact     INTEGER CHECK (impact BETWEEN 1 AND 7),
    how        TEXT NOT NULL CHECK (how IN ('consensus', 'near_consensus', 'facilitator', 'deferred')),
    rationale  TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
    dissent    TEXT NOT NULL DEFAULT '',
    round      INTEGER NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    CHECK ((likelihood IS NULL) = (impact IS NULL)),
    CHECK ((how = 'deferred') = (likelihood IS NULL))
) STRICT;

-- A closed workshop is frozen: the store refuses changes, and so does the file.
CREATE TRIGGER workshop_ballots_frozen BEFORE INSERT ON workshop_ballots
WHEN (SELECT w.status FROM workshop_items i JOIN workshops w ON w.id = i.workshop_id WHERE i.id = new.item_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the workshop is closed: its ballots are frozen'); END;
CREATE TRIGGER workshop_ballots_frozen_update BEFORE UPDATE ON workshop_ballots
WHEN (SELECT w.status FROM workshop_items i JOIN workshops w ON w.id = i.workshop_id WHERE i.id = old.item_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the workshop is closed: its ballots are frozen'); END;
CREATE TRIGGER workshop_decisions_frozen BEFORE INSERT ON workshop_decisions
WHEN (SELECT w.status FROM workshop_items i JOIN workshops w ON w.id = i.workshop_id WHERE i.id = new.item_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the workshop is closed: its decisions are frozen'); END;
CREATE TRIGGER workshop_decisions_frozen_update BEFORE UPDATE ON workshop_decisions
WHEN (SELECT w.status FROM workshop_items i JOIN workshops w ON w.id = i.workshop_id WHERE i.id = old.item_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the workshop is closed: its decisions are frozen'); END;

-- The audit log learns of workshops, and says through what a change was made (e.g. a
-- workshop's item): SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE audit_log_v4 (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    entity         TEXT NOT NULL CHECK (entity IN ('partnership', 'risk', 'action', 'requirement', 'matrix', 'category', 'workshop')),
    entity_id      TEXT NOT NULL,
    partnership_id TEXT,
    operation      TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
    field          TEXT,
    old_value      TEXT,
    new_value      TEXT,
    context        TEXT,
    CHECK ((operation = 'update') = (field IS NOT NULL))
) STRICT;
INSERT INTO audit_log_v4 (seq, at, actor, entity, entity_id, partnership_id, operation, field, old_value, new_value)
    SELECT seq, at, actor, entity, entity_id, partnership_id, operation, field, old_value, new_value FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v4 RENAME TO audit_log;
CREATE INDEX audit_entity ON audit_log (entity_id, seq);
CREATE INDEX audit_partnership ON audit_log (partnership_id, seq);
"#;

const V5_REVIEWS: &str = r#"
-- Settings of the workspace, e.g. the display name of the person using it ('whoami').
CREATE TABLE settings (
    key   TEXT PRIMARY KEY CHECK (length(trim(key)) > 0),
    value TEXT NOT NULL
) STRICT;

-- The analyst's reviews: append-only. One row per decision on one risk, with the scores
-- before and after, the next review date and how it was set, and a digest of the risk's
-- assessed fields as the review left them.
CREATE TABLE reviews (
    num                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    risk_id            TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    partnership_id     TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    reviewer           TEXT NOT NULL CHECK (length(trim(reviewer)) > 0),
    at                 TEXT NOT NULL,
    reviewed_on        TEXT NOT NULL CHECK (reviewed_on IS date(reviewed_on)),
    decision           TEXT NOT NULL CHECK (decision IN ('no_change', 'rescore', 'accept', 'mitigate', 'escalate', 'close')),
    rationale          TEXT NOT NULL DEFAULT '',
    inherent_before_l  INTEGER CHECK (inherent_before_l BETWEEN 1 AND 7),
    inherent_before_i  INTEGER CHECK (inherent_before_i BETWEEN 1 AND 7),
    residual_before_l  INTEGER CHECK (residual_before_l BETWEEN 1 AND 7),
    residual_before_i  INTEGER CHECK (residual_before_i BETWEEN 1 AND 7),
    inherent_after_l   INTEGER CHECK (inherent_after_l BETWEEN 1 AND 7),
    inherent_after_i   INTEGER CHECK (inherent_after_i BETWEEN 1 AND 7),
    residual_after_l   INTEGER CHECK (residual_after_l BETWEEN 1 AND 7),
    residual_after_i   INTEGER CHECK (residual_after_i BETWEEN 1 AND 7),
    next_review        TEXT NOT NULL CHECK (next_review IS date(next_review)),
    next_review_source TEXT NOT NULL CHECK (next_review_source IN ('level_interval', 'custom', 'snooze')),
    digest             TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    CHECK (decision = 'no_change' OR length(trim(rationale)) > 0)
) STRICT;
-- The last review of a risk (the queue), and a partnership's reviews in order.
CREATE INDEX reviews_risk ON reviews (risk_id, num);
CREATE INDEX reviews_partnership ON reviews (partnership_id, num);

-- Append-only: a review is never changed, and never deleted while its risk and its
-- partnership exist (deleting the risk or the partnership takes its reviews with it).
CREATE TRIGGER reviews_append_only_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only: a review cannot be changed'); END;
CREATE TRIGGER reviews_append_only_delete BEFORE DELETE ON reviews
WHEN EXISTS (SELECT 1 FROM risks WHERE id = old.risk_id)
 AND EXISTS (SELECT 1 FROM partnerships WHERE id = old.partnership_id)
BEGIN SELECT RAISE(ABORT, 'reviews are append-only: a review cannot be deleted'); END;

-- The queue joins each risk to its partnership's matrix.
CREATE INDEX risks_partnership_status ON risks (partnership_id, status);
"#;

const V6_UNDO_ACCEPTANCES_ACTIVITY: &str = r#"
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
"#;

const V7_CURRENT_ITEM: &str = r#"
-- The agenda item the room is on, chosen by the facilitator; the phones vote on it.
-- NULL: the first item without a decision.
ALTER TABLE workshops ADD COLUMN current_item TEXT REFERENCES workshop_items(id) ON DELETE SET NULL;
"#;

const V8_EXIT_PLANS: &str = r#"
-- The exit plan of a partnership (crate::exit::ExitPlan): one JSON document per partnership,
-- written whole in the transaction of each change (the audit log keeps one row per changed
-- field). The core validates it on every write and reads it back with the same types; a
-- partnership without a row has the empty plan.
CREATE TABLE exit_plans (
    partnership_id TEXT PRIMARY KEY REFERENCES partnerships(id) ON DELETE CASCADE,
    plan           TEXT NOT NULL CHECK (json_valid(plan) AND json_type(plan) = 'object'),
    updated_at     TEXT NOT NULL
) STRICT;

-- The log of exit tests: append-only evidence, like the reviews. A test is never changed,
-- and deleted only with its partnership.
CREATE TABLE exit_tests (
    num            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    tested_on      TEXT NOT NULL CHECK (tested_on IS date(tested_on)),
    kind           TEXT NOT NULL CHECK (kind IN ('desk_review', 'tabletop', 'dry_run_migration', 'partial_live_exit')),
    scenario_id    TEXT,
    scenario       TEXT NOT NULL DEFAULT '',
    operational    TEXT NOT NULL CHECK (operational IN ('pass', 'partial', 'fail')),
    financial      TEXT NOT NULL CHECK (financial IN ('pass', 'fail', 'not_assessed')),
    findings       TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL CHECK (length(trim(recorded_by)) > 0),
    recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX exit_tests_partnership ON exit_tests (partnership_id, tested_on, num);
CREATE TRIGGER exit_tests_append_only_update BEFORE UPDATE ON exit_tests
BEGIN SELECT RAISE(ABORT, 'exit tests are append-only: a test cannot be changed'); END;
CREATE TRIGGER exit_tests_append_only_delete BEFORE DELETE ON exit_tests
WHEN EXISTS (SELECT 1 FROM partnerships WHERE id = old.partnership_id)
BEGIN SELECT RAISE(ABORT, 'exit tests are append-only: a test cannot be deleted'); END;
"#;

const V9_HEALTH: &str = r#"
-- Partnership health (crate::health): key risk indicators with thresholds, and their readings.
CREATE TABLE indicators (
    num            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit           TEXT NOT NULL CHECK (unit IN ('percent', 'percent_of_plan', 'count', 'milliseconds', 'days', 'number')),
    direction      TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    target         REAL,
    amber          REAL NOT NULL,
    red            REAL NOT NULL,
    frequency      TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'half_yearly', 'yearly')),
    owner          TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('entered', 'imported')),
    description    TEXT NOT NULL DEFAULT '',
    -- The exit triggers it fires: [{"scenario_id": …, "trigger": …}], checked against the
    -- exit plan on every write.
    exit_triggers  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exit_triggers) AND json_type(exit_triggers) = 'array'),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
-- Names are unique in a partnership, in any (ASCII) case.
CREATE UNIQUE INDEX indicators_name ON indicators (partnership_id, lower(name));

-- The risks an indicator informs, in the user's order; a deleted risk drops out.
CREATE TABLE indicator_risks (
    indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    risk_id      TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    PRIMARY KEY (indicator_id, risk_id)
) STRICT;
CREATE INDEX indicator_risks_risk ON indicator_risks (risk_id);

-- Readings are append-only evidence. A reading that replaces the one of the same day is a new
-- row naming the old one (`replaces`); the old row is kept and marked with `replaced_by`, once.
-- `level` (0 green, 1 amber, 2 red) is derived from the indicator's thresholds, kept so that
-- the status finds the start of the latest run at one level with an index lookup; it is
-- recomputed when the thresholds change -- the only other change a reading ever takes.
-- At most one current reading per indicator and day.
CREATE TABLE readings (
    num          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    read_on      TEXT NOT NULL CHECK (read_on IS date(read_on)),
    value        REAL NOT NULL,
    level        INTEGER NOT NULL CHECK (level IN (0, 1, 2)),
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL CHECK (length(trim(recorded_by)) > 0),
    recorded_at  TEXT NOT NULL,
    replaces     TEXT,
    replaced_by  TEXT
) STRICT;
-- The status's lookups: the latest reading, the latest before a period (by day), the latest
-- at a level (by level).
CREATE UNIQUE INDEX readings_current ON readings (indicator_id, read_on) WHERE replaced_by IS NULL;
CREATE INDEX readings_levels ON readings (indicator_id, level, read_on) WHERE replaced_by IS NULL;
CREATE TRIGGER readings_append_only_update BEFORE UPDATE ON readings
WHEN new.id IS NOT old.id OR new.indicator_id IS NOT old.indicator_id
  OR new.read_on IS NOT old.read_on OR new.value IS NOT old.value OR new.note IS NOT old.note
  OR new.recorded_by IS NOT old.recorded_by OR new.recorded_at IS NOT old.recorded_at
  OR new.replaces IS NOT old.replaces
  OR (new.replaced_by IS NOT old.replaced_by AND (old.replaced_by IS NOT NULL OR new.replaced_by IS NULL))
BEGIN SELECT RAISE(ABORT, 'readings are append-only: a reading can only be replaced'); END;
CREATE TRIGGER readings_append_only_delete BEFORE DELETE ON readings
WHEN EXISTS (SELECT 1 FROM indicators WHERE id = old.indicator_id)
BEGIN SELECT RAISE(ABORT, 'readings are append-only: a reading cannot be deleted'); END;
"#;

const V10_QUANT: &str = r#"
-- Risk in money (crate::quant): each stage's estimate beside its score, as a JSON object
-- ({"frequency": …, "loss": …}) validated by the core on every write.
ALTER TABLE risks ADD COLUMN inherent_loss TEXT CHECK (inherent_loss IS NULL OR (json_valid(inherent_loss) AND json_type(inherent_loss) = 'object'));
ALTER TABLE risks ADD COLUMN residual_loss TEXT CHECK (residual_loss IS NULL OR (json_valid(residual_loss) AND json_type(residual_loss) = 'object'));
ALTER TABLE risks ADD COLUMN target_loss TEXT CHECK (target_loss IS NULL OR (json_valid(target_loss) AND json_type(target_loss) = 'object'));

-- A partnership's quantification settings (currency, tolerance, threshold, years, seed):
-- one JSON document per partnership, the defaults until something is set.
CREATE TABLE quant_settings (
    partnership_id TEXT PRIMARY KEY REFERENCES partnerships(id) ON DELETE CASCADE,
    settings       TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object'),
    updated_at     TEXT NOT NULL
) STRICT;

-- The latest simulation of each scope (a partnership's id, or 'portfolio') and stage, kept
-- with the fingerprint of its inputs: a result whose fingerprint no longer matches the
-- inputs is out of date, never recomputed silently.
CREATE TABLE quant_results (
    scope       TEXT NOT NULL,
    stage       TEXT NOT NULL CHECK (stage IN ('inherent', 'residual', 'target')),
    fingerprint TEXT NOT NULL,
    years       INTEGER NOT NULL CHECK (years BETWEEN 1 AND 1000000),
    seed        TEXT NOT NULL,
    figures     TEXT NOT NULL CHECK (json_valid(figures) AND json_type(figures) = 'object'),
    run_at      TEXT NOT NULL,
    run_by      TEXT NOT NULL,
    PRIMARY KEY (scope, stage)
) STRICT;
CREATE TRIGGER quant_results_partnership_gone AFTER DELETE ON partnerships
BEGIN DELETE FROM quant_results WHERE scope = old.id; END;
"#;

const V11_EXCHANGE: &str = r#"
-- Registers that travel (crate::exchange): the copies of a partnership this workspace sent
-- or merged, by the digest of their records (gzip-compressed JSON), the newest few kept, so
-- that the next exchange finds the base both sides share.
CREATE TABLE exchange_snapshots (
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    digest         TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    direction      TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    peer           TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL,
    records        BLOB NOT NULL,
    PRIMARY KEY (partnership_id, digest)
) STRICT;

-- The partner's view of our risks: their scores and comments as their copy of a share came
-- back, dated and attributed, kept beside ours (never over them). Append-only.
CREATE TABLE partner_views (
    id             TEXT PRIMARY KEY,
    risk_id        TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    partnership_id TEXT NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    author         TEXT NOT NULL CHECK (length(trim(author)) > 0),
    workspace      TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL,
    inherent_l     INTEGER CHECK (inherent_l BETWEEN 1 AND 7),
    inherent_i     INTEGER CHECK (inherent_i BETWEEN 1 AND 7),
    residual_l     INTEGER CHECK (residual_l BETWEEN 1 AND 7),
    residual_i     INTEGER CHECK (residual_i BETWEEN 1 AND 7),
    target_l       INTEGER CHECK (target_l BETWEEN 1 AND 7),
    target_i       INTEGER CHECK (target_i BETWEEN 1 AND 7),
    comment        TEXT NOT NULL DEFAULT '',
    recorded_at    TEXT NOT NULL,
    CHECK ((inherent_l IS NULL) = (inherent_i IS NULL)),
    CHECK ((residual_l IS NULL) = (residual_i IS NULL)),
    CHECK ((target_l IS NULL) = (target_i IS NULL))
) STRICT;
CREATE INDEX partner_views_partnership ON partner_views (partnership_id, at);
CREATE TRIGGER partner_views_append_only BEFORE UPDATE ON partner_views
BEGIN SELECT RAISE(ABORT, 'partner views are append-only'); END;
"#;
