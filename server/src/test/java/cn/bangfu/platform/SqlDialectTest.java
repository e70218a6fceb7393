package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.TestDatabase;
import io.vertx.core.Vertx;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** jOOQ renders for the server behind the URL, read from its version string at start (issue 18, point 5). */
class SqlDialectTest {

  @Test
  void mariadb_is_recognised_with_and_without_mysqls_replication_prefix() {
    assertThat(Database.dialectOf("5.5.5-10.11.8-MariaDB")).isEqualTo(SQLDialect.MARIADB);
    assertThat(Database.dialectOf("11.4.5-MariaDB-log")).isEqualTo(SQLDialect.MARIADB);
    assertThat(Database.dialectOf("10.6.18-MariaDB-0ubuntu0.22.04.1")).isEqualTo(SQLDialect.MARIADB);
  }

  @Test
  void any_other_server_is_spoken_to_as_mysql() {
    assertThat(Database.dialectOf("8.0.36")).isEqualTo(SQLDialect.MYSQL);
    assertThat(Database.dialectOf("8.4.3-commercial")).isEqualTo(SQLDialect.MYSQL);
  }

  @Test
  void the_test_database_is_spoken_to_in_the_dialect_its_version_announces() throws Exception {
    Vertx vertx = Vertx.vertx();
    Database database = Database.connect(vertx, TestDatabase.freshDatabase(), TestDatabase.user(),
        TestDatabase.password(), 2, null);
    try (java.sql.Connection connection = database.dataSource().getConnection()) {
      String version = connection.getMetaData().getDatabaseProductVersion();
      SQLDialect expected = version.contains("MariaDB") ? SQLDialect.MARIADB : SQLDialect.MYSQL;
      assertThat(database.dialect()).as("server %s", version).isEqualTo(expected);
      assertThat(database.dsl().dialect()).isEqualTo(expected);
      if (System.getenv("LEDGER_DB_URL") == null) {
        // the embedded server is MariaDB: before, every query was rendered as MySQL regardless
        assertThat(database.dialect()).isEqualTo(SQLDialect.MARIADB);
      }
    } finally {
      database.close();
      vertx.close();
    }
  }
}
