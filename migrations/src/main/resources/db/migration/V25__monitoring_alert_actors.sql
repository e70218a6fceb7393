-- Who is behind each alert on a household's chain (issue 17): opened_by is the user whose write or
-- evaluation command made the evaluation that opened it (NULL: an evaluation nobody asked for, such
-- as one from before this column); ended_by the user whose write resolved it or who closed it
-- (风险消除). Alerts are evaluated when their inputs change, never when they are read, so these are
-- the people who changed the figures.
ALTER TABLE monitoring_alert ADD COLUMN opened_by BIGINT NULL;
ALTER TABLE monitoring_alert ADD COLUMN ended_by BIGINT NULL;
