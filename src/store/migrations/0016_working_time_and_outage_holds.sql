-- Working time is office time (core/working_time.hpp): an office's working
-- hours as it writes them ("Sen-Kam 07:30-12:00 13:00-16:00; Jum
-- 07:30-11:30 13:00-16:30"); an office without a row keeps the default of
-- Perpres 21/2023.
CREATE TABLE office_working_hours (
    office_id BIGINT PRIMARY KEY REFERENCES offices(id),
    hours TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The office's own closed days (a local holiday of the kabupaten), beside
-- the national holidays and cuti bersama of the shipped data file.
CREATE TABLE office_holidays (
    office_id BIGINT NOT NULL REFERENCES offices(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'libur daerah',
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (office_id, day)
);

-- The cases an outage held in one go, and the action that resumed each when
-- it ended. The hold and the resumption are ordinary actions on each case's
-- chain, whose data names the outage ("gangguan"); this table finds them
-- again from the outage.
CREATE TABLE outage_holds (
    hold_action_id BIGINT PRIMARY KEY REFERENCES case_actions(id),
    outage_id BIGINT NOT NULL REFERENCES outages(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    resume_action_id BIGINT REFERENCES case_actions(id)
);
CREATE INDEX outage_holds_outage ON outage_holds (outage_id);
