-- The regulator sends a publicized run back with a reason (DESIGN.md 6, POST /distributions/{id}/reject):
-- the run ends as REJECTED, keeping who sent it back, when and why, as approval and reversal keep theirs.
ALTER TABLE distribution_run
  ADD COLUMN rejected_by      BIGINT       NULL,
  ADD COLUMN rejected_at      DATETIME(3)  NULL,
  ADD COLUMN rejection_reason VARCHAR(500) NULL;
