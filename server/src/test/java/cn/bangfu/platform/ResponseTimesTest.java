package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server counts its response times per route in fixed buckets (issue 15: a page's render p99 is read
 * from the server, not only from a load generator sharing its cores), one of them the pages' 20 ms budget.
 */
class ResponseTimesTest {
  @ClassServer static TestServer server;

  @Test
  void each_route_has_its_own_buckets_with_the_twenty_millisecond_budget_among_them() {
    Map<Long, Long> before = ResponseTimes.counts(server.server().meters(), "/login");
    for (int i = 0; i < 3; i++) {
      assertThat(server.http.get("/login", null).status()).isEqualTo(200);
    }
    Map<Long, Long> after = ResponseTimes.counts(server.server().meters(), "/login");

    assertThat(after.get(Long.MAX_VALUE) - before.get(Long.MAX_VALUE)).isEqualTo(3);
    assertThat(after).containsKeys(1L, 20L, 10_000L);
    // cumulative: no bucket counts more than a wider one
    long previous = 0;
    for (long count : after.values()) {
      assertThat(count).isGreaterThanOrEqualTo(previous);
      previous = count;
    }
    // another route's answers are not the sign-in form's
    assertThat(ResponseTimes.counts(server.server().meters(), "/no-such-route").get(Long.MAX_VALUE)).isZero();

    Http.Response metrics = server.http.get("/metrics", null);
    assertThat(metrics.text())
        .contains("vertx_http_server_response_time_seconds_bucket{code=\"200\",method=\"GET\",route=\"/login\",le=\"0.02\"}");
  }
}
