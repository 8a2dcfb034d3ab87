-- Letters, signed and sealed.

-- Each signer's Ed25519 key pair: the public key in the clear, the secret key
-- sealed under a key derived from the signer's password (Argon2id), so that
-- it is used only when the signer types the password again. A key is retired,
-- never deleted, when a new one replaces it: letters signed with it must
-- still verify.
CREATE TABLE signer_keys (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    public_key TEXT NOT NULL UNIQUE,        -- base64
    sealed_secret TEXT NOT NULL,            -- base64, crypto_secretbox
    salt TEXT NOT NULL,
    nonce TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
CREATE UNIQUE INDEX signer_keys_active ON signer_keys (user_id) WHERE retired_at IS NULL;

-- The public half of each office's seal key. The secret half is derived from
-- the server's seal secret (a file outside the database) and never stored.
CREATE TABLE office_seals (
    id {{id}},
    office_id BIGINT NOT NULL REFERENCES offices(id),
    public_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
CREATE UNIQUE INDEX office_seals_active ON office_seals (office_id) WHERE retired_at IS NULL;

-- The letters table of version 1 was never written to; it is made again with
-- the PDFs as base64 text, which both databases store and return byte for
-- byte through SOCI (SOCI 4.0 maps PostgreSQL blobs to large objects, not
-- bytea), and with the copy marked ARSIP kept for the archive (menggandakan).
DROP TABLE letters;
CREATE TABLE letters (
    id {{id}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,                     -- "surat_keterangan"
    number TEXT NOT NULL DEFAULT '',        -- Blank until pengarsipan.
    content TEXT NOT NULL,                  -- Canonical JSON (src/letters/letter_content.cpp).
    content_sha256 TEXT NOT NULL,
    signatures TEXT NOT NULL DEFAULT '[]',  -- JSON array: the tanda tangan, then the segel.
    verification_token TEXT NOT NULL UNIQUE,
    pdf TEXT NOT NULL DEFAULT '',           -- base64 of the frozen PDF, from sealing on.
    pdf_sha256 TEXT NOT NULL DEFAULT '',
    archive_pdf TEXT NOT NULL DEFAULT '',   -- base64 of the ARSIP copy.
    archive_pdf_sha256 TEXT NOT NULL DEFAULT '',
    signed_by BIGINT REFERENCES users(id),
    signed_at BIGINT,
    sealed_at BIGINT,
    revoked_at BIGINT,
    revoked_reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (case_id, kind)
);
CREATE INDEX letters_pdf_sha256 ON letters (pdf_sha256);
CREATE INDEX letters_archive_pdf_sha256 ON letters (archive_pdf_sha256);

-- Every verification of a letter, by its token or by an uploaded PDF: who
-- asked (client address), how, and what they were told.
CREATE TABLE letter_verifications (
    id {{id}},
    letter_id BIGINT REFERENCES letters(id),
    method TEXT NOT NULL CHECK (method IN ('token', 'pdf')),
    outcome TEXT NOT NULL CHECK (outcome IN ('valid', 'invalid', 'revoked', 'unknown')),
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX letter_verifications_letter ON letter_verifications (letter_id, at);
