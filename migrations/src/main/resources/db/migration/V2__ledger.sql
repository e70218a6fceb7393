-- The double-entry ledger (DESIGN.md 4, invariants 1-3, 5, 7, 8).
-- ledger_entry and ledger_posting are insert-only: no code path updates or deletes them; a mistake
-- is corrected by a reversing entry. The only mutable ledger table is ledger_chain (the chain heads).

-- An account per owner and purpose, created on first use (the unique index decides the race).
-- cooperative_id is set for cooperative-owned accounts (partitioning, per-cooperative views);
-- buyer and household accounts are shared by every cooperative they deal with, so it is NULL there.
-- No balance column: balances are derived from the postings by a covering index (see
-- ledger_posting), so a posting never updates a shared row (a buyer's or household's account is
-- touched by many cooperatives) and the current and as-of balances come from one query shape.
CREATE TABLE ledger_account (
  id             BIGINT      NOT NULL,
  owner_type     VARCHAR(16) NOT NULL,
  owner_id       BIGINT      NOT NULL,
  purpose        VARCHAR(32) NOT NULL,
  cooperative_id BIGINT      NULL,
  currency       CHAR(3)     NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_ledger_account_owner ON ledger_account (owner_type, owner_id, purpose);
CREATE INDEX ix_ledger_account_cooperative ON ledger_account (cooperative_id);

-- A journal entry. Entries form one hash chain per cooperative (chain_seq 1, 2, ...):
-- content_hash covers the business content (kind, reference, idempotency ref, cooperative, date,
-- reversed entry and every posting as account owner/purpose and amount); hash covers prev_hash,
-- the entry's own id, seq, content_hash, who caused it, memo and time.
-- idempotency_ref is UNIQUE: the same business event cannot be posted twice, even by two
-- transactions at once on two server instances. reverses_entry_id is UNIQUE: an entry is reversed
-- at most once.
CREATE TABLE ledger_entry (
  id                BIGINT       NOT NULL,
  cooperative_id    BIGINT       NOT NULL,
  chain_seq         BIGINT       NOT NULL,
  kind              VARCHAR(32)  NOT NULL,
  reference_type    VARCHAR(32)  NOT NULL,
  reference_id      BIGINT       NOT NULL,
  idempotency_ref   VARCHAR(190) NOT NULL,
  caused_by         BIGINT       NOT NULL,
  memo              VARCHAR(500) NULL,
  effective_date    DATE         NOT NULL,
  created_at        DATETIME(3)  NOT NULL,
  reverses_entry_id BIGINT       NULL,
  posting_count     INT          NOT NULL,
  content_hash      BINARY(32)   NOT NULL,
  prev_hash         BINARY(32)   NOT NULL,
  hash              BINARY(32)   NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_ledger_entry_idempotency ON ledger_entry (idempotency_ref);
CREATE UNIQUE INDEX ux_ledger_entry_chain ON ledger_entry (cooperative_id, chain_seq);
CREATE UNIQUE INDEX ux_ledger_entry_reverses ON ledger_entry (reverses_entry_id);
CREATE INDEX ix_ledger_entry_reference ON ledger_entry (reference_type, reference_id);

-- One line of an entry: debit > 0, credit < 0, never 0. Keyed by (entry, line) so a 100,000-line
-- entry needs no 100,000 generated ids. effective_date is copied from the entry so that the
-- covering index (account_id, effective_date, amount_fen) answers a balance, an as-of balance and
-- an account's entry page without touching the table rows.
CREATE TABLE ledger_posting (
  entry_id       BIGINT  NOT NULL,
  line_no        INT     NOT NULL,
  account_id     BIGINT  NOT NULL,
  amount_fen     BIGINT  NOT NULL,
  cooperative_id BIGINT  NOT NULL,
  effective_date DATE    NOT NULL,
  PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX ix_ledger_posting_account ON ledger_posting (account_id, effective_date, amount_fen);

-- The head of each cooperative's hash chain. Posting locks this row (SELECT ... FOR UPDATE), so
-- entries of one cooperative are chained one after another while other cooperatives post in
-- parallel. Updated in the posting's transaction; ledger_entry itself is never updated.
CREATE TABLE ledger_chain (
  cooperative_id BIGINT      NOT NULL,
  last_seq       BIGINT      NOT NULL,
  last_entry_id  BIGINT      NULL,
  last_hash      BINARY(32)  NOT NULL,
  updated_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (cooperative_id)
);
