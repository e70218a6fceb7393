-- Numbers an older villager can say aloud (issue 15): the 公示 of a cooperative gets "2026-001" (year of
-- publicity, then its order among the cooperative's notices of that year) instead of an 18-digit run id,
-- and an objection's receipt is 6 characters of an alphabet without look-alikes (Receipts: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G, U/V).
ALTER TABLE distribution_run
  ADD COLUMN notice_year INT NULL,
  ADD COLUMN notice_seq  INT NULL;
CREATE UNIQUE INDEX ux_distribution_run_notice ON distribution_run (cooperative_id, notice_year, notice_seq);
ALTER TABLE distribution_objection ADD COLUMN receipt CHAR(6) NULL;
CREATE UNIQUE INDEX ux_distribution_objection_receipt ON distribution_objection (receipt);
