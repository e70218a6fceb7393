package cn.bangfu.reliability;

import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real ids of the right state for every write route the fuzz suite attacks: an order in each
 * status, a distribution run in each step (one with an open objection), a cooperative with a member
 * household and one that is not yet a member, and a token of every role.
 */
final class FuzzWorld {
  final TestServer server;
  final String coop;
  final String coopToken;
  final String buyer;
  final String buyerToken;
  final String regulatorToken;
  final String householdToken;
  final String member;
  final String nonMember;
  final String lot;
  /** A welfare post of the cooperative, open since 2024 (issue 14 point 7). */
  final String welfarePost;
  final Map<String, String> orders = new LinkedHashMap<>();
  final Map<String, String> runs = new LinkedHashMap<>();
  final String objection;
  final Map<cn.bangfu.identity.Role, String> tokens = new EnumMap<>(cn.bangfu.identity.Role.class);

  FuzzWorld(TestServer server) {
    this.server = server;
    Market market = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    coop = market.coop;
    coopToken = market.coopToken;
    buyer = market.buyer;
    buyerToken = market.buyerToken;
    regulatorToken = server.userToken("fuzz-regulator", "REGULATOR", Fixtures.REGION.substring(0, 6));
    // poverty status is the county's to set: the register is entered by admin, the cooperative enrolls
    member = created(server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨明宇", Fixtures.idNumber())));
    nonMember = created(server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("陈志强", Fixtures.idNumber())));
    created(server.http.post("/api/v1/cooperatives/" + coop + "/members", coopToken, new JsonObject()
        .put("householdId", member).put("shares", new JsonArray().add(new JsonObject().put("shareClass", "LAND")
            .put("units", 450).put("since", "2024-01-01")))));
    householdToken = server.userToken("fuzz-household", "HOUSEHOLD", member);
    welfarePost = created(server.http.post("/api/v1/cooperatives/" + coop + "/welfare-posts", coopToken, new JsonObject()
        .put("name", "村道保洁员").put("regionCode", Fixtures.REGION).put("monthlyPayFen", 60_000)
        .put("workDaysPerMonth", 31).put("capacity", 1000).put("startsOn", "2024-01-01")));
    tokens.put(cn.bangfu.identity.Role.ADMIN, server.adminToken);
    tokens.put(cn.bangfu.identity.Role.REGULATOR, regulatorToken);
    tokens.put(cn.bangfu.identity.Role.COOP, coopToken);
    tokens.put(cn.bangfu.identity.Role.BUYER, buyerToken);
    tokens.put(cn.bangfu.identity.Role.HOUSEHOLD, householdToken);

    lot = market.lot("5000");
    for (String status : new String[] {"PLACED", "CONFIRMED", "SHIPPED", "DELIVERED", "ACCEPTED", "SETTLED"}) {
      String order = market.placedOrder(lot, "100");
      market.advance(order, status);
      orders.put(status, order);
    }
    String cancelled = market.placedOrder(lot, "10");
    ok(market.act(buyerToken, cancelled, "cancel", null));
    orders.put("CANCELLED", cancelled);

    // The settled order above is this period's revenue; each run has its own period start.
    String[] steps = {"DRAFT", "PUBLICIZED", "OBJECTED", "ENDED", "APPROVED", "POSTED"};
    for (int i = 0; i < steps.length; i++) {
      runs.put(steps[i], created(server.http.post("/api/v1/cooperatives/" + coop + "/distributions", coopToken,
          new JsonObject().put("ruleSetId", "coop-surplus-60")
              .put("periodStart", server.today().minusDays(100 + i).toString())
              .put("periodEnd", server.today().toString()))));
    }
    // The three runs past 公示 are publicized together and wait out one period on the business clock;
    // the two still in publicity are publicized after that wait, so theirs is open.
    for (String step : new String[] {"ENDED", "APPROVED", "POSTED"}) {
      publicize(runs.get(step));
    }
    server.endPublicity(runs.get("POSTED"), coopToken);
    ok(server.http.post("/api/v1/distributions/" + runs.get("APPROVED") + "/approve", regulatorToken, new JsonObject()));
    ok(server.http.post("/api/v1/distributions/" + runs.get("POSTED") + "/approve", regulatorToken, new JsonObject()));
    // publicized before the POSTED run claims the period's revenue, as before the clock: a draft
    // whose sources are claimed can no longer be publicized (nothing-to-distribute)
    publicize(runs.get("PUBLICIZED"));
    publicize(runs.get("OBJECTED"));
    ok(server.http.post("/api/v1/distributions/" + runs.get("POSTED") + "/post", coopToken, new JsonObject()));
    objection = created(server.http.post("/api/v1/distributions/" + runs.get("OBJECTED") + "/objections", null,
        new JsonObject().put("text", "请核实我家的土地亩数")));
  }

  private void publicize(String runId) {
    ok(server.http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7)));
  }

  private static String created(Http.Response response) {
    ok(response);
    return response.body().getString("id");
  }

  private static void ok(Http.Response response) {
    if (response.status() != 200 && response.status() != 201) {
      throw new IllegalStateException("world setup failed: " + response.status() + " " + response.text());
    }
  }
}
