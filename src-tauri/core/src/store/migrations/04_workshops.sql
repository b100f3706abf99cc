
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
