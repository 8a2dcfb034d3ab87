-- Kabupaten supervisors (pengawas, issue 6): a read-only view of the
-- reports of every office in a kabupaten. A supervision names the kabupaten
-- by its region code ("63.05"); the offices are those whose code starts with
-- it, so an office added later is supervised from its first day.
CREATE TABLE supervisions (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    regency_code TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, regency_code)
);

-- The reports' cases (Store::case_histories): those moving on or after the
-- period's start are found by their last update, without reading the rest.
CREATE INDEX cases_office_updated ON cases (office_id, updated_at);
