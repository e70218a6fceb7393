package cn.bangfu.reliability;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load (issue 2): the server stops taking requests, finishes the ones in flight and
 * exits by itself; no request gets a 5xx and every write it acknowledged is in the database.
 */
class GracefulShutdownTest {

  @Test
  void given_writes_in_flight_when_the_server_gets_sigterm_then_it_finishes_them_and_exits() throws Exception {
    String jdbcUrl = TestDatabase.freshDatabase();
    ServerProcess server = new ServerProcess(jdbcUrl, TestServer.randomKey(),
        Path.of("target", "graceful-shutdown", Long.toString(System.nanoTime())));
    int port = server.start();
    Http http = new Http(port);
    String admin = http.login("admin", TestServer.ADMIN_PASSWORD);

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger serverErrors = new AtomicInteger();
    CountDownLatch underLoad = new CountDownLatch(40);
    ExecutorService clients = Executors.newFixedThreadPool(8);
    for (int c = 0; c < 8; c++) {
      clients.submit(() -> {
        for (int i = 0; i < 2_000; i++) {
          Http.Response response;
          try {
            response = http.post("/api/v1/households", admin, Fixtures.household("龙秀英", Fixtures.idNumber()));
          } catch (IllegalStateException connectionGone) {
            return; // the server has stopped accepting: the client would go to another instance
          }
          if (response.status() >= 500) {
            serverErrors.incrementAndGet();
          } else if (response.status() == 201) {
            acknowledged.add(response.body().getString("id"));
            underLoad.countDown();
          }
        }
      });
    }
    assertThat(underLoad.await(60, TimeUnit.SECONDS)).as("load reached the server").isTrue();

    long started = System.nanoTime();
    int exitCode = server.terminate(40);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    assertThat(exitCode).as("exited by itself after SIGTERM (128 + 15), in %d ms", tookMs).isEqualTo(143);
    assertThat(serverErrors.get()).isZero();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);
    assertThat(missing(jdbcUrl, List.copyOf(acknowledged))).isZero();
  }

  private static int missing(String jdbcUrl, List<String> ids) throws Exception {
    int missing = 0;
    try (Connection c = DriverManager.getConnection(jdbcUrl + "?useSSL=false&allowPublicKeyRetrieval=true",
        TestDatabase.user(), TestDatabase.password());
         PreparedStatement find = c.prepareStatement("SELECT 1 FROM " + HOUSEHOLD.getName() + " WHERE id = ?")) {
      for (String id : ids) {
        find.setLong(1, Long.parseLong(id));
        try (ResultSet rs = find.executeQuery()) {
          if (!rs.next()) {
            missing++;
          }
        }
      }
    }
    return missing;
  }
}
