-- The audit chain no longer trusts the database alone (core/audit.hpp).
--
-- Each action row written from now on carries a keyed MAC (HMAC-SHA256 under
-- a key derived from the seal secret, which is kept outside the database).
-- Rows written before have none: they stay valid as they were, protected by
-- their hashes and, once exported, by the signed chain heads. `keyed_from` is
-- the office sequence number of the chain's first row with a MAC (NULL while
-- there is none); every later row must have one.
ALTER TABLE case_actions ADD COLUMN mac TEXT;
ALTER TABLE audit_heads ADD COLUMN keyed_from BIGINT;

-- Security events (user and role changes, revocations, outages, keys): one
-- hash chain for the whole server, since users are not of one office. The
-- hash and MAC are those of core/audit.hpp's SecurityEvent.
CREATE TABLE security_events (
    id {{id}},
    seq BIGINT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    actor_id BIGINT,
    office_id BIGINT,
    subject TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',
    at BIGINT NOT NULL,
    hash TEXT NOT NULL,
    mac TEXT
);

-- The security chain's head: its one row is locked by each append, so that
-- events take turns, as audit_heads does for an office's actions.
CREATE TABLE security_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL DEFAULT 0,
    hash TEXT NOT NULL,
    keyed_from BIGINT
);
INSERT INTO security_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The security events and the access log (UU 27/2022: who opened which
-- personal data) are append-only. The access log is not chained, so that
-- reading a case never waits on a chain's lock.
-- @sqlite
CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events
BEGIN
    SELECT RAISE(ABORT, 'security_events is append-only');
END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events
BEGIN
    SELECT RAISE(ABORT, 'security_events is append-only');
END;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
-- @end
-- @postgresql
CREATE FUNCTION sopir_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER security_events_no_update BEFORE UPDATE OR DELETE ON security_events
    FOR EACH ROW EXECUTE FUNCTION sopir_append_only();
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION sopir_append_only();
-- TRUNCATE fires no row trigger: refuse it on every chained table (and the
-- access log) by a statement trigger of its own.
CREATE TRIGGER case_actions_no_truncate BEFORE TRUNCATE ON case_actions
    FOR EACH STATEMENT EXECUTE FUNCTION sopir_append_only();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
    FOR EACH STATEMENT EXECUTE FUNCTION sopir_append_only();
CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
    FOR EACH STATEMENT EXECUTE FUNCTION sopir_append_only();
CREATE TRIGGER security_head_no_truncate BEFORE TRUNCATE ON security_head
    FOR EACH STATEMENT EXECUTE FUNCTION sopir_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION sopir_append_only();
-- @end
