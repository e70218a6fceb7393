package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.MutableClock;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 3: two instances starting together must not both run Flyway (under Galera its lock
 * is node-local, and the second V3 broke the history). One instance migrates, the others wait for
 * the schema version they need and never migrate themselves.
 */
class SchemaMigrationTest {

  @Test
  void two_instances_started_at_once_one_designated_migrator_and_one_waiting_both_serve_on_one_history() throws Exception {
    String jdbcUrl = TestDatabase.freshDatabase();
    String key = TestServer.randomKey();
    MutableClock clock = new MutableClock();
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService starters = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<LedgerServer> waiting = CompletableFuture.supplyAsync(
          () -> startAtOnce(together, jdbcUrl, key, clock, SchemaMigration.WAIT), starters);
      CompletableFuture<LedgerServer> migrator = CompletableFuture.supplyAsync(
          () -> startAtOnce(together, jdbcUrl, key, clock, SchemaMigration.MIGRATE), starters);
      LedgerServer a = null;
      LedgerServer b = null;
      try {
        a = waiting.get(180, TimeUnit.SECONDS);
        b = migrator.get(180, TimeUnit.SECONDS);
        // both answer, on the same data: the admin the migrator's side made signs in through either
        for (LedgerServer server : List.of(a, b)) {
          try (Http http = new Http(server.port())) {
            assertThat(http.get("/health", null).status()).isEqualTo(200);
            assertThat(http.login("admin", TestServer.ADMIN_PASSWORD)).isNotBlank();
          }
        }
        List<Record> history = a.database().dsl().fetch(
            "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL");
        long migrations = migrationFiles();
        assertThat(history).as("each migration applied once, none failed").hasSize((int) migrations);
        assertThat(history.stream().map(r -> r.get(0, String.class)).distinct().count()).isEqualTo(migrations);
        assertThat(history.stream().allMatch(r -> r.get(1, Integer.class) == 1)).isTrue();
      } finally {
        if (a != null) {
          a.stop();
        }
        if (b != null) {
          b.stop();
        }
      }
    } finally {
      starters.shutdownNow();
    }
  }

  @Test
  void an_instance_that_waits_never_migrates_and_gives_up_naming_the_command_to_run() {
    String jdbcUrl = TestDatabase.freshDatabase();
    Vertx vertx = Vertx.vertx();
    try (Database database = Database.connect(vertx, TestDatabase.serverUrl(jdbcUrl), TestDatabase.user(),
        TestDatabase.password(), 2, null)) {
      assertThatThrownBy(() -> database.prepareSchema(SchemaMigration.WAIT, Duration.ofSeconds(2)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("schema is at version empty")
          .hasMessageContaining("java -jar ledger-server.jar migrate");
      // it did not touch the schema: no history table, no tables at all
      assertThat(database.dsl().fetchOne(
          "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()").get(0, Integer.class))
          .isZero();
      // once the migrator has run, the same wait returns at once
      assertThat(database.prepareSchema(SchemaMigration.MIGRATE, Duration.ZERO)).isTrue();
      assertThat(database.prepareSchema(SchemaMigration.WAIT, Duration.ZERO)).isFalse();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void by_default_an_instance_migrates_a_single_server_and_waits_on_a_galera_node() {
    assertThat(SchemaMigration.parse(null)).isEqualTo(SchemaMigration.AUTO);
    assertThat(SchemaMigration.parse(" wait ")).isEqualTo(SchemaMigration.WAIT);
    assertThatThrownBy(() -> SchemaMigration.parse("yes")).hasMessageContaining("LEDGER_DB_MIGRATE");
    assertThat(SchemaMigration.AUTO.migratesOn(false)).isTrue();
    assertThat(SchemaMigration.AUTO.migratesOn(true)).isFalse();
    assertThat(SchemaMigration.MIGRATE.migratesOn(true)).isTrue();
    assertThat(SchemaMigration.WAIT.migratesOn(false)).isFalse();
    assertThat(Config.fromEnvironment(java.util.Map.of("LEDGER_DB_MIGRATE", "migrate"), false).schemaMigration())
        .isEqualTo(SchemaMigration.MIGRATE);
  }

  private static LedgerServer startAtOnce(CyclicBarrier together, String jdbcUrl, String key, MutableClock clock,
      SchemaMigration mode) {
    try {
      together.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new LedgerServer(TestServer.config(jdbcUrl, key, 3600).schemaMigration(mode).clock(clock).build()).start();
  }

  private static long migrationFiles() throws Exception {
    Path dir = Path.of("../migrations/src/main/resources/db/migration");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
  }
}
