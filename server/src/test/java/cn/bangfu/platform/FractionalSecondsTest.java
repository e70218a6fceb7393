package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 1: times keep their milliseconds on every supported server. On Debian's MariaDB
 * 10.11 (run the suite with LEDGER_MARIADB_BASEDIR=/usr, see RELIABILITY.md) Connector/J took the
 * server for MySQL 5.5 and stored 12:00:00.000 for 12:00:00.123, so every ledger entry's hash broke;
 * the embedded 11.4 never showed it.
 */
class FractionalSecondsTest {
  private static final LocalDateTime SETTLED_AT = LocalDateTime.of(2026, 9, 15, 10, 30, 55, 123_000_000);
  private static TestServer server;
  private static Database database;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    database = server.server().database();
    database.dsl().execute("CREATE TABLE time_probe (id BIGINT PRIMARY KEY, at DATETIME(3) NOT NULL)");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_time_written_in_a_transaction_through_jooq_is_stored_and_read_back_with_its_milliseconds() throws Exception {
    database.tx(db -> db.insertInto(DSL.table("time_probe"), DSL.field("id"), DSL.field("at"))
        .values(1L, SETTLED_AT).execute()).await(30, TimeUnit.SECONDS);

    LocalDateTime stored = database.read(db -> db.select(DSL.field("at", SQLDataType.LOCALDATETIME))
        .from("time_probe").where("id = 1").fetchOne(0, LocalDateTime.class)).await(30, TimeUnit.SECONDS);
    assertThat(stored).isEqualTo(SETTLED_AT);
    // and the server itself holds the milliseconds, not only the driver's reading of them
    String asText = database.read(db -> db.select(DSL.field("DATE_FORMAT(at, '%H:%i:%s.%f')", String.class))
        .from("time_probe").where("id = 1").fetchOne(0, String.class)).await(30, TimeUnit.SECONDS);
    assertThat(asText).isEqualTo("10:30:55.123000");
  }

  @Test
  void a_time_bound_by_hand_written_jdbc_keeps_its_milliseconds_and_compares_as_a_time() throws Exception {
    DataSource pool = database.transactionDataSource();
    try (Connection connection = pool.getConnection()) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO time_probe (id, at) VALUES (?, ?)")) {
        insert.setLong(1, 2L);
        insert.setObject(2, SETTLED_AT.plusSeconds(1));
        insert.addBatch();
        insert.setLong(1, 3L);
        insert.setTimestamp(2, Timestamp.valueOf(SETTLED_AT.plusSeconds(2)));
        insert.addBatch();
        insert.executeBatch();
      }
      connection.commit();
      // a bound time compared with the column: the row 1 ms later is after it, the row itself is not
      try (PreparedStatement later = connection.prepareStatement("SELECT COUNT(*) FROM time_probe WHERE at > ?")) {
        later.setObject(1, SETTLED_AT.plusSeconds(1));
        try (ResultSet rows = later.executeQuery()) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(1);
        }
      }
      try (PreparedStatement read = connection.prepareStatement("SELECT at FROM time_probe WHERE id IN (2, 3) ORDER BY id");
           ResultSet rows = read.executeQuery()) {
        rows.next();
        assertThat(rows.getObject(1, LocalDateTime.class)).isEqualTo(SETTLED_AT.plusSeconds(1));
        rows.next();
        assertThat(rows.getObject(1, LocalDateTime.class)).isEqualTo(SETTLED_AT.plusSeconds(2));
      }
      connection.commit();
    }
  }

  @Test
  void the_pools_the_service_uses_keep_milliseconds_whatever_the_server_announces() {
    assertThat(FractionalSeconds.keepsMillis(database.dataSource())).isTrue();
    assertThat(FractionalSeconds.keepsMillis(database.transactionDataSource())).isTrue();
  }

  @Test
  void times_are_bound_as_text_with_six_fractional_digits() {
    assertThat(FractionalSeconds.asText(SETTLED_AT)).isEqualTo("2026-09-15 10:30:55.123000");
    assertThat(FractionalSeconds.asText(Timestamp.valueOf(SETTLED_AT))).isEqualTo("2026-09-15 10:30:55.123000");
    assertThat(FractionalSeconds.asText(LocalTime.of(8, 0, 0, 5_000_000))).isEqualTo("08:00:00.005000");
    assertThat(FractionalSeconds.asText(42L)).isNull();
  }
}
