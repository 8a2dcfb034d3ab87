-- The office's logo for the kop surat: a PNG kept once per content
-- (by its SHA-256), so that a letter signed with one logo still renders with
-- it after the office changes its logo.
CREATE TABLE logos (
    sha256 TEXT PRIMARY KEY,
    png TEXT NOT NULL,                      -- base64
    created_at BIGINT NOT NULL
);
ALTER TABLE offices ADD COLUMN logo_sha256 TEXT NOT NULL DEFAULT '';
