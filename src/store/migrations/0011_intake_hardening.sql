-- The public status check's PIN (printed on the tanda terima): a salted
-- hash, never the PIN, and the wrong tries since it was issued. Empty for a
-- case whose receipt was printed before PINs existed: its status cannot be
-- checked until the receipt is printed again, which issues a PIN.
ALTER TABLE cases ADD COLUMN status_pin_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN status_pin_failures INTEGER NOT NULL DEFAULT 0;

-- Idempotency-Key (POST /api/v1/cases and actions): the first answer to a
-- key, per user, replayed for a retry instead of acting twice. status 0
-- while the first request is still running. Rows expire after a day.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users(id),
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,              -- SHA-256 of method, path and body.
    status INTEGER NOT NULL DEFAULT 0,
    location TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- UU 27/2022: reads of many people's data at once (register pages and
-- exports, printouts, spreadsheets): who, what, how many rows, from where.
-- Append-only, like the case log.
CREATE TABLE bulk_access_log (
    id {{id}},
    user_id BIGINT REFERENCES users(id),
    office_id BIGINT,
    at BIGINT NOT NULL,
    what TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX bulk_access_log_at ON bulk_access_log (at);
-- @sqlite
CREATE TRIGGER bulk_access_log_no_update BEFORE UPDATE ON bulk_access_log
BEGIN
    SELECT RAISE(ABORT, 'bulk_access_log is append-only');
END;
CREATE TRIGGER bulk_access_log_no_delete BEFORE DELETE ON bulk_access_log
BEGIN
    SELECT RAISE(ABORT, 'bulk_access_log is append-only');
END;
-- @end
-- @postgresql
CREATE FUNCTION bulk_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'bulk_access_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER bulk_access_log_no_change BEFORE UPDATE OR DELETE ON bulk_access_log
    FOR EACH ROW EXECUTE FUNCTION bulk_access_log_append_only();
-- @end
