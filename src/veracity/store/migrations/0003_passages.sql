-- Sentences the reader found events in, one row each, with full-text search:
-- the verifier retrieves evidence as passages, not only as event frames.
-- Filled from the events already stored, and again by every save_analysis;
-- vector is the sentence's MiniLM embedding (float32), when it was computed.
CREATE TABLE passages (
    id       INTEGER PRIMARY KEY,
    doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    caption  INTEGER,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    vector   BLOB
);
CREATE INDEX passages_doc ON passages(doc_id);

CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

INSERT INTO passages (doc_id, caption, start, "end", text)
SELECT DISTINCT doc_id, caption, start, "end", quote FROM events ORDER BY doc_id, caption, start;
