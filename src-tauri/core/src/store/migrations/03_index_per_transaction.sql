
-- New risks are indexed once per transaction by the store (one INSERT ... SELECT), not
-- row by row: FTS5 flushes its pending terms at the end of every statement, so a
-- trigger made a 100,000-risk import six times slower. Edits and deletions keep their
-- triggers.
DROP TRIGGER risks_fts_insert;
