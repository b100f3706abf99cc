
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
