-- sopir's schema, version 1. One file for both databases: {{id}} and {{blob}}
-- are replaced per dialect, and blocks between "-- @sqlite" / "-- @postgresql"
-- and "-- @end" apply to that database only (src/store/migrations.cpp).
-- Times are seconds since the Unix epoch (UTC); dates are 'YYYY-MM-DD'.

CREATE TABLE offices (
    id {{id}},
    code TEXT NOT NULL UNIQUE,              -- District code, e.g. 63.05.06.
    name TEXT NOT NULL,                     -- "Candi Laras Utara"
    regency TEXT NOT NULL,                  -- "Kabupaten Tapin"
    province TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    place_name TEXT NOT NULL DEFAULT '',    -- Place in the signature line: "Margasari".
    letter_number_pattern TEXT NOT NULL,    -- {klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}
    registration_number_pattern TEXT NOT NULL, -- The Register E-KTP's numbers.
    klasifikasi TEXT NOT NULL,              -- 400.12.2.1 (Permendagri 83/2022).
    unit_code TEXT NOT NULL,                -- "CLU"
    paper_size TEXT NOT NULL DEFAULT 'A4' CHECK (paper_size IN ('A4', 'F4')),
    disdukcapil_whatsapp TEXT NOT NULL DEFAULT '',
    min_recording_age INTEGER NOT NULL DEFAULT 17 CHECK (min_recording_age IN (16, 17)),
    utc_offset_minutes INTEGER NOT NULL DEFAULT 480,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,                -- With titles: "ALAMSYAH, S.Pd".
    nip TEXT NOT NULL DEFAULT '',           -- 18 digits, or empty for non-civil-servants.
    pangkat_golongan TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,            -- argon2id (libsodium crypto_pwhash_str).
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

-- A role held in an office. acting is '' for the permanent holder, 'plt'
-- (pelaksana tugas: a vacancy) or 'plh' (pelaksana harian: a temporary
-- absence), which then carry a period.
CREATE TABLE role_assignments (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    office_id BIGINT NOT NULL REFERENCES offices(id),
    role TEXT NOT NULL,
    acting TEXT NOT NULL DEFAULT '' CHECK (acting IN ('', 'plt', 'plh')),
    valid_from TEXT,
    valid_until TEXT,
    created_at BIGINT NOT NULL,
    CHECK (acting = '' OR (valid_from IS NOT NULL AND valid_until IS NOT NULL AND valid_from <= valid_until))
);
CREATE INDEX role_assignments_user ON role_assignments (user_id);
CREATE INDEX role_assignments_office_role ON role_assignments (office_id, role);

CREATE TABLE cases (
    id {{id}},
    office_id BIGINT NOT NULL REFERENCES offices(id),
    service_id TEXT NOT NULL,               -- The SOP, e.g. perekaman-ektp.
    state TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,     -- Bumped by every action: stale writers get Conflict.
    registration_number TEXT,               -- Given when the front desk accepts the file.
    letter_number TEXT,                     -- Given at pengarsipan.
    applicant_name TEXT NOT NULL,
    nik TEXT NOT NULL,
    birth_date TEXT,
    village_code TEXT NOT NULL DEFAULT '',
    applicant TEXT NOT NULL,                -- JSON snapshot of what intake recorded.
    documents TEXT NOT NULL,                -- JSON: the required documents and their check.
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_office_state ON cases (office_id, state, updated_at);
CREATE INDEX cases_nik ON cases (nik);
CREATE INDEX cases_office_created ON cases (office_id, created_at);
CREATE INDEX cases_name ON cases (office_id, applicant_name);
CREATE UNIQUE INDEX cases_registration_number ON cases (office_id, registration_number);

-- The append-only action log: history is the source of truth. Each row is
-- chained twice: per case (case_seq, case_hash) and per office (office_seq,
-- office_hash), hash = SHA-256(previous hash || canonical encoding of the row).
CREATE TABLE case_actions (
    id {{id}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    office_id BIGINT NOT NULL REFERENCES offices(id),
    case_seq INTEGER NOT NULL,
    office_seq BIGINT NOT NULL,
    from_state TEXT NOT NULL,
    action TEXT NOT NULL,
    to_state TEXT NOT NULL,
    actor_id BIGINT REFERENCES users(id),
    at BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reasons TEXT NOT NULL DEFAULT '[]',     -- JSON array of strings.
    data TEXT NOT NULL DEFAULT '{}',        -- JSON object.
    case_hash TEXT NOT NULL,
    office_hash TEXT NOT NULL,
    UNIQUE (case_id, case_seq),
    UNIQUE (office_id, office_seq)
);

-- The head of each office's chain: the row every action of an office locks,
-- so that the office-wide chain has exactly one successor per row.
CREATE TABLE audit_heads (
    office_id BIGINT PRIMARY KEY REFERENCES offices(id),
    seq BIGINT NOT NULL DEFAULT 0,
    hash TEXT NOT NULL
);

-- Gapless sequences per office, register and year. The increment happens in
-- the transaction of the action that takes the number, so a rollback gives
-- the number back.
CREATE TABLE sequences (
    office_id BIGINT NOT NULL REFERENCES offices(id),
    register TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_value BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, register, year)
);

-- Every number given, in its register (Register E-KTP, agenda book of letters).
CREATE TABLE register_entries (
    id {{id}},
    office_id BIGINT NOT NULL REFERENCES offices(id),
    register TEXT NOT NULL,
    year INTEGER NOT NULL,
    number BIGINT NOT NULL,
    formatted TEXT NOT NULL,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    taken_at BIGINT NOT NULL,
    UNIQUE (office_id, register, year, number),
    UNIQUE (register, case_id)
);

CREATE TABLE letters (
    id {{id}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    number TEXT,
    content TEXT NOT NULL,                  -- JSON, canonical.
    content_sha256 TEXT NOT NULL,
    pdf {{blob}},
    pdf_sha256 TEXT,
    signatures TEXT NOT NULL DEFAULT '[]',  -- JSON array.
    verification_token TEXT NOT NULL UNIQUE,
    signed_at BIGINT,
    sealed_at BIGINT,
    revoked_at BIGINT,
    revoked_reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (case_id, kind)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,            -- SHA-256 of the cookie's token; the token itself is never stored.
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);

-- Who opened which case (UU 27/2022: reads of personal data are logged).
CREATE TABLE access_log (
    id {{id}},
    user_id BIGINT REFERENCES users(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    at BIGINT NOT NULL,
    purpose TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_case ON access_log (case_id, at);

-- The action log cannot be edited or deleted through SQL either.
-- @sqlite
CREATE TRIGGER case_actions_no_update BEFORE UPDATE ON case_actions
BEGIN
    SELECT RAISE(ABORT, 'case_actions is append-only');
END;
CREATE TRIGGER case_actions_no_delete BEFORE DELETE ON case_actions
BEGIN
    SELECT RAISE(ABORT, 'case_actions is append-only');
END;
-- @end
-- @postgresql
CREATE FUNCTION case_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_actions is append-only';
END;
$$;
CREATE TRIGGER case_actions_no_update BEFORE UPDATE OR DELETE ON case_actions
    FOR EACH ROW EXECUTE FUNCTION case_actions_append_only();
-- @end
