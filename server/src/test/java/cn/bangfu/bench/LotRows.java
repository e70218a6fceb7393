package cn.bangfu.bench;

import cn.bangfu.platform.JdbcBatch;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Open lots written straight into the lot table in JDBC batches, one transaction: the market
 * benchmarks need 10,000 to 100,000 of them, and a lot per HTTP call would time the set-up. They are
 * dated an hour back, as if posted over the day: lots changed within the last seconds are re-read by
 * each refresh of matching's snapshot (see OpenLots.COMMIT_MARGIN), which for 100,000 lots written
 * at once is a transient of some ten seconds, not the state ranking usually runs in.
 */
final class LotRows {
  private LotRows() {
  }

  /** One lot row; available quantity starts at the full quantity. unit is KG or JIN. */
  record Lot(long id, long cooperativeId, String regionCode, String product, String grade, String unit,
      BigDecimal quantity, BigDecimal minOrderQuantity, long unitPriceFen, LocalDate availableFrom,
      LocalDate availableTo, String certifications) {
  }

  /** Inserts lot.apply(0) .. lot.apply(count - 1). */
  static void insert(DataSource dataSource, int count, IntFunction<Lot> lot) throws Exception {
    LocalDateTime posted = LocalDateTime.now(ZoneOffset.UTC).minusHours(1);
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try (PreparedStatement s = conn.prepareStatement("insert into lot (id, cooperative_id, region_code, product, "
          + "grade, unit, quantity, available_quantity, min_order_quantity, unit_price_fen, available_from, "
          + "available_to, certifications, created_at, changed_at, created_by) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
           JdbcBatch batch = new JdbcBatch(s, 5000)) {
        for (int i = 0; i < count; i++) {
          Lot l = lot.apply(i);
          s.setLong(1, l.id());
          s.setLong(2, l.cooperativeId());
          s.setString(3, l.regionCode());
          s.setString(4, l.product());
          s.setString(5, l.grade());
          s.setString(6, l.unit());
          s.setBigDecimal(7, l.quantity());
          s.setBigDecimal(8, l.quantity());
          s.setBigDecimal(9, l.minOrderQuantity());
          s.setLong(10, l.unitPriceFen());
          s.setObject(11, l.availableFrom());
          s.setObject(12, l.availableTo());
          s.setString(13, l.certifications());
          s.setObject(14, posted);
          s.setObject(15, posted);
          batch.add();
        }
      }
      conn.commit();
    }
  }
}
