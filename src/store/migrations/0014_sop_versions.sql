-- Definition versions: the text of every SOP definition a case was filed
-- under, by the SHA-256 of that text. A case finishes under the version it
-- was filed under, so a changed sops/*.toml applies to new cases only and
-- the old text stays here as long as cases name it.
CREATE TABLE sop_versions (
    sha256 TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    definition TEXT NOT NULL,
    first_seen BIGINT NOT NULL
);
CREATE INDEX sop_versions_service ON sop_versions (service_id);

-- The version a case was filed under; empty for a case filed before
-- versions were kept, which the next start gives the current file's.
ALTER TABLE cases ADD COLUMN sop_version TEXT NOT NULL DEFAULT '';

-- What an office states about its own copy of an SOP (Nomor SOP, Tanggal
-- Dibuat/Revisi, Tanggal Efektif, Disahkan Oleh, the step minutes it set):
-- offices sharing one server may differ. Empty text, a NULL date and a step
-- absent from step_minutes (a JSON object) mean the file's [meta] and
-- standard times.
CREATE TABLE office_sops (
    office_id BIGINT NOT NULL REFERENCES offices(id),
    service_id TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    revised TEXT,
    effective TEXT,
    approved_by TEXT NOT NULL DEFAULT '',
    step_minutes TEXT NOT NULL DEFAULT '{}',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (office_id, service_id)
);
