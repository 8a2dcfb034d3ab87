-- Office administration in the browser (desk/administration.hpp).
--
-- A password reset hands the person a one-time code: it becomes the
-- password, and until the person chooses a new one every page asks for it.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- An acting assignment (Plt., Plh.) names the Bupati's Surat Perintah that
-- made it; a role taken away ends rather than disappears, so that who held
-- what, when, stays on record.
ALTER TABLE role_assignments ADD COLUMN surat_perintah TEXT NOT NULL DEFAULT '';
ALTER TABLE role_assignments ADD COLUMN ended_at BIGINT;

-- Where the public reaches the office's service, printed on its letters
-- and in their QR codes when `serve` is given no --public-url.
ALTER TABLE offices ADD COLUMN public_url TEXT NOT NULL DEFAULT '';

-- A password reset. A signer's takes effect only once a second person (the
-- Camat or the kabupaten supervisor, neither the requester nor the person
-- reset) confirms it; the others at once. `outcome` is '' while waiting,
-- 'berlaku' once in effect, 'batal' when withdrawn or overtaken.
CREATE TABLE password_resets (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    office_id BIGINT NOT NULL REFERENCES offices(id),
    requested_by BIGINT NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,              -- argon2id of the one-time code.
    needs_confirmation INTEGER NOT NULL DEFAULT 0,
    decided_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'berlaku', 'batal'))
);
CREATE INDEX password_resets_office ON password_resets (office_id, outcome);
