-- Posting and payout read every line's recipient and amount; this covering index serves that read
-- without touching the rows and their long explanation texts (a 100,000-household run has 200,000).
CREATE INDEX ix_distribution_line_amounts ON distribution_line (run_id, household_id, recipient, amount_fen);
