-- Issue 13 point 1: every ledger account is an account of the chart of 《农民专业合作社会计制度》
-- (cn.bangfu.ledger.ChartAccount), kept by one cooperative; the per-member accounts (成员往来 114,
-- 股金 301, 应付盈余返还 221, 应付剩余盈余 222) are a household's sub-accounts within that cooperative.
--
-- Before: accounts were (owner_type, owner_id, purpose) with purposes off the chart, and buyer and
-- household accounts were shared by every cooperative they dealt with. After: ledger_account is
-- (cooperative_id, chart_code, household_id), household_id 0 for the cooperative's own accounts.
--
-- Nothing is lost and the hash chains still verify:
-- * the old account rows are kept, unchanged, as ledger_account_legacy;
-- * every existing posting is re-pointed to the chart account its old account maps to in the
--   posting's cooperative (mapping below), and remembers its old account in hashed_account_id;
-- * a posting's content-hash identity is what was hashed when it was posted: the verifier hashes a
--   posting with hashed_account_id as (owner_type, owner_id, purpose) of that legacy row, exactly as
--   before, and a posting without it (every posting made after this migration) as its chart account
--   (COOPERATIVE, cooperative id, code) or (MEMBER, household id, code). Legacy purposes are names
--   (COOP_REVENUE…) and chart purposes are codes (501…), so the two shapes can never hash alike.
-- Amounts, entries and chain heads are not touched, so every entry still balances and chains.
-- (ChartOfAccountsMigrationTest posts entries of the old shape, migrates and verifies.)
--
-- The mapping (the old entries in chart terms):
--   settlement   Dr BUYER_PROCUREMENT(buyer)  Cr COOP_REVENUE  ->  Dr 102 银行存款  Cr 501 经营收入
--   distribution Dr COOP_REVENUE (the pool)                    ->  Dr 332 盈余分配
--                Dr DISTRIBUTABLE_SURPLUS (guarantee shortfall) ->  Dr 332 盈余分配
--                Cr PROVIDENT_FUND                              ->  Cr 322 盈余公积
--                Cr VILLAGE_COLLECTIVE/OPERATOR_PAYABLE, GUARANTEE_LIABILITY -> Cr 211 应付款
--                Cr DIVIDEND_PAYABLE(household)                 ->  Cr 222 应付剩余盈余 (that member)
--   payout       Dr DIVIDEND_PAYABLE  Cr DIVIDEND_PAID(household) -> Dr 222 (member)  Cr 102 银行存款
--   COOP_CASH, BUYER_PAID -> 102 银行存款; COOP_COST -> 521 经营支出.
-- COOP_REVENUE is 经营收入 except in a distribution (or its reversal), where it was the pool taken out
-- of the surplus: 盈余分配.

ALTER TABLE ledger_account RENAME TO ledger_account_legacy;

CREATE TABLE ledger_account (
  id             BIGINT      NOT NULL,
  cooperative_id BIGINT      NOT NULL,
  chart_code     VARCHAR(8)  NOT NULL,
  household_id   BIGINT      NOT NULL DEFAULT 0,
  currency       CHAR(3)     NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
);
-- household_id is 0 (not NULL) for the cooperative's own accounts so the unique index decides the
-- creation race for them too; NULLs would never collide.
CREATE UNIQUE INDEX ux_ledger_account_chart ON ledger_account (cooperative_id, chart_code, household_id);
CREATE INDEX ix_ledger_account_household ON ledger_account (household_id);

ALTER TABLE ledger_posting ADD COLUMN hashed_account_id BIGINT NULL;

-- The data moves below are not schema: jOOQ's code generator (DDLDatabase) skips them.
-- [jooq ignore start]
-- Each posting's chart account, as (cooperative, code, household).
CREATE TEMPORARY TABLE chart_mapping AS
SELECT p.entry_id, p.line_no, p.cooperative_id,
       CASE
         WHEN a.purpose = 'COOP_REVENUE'
              AND (e.kind = 'DISTRIBUTION' OR (e.kind = 'REVERSAL' AND o.kind = 'DISTRIBUTION')) THEN '332'
         WHEN a.purpose = 'COOP_REVENUE' THEN '501'
         WHEN a.purpose IN ('BUYER_PROCUREMENT', 'BUYER_PAID', 'COOP_CASH', 'DIVIDEND_PAID') THEN '102'
         WHEN a.purpose = 'COOP_COST' THEN '521'
         WHEN a.purpose = 'DISTRIBUTABLE_SURPLUS' THEN '332'
         WHEN a.purpose = 'PROVIDENT_FUND' THEN '322'
         WHEN a.purpose IN ('VILLAGE_COLLECTIVE_PAYABLE', 'OPERATOR_PAYABLE', 'GUARANTEE_LIABILITY') THEN '211'
         WHEN a.purpose = 'DIVIDEND_PAYABLE' THEN '222'
       END AS chart_code,
       CASE WHEN a.purpose = 'DIVIDEND_PAYABLE' THEN a.owner_id ELSE 0 END AS household_id,
       a.created_at
FROM ledger_posting p
JOIN ledger_account_legacy a ON a.id = p.account_id
JOIN ledger_entry e ON e.id = p.entry_id
LEFT JOIN ledger_entry o ON o.id = e.reverses_entry_id;

-- New account ids are small numbers (1, 2, ...): application ids are milliseconds << 22, so they
-- never meet these.
INSERT INTO ledger_account (id, cooperative_id, chart_code, household_id, currency, created_at)
SELECT ROW_NUMBER() OVER (ORDER BY cooperative_id, chart_code, household_id),
       cooperative_id, chart_code, household_id, 'CNY', MIN(created_at)
FROM chart_mapping
GROUP BY cooperative_id, chart_code, household_id;

UPDATE ledger_posting p
JOIN chart_mapping m ON m.entry_id = p.entry_id AND m.line_no = p.line_no
JOIN ledger_account c ON c.cooperative_id = m.cooperative_id AND c.chart_code = m.chart_code
                     AND c.household_id = m.household_id
SET p.hashed_account_id = p.account_id, p.account_id = c.id;

DROP TEMPORARY TABLE chart_mapping;
-- [jooq ignore stop]
