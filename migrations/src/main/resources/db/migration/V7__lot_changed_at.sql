-- When a lot row last changed (posted, reserved from, released to), set by the database itself on
-- every UPDATE. Matching keeps each product's open lots in memory; with this column it re-reads
-- only the lots changed since its last look instead of all of them (100,000 rows for a busy
-- product). The index makes that look a short range scan: without it, finding the few changed
-- lots meant visiting every lot of the product (100-200 ms for 100,000, every second). It costs
-- each reservation one index entry rewritten.
-- Sessions run in UTC (the driver forces the connection time zone), so the values compare.
ALTER TABLE lot
  ADD COLUMN changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6);
CREATE INDEX ix_lot_product_changed ON lot (product, changed_at);
