-- Production-to-market (产销对接): produce lots, buyer demands, 以购代捐 orders, their history, and the
-- idempotency records of order writes. Same portability rules as V1: application ids, no triggers,
-- every activity table carries the cooperative it belongs to (lots and orders are partitionable by it).

-- A cooperative's produce on offer. region_code is the cooperative's, copied at insert so that the
-- region-prefix search needs no join. available_quantity is decremented by ONE conditional UPDATE
-- per order (`... WHERE available_quantity >= ?`), which is what makes overselling impossible; the
-- CHECK is a second line of defence that the database enforces (MariaDB 10.2+, MySQL 8.0.16+).
-- certifications: comma-separated set of GREEN, ORGANIC, GEOGRAPHICAL_INDICATION, POVERTY_PRODUCT.
CREATE TABLE lot (
  id                 BIGINT        NOT NULL,
  cooperative_id     BIGINT        NOT NULL,
  region_code        CHAR(12)      NOT NULL,
  product            VARCHAR(100)  NOT NULL,
  grade              VARCHAR(40)   NOT NULL,
  unit               VARCHAR(8)    NOT NULL,
  quantity           DECIMAL(18,3) NOT NULL,
  available_quantity DECIMAL(18,3) NOT NULL,
  min_order_quantity DECIMAL(18,3) NOT NULL,
  unit_price_fen     BIGINT        NOT NULL,
  available_from     DATE          NOT NULL,
  available_to       DATE          NOT NULL,
  certifications     VARCHAR(120)  NOT NULL,
  created_at         DATETIME(3)   NOT NULL,
  created_by         BIGINT        NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_lot_available CHECK (available_quantity >= 0 AND available_quantity <= quantity)
);
-- Matching loads the open lots of one product with one range scan of this index.
CREATE INDEX ix_lot_product_open ON lot (product, available_to);
CREATE INDEX ix_lot_cooperative ON lot (cooperative_id, available_to);
CREATE INDEX ix_lot_region ON lot (region_code, available_to);

-- What an institutional buyer (school, hospital, agency canteen) wants to buy.
-- cooperative_id is absent by nature (a demand belongs to a buyer, not to a cooperative).
CREATE TABLE demand (
  id                    BIGINT        NOT NULL,
  buyer_id              BIGINT        NOT NULL,
  product               VARCHAR(100)  NOT NULL,
  quantity              DECIMAL(18,3) NOT NULL,
  unit                  VARCHAR(8)    NOT NULL,
  max_unit_price_fen    BIGINT        NOT NULL,
  deliver_by            DATE          NOT NULL,
  delivery_region_code  CHAR(12)      NOT NULL,
  created_at            DATETIME(3)   NOT NULL,
  created_by            BIGINT        NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_demand_product_open ON demand (product, deliver_by);
CREATE INDEX ix_demand_buyer ON demand (buyer_id);

-- A 以购代捐 purchase order. quantity and unit_price_fen are fixed at placement (the lot's price);
-- amount_fen = quantity x unit_price_fen half-up, recomputed from accepted_quantity on acceptance.
-- Status moves only by `UPDATE ... WHERE id = ? AND status = <expected>` so two concurrent
-- transitions cannot both win.
CREATE TABLE purchase_order (
  id                 BIGINT        NOT NULL,
  cooperative_id     BIGINT        NOT NULL,
  buyer_id           BIGINT        NOT NULL,
  lot_id             BIGINT        NOT NULL,
  demand_id          BIGINT        NULL,
  product            VARCHAR(100)  NOT NULL,
  unit               VARCHAR(8)    NOT NULL,
  quantity           DECIMAL(18,3) NOT NULL,
  unit_price_fen     BIGINT        NOT NULL,
  amount_fen         BIGINT        NOT NULL,
  accepted_quantity  DECIMAL(18,3) NULL,
  status             VARCHAR(16)   NOT NULL,
  payment_ref        VARCHAR(100)  NULL,
  settled_on         DATE          NULL,
  ledger_entry_id    BIGINT        NULL,
  created_at         DATETIME(3)   NOT NULL,
  created_by         BIGINT        NOT NULL,
  updated_at         DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_purchase_order_buyer ON purchase_order (buyer_id, status);
CREATE INDEX ix_purchase_order_cooperative ON purchase_order (cooperative_id, status);
CREATE INDEX ix_purchase_order_lot ON purchase_order (lot_id);
-- Procurement summaries sum settled amounts per buyer / cooperative and year.
CREATE INDEX ix_purchase_order_buyer_settled ON purchase_order (buyer_id, settled_on);
CREATE INDEX ix_purchase_order_coop_settled ON purchase_order (cooperative_id, settled_on);

-- Who moved an order when, from which status to which (for disputes). Append-only.
CREATE TABLE order_history (
  id             BIGINT       NOT NULL,
  order_id       BIGINT       NOT NULL,
  cooperative_id BIGINT       NOT NULL,
  from_status    VARCHAR(16)  NULL,
  to_status      VARCHAR(16)  NOT NULL,
  actor_user_id  BIGINT       NOT NULL,
  actor_role     VARCHAR(16)  NOT NULL,
  note           VARCHAR(500) NULL,
  at             DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_order_history_order ON order_history (order_id, at);

-- Idempotency-Key records of order writes. The unique index on (owner, idem_key) is the guard: the
-- first request inserts its row inside its own transaction; a concurrent twin blocks on the index
-- until that commits and then gets a duplicate-key error, reads the stored response and replays it.
-- owner is the caller's scope ("BUYER:<id>", "COOP:<id>"); request_hash is SHA-256 of method, path
-- and body, so the same key with another body is refused (422).
CREATE TABLE idempotency_record (
  id              BIGINT        NOT NULL,
  owner           VARCHAR(40)   NOT NULL,
  idem_key        VARCHAR(100)  NOT NULL,
  request_hash    CHAR(64)      NOT NULL,
  cooperative_id  BIGINT        NULL,
  response_status INT           NOT NULL,
  response_body   MEDIUMTEXT    NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ux_idempotency_owner_key ON idempotency_record (owner, idem_key);
