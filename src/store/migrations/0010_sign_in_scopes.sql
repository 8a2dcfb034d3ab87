-- Sign-in throttling counts failures per person and address, and per
-- address, so that a guesser elsewhere never locks the rightful user out.
-- A password typed again to sign a letter is counted apart, by the session
-- or API token it came through (credential: the credential's SHA-256; empty
-- for a sign-in), so that another person's guesses never refuse a
-- signature.
ALTER TABLE login_attempts ADD COLUMN credential TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempts_user_address ON login_attempts (username, address, at);
CREATE INDEX login_attempts_credential ON login_attempts (credential, at);

-- Every ended sign-in: a sign-out (DELETE /api/v1/sessions, /keluar) or the
-- sessions and tokens a password change ended. Append-only; written in the
-- same transaction as the revocation itself (soci_store.cpp,
-- insert_revocation).
CREATE TABLE revocations (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,              -- 'keluar' or 'ganti_sandi'
    sessions INTEGER NOT NULL,         -- Browser sessions ended.
    tokens INTEGER NOT NULL,           -- API tokens revoked.
    address TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX revocations_user ON revocations (user_id, at);
