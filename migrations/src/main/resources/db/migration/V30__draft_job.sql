-- Drafting a large cooperative's distribution is long work (issue 16): the accountant's page starts it as a
-- job and shows its progress; the row is what a reload (or another instance) reads. The draft itself is one
-- transaction of its own; this row is written beside it, in short autocommitted statements, so the progress
-- is visible while the draft's transaction is still open.
CREATE TABLE draft_job (
  id              BIGINT        NOT NULL,
  cooperative_id  BIGINT        NOT NULL,
  rule_set_id     VARCHAR(64)   NOT NULL,
  period_start    DATE          NOT NULL,
  period_end      DATE          NOT NULL,
  -- RUNNING, DONE, FAILED
  status          VARCHAR(16)   NOT NULL,
  -- GATHERING, ALLOCATING, WRITING: where a running job is
  stage           VARCHAR(16)   NOT NULL,
  done_count      INT           NOT NULL,
  total_count     INT           NOT NULL,
  -- "coop:ruleSet:start:end" while RUNNING, NULL after: a double click joins the job already running
  running_key     VARCHAR(190)  NULL,
  run_id          BIGINT        NULL,
  -- a refused draft: the field, the HTTP code and the service's message, turned into Chinese by the page
  error_field     VARCHAR(64)   NULL,
  error_http_code INT           NULL,
  error_message   VARCHAR(1000) NULL,
  created_by      BIGINT        NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  -- the machine's time of the last sign of life: a job whose process died is told apart by a stale heartbeat
  heartbeat_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_draft_job_running ON draft_job (running_key);
CREATE INDEX ix_draft_job_cooperative ON draft_job (cooperative_id, created_at);
