-- Identity and the participant registry.
-- Portability (DESIGN.md 3): ids are application-generated 64-bit time-ordered numbers (no
-- AUTO_INCREMENT), no triggers or procedures, indexes as separate CREATE INDEX statements, and every
-- table that grows with activity carries the cooperative it belongs to.
-- Times are UTC DATETIME(3); money is BIGINT fen; quantities DECIMAL(18,3) stored exactly.

CREATE TABLE app_user (
  id            BIGINT       NOT NULL,
  username      VARCHAR(64)  NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  scope_id      VARCHAR(32)  NULL,
  created_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_app_user_username ON app_user (username);

-- One row per server secret purpose: only a fingerprint of the key, never the key, so an instance
-- started with a different master key against the same database refuses to start instead of
-- writing identity numbers nobody can read back.
CREATE TABLE key_fingerprint (
  purpose     VARCHAR(32) NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (purpose)
);

CREATE TABLE cooperative (
  id          BIGINT       NOT NULL,
  name        VARCHAR(200) NOT NULL,
  uscc        CHAR(18)     NOT NULL,
  region_code CHAR(12)     NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  created_by  BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_cooperative_uscc ON cooperative (uscc);
CREATE INDEX ix_cooperative_region ON cooperative (region_code);

-- 身份证号: encrypted (AES-GCM) for the rare lawful read, a keyed hash (HMAC-SHA256) for
-- duplicate detection and look-up, and the masked form for display. Never the clear number.
CREATE TABLE household (
  id                     BIGINT       NOT NULL,
  name                   VARCHAR(100) NOT NULL,
  id_number_cipher       VARBINARY(255) NOT NULL,
  id_number_hash         BINARY(32)   NOT NULL,
  id_number_masked       VARCHAR(18)  NOT NULL,
  region_code            CHAR(12)     NOT NULL,
  members                INT          NOT NULL,
  labor_capacity         VARCHAR(8)   NOT NULL,
  status                 VARCHAR(16)  NOT NULL,
  blacklisted            BOOLEAN      NOT NULL DEFAULT FALSE,
  exit_date              DATE         NULL,
  registered_by_cooperative_id BIGINT NULL,
  created_at             DATETIME(3)  NOT NULL,
  created_by             BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_household_id_number_hash ON household (id_number_hash);
CREATE INDEX ix_household_region ON household (region_code);

CREATE TABLE buyer (
  id                        BIGINT       NOT NULL,
  name                      VARCHAR(200) NOT NULL,
  kind                      VARCHAR(16)  NOT NULL,
  uscc                      CHAR(18)     NOT NULL,
  region_code               CHAR(12)     NOT NULL,
  annual_food_budget_fen    BIGINT       NOT NULL,
  reserved_share_percent    DECIMAL(5,2) NOT NULL,
  created_at                DATETIME(3)  NOT NULL,
  created_by                BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_buyer_uscc ON buyer (uscc);
CREATE INDEX ix_buyer_region ON buyer (region_code);

CREATE TABLE membership (
  id             BIGINT      NOT NULL,
  cooperative_id BIGINT      NOT NULL,
  household_id   BIGINT      NOT NULL,
  joined_on      DATE        NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  created_by     BIGINT      NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_membership_coop_household ON membership (cooperative_id, household_id);
CREATE INDEX ix_membership_household ON membership (household_id);

-- Share holdings by class, dated so dividends can weight by days held within a period.
CREATE TABLE share_holding (
  id             BIGINT        NOT NULL,
  cooperative_id BIGINT        NOT NULL,
  household_id   BIGINT        NOT NULL,
  share_class    VARCHAR(8)    NOT NULL,
  units          DECIMAL(18,3) NOT NULL,
  since          DATE          NOT NULL,
  until          DATE          NULL,
  created_at     DATETIME(3)   NOT NULL,
  created_by     BIGINT        NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_share_holding_coop_household ON share_holding (cooperative_id, household_id);

-- 交售: produce a member delivered to the cooperative.
CREATE TABLE delivery (
  id             BIGINT        NOT NULL,
  cooperative_id BIGINT        NOT NULL,
  household_id   BIGINT        NOT NULL,
  product        VARCHAR(100)  NOT NULL,
  quantity       DECIMAL(18,3) NOT NULL,
  unit           VARCHAR(8)    NOT NULL,
  value_fen      BIGINT        NOT NULL,
  delivered_on   DATE          NOT NULL,
  created_at     DATETIME(3)   NOT NULL,
  created_by     BIGINT        NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_delivery_coop_date ON delivery (cooperative_id, delivered_on);

CREATE TABLE labor_record (
  id             BIGINT       NOT NULL,
  cooperative_id BIGINT       NOT NULL,
  household_id   BIGINT       NOT NULL,
  days           DECIMAL(6,1) NOT NULL,
  worked_on      DATE         NOT NULL,
  post           VARCHAR(100) NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  created_by     BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_labor_record_coop_date ON labor_record (cooperative_id, worked_on);

CREATE TABLE cost_record (
  id             BIGINT       NOT NULL,
  cooperative_id BIGINT       NOT NULL,
  amount_fen     BIGINT       NOT NULL,
  category       VARCHAR(40)  NOT NULL,
  incurred_on    DATE         NOT NULL,
  note           VARCHAR(500) NULL,
  created_at     DATETIME(3)  NOT NULL,
  created_by     BIGINT       NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_cost_record_coop_date ON cost_record (cooperative_id, incurred_on);

-- 结对帮扶: a buyer paired with a cooperative (REGIONAL / POINT_TO_POINT / KEY_LINK).
CREATE TABLE pairing (
  id             BIGINT      NOT NULL,
  buyer_id       BIGINT      NOT NULL,
  cooperative_id BIGINT      NOT NULL,
  form           VARCHAR(16) NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  created_by     BIGINT      NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_pairing_buyer_coop ON pairing (buyer_id, cooperative_id);
CREATE INDEX ix_pairing_coop ON pairing (cooperative_id);
