package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /distributions/{id}/reject (DESIGN.md 6, issue 16): the county regulator sends a publicized run of
 * the 岑丰村 grape cooperative back with a reason. The run ends REJECTED with who, when and why, moved no
 * money, leaves the households' statements, cannot be approved any more, and the cooperative drafts the
 * same month again at once. Only the region's regulator, only a publicized run, never without a reason.
 */
class SendBackTest {
  @ClassServer static TestServer server;
  static GrapeHouseholds world;

  @BeforeAll
  static void grapes() {
    world = new GrapeHouseholds(server);
  }

  /** A month of grapes (杨启宇 200 公斤, 陈志强 100 公斤 at 12 元) and 6,000.00 元 of canteen sales, in 公示. */
  private static String publicized(int month) {
    LocalDate day = LocalDate.of(2026, month, 10);
    for (int i = 0; i < 2; i++) {
      int kilograms = i == 0 ? 200 : 100;
      server.http.post("/api/v1/cooperatives/" + world.cooperative + "/deliveries", world.coopToken, new JsonObject()
          .put("householdId", world.households.get(i)).put("product", "葡萄").put("quantity", kilograms)
          .put("unit", "KG").put("valueFen", kilograms * 1200L).put("date", day.toString())).expect(201);
    }
    long coop = Long.parseLong(world.cooperative);
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(),
        DistributionSteps.settlement(9_100_000L + month, 0, coop, day.plusDays(5), 600_000)));
    String run = drafted(month);
    server.http.post("/api/v1/distributions/" + run + "/publicize", world.coopToken, new JsonObject().put("days", 7))
        .expect(200);
    return run;
  }

  private static String drafted(int month) {
    LocalDate start = LocalDate.of(2026, month, 1);
    return server.http.post("/api/v1/cooperatives/" + world.cooperative + "/distributions", world.coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", start.toString())
            .put("periodEnd", start.plusMonths(1).minusDays(1).toString())).expect(201).body().getString("id");
  }

  private static JsonObject run(String id) {
    return server.http.get("/api/v1/distributions/" + id, world.regulatorToken).expect(200).body();
  }

  private static List<Object> pendingRuns(String household) {
    JsonArray pending = server.http.get("/api/v1/households/" + household + "/statement", world.regulatorToken)
        .expect(200).body().getJsonArray("pending");
    return pending.stream().map(o -> ((JsonObject) o).getValue("distributionId")).toList();
  }

  @Test
  void the_regulator_sends_a_run_back_with_a_reason_and_the_cooperative_drafts_the_month_again() {
    String run = publicized(3);
    assertThat(pendingRuns(world.households.get(0))).contains(run);

    JsonObject sentBack = server.http.post("/api/v1/distributions/" + run + "/reject", world.regulatorToken,
        new JsonObject().put("reason", "杨启宇的交售量与过磅单不符，请核实后重新公示")).expect(200).body();

    assertThat(sentBack.getString("status")).isEqualTo("REJECTED");
    assertThat(sentBack.getString("rejectionReason")).isEqualTo("杨启宇的交售量与过磅单不符，请核实后重新公示");
    assertThat(sentBack.getString("rejectedAt")).isNotNull();
    assertThat(sentBack.getValue("ledgerEntryId")).isNull();
    assertThat(pendingRuns(world.households.get(0))).doesNotContain(run);
    server.endPublicity(run, world.regulatorToken);
    server.http.post("/api/v1/distributions/" + run + "/approve", world.regulatorToken, new JsonObject()).expect(409);
    server.http.post("/api/v1/distributions/" + run + "/post", world.coopToken, new JsonObject()).expect(409);
    // nothing was claimed: the same month drafts again with the same pool
    String again = drafted(3);
    assertThat(again).isNotEqualTo(run);
    assertThat(run(again).getLong("poolFen")).isEqualTo(run(run).getLong("poolFen"));
  }

  @Test
  void without_a_reason_it_is_a_400_naming_the_field_and_the_run_stays_in_publicity() {
    String run = publicized(4);

    var missing = server.http.post("/api/v1/distributions/" + run + "/reject", world.regulatorToken, new JsonObject());
    var blank = server.http.post("/api/v1/distributions/" + run + "/reject", world.regulatorToken,
        new JsonObject().put("reason", "   "));
    var tooLong = server.http.post("/api/v1/distributions/" + run + "/reject", world.regulatorToken,
        new JsonObject().put("reason", "核".repeat(501)));

    for (var refused : List.of(missing, blank, tooLong)) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().getString("field")).isEqualTo("reason");
    }
    assertThat(run(run).getString("status")).isEqualTo("PUBLICIZED");
  }

  @Test
  void only_the_regions_regulator_sends_back_and_only_a_publicized_run() {
    String run = publicized(5);
    String otherCounty = server.userToken("regulator-4401-" + System.nanoTime() % 100_000, "REGULATOR", "4401");

    server.http.post("/api/v1/distributions/" + run + "/reject", otherCounty, new JsonObject().put("reason", "不符"))
        .expect(404);
    server.http.post("/api/v1/distributions/" + run + "/reject", world.coopToken, new JsonObject().put("reason", "不符"))
        .expect(403);
    assertThat(run(run).getString("status")).isEqualTo("PUBLICIZED");
    // the posted August run and a fresh draft are past or before the step
    server.http.post("/api/v1/distributions/" + world.postedRun + "/reject", world.regulatorToken,
        new JsonObject().put("reason", "不符")).expect(409);
    String draft = drafted(6);
    server.http.post("/api/v1/distributions/" + draft + "/reject", world.regulatorToken,
        new JsonObject().put("reason", "不符")).expect(409);
  }
}
