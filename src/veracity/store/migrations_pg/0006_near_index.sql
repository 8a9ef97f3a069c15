-- The near-duplicate index (issue 12): the MinHash LSH band keys of every
-- original document (``veracity.store.near``), so that ingest looks up the
-- candidates of each new document instead of loading every stored signature
-- when it starts. The keys depend on the threshold, a setting: near_layout
-- says which bands and rows they were made with. Both tables start empty and
-- are filled from the stored signatures on first use, then kept as documents
-- are stored, linked and removed.
CREATE TABLE near_layout (
    threshold  DOUBLE PRECISION NOT NULL,
    bands      INTEGER NOT NULL,
    band_rows  INTEGER NOT NULL
);

CREATE TABLE near_bands (
    band_key  BIGINT NOT NULL,
    doc_id    BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, doc_id)
);
CREATE INDEX near_bands_doc ON near_bands(doc_id);
