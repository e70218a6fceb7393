package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Secrets;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, finding 10: a token is accepted only while its subject exists and is enabled. An admin
 * disables a user with PATCH /users/{id}; its tokens stop working at once on the instance that
 * disabled it and within seconds on every other, and it cannot sign in until enabled again.
 */
@ExtendWith(VertxExtension.class)
class UserDisableTest {
  @ClassServer static TestServer server;
  /** Beside it on the same database, as a load balancer would put it. */
  @ClassServer(secondInstance = true) static TestServer other;

  private static String createUser(String username) {
    return server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("role", "REGULATOR").put("scopeId", "4501"))
        .expect(201).body().getString("id");
  }

  private static Http.Response setDisabled(Http http, String token, String userId, Object disabled) {
    return http.send("PATCH", "/api/v1/users/" + userId, token, "application/json",
        new JsonObject().put("disabled", disabled).encode());
  }

  @Test
  void a_disabled_users_token_is_refused_at_once_here_and_within_seconds_on_another_instance(Vertx vertx,
      VertxTestContext testContext) {
    String id = createUser("leaving-regulator");
    String token = server.http.login("leaving-regulator", "password-leaving-regulator");
    assertThat(server.http.get("/api/v1/cooperatives", token).status()).isEqualTo(200);
    assertThat(other.http.get("/api/v1/cooperatives", token).status()).as("known and cached there too")
        .isEqualTo(200);

    Http.Response disabled = setDisabled(server.http, server.adminToken, id, true);
    assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
    assertThat(disabled.body().getBoolean("disabled")).isTrue();
    long disabledAt = System.nanoTime();
    assertThat(server.http.get("/api/v1/cooperatives", token).status()).as("on this instance at once")
        .isEqualTo(401);

    // the other instance is asked every 50 ms until it stops accepting the token (at most the 30 s
    // VertxExtension allows a test); then how long that took is checked against the cache's freshness
    WebClient client = WebClient.create(vertx);
    vertx.setPeriodic(50, poll -> client.get(other.server().port(), "127.0.0.1", "/api/v1/cooperatives")
        .bearerTokenAuthentication(token)
        .send()
        .onComplete(testContext.succeeding(response -> {
          if (response.statusCode() == 200 || !vertx.cancelTimer(poll)) {
            return; // still accepted there (or an answer to a poll sent before the one that saw the refusal)
          }
          long tookMillis = (System.nanoTime() - disabledAt) / 1_000_000;
          System.out.printf("disabled user's token refused by the other instance after %d ms%n", tookMillis);
          testContext.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(tookMillis).isLessThanOrEqualTo(ActiveUsers.FRESHNESS.toMillis() + 2_000);
            testContext.completeNow();
          });
        })));
  }

  @Test
  void a_disabled_user_cannot_sign_in_and_can_again_once_enabled() {
    String id = createUser("seasonal-clerk");
    setDisabled(server.http, server.adminToken, id, true).expect(200);
    Http.Response refused = server.http.post("/api/v1/auth/token", null, new JsonObject()
        .put("username", "seasonal-clerk").put("password", "password-seasonal-clerk"));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().getString("detail")).isEqualTo("unknown user or wrong password");

    setDisabled(server.http, server.adminToken, id, false).expect(200);
    String token = server.http.login("seasonal-clerk", "password-seasonal-clerk");
    assertThat(server.http.get("/api/v1/cooperatives", token).status()).isEqualTo(200);
  }

  @Test
  void a_validly_signed_token_for_a_user_that_does_not_exist_is_401(Vertx vertx) {
    Authenticator sameKey = new Authenticator(vertx,
        Secrets.load(Optional.of(server.masterKey()), Path.of("unused")).derive("jwt-signing"), 3600);
    String ghost = sameKey.issue(new Principal(424_242_424_242L, "ghost-admin", Role.ADMIN, null)).token();
    assertThat(server.http.get("/api/v1/cooperatives", ghost).status()).isEqualTo(401);
    assertThat(server.http.get("/api/v1/cooperatives", server.adminToken).status())
        .as("control: a real user's token").isEqualTo(200);
  }

  @Test
  void an_admin_cannot_disable_their_own_account() {
    Http.Response response = setDisabled(server.http, server.adminToken, subjectOf(server.adminToken), true);
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.body().getString("field")).isEqualTo("disabled");
    assertThat(server.http.get("/api/v1/cooperatives", server.adminToken).status()).isEqualTo(200);
  }

  @Test
  void an_unknown_user_is_404_and_a_disabled_flag_that_is_not_a_boolean_is_400() {
    assertThat(setDisabled(server.http, server.adminToken, "777777777777", true).status()).isEqualTo(404);
    String id = createUser("flag-check");
    for (Object bad : new Object[] {"true", 1, null}) {
      Http.Response response = setDisabled(server.http, server.adminToken, id, bad);
      assertThat(response.status()).as(String.valueOf(bad)).isEqualTo(400);
      assertThat(response.body().getString("field")).isEqualTo("disabled");
    }
  }

  static String subjectOf(String token) {
    String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return new JsonObject(claims).getString("sub");
  }
}
