
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
