
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
