
-- The agenda item the room is on, chosen by the facilitator; the phones vote on it.
-- NULL: the first item without a decision.
ALTER TABLE workshops ADD COLUMN current_item TEXT REFERENCES workshop_items(id) ON DELETE SET NULL;
