package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.MutableClock;
import cn.bangfu.support.TcpProxy;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 point 4: a cluster's URL names every node (jdbc:mysql://n1,n2,n3/ledger) and the server
 * writes through whichever answers; /health says 503 while the database cannot be reached, and the
 * pool reconnects by itself when it returns, without a restart.
 */
class FailoverTest {
  private static final Pattern URL = Pattern.compile("jdbc:mysql://([^/:,]+):(\\d+)/(.+)");

  @Test
  void with_the_first_node_of_a_multi_host_url_down_the_server_starts_and_writes_through_the_next() throws Exception {
    Matcher url = parse(TestDatabase.freshDatabase());
    int down = freePort();
    String multiHost = "jdbc:mysql://127.0.0.1:" + down + "," + url.group(1) + ":" + url.group(2) + "/" + url.group(3);

    LedgerServer server = start(multiHost);
    try (Http http = new Http(server.port())) {
      String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
      // a write, not only a read: the driver must not have made the failed-over connection read-only
      http.post("/api/v1/cooperatives", admin, Fixtures.cooperative("岑丰村葡萄专业合作社")).expect(201);
      assertThat(http.get("/health", null).status()).isEqualTo(200);
    } finally {
      server.stop();
    }
  }

  @Test
  void while_the_database_is_unreachable_health_says_503_and_once_it_returns_the_pool_recovers_alone()
      throws Exception {
    Matcher url = parse(TestDatabase.freshDatabase());
    try (TcpProxy node = new TcpProxy(Integer.parseInt(url.group(2)))) {
      LedgerServer server = start("jdbc:mysql://127.0.0.1:" + node.port() + "/" + url.group(3));
      try (Http http = new Http(server.port())) {
        String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
        assertThat(http.get("/health", null).status()).isEqualTo(200);

        node.cut();
        Http.Response down = http.get("/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().getString("database")).isEqualTo("DOWN");

        node.restore();
        assertThat(healthWithin(http, Duration.ofSeconds(30))).as("health once the database is back").isEqualTo(200);
        http.post("/api/v1/cooperatives", admin, Fixtures.cooperative("岑丰村葡萄专业合作社")).expect(201);
      } finally {
        server.stop();
      }
    }
  }

  /** Asks /health until it says 200 or {@code patience} passes; returns the last status. */
  private static int healthWithin(Http http, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    int status;
    do {
      status = http.get("/health", null).status();
    } while (status != 200 && System.nanoTime() - deadline < 0);
    return status;
  }

  private static LedgerServer start(String jdbcUrl) {
    return new LedgerServer(TestServer.config(jdbcUrl, TestServer.randomKey(), 3600).clock(new MutableClock()).build())
        .start();
  }

  private static Matcher parse(String jdbcUrl) {
    Matcher url = URL.matcher(jdbcUrl);
    assertThat(url.matches()).as("a single-host test database URL: " + jdbcUrl).isTrue();
    return url;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
