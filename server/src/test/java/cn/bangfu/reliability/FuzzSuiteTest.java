package cn.bangfu.reliability;

import cn.bangfu.identity.Role;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.platform.Api;
import cn.bangfu.reliability.FuzzRequests.Attack;
import cn.bangfu.reliability.FuzzTargets.Target;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz suite (issue 7): generated bad requests against every write route of the server (walked from
 * its own route table, so a new route without a target fails here). Each request is a valid one with
 * exactly one thing broken, so the only right answers are 4xx problem+json; afterwards the database
 * must be exactly as before (row counts, table checksums, ledger totals).
 *
 * <p>Reduced size (1,500 requests) inside {@code mvn verify}; full size with {@code -Dfuzz.requests=10000}
 * (RELIABILITY.md has the command); {@code -Dfuzz.seed=} replays a run.
 */
class FuzzSuiteTest {
  private static final int MAX_BODY_BYTES = 64 * 1024;
  @ClassServer static TestServer server;
  static FuzzWorld world;

  @BeforeAll
  static void start() {
    world = new FuzzWorld(server);
  }

  @Test
  void every_write_route_of_the_server_has_a_fuzz_target() {
    TreeSet<String> writes = new TreeSet<>();
    for (Api.RouteSpec spec : server.server().routes()) {
      if (!spec.method().name().equals("GET")) {
        writes.add(spec.method().name() + " " + spec.path());
      }
    }
    assertThat(FuzzTargets.forWorld(world).keySet()).containsExactlyInAnyOrderElementsOf(writes);
  }

  /** Found by this suite: a multipart body left no JSON body behind, so confirm ran as if none was sent. */
  @Test
  void given_a_placed_order_when_confirm_arrives_as_a_multipart_form_then_415_and_the_order_stays_placed() {
    String order = cn.bangfu.support.Market.of(server, world.coop, world.coopToken, world.buyer, world.buyerToken)
        .placedOrder(world.lot, "3");
    cn.bangfu.support.Http.Response response = server.http.send("POST", "/api/v1/orders/" + order + "/confirm",
        world.coopToken, "multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\n核查\r\n--xyz--\r\n");
    assertThat(response.status()).as(response.text()).isEqualTo(415);
    assertThat(response.isProblem()).isTrue();
    assertThat(server.http.get("/api/v1/orders/" + order, world.buyerToken).body().getString("status"))
        .isEqualTo("PLACED");
  }

  @Test
  void given_every_write_route_when_bad_requests_rain_on_it_then_each_is_a_4xx_problem_and_nothing_changes()
      throws Exception {
    int count = Integer.getInteger("fuzz.requests", 1_500);
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.printf("fuzz suite: requests=%d seed=%d%n", count, seed);
    Random random = new Random(seed);
    Map<String, Target> targets = FuzzTargets.forWorld(world);
    Map<String, Api.RouteSpec> specs = new TreeMap<>();
    for (Api.RouteSpec spec : server.server().routes()) {
      specs.put(spec.method().name() + " " + spec.path(), spec);
    }
    List<String> routes = new ArrayList<>(targets.keySet());
    FuzzRequests requests = new FuzzRequests(random, world, MAX_BODY_BYTES);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + server.server().port();

    Map<String, Object> before = DatabaseSnapshot.take(server.server().database().dsl());
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<Attack, Integer> attacks = new EnumMap<>(Attack.class);
    Map<String, Integer> perRoute = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int serverErrors = 0;
    for (int i = 0; i < count; i++) {
      String route = routes.get(i % routes.size());
      Target target = targets.get(route);
      String method = route.substring(0, route.indexOf(' '));
      FuzzRequests.Request r = requests.make(route.substring(method.length() + 1), target, Role.of(specs.get(route).roles()));
      HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base + r.path())).timeout(Duration.ofSeconds(30))
          .method(method, HttpRequest.BodyPublishers.ofByteArray(r.body()));
      r.headers().forEach(http::header);
      int status;
      String contentType;
      String text;
      try {
        HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        text = response.body();
      } catch (java.io.IOException e) {
        status = -1;
        contentType = "";
        text = e.toString();
      }
      statuses.merge(status, 1, Integer::sum);
      attacks.merge(r.attack(), 1, Integer::sum);
      perRoute.merge(route, 1, Integer::sum);
      serverErrors += status >= 500 ? 1 : 0;
      boolean refused = status >= 400 && status < 500 && contentType.startsWith("application/problem+json");
      if (!refused && wrong.size() < 50) {
        wrong.add(route + " [" + r.attack() + " " + r.what() + "] → " + status + " " + contentType + " "
            + FuzzRequests.preview(text));
      }
    }
    Map<String, Object> after = DatabaseSnapshot.take(server.server().database().dsl());
    List<String> changed = new ArrayList<>();
    before.forEach((fact, value) -> {
      if (!java.util.Objects.equals(value, after.get(fact))) {
        changed.add(fact + ": " + value + " → " + after.get(fact));
      }
    });
    System.out.printf("fuzz suite result: seed=%d requests=%d routes=%d 5xx=%d not-4xx-problem=%d"
            + " database-facts-compared=%d changed=%d%n  statuses=%s%n  attacks=%s%n",
        seed, count, routes.size(), serverErrors, wrong.size(), before.size(), changed.size(), statuses, attacks);
    assertThat(wrong).as("answers other than a 4xx problem (seed " + seed + ")").isEmpty();
    assertThat(serverErrors).isZero();
    assertThat(changed).as("database changes (seed " + seed + ")").isEmpty();
    assertThat(perRoute).hasSize(targets.size());
  }
}
