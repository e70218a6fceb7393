-- Issue 13, the remaining money events: 交售 bought at a price and payments of what the cooperative owes.

-- A delivery bought from the member at a price (交售) is booked: 经营支出 / the member's 成员往来 (114).
-- NULL for a delivery recorded as trade volume only (the registry's route, and every row before V22).
ALTER TABLE delivery ADD COLUMN ledger_entry_id BIGINT NULL;

-- Paying what the cooperative owes: wages and public-welfare-post pay (应付工资 212), other payables
-- such as land rent (应付款 211), a member's produce (the member's 成员往来 114). The entry is the money;
-- this row says what was paid and to whom.
CREATE TABLE book_payment (
  id              BIGINT       NOT NULL,
  cooperative_id  BIGINT       NOT NULL,
  payable         VARCHAR(16)  NOT NULL,
  household_id    BIGINT       NULL,
  amount_fen      BIGINT       NOT NULL,
  paid_on         DATE         NOT NULL,
  paid_from       VARCHAR(8)   NOT NULL,
  note            VARCHAR(500) NULL,
  ledger_entry_id BIGINT       NOT NULL,
  created_at      DATETIME(3)  NOT NULL,
  created_by      BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_book_payment_coop_date ON book_payment (cooperative_id, paid_on);

-- Posting and payout now also read each line's basis: a trade-volume (交售) rebate is credited to the
-- member's 应付盈余返还 (221), everything else to 应付剩余盈余 (222). The covering index grows by it.
DROP INDEX ix_distribution_line_amounts ON distribution_line;
CREATE INDEX ix_distribution_line_amounts ON distribution_line (run_id, household_id, recipient, basis, amount_fen);
