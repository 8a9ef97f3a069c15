-- The language of each document (ISO 639-1 code), detected at ingest or given
-- with --language; NULL when the text was too short to tell, and for documents
-- stored before languages were detected (both are read as English).
ALTER TABLE documents ADD COLUMN language TEXT;
