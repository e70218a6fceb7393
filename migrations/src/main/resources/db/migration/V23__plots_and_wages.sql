-- Issue 14 point 3: the 100+1+1 check measures the base the cooperative registered, and counts
-- labourers as persons paid a wage.

-- The cooperative's plot register (地块登记): each plot of its base with its area and the days it
-- belongs to the base. The base area of a period is the plots in force on its last day; the land
-- members put in as shares is only a fallback, because a base is often leased land (流转) that no
-- member holds shares in.
CREATE TABLE land_plot (
  id             BIGINT        NOT NULL,
  cooperative_id BIGINT        NOT NULL,
  name           VARCHAR(100)  NOT NULL,
  region_code    CHAR(12)      NOT NULL,
  area_mu        DECIMAL(12,2) NOT NULL,
  since          DATE          NOT NULL,
  until          DATE          NULL,
  created_at     DATETIME(3)   NOT NULL,
  created_by     BIGINT        NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_land_plot_area CHECK (area_mu > 0),
  CONSTRAINT ck_land_plot_dates CHECK (until IS NULL OR until > since)
);
CREATE INDEX ix_land_plot_coop ON land_plot (cooperative_id, since);

-- A labour record may carry the wage paid for it and how many of the household's people it pays:
-- "employed" in 100+1+1 is persons with wages, not households with any labour record.
ALTER TABLE labor_record ADD COLUMN wage_fen BIGINT NULL;
ALTER TABLE labor_record ADD COLUMN workers INT NOT NULL DEFAULT 1;
