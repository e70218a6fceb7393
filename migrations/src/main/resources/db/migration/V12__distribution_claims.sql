-- Issue 13: the same revenue can never be distributed twice (DESIGN.md 8.1, invariant 5).
--
-- A posted run claims, in the transaction of its ledger entry, every source its pool consumed: each
-- settled order's revenue and each cost it deducted. The primary key allows one claim per source,
-- so whatever the periods or rule sets chosen, and however many server instances post at once, a
-- second run over the same money fails on the key and writes nothing. Reversing a run releases
-- its claims.
CREATE TABLE distribution_claim (
  cooperative_id BIGINT      NOT NULL,
  source_type    VARCHAR(8)  NOT NULL,
  source_id      BIGINT      NOT NULL,
  run_id         BIGINT      NOT NULL,
  PRIMARY KEY (cooperative_id, source_type, source_id)
);
CREATE INDEX ix_distribution_claim_run ON distribution_claim (run_id);

-- 结账: a cooperative's calendar year is closed once a run covering the whole year is posted. A closed
-- year takes no new distribution over it and no cost or settlement dated in it (corrections go to
-- the next period). Reversing the run that closed it reopens it.
CREATE TABLE year_close (
  cooperative_id BIGINT      NOT NULL,
  fiscal_year    INT         NOT NULL,
  run_id         BIGINT      NOT NULL,
  closed_at      DATETIME(3) NOT NULL,
  PRIMARY KEY (cooperative_id, fiscal_year)
);
CREATE INDEX ix_year_close_run ON year_close (run_id);
