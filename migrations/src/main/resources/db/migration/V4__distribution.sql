-- Distribution runs (DESIGN.md 2, 5, 6): DRAFT → PUBLICIZED (公示, objections) → APPROVED → POSTED
-- (→ REVERSED). A run keeps every allocation line with its explanation and the provenance of its
-- pool (the settled orders and costs of the period), so each fen a household receives is traceable.
-- Runs are business state and change status; the money they move lives only in the ledger.

CREATE TABLE distribution_run (
  id                 BIGINT       NOT NULL,
  cooperative_id     BIGINT       NOT NULL,
  rule_set_id        VARCHAR(64)  NOT NULL,
  rule_set_version   INT          NOT NULL,
  period_start       DATE         NOT NULL,
  period_end         DATE         NOT NULL,
  status             VARCHAR(16)  NOT NULL,
  -- "coop:ruleSet:start:end" while the run is a DRAFT, so at most one draft per cooperative, rule
  -- set and period exists (a new draft replaces the old one); NULL once publicized.
  draft_key          VARCHAR(190) NULL,
  revenue_fen        BIGINT       NOT NULL,
  cost_fen           BIGINT       NOT NULL,
  pool_fen           BIGINT       NOT NULL,
  liability_fen      BIGINT       NOT NULL,
  line_count         INT          NOT NULL,
  result_json        MEDIUMTEXT   NOT NULL,
  publicity_start    DATE         NULL,
  publicity_end      DATE         NULL,
  approved_by        BIGINT       NULL,
  approved_at        DATETIME(3)  NULL,
  posted_by          BIGINT       NULL,
  posted_at          DATETIME(3)  NULL,
  ledger_entry_id    BIGINT       NULL,
  paid_at            DATETIME(3)  NULL,
  paid_entry_id      BIGINT       NULL,
  reversed_by        BIGINT       NULL,
  reversed_at        DATETIME(3)  NULL,
  reversal_entry_id  BIGINT       NULL,
  reversal_reason    VARCHAR(500) NULL,
  created_by         BIGINT       NOT NULL,
  created_at         DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_distribution_run_draft ON distribution_run (draft_key);
CREATE INDEX ix_distribution_run_coop ON distribution_run (cooperative_id, period_end);

-- One allocation line. household_id is NULL for fixed recipients (provident fund, collective, operator).
CREATE TABLE distribution_line (
  run_id          BIGINT        NOT NULL,
  line_no         INT           NOT NULL,
  cooperative_id  BIGINT        NOT NULL,
  household_id    BIGINT        NULL,
  recipient       VARCHAR(32)   NOT NULL,
  step_id         VARCHAR(64)   NOT NULL,
  basis           VARCHAR(32)   NULL,
  basis_value     VARCHAR(40)   NULL,
  amount_fen      BIGINT        NOT NULL,
  explanation_zh  VARCHAR(1000) NOT NULL,
  explanation_en  VARCHAR(1000) NOT NULL,
  PRIMARY KEY (run_id, line_no)
);
CREATE INDEX ix_distribution_line_household ON distribution_line (household_id, run_id);

-- What made the pool: each settled order (revenue) and each cost of the period.
CREATE TABLE distribution_source (
  run_id         BIGINT      NOT NULL,
  source_type    VARCHAR(8)  NOT NULL,
  source_id      BIGINT      NOT NULL,
  cooperative_id BIGINT      NOT NULL,
  amount_fen     BIGINT      NOT NULL,
  PRIMARY KEY (run_id, source_type, source_id)
);

-- 异议: raised during publicity; an open objection (no answer) blocks approval.
CREATE TABLE distribution_objection (
  id             BIGINT        NOT NULL,
  run_id         BIGINT        NOT NULL,
  cooperative_id BIGINT        NOT NULL,
  household_id   BIGINT        NULL,
  text           VARCHAR(2000) NOT NULL,
  raised_by      BIGINT        NULL,
  raised_at      DATETIME(3)   NOT NULL,
  answer         VARCHAR(2000) NULL,
  answered_by    BIGINT        NULL,
  answered_at    DATETIME(3)   NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_distribution_objection_run ON distribution_objection (run_id);
