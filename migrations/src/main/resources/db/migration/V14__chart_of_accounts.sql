-- Issue 13: the ledger becomes the cooperative's statutory book (DESIGN.md 8.1). Every account is an
-- account of the chart of 《农民专业合作社会计制度》 (财会〔2021〕37号, see ledger/ChartAccount.java) in one
-- cooperative's book, the per-member accounts (成员往来, 股金, 专项基金, 应付盈余返还, 应付剩余盈余) as a
-- member household's sub-account within that cooperative. Buyers own no accounts any more: their
-- 以购代捐 totals come from their orders.
--
-- Existing postings move onto the chart; nothing is lost (every posting keeps its entry, line and
-- amount, so every entry still balances and every balance is kept, now under its chart account):
--   BUYER_PROCUREMENT, BUYER_PAID, COOP_CASH      -> 102 银行存款      (the buyer's payment is in the bank)
--   COOP_REVENUE                                  -> 501 经营收入
--   COOP_COST                                     -> 521 经营支出
--   DISTRIBUTABLE_SURPLUS                         -> 332 盈余分配
--   PROVIDENT_FUND                                -> 322 盈余公积
--   VILLAGE_COLLECTIVE_PAYABLE, OPERATOR_PAYABLE,
--   GUARANTEE_LIABILITY                           -> 211 应付款
--   HOUSEHOLD DIVIDEND_PAYABLE                    -> 222 应付剩余盈余 of that member in the posting's cooperative
--   HOUSEHOLD DIVIDEND_PAID                       -> 102 银行存款      (the payout file moved real money)
-- Buyer and household accounts were shared by every cooperative they dealt with; a posting's
-- cooperative_id (its entry's) says whose book it moves into. The same mapping is
-- ledger/LegacyAccounts.java, which the verifier applies (LegacyAccountsTest keeps the two in step).
--
-- Hash chains stay valid: an entry's content hash covers each posting's account as it was named when
-- it was posted (owner type, owner id, purpose). ledger_posting_v1 keeps exactly that name for every
-- posting that exists now, and the verifier hashes an entry's lines from it when it has them (new
-- entries have none and hash their chart accounts). So the stored content hashes are recomputed from
-- the same bytes as before, and re-pointing a migrated posting elsewhere still shows: the verifier
-- also requires the posting's current account to be the chart account the mapping gives for its
-- stored name.

CREATE TABLE ledger_posting_v1 (
  entry_id   BIGINT      NOT NULL,
  line_no    INT         NOT NULL,
  owner_type VARCHAR(16) NOT NULL,
  owner_id   BIGINT      NOT NULL,
  purpose    VARCHAR(32) NOT NULL,
  PRIMARY KEY (entry_id, line_no)
);
INSERT INTO ledger_posting_v1 (entry_id, line_no, owner_type, owner_id, purpose)
SELECT p.entry_id, p.line_no, a.owner_type, a.owner_id, a.purpose
FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id;

-- Where each (cooperative, legacy account) pair that has postings moves.
CREATE TABLE ledger_account_move (
  cooperative_id    BIGINT      NOT NULL,
  legacy_account_id BIGINT      NOT NULL,
  chart_account     VARCHAR(32) NOT NULL,
  member_id         BIGINT      NOT NULL,
  created_at        DATETIME(3) NOT NULL,
  PRIMARY KEY (cooperative_id, legacy_account_id)
);
INSERT INTO ledger_account_move (cooperative_id, legacy_account_id, chart_account, member_id, created_at)
SELECT DISTINCT p.cooperative_id, a.id,
  CASE a.purpose
    WHEN 'BUYER_PROCUREMENT' THEN 'BANK_DEPOSIT'
    WHEN 'BUYER_PAID' THEN 'BANK_DEPOSIT'
    WHEN 'COOP_CASH' THEN 'BANK_DEPOSIT'
    WHEN 'COOP_REVENUE' THEN 'OPERATING_INCOME'
    WHEN 'COOP_COST' THEN 'OPERATING_EXPENSES'
    WHEN 'DISTRIBUTABLE_SURPLUS' THEN 'SURPLUS_DISTRIBUTION'
    WHEN 'PROVIDENT_FUND' THEN 'SURPLUS_RESERVE'
    WHEN 'VILLAGE_COLLECTIVE_PAYABLE' THEN 'PAYABLES'
    WHEN 'OPERATOR_PAYABLE' THEN 'PAYABLES'
    WHEN 'GUARANTEE_LIABILITY' THEN 'PAYABLES'
    WHEN 'DIVIDEND_PAYABLE' THEN 'REMAINING_SURPLUS_PAYABLE'
    WHEN 'DIVIDEND_PAID' THEN 'BANK_DEPOSIT'
  END,
  CASE WHEN a.purpose = 'DIVIDEND_PAYABLE' THEN a.owner_id ELSE 0 END,
  a.created_at
FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id;

-- The chart accounts. member_id is 0, not NULL, for the cooperative's own accounts so that the unique
-- index decides creation races for them too (NULLs never collide in a unique index).
CREATE TABLE ledger_account_chart (
  id             BIGINT      NOT NULL,
  cooperative_id BIGINT      NOT NULL,
  chart_account  VARCHAR(32) NOT NULL,
  member_id      BIGINT      NOT NULL,
  currency       CHAR(3)     NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_ledger_account_chart ON ledger_account_chart (cooperative_id, chart_account, member_id);
CREATE INDEX ix_ledger_account_member ON ledger_account_chart (member_id, cooperative_id);

-- Ids 1..n: application ids (platform/Ids) are milliseconds since 2024-01-01 shifted left by 22 bits,
-- above 4,194,304 for any id made after the first millisecond of 2024, so these can never collide.
INSERT INTO ledger_account_chart (id, cooperative_id, chart_account, member_id, currency, created_at)
SELECT ROW_NUMBER() OVER (ORDER BY cooperative_id, chart_account, member_id), cooperative_id, chart_account,
  member_id, 'CNY', MIN(created_at)
FROM ledger_account_move GROUP BY cooperative_id, chart_account, member_id;

UPDATE ledger_posting p
  JOIN ledger_account_move m ON m.cooperative_id = p.cooperative_id AND m.legacy_account_id = p.account_id
  JOIN ledger_account_chart c ON c.cooperative_id = m.cooperative_id AND c.chart_account = m.chart_account
    AND c.member_id = m.member_id
SET p.account_id = c.id;

DROP TABLE ledger_account_move;
DROP TABLE ledger_account;
RENAME TABLE ledger_account_chart TO ledger_account;
