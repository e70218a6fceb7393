-- A household's situation keeps its history (DESIGN.md 8.3, issue 17): every change the regulator makes
-- to poverty status (with the low-income kind), labour capacity or blacklist is a full snapshot of the
-- situation in force from effective_on on, with who recorded it, when and why. Distribution eligibility
-- reads the snapshot in force on a period's last day; the household row keeps the latest one for reads.
-- effective_on NULL: the situation as registered, in force until the first dated change.
CREATE TABLE household_status_change (
  id              BIGINT        NOT NULL,
  household_id    BIGINT        NOT NULL,
  region_code     CHAR(12)      NOT NULL,
  effective_on    DATE          NULL,
  status          VARCHAR(16)   NOT NULL,
  low_income_kind VARCHAR(24)   NULL,
  labor_capacity  VARCHAR(8)    NOT NULL,
  blacklisted     BOOLEAN       NOT NULL,
  reason          VARCHAR(500)  NULL,
  changed_by      BIGINT        NOT NULL,
  changed_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_household_status_change_household ON household_status_change (household_id, effective_on, id);

-- 低保 / 特困 / 低保边缘 / 刚性支出困难: which kind of LOW_INCOME household (NULL for every other status)
ALTER TABLE household ADD COLUMN low_income_kind VARCHAR(24) NULL;
