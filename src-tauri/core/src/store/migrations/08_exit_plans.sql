
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
