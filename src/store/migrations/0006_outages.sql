-- The outage log (gangguan): when the network, the recording
-- equipment or the power failed at an office, and for how long. Cases held
-- with `tunda` during an outage are linked to it by time: the report counts
-- their held time as time lost to the outage.
CREATE TABLE outages (
    id {{id}},
    office_id BIGINT NOT NULL REFERENCES offices(id),
    kind TEXT NOT NULL CHECK (kind IN ('jaringan', 'peralatan', 'listrik', 'lainnya')),
    note TEXT NOT NULL DEFAULT '',
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    recorded_by BIGINT REFERENCES users(id),
    ended_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX outages_office_time ON outages (office_id, started_at);
