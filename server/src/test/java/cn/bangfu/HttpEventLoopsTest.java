package cn.bangfu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Api;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP on every event loop (issue 18, point 2): the server deploys LEDGER_HTTP_INSTANCES HTTP
 * verticles (default: one per core) on one port, and what must be global stays global across them.
 */
class HttpEventLoopsTest {
  private static final int INSTANCES = 3;
  private static TestServer server;

  @BeforeAll
  static void start() {
    // the system property stands in for LEDGER_HTTP_INSTANCES, which a test cannot set in its own environment
    System.setProperty("ledger.http.instances", Integer.toString(INSTANCES));
    try {
      server = TestServer.start();
    } finally {
      System.clearProperty("ledger.http.instances");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void given_three_http_instances_then_new_connections_on_the_one_port_are_spread_over_three_event_loops() {
    List<Long> before = server.server().connectionsPerEventLoop();
    RawHttp client = new RawHttp(server.server().port());
    for (int i = 0; i < 3 * INSTANCES; i++) {
      assertThat(client.get("/health", Map.of()).status()).isEqualTo(200);
    }

    List<Long> after = server.server().connectionsPerEventLoop();
    assertThat(after).hasSize(INSTANCES);
    List<Long> accepted = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      accepted.add(after.get(i) - before.get(i));
    }
    assertThat(accepted).as("connections accepted by each event loop").allSatisfy(n -> assertThat(n).isPositive());
  }

  @Test
  void given_three_http_instances_then_an_address_gets_the_anonymous_write_limit_once_not_once_per_event_loop() {
    // each request is its own connection, so the requests land on every event loop in turn
    RawHttp anonymous = RawHttp.from("127.0.0.61", server.server().port());
    String path = "/api/v1/distributions/1/objections";
    JsonObject objection = new JsonObject().put("text", "请核实我家的分红");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < Api.ANONYMOUS_WRITES + 2; i++) {
      statuses.add(anonymous.post(path, null, objection).status());
    }

    assertThat(statuses.subList(0, (int) Api.ANONYMOUS_WRITES)).as("within the limit: no such notice")
        .doesNotContain(429);
    assertThat(statuses.subList((int) Api.ANONYMOUS_WRITES, statuses.size())).as("past the limit")
        .containsOnly(429);
  }
}
