-- Register search by the beginning of a name within a year: the
-- register keeps the name it is searched by, folded, beside the number, so
-- that the year's matching entries are one range of one index and the count
-- reads no case. Starting from the cases (cases_name_folded, 0008) read
-- every year's namesakes: at a million cases a common first name matched
-- some twelve thousand cases to find the year's few hundred entries.
--
-- name_folded is lower(cases.applicant_name) as the database computes it,
-- written with the entry and again when resubmission (ajukan_ulang) changes
-- the name. On PostgreSQL it compares in byte order (COLLATE "C"), like the
-- query's range [prefix, prefix + U+10FFFF); SQLite compares bytes anyway.
-- @sqlite
ALTER TABLE register_entries ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
-- @end
-- @postgresql
ALTER TABLE register_entries ADD COLUMN name_folded TEXT COLLATE "C" NOT NULL DEFAULT '';
-- @end
UPDATE register_entries SET name_folded = (SELECT lower(c.applicant_name) FROM cases c WHERE c.id = register_entries.case_id);
CREATE INDEX register_entries_name ON register_entries (office_id, register, year, name_folded, number);

-- The report's cases and moves (Store::case_histories, soci_store_reports.cpp):
-- a period's moves by time, so that they are read as neighbours in the
-- table rather than case by case across it; and the few cases that lived
-- longer than a week, found apart from the rest, so that the cases alive in
-- a period are short ranges of indexes rather than every case finished
-- since it began. The predicate is written the same way in the query.
CREATE INDEX case_actions_office_at ON case_actions (office_id, at);
CREATE INDEX cases_office_long_lived ON cases (office_id, updated_at) WHERE updated_at - created_at >= 604800;
-- 0008's index for the same reading scanned every case moved since the
-- period began; nothing else reads it.
DROP INDEX cases_office_updated;
