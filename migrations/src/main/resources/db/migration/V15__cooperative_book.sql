-- Issue 13 points 2-3: every money event of a cooperative is an entry on its chart, and 结账 closes a year.

-- A member's contribution: 股金 (CAPITAL, credited to the member's 301 股金 sub-account) or fiscal /
-- donated funds quantified to the member (FISCAL_QUANTIFIED / DONATED_QUANTIFIED, credited to 311
-- 专项基金; this row is the member's quantified share, Cooperative Law art. 43). The ledger entry
-- is the money; this row says whose it is.
CREATE TABLE member_contribution (
  id             BIGINT      NOT NULL,
  cooperative_id BIGINT      NOT NULL,
  household_id   BIGINT      NOT NULL,
  kind           VARCHAR(24) NOT NULL,
  amount_fen     BIGINT      NOT NULL,
  contributed_on DATE        NOT NULL,
  ledger_entry_id BIGINT     NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  created_by     BIGINT      NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_member_contribution_member ON member_contribution (cooperative_id, household_id, contributed_on);

-- Off-platform income (other sales, subsidies, a PV station's grid income, services): the entry is
-- the money, this row keeps the category and note the accountant typed.
CREATE TABLE cooperative_income (
  id             BIGINT       NOT NULL,
  cooperative_id BIGINT       NOT NULL,
  category       VARCHAR(24)  NOT NULL,
  amount_fen     BIGINT       NOT NULL,
  received_on    DATE         NOT NULL,
  received_into  VARCHAR(8)   NOT NULL,
  note           VARCHAR(500) NULL,
  ledger_entry_id BIGINT      NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  created_by     BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_cooperative_income_coop_date ON cooperative_income (cooperative_id, received_on);

-- A cost now says how it was paid and which entry booked it (NULL for costs recorded before V15).
ALTER TABLE cost_record ADD COLUMN paid_from VARCHAR(8) NULL;
ALTER TABLE cost_record ADD COLUMN ledger_entry_id BIGINT NULL;

-- 结账 by the period-close route closes a year without a distribution run (run_id NULL); the
-- closing entry (income and cost into 本年盈余, then into 盈余分配) is recorded with the close.
ALTER TABLE year_close MODIFY run_id BIGINT NULL;
ALTER TABLE year_close ADD COLUMN closing_entry_id BIGINT NULL;
