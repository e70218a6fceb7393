package cn.bangfu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Api;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.RawHttp;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz suite, rate limits (issue 12, findings 3 and 4): floods from one client address against the
 * public writes, anonymous objections and sign-in, mixing valid and broken requests. Every answer
 * is a 2xx or a 4xx problem (never a 5xx); once the address's allowance is spent every answer is
 * 429 with Retry-After; another address is not affected. Addresses are loopback aliases
 * (127.0.0.x), so the flood really comes from elsewhere than the rest of the test.
 */
class FloodSuiteTest {
  @ClassServer static TestServer server;
  static FuzzWorld world;

  @BeforeAll
  static void start() {
    world = new FuzzWorld(server);
  }

  private static JsonObject objection(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new JsonObject().put("text", "请核实我家的分红");
      case 1 -> new JsonObject().put("text", "");
      case 2 -> new JsonObject().put("text", "x".repeat(2001));
      default -> new JsonObject().put("text", "核实").put("householdId", "not-an-id");
    };
  }

  @Test
  void given_a_publicized_notice_when_one_address_floods_it_with_anonymous_objections_then_429s_and_never_a_5xx() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String path = "/api/v1/distributions/" + world.runs.get("PUBLICIZED") + "/objections";
    RawHttp attacker = RawHttp.from("127.0.0.20", server.server().port());
    int flood = (int) Api.ANONYMOUS_WRITES + 40;
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int notLimited = 0;
    for (int i = 0; i < flood; i++) {
      RawHttp.Response answer = attacker.post(path, null, objection(random));
      statuses.merge(answer.status(), 1, Integer::sum);
      boolean twoXx = answer.status() >= 200 && answer.status() < 300;
      boolean problem = answer.status() >= 400 && answer.status() < 500 && answer.isProblem();
      if (!twoXx && !problem) {
        wrong.add(i + " → " + answer.status() + " " + answer.text());
      }
      if (answer.status() == 429) {
        if (answer.header("Retry-After") == null || Long.parseLong(answer.header("Retry-After")) < 1) {
          wrong.add(i + " → 429 without Retry-After");
        }
      } else {
        notLimited++;
        if (i >= Api.ANONYMOUS_WRITES + 1) { // one extra for a token refilled while the flood ran
          wrong.add(i + " → " + answer.status() + " after the allowance was spent");
        }
      }
    }
    System.out.printf("flood suite: anonymous objections seed=%d requests=%d statuses=%s%n", seed, flood, statuses);
    assertThat(wrong).as("seed " + seed).isEmpty();
    assertThat(notLimited).isBetween((int) Api.ANONYMOUS_WRITES, (int) Api.ANONYMOUS_WRITES + 1);
    assertThat(statuses.getOrDefault(429, 0)).isGreaterThanOrEqualTo(flood - (int) Api.ANONYMOUS_WRITES - 1);

    RawHttp.Response neighbour = RawHttp.from("127.0.0.21", server.server().port())
        .post(path, null, new JsonObject().put("text", "我家的土地亩数登记有误"));
    assertThat(neighbour.status()).as("another address still objects: " + neighbour.text()).isNotEqualTo(429);
    assertThat(neighbour.status()).isLessThan(500);

    // From the spent address: a made-up token is still anonymous, a signed-in caller is accountable
    RawHttp.Response forged = attacker.post(path, "not-a-token", new JsonObject().put("text", "请核实"));
    assertThat(forged.status()).as(forged.text()).isEqualTo(429);
    RawHttp.Response signedIn = attacker.post(path, world.buyerToken, new JsonObject().put("text", "采购单位核实本次公示"));
    assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(201);
  }

  @Test
  void given_one_address_when_it_floods_sign_in_with_bad_credentials_then_401_then_429_never_5xx_and_others_sign_in() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    RawHttp attacker = RawHttp.from("127.0.0.22", server.server().port());
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", "flood-office")
        .put("password", "password-flood-office").put("role", "REGULATOR").put("scopeId", "4501")).expect(201);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    String[] names = {"flood-office", "FLOOD-OFFICE", "admin-" + seed % 100, "nobody-" + seed, "x"};
    for (int i = 0; i < 150; i++) {
      JsonObject body = new JsonObject().put("username", names[random.nextInt(names.length)])
          .put("password", random.nextBoolean() ? "guess-" + random.nextInt(1_000_000) : "");
      RawHttp.Response answer = attacker.post("/api/v1/auth/token", null, body);
      statuses.merge(answer.status(), 1, Integer::sum);
      if (answer.status() >= 500 || answer.status() < 400 || !answer.isProblem()) {
        wrong.add(body.encode() + " → " + answer.status() + " " + answer.text());
      }
      if (answer.status() == 429 && answer.header("Retry-After") == null) {
        wrong.add(body.encode() + " → 429 without Retry-After");
      }
    }
    System.out.printf("flood suite: sign-in seed=%d requests=150 statuses=%s%n", seed, statuses);
    assertThat(wrong).as("seed " + seed).isEmpty();
    assertThat(statuses.getOrDefault(429, 0)).as("the flood was braked").isPositive();
    assertThat(statuses.getOrDefault(401, 0)).as("failures checked before the brakes")
        .isLessThanOrEqualTo((int) cn.bangfu.identity.SignInThrottle.ADDRESS_FAILURES + 2);
    RawHttp.Response office = RawHttp.from("127.0.0.23", server.server().port()).post("/api/v1/auth/token", null,
        new JsonObject().put("username", "fuzz-regulator").put("password", "password-fuzz-regulator"));
    assertThat(office.status()).as("another address, an account the flood did not touch: " + office.text())
        .isEqualTo(200);
  }
}
