-- Sign-in attempts, for throttling per user and per address across every
-- sopir instance that shares the database.
CREATE TABLE login_attempts (
    id {{id}},
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    success INTEGER NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

-- The public status check looks a case up by its registration number alone.
CREATE INDEX cases_registration_lookup ON cases (registration_number);
CREATE INDEX sessions_expiry ON sessions (expires_at);
