package cn.bangfu.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The household pages' world (issue 15), from seed 001: the 岑丰村 grape cooperative buys its members'
 * grapes at 12 元/公斤. In August 杨启宇 delivers 250 公斤 (3,000.00 元) of the members' 1,000 公斤
 * (12,000.00 元, so 25 %); the August surplus run (coop-surplus-60) is posted and paid. In September
 * 杨启宇 and 陈志强 deliver 100 公斤 each and the September run is in publicity (公示) now.
 * Household users sign in with {@link #PASSWORD}.
 */
public final class GrapeHouseholds {
  public static final String PASSWORD = "grape-password-2026";
  public static final String[] NAMES = {"杨启宇", "陈志强", "王秀英", "李建国"};
  private static final int[] AUGUST_KG = {250, 300, 400, 50};
  private static final int[] LAND_MU = {10, 15, 20, 5};

  public final TestServer server;
  public final String cooperative;
  public final String coopToken;
  public final String regulatorToken;
  public final List<String> households = new ArrayList<>();
  public final String postedRun;
  public final String publicizedRun;

  public GrapeHouseholds(TestServer server) {
    this.server = server;
    cooperative = id(server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村葡萄合作社")));
    coopToken = server.userToken("cenfeng-coop", "COOP", cooperative);
    regulatorToken = server.userToken("county-regulator", "REGULATOR", Fixtures.REGION.substring(0, 6));
    for (int i = 0; i < NAMES.length; i++) {
      String household = id(server.http.post("/api/v1/households", server.adminToken,
          Fixtures.household(NAMES[i], Fixtures.idNumber())));
      households.add(household);
      id(server.http.post("/api/v1/cooperatives/" + cooperative + "/members", coopToken, new JsonObject()
          .put("householdId", household).put("shares", new JsonArray().add(new JsonObject()
              .put("shareClass", "LAND").put("units", LAND_MU[i]).put("since", "2026-01-01")))));
      deliver(household, AUGUST_KG[i], "2026-08-20");
    }
    long coop = Long.parseLong(cooperative);
    settle(9_000_001L, coop, LocalDate.of(2026, 8, 25), 1_000_000);
    id(server.http.post("/api/v1/cooperatives/" + cooperative + "/costs", coopToken, new JsonObject()
        .put("amountFen", 200_000).put("category", "MATERIALS").put("date", "2026-08-26")));
    postedRun = publicized("2026-08-01", "2026-08-31");
    server.endPublicity(postedRun, coopToken);
    server.http.post("/api/v1/distributions/" + postedRun + "/approve", regulatorToken, new JsonObject()).expect(200);
    server.http.post("/api/v1/distributions/" + postedRun + "/post", coopToken, new JsonObject()).expect(200);
    server.http.post("/api/v1/distributions/" + postedRun + "/paid", coopToken,
        new JsonObject().put("paidOn", server.today().toString())).expect(200);

    deliver(households.get(0), 100, "2026-09-10");
    deliver(households.get(1), 100, "2026-09-10");
    settle(9_000_002L, coop, LocalDate.of(2026, 9, 20), 500_000);
    publicizedRun = publicized("2026-09-01", "2026-09-30");
  }

  /** A HOUSEHOLD user for household {@code index} (杨启宇 is 0); returns its user name. */
  public String householdUser(int index) {
    String username = "household-" + index + "-" + System.nanoTime() % 100_000;
    server.http.post("/api/v1/users", server.adminToken, new JsonObject().put("username", username)
        .put("password", PASSWORD).put("role", "HOUSEHOLD").put("scopeId", households.get(index))).expect(201);
    return username;
  }

  /** A user of any role and scope with {@link #PASSWORD}; returns its user name. */
  public String user(String role, String scopeId) {
    String username = role.toLowerCase() + "-" + System.nanoTime() % 100_000;
    JsonObject body = new JsonObject().put("username", username).put("password", PASSWORD).put("role", role);
    if (scopeId != null) {
      body.put("scopeId", scopeId);
    }
    server.http.post("/api/v1/users", server.adminToken, body).expect(201);
    return username;
  }

  private void deliver(String household, int kilograms, String date) {
    id(server.http.post("/api/v1/cooperatives/" + cooperative + "/deliveries", coopToken, new JsonObject()
        .put("householdId", household).put("product", "葡萄").put("quantity", kilograms).put("unit", "KG")
        .put("valueFen", kilograms * 1200L).put("date", date)));
  }

  private void settle(long orderId, long coop, LocalDate day, long fen) {
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(),
        DistributionSteps.settlement(orderId, 0, coop, day, fen)));
  }

  private String publicized(String start, String end) {
    String run = id(server.http.post("/api/v1/cooperatives/" + cooperative + "/distributions", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", start).put("periodEnd", end)));
    server.http.post("/api/v1/distributions/" + run + "/publicize", coopToken, new JsonObject().put("days", 7))
        .expect(200);
    return run;
  }

  private static String id(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body().getString("id");
  }
}
