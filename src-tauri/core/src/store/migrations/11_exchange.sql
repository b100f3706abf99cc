
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
