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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bearer tokens: issued on sign-in, refused when expired, tampered with or signed by another key. */
@ExtendWith(VertxExtension.class)
class TokenTest {
  @ClassServer static TestServer server;

  private int statusWith(String token) {
    return server.http.get("/api/v1/cooperatives", token).status();
  }

  @Test
  void sign_in_returns_token_role_scope_and_expiry() {
    Http.Response response = server.http.post("/api/v1/auth/token", null,
        new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().getString("role")).isEqualTo("ADMIN");
    Instant expiresAt = Instant.parse(response.body().getString("expiresAt"));
    assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
    assertThat(statusWith(response.body().getString("token"))).isEqualTo(200);
  }

  @Test
  void a_wrong_password_or_unknown_user_is_401_with_the_same_message() {
    Http.Response wrongPassword = server.http.post("/api/v1/auth/token", null,
        new JsonObject().put("username", "admin").put("password", "guess-guess-guess"));
    Http.Response unknownUser = server.http.post("/api/v1/auth/token", null,
        new JsonObject().put("username", "nobody").put("password", "guess-guess-guess"));
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.body().getString("detail")).isEqualTo(unknownUser.body().getString("detail"));
  }

  @Test
  void an_expired_token_is_401(Vertx vertx) {
    Authenticator sameKey = new Authenticator(vertx, keyOf(server.masterKey()), 3600);
    Principal admin = admin();
    String fresh = sameKey.issue(admin).token();
    String expired = sameKey.issue(admin, Instant.now().minus(Duration.ofHours(2))).token();

    assertThat(statusWith(fresh)).as("control: a fresh token from the same key works").isEqualTo(200);
    assertThat(statusWith(expired)).isEqualTo(401);
  }

  @Test
  void a_token_accepted_once_is_refused_once_it_expires(Vertx vertx, VertxTestContext testContext) {
    Authenticator sameKey = new Authenticator(vertx, keyOf(server.masterKey()), 3600);
    Principal admin = admin();
    // issued so that it expires within the next two seconds
    Authenticator.Token token = sameKey.issue(admin, Instant.now().minus(Duration.ofSeconds(3598)));
    assertThat(statusWith(token.token())).as("accepted (and remembered) while valid").isEqualTo(200);

    // a timer instead of spinning a core until then; asked again the first millisecond after it expired
    long untilExpired = Math.max(1, Duration.between(Instant.now(), token.expiresAt()).toMillis() + 1);
    WebClient client = WebClient.create(vertx);
    vertx.setTimer(untilExpired, expired -> client.get(server.server().port(), "127.0.0.1", "/api/v1/cooperatives")
        .bearerTokenAuthentication(token.token())
        .send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(401);
          testContext.completeNow();
        }))));
  }

  @Test
  void a_token_signed_with_another_key_is_401(Vertx vertx) {
    Authenticator otherKey = new Authenticator(vertx, keyOf(TestServer.randomKey()), 3600);
    assertThat(statusWith(otherKey.issue(admin()).token())).isEqualTo(401);
  }

  @Test
  void a_token_whose_claims_were_edited_is_401() {
    String buyerToken = server.userToken("school-buyer", "BUYER", buyerId());
    String[] parts = buyerToken.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.put("role", "ADMIN");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    assertThat(statusWith(buyerToken)).as("control: the buyer may not list cooperatives").isEqualTo(403);
    assertThat(statusWith(forged)).isEqualTo(401);
    assertThat(statusWith(parts[0] + "." + parts[1] + ".")).as("signature stripped").isEqualTo(401);
  }

  @Test
  void no_header_or_another_scheme_is_401() {
    assertThat(statusWith(null)).isEqualTo(401);
    Http.Response basic = server.http.send("GET", "/api/v1/cooperatives", null, null, null);
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.isProblem()).isTrue();
  }

  private static String buyerId() {
    return server.http.post("/api/v1/buyers", server.adminToken, cn.bangfu.support.Fixtures.buyer("县医院"))
        .body().getString("id");
  }

  /** The real admin (tokens of users that do not exist are refused: UserDisableTest). */
  private static Principal admin() {
    return new Principal(Long.parseLong(UserDisableTest.subjectOf(server.adminToken)), "admin", Role.ADMIN, null);
  }

  private static byte[] keyOf(String masterKey) {
    return Secrets.load(Optional.of(masterKey), Path.of("unused")).derive("jwt-signing");
  }
}
