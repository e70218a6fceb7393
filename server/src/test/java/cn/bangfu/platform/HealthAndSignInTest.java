package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A load balancer's health check and a client signing in, asked the way a Vert.x client asks: the
 * idiom for new HTTP tests that wait on something asynchronous. VertxExtension hands each test a
 * {@link Vertx} for the client side and a {@link VertxTestContext} that fails the test on the first
 * failed request or assertion and waits (30 s at most) for every checkpoint; the server is the class's
 * {@link ClassServer}, which runs its own Vert.x.
 */
@ExtendWith(VertxExtension.class)
class HealthAndSignInTest {
  @ClassServer static TestServer server;
  WebClient client;

  @BeforeEach
  void client(Vertx vertx) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.server().port()));
  }

  @Test
  void the_health_check_needs_no_token_and_says_the_server_and_its_database_are_up(VertxTestContext testContext) {
    client.get("/health").as(BodyCodec.jsonObject()).send()
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.body()).isEqualTo(new JsonObject().put("status", "UP").put("database", "UP"));
          testContext.completeNow();
        })));
  }

  @Test
  void a_signed_in_token_opens_the_api_to_several_requests_at_once_and_no_token_gets_a_401_problem(
      VertxTestContext testContext) {
    int concurrent = 5;
    Checkpoint signedIn = testContext.checkpoint();
    Checkpoint served = testContext.checkpoint(concurrent);
    Checkpoint refused = testContext.checkpoint();

    client.post("/api/v1/auth/token").as(BodyCodec.jsonObject())
        .sendJsonObject(new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD))
        .onComplete(testContext.succeeding(signIn -> {
          testContext.verify(() -> assertThat(signIn.statusCode()).isEqualTo(200));
          signedIn.flag();
          for (int i = 0; i < concurrent; i++) {
            client.get("/api/v1/cooperatives").bearerTokenAuthentication(signIn.body().getString("token")).send()
                .onComplete(testContext.succeeding(list -> testContext.verify(() -> {
                  assertThat(list.statusCode()).isEqualTo(200);
                  served.flag();
                })));
          }
        }));

    client.get("/api/v1/cooperatives").send().onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
      refused.flag();
    })));
  }
}
