
-- Full-text search over risk titles, descriptions, owners and tags.
CREATE VIRTUAL TABLE risks_fts USING fts5(
    title, description, owner, tags,
    content = 'risks', content_rowid = 'num',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER risks_fts_insert AFTER INSERT ON risks BEGIN
    INSERT INTO risks_fts (rowid, title, description, owner, tags)
    VALUES (new.num, new.title, new.description, new.owner, new.tags);
END;
CREATE TRIGGER risks_fts_delete AFTER DELETE ON risks BEGIN
    INSERT INTO risks_fts (risks_fts, rowid, title, description, owner, tags)
    VALUES ('delete', old.num, old.title, old.description, old.owner, old.tags);
END;
CREATE TRIGGER risks_fts_update AFTER UPDATE OF title, description, owner, tags ON risks BEGIN
    INSERT INTO risks_fts (risks_fts, rowid, title, description, owner, tags)
    VALUES ('delete', old.num, old.title, old.description, old.owner, old.tags);
    INSERT INTO risks_fts (rowid, title, description, owner, tags)
    VALUES (new.num, new.title, new.description, new.owner, new.tags);
END;
INSERT INTO risks_fts (risks_fts) VALUES ('rebuild');
