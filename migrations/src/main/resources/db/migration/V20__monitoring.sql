-- Low-income dynamic monitoring (seed 000, DESIGN.md 8.3).

-- 防止返贫监测 line per region prefix and year: the most specific (longest) prefix covering a household wins.
CREATE TABLE monitoring_line (
  region_prefix         VARCHAR(12)  NOT NULL,
  line_year             INT          NOT NULL,
  per_capita_income_fen BIGINT       NOT NULL,
  set_by                BIGINT       NOT NULL,
  set_at                DATETIME(3)  NOT NULL,
  PRIMARY KEY (region_prefix, line_year)
);

-- 一户一条救助链: every step of one household's chain, in the order recorded. step is EVENT (risk event),
-- ASSESSMENT, MEASURE (assistance by a department), REFERRAL (转办, with its due date), FOLLOW_UP
-- (answering a referral when refers_to names it) or CLOSURE (风险消除). Carries the household's region
-- so a region's chains are one indexed read and the table can be partitioned by it.
CREATE TABLE monitoring_step (
  id           BIGINT        NOT NULL,
  household_id BIGINT        NOT NULL,
  region_code  CHAR(12)      NOT NULL,
  step         VARCHAR(16)   NOT NULL,
  kind         VARCHAR(24)   NULL,
  department   VARCHAR(100)  NULL,
  amount_fen   BIGINT        NULL,
  start_on     DATE          NULL,
  end_on       DATE          NULL,
  due_on       DATE          NULL,
  refers_to    BIGINT        NULL,
  note         VARCHAR(1000) NULL,
  created_at   DATETIME(3)   NOT NULL,
  created_by   BIGINT        NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_monitoring_step_household ON monitoring_step (household_id, step, start_on);
CREATE INDEX ix_monitoring_step_region ON monitoring_step (region_code, step);

-- Alerts found by evaluating the indicators over a year's income. open_key is household:kind:year while
-- the alert is OPEN and
-- NULL once it is resolved or closed, so a unique index keeps one open alert per household and kind even
-- when two evaluations race.
CREATE TABLE monitoring_alert (
  id           BIGINT        NOT NULL,
  household_id BIGINT        NOT NULL,
  region_code  CHAR(12)      NOT NULL,
  kind         VARCHAR(24)   NOT NULL,
  alert_year   INT           NOT NULL,
  detail       VARCHAR(1000) NOT NULL,
  since        DATETIME(3)   NOT NULL,
  status       VARCHAR(12)   NOT NULL,
  open_key     VARCHAR(48)   NULL,
  ended_at     DATETIME(3)   NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_monitoring_alert_open ON monitoring_alert (open_key);
CREATE INDEX ix_monitoring_alert_region ON monitoring_alert (region_code, status, alert_year, kind);
CREATE INDEX ix_monitoring_alert_household ON monitoring_alert (household_id, since);
