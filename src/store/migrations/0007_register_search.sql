-- Register search: the Register E-KTP and the agenda book as
-- searchable tables. A search by year walks the unique index on
-- register_entries (office_id, register, year, number) and a search by
-- period register_entries_period (0004); a NIK starts from cases_nik (0001)
-- and reaches the entry through UNIQUE (register, case_id). What was left is
-- a village searched over a long period: it can start from the office's
-- cases in that village.
CREATE INDEX cases_office_village ON cases (office_id, village_code);
