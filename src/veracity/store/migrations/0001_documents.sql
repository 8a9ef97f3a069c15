-- Documents, captions, the raw inputs already ingested (for quick resume) and
-- full-text search over title and text.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('article', 'teaser')),
    title         TEXT,
    text          TEXT NOT NULL,
    source        TEXT,
    url           TEXT,
    author        TEXT,
    published     TEXT,
    origin        TEXT,
    format        TEXT,
    content_hash  TEXT NOT NULL UNIQUE,
    parent_id     INTEGER REFERENCES documents(id),
    copy_of       INTEGER REFERENCES documents(id),
    similarity    REAL,
    minhash       BLOB,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_parent ON documents(parent_id);
CREATE INDEX documents_copy_of ON documents(copy_of);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE captions (
    id      INTEGER PRIMARY KEY,
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    credit  TEXT,
    date    TEXT,
    UNIQUE (doc_id, idx)
);

CREATE TABLE inputs (
    raw_hash     TEXT PRIMARY KEY,
    origin       TEXT NOT NULL,
    documents    INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
