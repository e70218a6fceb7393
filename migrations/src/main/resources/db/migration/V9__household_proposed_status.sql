-- A cooperative may only propose a household's poverty status (建档立卡, monitoring, ...): the
-- region's regulator decides it (DESIGN.md 8.3). The proposal waits here until the regulator's
-- PATCH /households/{id} sets a status, which clears it. NULL: nothing proposed.
ALTER TABLE household ADD COLUMN proposed_status VARCHAR(16) NULL;
