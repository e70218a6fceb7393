package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import org.junit.jupiter.api.Test;

/** Every error leaves as RFC 9457 application/problem+json, never a stack trace (invariant 9). */
class ProblemResponsesTest {
  @ClassServer static TestServer server;

  private static void assertProblem(Http.Response response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.isProblem()).as("content type %s", response.contentType()).isTrue();
    assertThat(response.body().getInteger("status")).isEqualTo(status);
    assertThat(response.body().getString("type")).isNotBlank();
    assertThat(response.body().getString("title")).isNotBlank();
    assertThat(response.text()).doesNotContain("at cn.bangfu", "Exception", "\tat ");
  }

  @Test
  void malformed_json_is_400() {
    assertProblem(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json", "{\"name\": "), 400);
    assertProblem(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json", "[1,2]"), 400);
  }

  @Test
  void a_body_over_the_limit_is_413() {
    String huge = "{\"name\":\"" + "葡".repeat(40_000) + "\"}";
    assertProblem(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json", huge), 413);
  }

  @Test
  void an_unknown_route_is_404_and_a_wrong_content_type_415() {
    assertProblem(server.http.get("/api/v1/no-such-thing", server.adminToken), 404);
    assertProblem(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "text/plain", "name=x"), 415);
  }

  @Test
  void a_missing_field_names_the_field() {
    Http.Response response = server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json",
        "{\"name\":\"岑峰村葡萄合作社\",\"regionCode\":\"450123105201\"}");
    assertProblem(response, 400);
    assertThat(response.body().getString("field")).isEqualTo("uscc");
  }

  @Test
  void health_reports_the_database_and_metrics_are_prometheus_text() {
    Http.Response health = server.http.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().getString("database")).isEqualTo("UP");
    Http.Response metrics = server.http.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("# TYPE").contains("hikaricp_connections");
  }
}
