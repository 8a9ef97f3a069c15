-- Fetching and watching (issue 13): the validators of every URL fetched, for
-- conditional GET; the feeds and sitemaps watched and how their last polls
-- went; the items already taken from them, so none is stored twice; the
-- standing questions and every change of their verdict, with the documents
-- that brought it. Document ids are kept as plain numbers or JSON lists, not
-- foreign keys that would stop a document from being removed.
CREATE TABLE fetched (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    raw_hash       TEXT,
    fetched_at     TEXT NOT NULL
);

CREATE TABLE watches (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL UNIQUE,
    kind        TEXT,
    title       TEXT,
    added_at    TEXT NOT NULL,
    polled_at   TEXT,
    ok_at       TEXT,
    failures    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    retry_at    TEXT
);

CREATE TABLE watch_items (
    url       TEXT PRIMARY KEY,
    watch_id  INTEGER,
    note      TEXT,
    seen_at   TEXT NOT NULL
);
CREATE INDEX watch_items_watch ON watch_items(watch_id);

CREATE TABLE standing_questions (
    id          INTEGER PRIMARY KEY,
    question    TEXT NOT NULL,
    question_key TEXT NOT NULL UNIQUE,
    webhook     TEXT,
    added_at    TEXT NOT NULL,
    verdict     TEXT,
    checked_at  TEXT
);

CREATE TABLE verdict_changes (
    id           INTEGER PRIMARY KEY,
    question_id  INTEGER NOT NULL REFERENCES standing_questions(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    old_verdict  TEXT,
    verdict      TEXT NOT NULL,
    lead         TEXT,
    doc_ids      TEXT NOT NULL
);
CREATE INDEX verdict_changes_question ON verdict_changes(question_id);
