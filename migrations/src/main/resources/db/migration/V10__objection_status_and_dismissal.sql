-- Objections get a status (issue 12, finding 3). Before, an objection was open while it had no
-- answer, and only an answer closed it: 500 anonymous objections blocked approval until the
-- cooperative had answered each one. Now the region's regulator may also dismiss objections, in
-- bulk, as UNFOUNDED or DUPLICATE with a reason; who, when, why and which kind are kept on the row.
-- status: OPEN (blocks approval), ANSWERED (by the cooperative), DISMISSED (by the regulator).
ALTER TABLE distribution_objection ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'OPEN';
ALTER TABLE distribution_objection ADD COLUMN dismissal_kind VARCHAR(16) NULL;
ALTER TABLE distribution_objection ADD COLUMN dismissal_reason VARCHAR(500) NULL;
ALTER TABLE distribution_objection ADD COLUMN dismissed_by BIGINT NULL;
ALTER TABLE distribution_objection ADD COLUMN dismissed_at DATETIME(3) NULL;
UPDATE distribution_objection SET status = 'ANSWERED' WHERE answer IS NOT NULL;
-- Counting a run's open/answered/dismissed objections and paging one status reads this index only.
CREATE INDEX ix_distribution_objection_run_status ON distribution_objection (run_id, status, id);
