-- What the reader found in each document: the whole analysis as JSON (the
-- round-trip copy) and events, participants and stances as rows to query.
CREATE TABLE analyses (
    doc_id          INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    reader_version  TEXT NOT NULL,
    data            TEXT NOT NULL,
    read_at         TEXT NOT NULL
);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    doc_id            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id          TEXT NOT NULL,
    caption           INTEGER,
    predicate         TEXT NOT NULL,
    lemma             TEXT NOT NULL,
    class             TEXT NOT NULL,
    time              TEXT,
    time_text         TEXT,
    modality          TEXT NOT NULL,
    polarity          TEXT NOT NULL,
    quote             TEXT NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    UNIQUE (doc_id, local_id)
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_class ON events(class);

-- entity_key is the casefolded name: matching ignores case in any script.
CREATE TABLE event_participants (
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    position    INTEGER NOT NULL,
    entity_key  TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_participants_entity ON event_participants(entity_key);

CREATE TABLE stances (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source       TEXT NOT NULL,
    stance       TEXT NOT NULL,
    cue          TEXT,
    quote        TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    first_hand   INTEGER NOT NULL DEFAULT 0,
    source_kind  TEXT NOT NULL
);
CREATE INDEX stances_event ON stances(event_id);
