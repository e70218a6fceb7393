-- The daily evaluation of time-driven alerts (NO_MEASURE, UNPAID_DIVIDEND, overdue referrals: issue 17):
-- every instance's timer tries it, the one that inserts the business day's row runs it, in the same
-- transaction, so a county's several instances evaluate once a day and a failed run is tried again.
CREATE TABLE monitoring_daily_run (
  run_day     DATE        NOT NULL,
  started_at  DATETIME(3) NOT NULL,
  opened      INT         NOT NULL,
  resolved    INT         NOT NULL,
  PRIMARY KEY (run_day)
);
