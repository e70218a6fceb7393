-- A lot closed by its cooperative (下架, POST /lots/{id}/close) stays closed: an order cancelled or rejected
-- afterwards no longer gives its quantity back to a lot nobody may order from any more.
ALTER TABLE lot ADD COLUMN closed_at DATETIME(3) NULL;
