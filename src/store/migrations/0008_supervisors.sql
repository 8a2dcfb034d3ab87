-- Kabupaten supervisors (pengawas): a read-only view of the
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
-- period's start are found by their last update (and their creation, in the
-- index too), without reading the rest.
CREATE INDEX cases_office_updated ON cases (office_id, updated_at, created_at);

-- Register search by NIK or name starts from the person's cases and finds
-- their entries by case (Store::search_register); the index holds what the
-- search filters on, so the count reads no table row.
CREATE INDEX register_entries_case ON register_entries (case_id, office_id, register, year);

-- Register search by the beginning of a name reads the matching names from
-- this index (a byte-order range on the folded name) rather than every
-- entry of the year.
-- @sqlite
CREATE INDEX cases_name_folded ON cases (lower(applicant_name));
-- @end
-- @postgresql
CREATE INDEX cases_name_folded ON cases ((lower(applicant_name) COLLATE "C"));
-- @end
