-- A service's intake form may have groups besides the applicant's (a
-- parent, witnesses, family members as rows): stored here as JSON, the
-- subject's group staying in `applicant` as before. Cases filed before have
-- none.
ALTER TABLE cases ADD COLUMN form TEXT NOT NULL DEFAULT '{}';
