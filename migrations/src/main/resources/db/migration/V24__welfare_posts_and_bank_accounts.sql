-- Issue 14 points 7 and 9: the public-welfare post register (公益岗位) with the days worked on each post,
-- and the households' bank accounts (一卡通) for the payout bank batch file.

-- A public-welfare post a cooperative (or the village it serves) runs: where, what it pays, how many
-- people it takes and for how long. Pay is per full month of work_days_per_month days; a household's pay
-- for a period is days × monthly_pay_fen ÷ work_days_per_month (benefit-rules: guaranteed postPay).
CREATE TABLE welfare_post (
  id                  BIGINT       NOT NULL,
  cooperative_id      BIGINT       NOT NULL,
  name                VARCHAR(100) NOT NULL,
  region_code         CHAR(12)     NOT NULL,
  monthly_pay_fen     BIGINT       NOT NULL,
  work_days_per_month INT          NOT NULL,
  capacity            INT          NOT NULL,
  starts_on           DATE         NOT NULL,
  ends_on             DATE         NULL,
  created_at          DATETIME(3)  NOT NULL,
  created_by          BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_welfare_post_pay CHECK (monthly_pay_fen > 0 AND work_days_per_month > 0 AND capacity > 0),
  CONSTRAINT ck_welfare_post_dates CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX ix_welfare_post_coop ON welfare_post (cooperative_id, starts_on);

-- Days a household worked on a post: only these count for a welfare-post step (basis post_days);
-- other labour (labor_record: wage work, 返租倒包) does not.
CREATE TABLE welfare_post_day (
  id             BIGINT       NOT NULL,
  cooperative_id BIGINT       NOT NULL,
  post_id        BIGINT       NOT NULL,
  household_id   BIGINT       NOT NULL,
  days           DECIMAL(6,1) NOT NULL,
  worked_on      DATE         NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  created_by     BIGINT       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_welfare_post_day_days CHECK (days > 0)
);
CREATE INDEX ix_welfare_post_day_coop_date ON welfare_post_day (cooperative_id, worked_on);
CREATE INDEX ix_welfare_post_day_post ON welfare_post_day (post_id, worked_on, household_id);

-- A household's bank account (一卡通 / 社保卡 / 银行卡) for payouts: the number AES-GCM encrypted like an
-- identity number, shown masked everywhere; only the payout bank file of a posted run carries it in full.
-- One account per household, replaced when it changes; the holder is the person the bank pays.
CREATE TABLE household_bank_account (
  household_id   BIGINT         NOT NULL,
  region_code    CHAR(12)       NOT NULL,
  bank_name      VARCHAR(100)   NOT NULL,
  holder_name    VARCHAR(100)   NOT NULL,
  account_cipher VARBINARY(255) NOT NULL,
  account_masked VARCHAR(40)    NOT NULL,
  updated_at     DATETIME(3)    NOT NULL,
  updated_by     BIGINT         NOT NULL,
  PRIMARY KEY (household_id)
);
CREATE INDEX ix_household_bank_account_region ON household_bank_account (region_code);
