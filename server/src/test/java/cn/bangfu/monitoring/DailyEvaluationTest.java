package cn.bangfu.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily evaluation (issue 17): what only time changes is found once a business day without anyone
 * asking. The 岑丰村 grape cooperative posts its September run and does not pay it: 31 days later (business
 * clock) the day's evaluation opens UNPAID_DIVIDEND for 杨启宇; the same day's second call, on this instance
 * or another, does nothing. Paying the run resolves the alert at once.
 */
class DailyEvaluationTest {
  @ClassServer static TestServer server;
  static GrapeHouseholds world;

  @BeforeAll
  static void grapes() {
    world = new GrapeHouseholds(server);
  }

  private static List<JsonObject> unpaid(String household) {
    JsonArray items = server.http.get("/api/v1/monitoring/alerts?year=2026&limit=500&kind=UNPAID_DIVIDEND",
        world.regulatorToken).expect(200).body().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(a -> household.equals(a.getString("householdId")))
        .toList();
  }

  private static Optional<JsonObject> daily(TestServer instance) throws Exception {
    return instance.server().monitoring().evaluateDaily().toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  private static void postSeptember() {
    String run = world.publicizedRun;
    server.endPublicity(run, world.regulatorToken);
    server.http.post("/api/v1/distributions/" + run + "/approve", world.regulatorToken, new JsonObject()).expect(200);
    server.http.post("/api/v1/distributions/" + run + "/post", world.coopToken, new JsonObject()).expect(200);
  }

  @Test
  void an_unpaid_dividend_is_found_once_a_day_by_one_instance_and_resolved_by_the_payout() throws Exception {
    String yang = world.households.get(0);
    postSeptember();
    assertThat(unpaid(yang)).as("posted today: not late yet").isEmpty();

    server.clock().advance(Duration.ofDays(31));
    assertThat(unpaid(yang)).as("a read evaluates nothing").isEmpty();
    Optional<JsonObject> first = daily(server);

    assertThat(first).isPresent();
    assertThat(first.get().getInteger("opened")).isGreaterThanOrEqualTo(1);
    List<JsonObject> late = unpaid(yang);
    assertThat(late).hasSize(1);
    assertThat(late.get(0).getString("detail")).contains("超过 30 天仍未发放");
    // the same business day: done already, here and on another instance of the county
    assertThat(daily(server)).isEmpty();
    try (TestServer other = server.secondInstance()) {
      assertThat(daily(other)).isEmpty();
    }
    assertThat(unpaid(yang)).hasSize(1);

    server.http.post("/api/v1/distributions/" + world.publicizedRun + "/paid", world.coopToken,
        new JsonObject().put("paidOn", server.today().toString())).expect(200);

    assertThat(unpaid(yang)).as("the payout resolves it without waiting for tomorrow").isEmpty();
    server.clock().advance(Duration.ofDays(1));
    Optional<JsonObject> next = daily(server);
    assertThat(next).as("a new business day runs again").isPresent();
    assertThat(unpaid(yang)).isEmpty();
  }
}
