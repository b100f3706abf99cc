
-- The team register (issue 26, crate partner-risk-team): the server this workspace syncs
-- with, at most one. The token itself is not here but in the user's config folder (a file
-- readable only by them, named by token_ref), so a copied workspace carries no credential.
CREATE TABLE team_link (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    server     TEXT NOT NULL CHECK (length(trim(server)) > 0),
    team_id    TEXT NOT NULL CHECK (length(trim(team_id)) > 0),
    user_name  TEXT NOT NULL CHECK (length(trim(user_name)) > 0),
    token_ref  TEXT NOT NULL CHECK (length(trim(token_ref)) > 0),
    joined_at  TEXT NOT NULL,
    last_sync  TEXT,
    last_error TEXT
) STRICT;

-- Per partnership: the server's log position this workspace has applied, and its records
-- at that position (gzip-compressed JSON): the base that local changes are told from.
CREATE TABLE team_sync (
    partnership_id TEXT PRIMARY KEY,
    position       INTEGER NOT NULL CHECK (position >= 0),
    base           BLOB NOT NULL,
    synced_at      TEXT NOT NULL
) STRICT;

-- A push sent and not answered yet: sent again, with the same change id, before anything
-- else, so that a push cut off half way is applied once.
CREATE TABLE team_pending (
    partnership_id TEXT PRIMARY KEY,
    change_id      TEXT NOT NULL UNIQUE,
    base_position  INTEGER NOT NULL CHECK (base_position >= 0),
    body           BLOB NOT NULL,
    at             TEXT NOT NULL
) STRICT;

-- Conflicts a pull could not merge by itself: our value stays (and is not pushed) until
-- the conflict is resolved; the conflict is exchange::Conflict as JSON.
CREATE TABLE team_conflicts (
    id             TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL,
    tbl            TEXT NOT NULL,
    key            TEXT NOT NULL,
    conflict       TEXT NOT NULL CHECK (json_valid(conflict)),
    position       INTEGER NOT NULL,
    at             TEXT NOT NULL
) STRICT;
CREATE INDEX team_conflicts_row ON team_conflicts (partnership_id, tbl, key);
