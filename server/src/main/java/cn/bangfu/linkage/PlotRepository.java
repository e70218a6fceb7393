package cn.bangfu.linkage;

import static cn.bangfu.db.Tables.LAND_PLOT;

import cn.bangfu.db.tables.records.LandPlotRecord;
import java.util.List;
import org.jooq.DSLContext;

/** The plot register's rows. */
public final class PlotRepository {

  public void insert(DSLContext db, LandPlotRecord plot) {
    db.executeInsert(plot);
  }

  public List<LandPlotRecord> plots(DSLContext db, long cooperativeId, int limit, int offset) {
    return db.selectFrom(LAND_PLOT).where(LAND_PLOT.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(LAND_PLOT.ID).limit(limit).offset(offset).fetch();
  }
}
