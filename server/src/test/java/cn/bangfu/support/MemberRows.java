package cn.bangfu.support;

import cn.bangfu.platform.JdbcBatch;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Member households of one cooperative written straight into the registry tables for benchmarks:
 * per household a household row, its membership, one LAND share holding and one delivery of the
 * cooperative's product. Benchmarks need tens of thousands to millions of them, and one HTTP call
 * per row would time the set-up, not the system. Rows go in multi-row batches, committed every
 * 20,000 households, so nothing accumulates in memory or in one huge transaction at any size.
 * Row i's values follow from i alone (deterministic): a third of the households are registered poor.
 */
public final class MemberRows {
  private static final int BATCH = 1000;
  private static final int CHUNK = 20_000;
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "吴", "潘", "龙", "石", "罗",
      "韦", "蒙", "顾", "余", "宋"};
  private static final String[] GIVEN = {"国强", "秀英", "建华", "玉兰", "志明", "桂芳", "金花", "德福", "春梅",
      "文军", "光荣", "小妹", "老三", "明珍", "正和", "永昌"};

  private MemberRows() {
  }

  /**
   * One cooperative's members: ids firstHousehold .. firstHousehold + count - 1 (also used as the
   * ids of their membership, share and delivery rows), living in the cooperative's region and
   * delivering its product at fenPerKilogram.
   */
  public record Cohort(long cooperativeId, long firstHousehold, int count, String regionCode, String product,
      long fenPerKilogram, LocalDate joinedOn, LocalDate deliveredOn) {
  }

  public static void insert(DataSource dataSource, Cohort cohort) throws SQLException {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection();
         PreparedStatement household = c.prepareStatement("INSERT INTO household (id, name, id_number_cipher,"
             + " id_number_hash, id_number_masked, region_code, members, labor_capacity, status, blacklisted,"
             + " created_at, created_by) VALUES (?, ?, ?, ?, '5226**********0000', ?, ?, ?, ?, FALSE, ?, 0)");
         PreparedStatement membership = c.prepareStatement("INSERT INTO membership (id, cooperative_id,"
             + " household_id, joined_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, 0)");
         PreparedStatement share = c.prepareStatement("INSERT INTO share_holding (id, cooperative_id, household_id,"
             + " share_class, units, since, created_at, created_by) VALUES (?, ?, ?, 'LAND', ?, ?, ?, 0)");
         PreparedStatement delivery = c.prepareStatement("INSERT INTO delivery (id, cooperative_id, household_id,"
             + " product, quantity, unit, value_fen, delivered_on, created_at, created_by)"
             + " VALUES (?, ?, ?, ?, ?, 'KG', ?, ?, ?, 0)")) {
      // A commit per chunk, not per batch: commits (log flushes) would otherwise dominate the set-up.
      c.setAutoCommit(false);
      long coop = cohort.cooperativeId();
      for (int from = 0; from < cohort.count(); from += CHUNK) {
        try (JdbcBatch households = new JdbcBatch(household, BATCH);
             JdbcBatch memberships = new JdbcBatch(membership, BATCH);
             JdbcBatch shares = new JdbcBatch(share, BATCH);
             JdbcBatch deliveries = new JdbcBatch(delivery, BATCH)) {
          for (int i = from; i < Math.min(cohort.count(), from + CHUNK); i++) {
            long id = cohort.firstHousehold() + i;
            // Stands in for the encrypted and hashed 身份证号: unique per household, never a real number.
            byte[] hash = ByteBuffer.allocate(32).putLong(id).putLong(coop).array();
            household.setLong(1, id);
            household.setString(2, SURNAMES[(int) (id % SURNAMES.length)] + GIVEN[(int) (id / 7 % GIVEN.length)]);
            household.setBytes(3, hash);
            household.setBytes(4, hash);
            household.setString(5, cohort.regionCode());
            household.setInt(6, 1 + (int) (id % 6));
            household.setString(7, i % 7 == 3 ? "NONE" : i % 4 == 1 ? "PARTIAL" : "FULL");
            household.setString(8, status(i));
            household.setObject(9, now);
            households.add();

            membership.setLong(1, id);
            membership.setLong(2, coop);
            membership.setLong(3, id);
            membership.setObject(4, cohort.joinedOn());
            membership.setObject(5, now);
            memberships.add();

            share.setLong(1, id);
            share.setLong(2, coop);
            share.setLong(3, id);
            share.setBigDecimal(4, BigDecimal.valueOf(1 + i % 20));
            share.setObject(5, cohort.joinedOn());
            share.setObject(6, now);
            shares.add();

            long kilograms = 50 + i % 400;
            delivery.setLong(1, id);
            delivery.setLong(2, coop);
            delivery.setLong(3, id);
            delivery.setString(4, cohort.product());
            delivery.setBigDecimal(5, BigDecimal.valueOf(kilograms));
            delivery.setLong(6, kilograms * cohort.fenPerKilogram());
            delivery.setObject(7, cohort.deliveredOn());
            delivery.setObject(8, now);
            deliveries.add();
          }
        }
        c.commit();
      }
    }
  }

  /** A third registered poor (建档立卡), a few monitored or low-income, the rest ordinary. */
  private static String status(int i) {
    if (i % 3 == 0) {
      return "REGISTERED_POOR";
    }
    return i % 20 == 1 ? "MONITORED" : i % 20 == 2 ? "LOW_INCOME" : "ORDINARY";
  }
}
