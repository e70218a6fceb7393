-- A household's own deliveries (交售) are read for its page (the products behind a trade rebate), its member
-- account and its income: with only (cooperative_id, delivered_on) each read walked every delivery of the
-- cooperative's period, thousands in a large one (issue 15: the household page's p99).
CREATE INDEX ix_delivery_household ON delivery (household_id, cooperative_id, delivered_on);
