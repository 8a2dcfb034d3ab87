-- The register and agenda pages are printed for a period: entries of one
-- office's register by the time their number was given.
CREATE INDEX register_entries_period ON register_entries (office_id, register, taken_at);
