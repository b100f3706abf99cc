
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
