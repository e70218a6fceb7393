package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One header policy on every answer (issue 12, finding 9): tokens and personal data are never
 * cached, nothing is content-sniffed, no referrer leaks, and pages may only load our own resources
 * and never be framed. Problems and requests refused before routing carry the same headers.
 */
class SecurityHeadersTest {
  @ClassServer static TestServer server;
  static RawHttp raw;

  @BeforeAll
  static void start() {
    raw = new RawHttp(server.server().port());
  }

  private static void assertPolicy(RawHttp.Response response) {
    assertThat(response.header("Cache-Control")).as("Cache-Control of a %s", response.status()).isEqualTo("no-store");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
        .contains("frame-ancestors 'none'").contains("object-src 'none'").doesNotContain("unsafe-inline");
  }

  private static RawHttp.Response postJson(String path, String token, JsonObject body) {
    Map<String, String> headers = token == null ? Map.of("Content-Type", "application/json")
        : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token);
    return raw.send("POST", path.getBytes(StandardCharsets.US_ASCII), headers,
        body.encode().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void given_a_sign_in_when_the_token_is_answered_then_it_must_not_be_stored_by_any_cache() {
    RawHttp.Response token = postJson("/api/v1/auth/token", null,
        new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD));
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.body().getString("token")).isNotBlank();
    assertPolicy(token);
  }

  @Test
  void given_a_household_when_its_personal_data_is_read_then_the_answer_is_no_store_and_nosniff() {
    RawHttp.Response created = postJson("/api/v1/households", server.adminToken,
        Fixtures.household("王小红", Fixtures.idNumber()));
    assertThat(created.status()).isEqualTo(201);
    assertPolicy(created);
    RawHttp.Response read = raw.get("/api/v1/households/" + created.body().getString("id"),
        Map.of("Authorization", "Bearer " + server.adminToken));
    assertThat(read.status()).isEqualTo(200);
    assertPolicy(read);
  }

  @Test
  void given_refused_requests_when_answered_with_a_problem_then_the_problem_carries_the_same_policy() {
    assertPolicy(raw.get("/api/v1/lots", Map.of()));                                        // 401
    assertPolicy(raw.get("/api/v1/no-such-route", Map.of()));                               // 404
    assertPolicy(postJson("/api/v1/cooperatives", server.adminToken, new JsonObject()));   // 400
    assertPolicy(raw.get("/api/v1/public/distributions/%zz/notice", Map.of()));             // 400 before routing
    RawHttp.Response tooLarge = raw.get("/api/v1/lots", Map.of("X-Padding", "x".repeat(20_000)));
    assertThat(tooLarge.status()).isEqualTo(431);
    assertPolicy(tooLarge);
  }

  @Test
  void given_the_liveness_probe_when_read_then_it_too_is_not_cached() {
    RawHttp.Response health = raw.get("/health", Map.of());
    assertThat(health.status()).isEqualTo(200);
    assertPolicy(health);
  }
}
