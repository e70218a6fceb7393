package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 finding 10: households, orders and distribution runs must not confirm their existence to
 * someone outside their scope. Every id route of the three, called by each role of 岑丰村's scope
 * (450123) the route admits with a Guangzhou (440106) id, answers exactly as for an id that does
 * not exist: 404, same type, same detail but for the id. A role the route never admits keeps its 403.
 */
class ExistenceLeakTest {
  static final String UNKNOWN = "999999999";
  @ClassServer static TestServer server;
  static Market cenfeng;
  static String regulator;
  static String householdToken;
  static String guangzhouHousehold;
  static String guangzhouOrder;
  static String guangzhouRun;

  @BeforeAll
  static void world() {
    cenfeng = Market.open(server, "岑丰村葡萄", Fixtures.REGION);
    Market guangzhou = Market.open(server, "番禺蔬菜", "440106000000");
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
    String cenfengHousehold = Market.created(server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨启宇", Fixtures.idNumber())));
    householdToken = server.userToken("household-yang", "HOUSEHOLD", cenfengHousehold);
    guangzhouHousehold = Market.created(server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("陈志强", Fixtures.idNumber()).put("regionCode", "440106000000")));
    Market.created(server.http.post("/api/v1/cooperatives/" + guangzhou.coop + "/members", server.adminToken,
        Fixtures.membership(guangzhouHousehold)));
    guangzhouOrder = guangzhou.placedOrder(guangzhou.lot("100"), "10");
    guangzhouRun = new Runs(server, cenfeng.coopToken, regulator, server.userToken("guangzhou-regulator", "REGULATOR",
        "4401")).make(guangzhou.coop, "POSTED").runId();
  }

  record Probe(String method, String path, String token, String who, JsonObject body) {
  }

  static List<Probe> probes() {
    List<Probe> p = new ArrayList<>();
    String coop = cenfeng.coopToken;
    String buyer = cenfeng.buyerToken;
    for (String[] caller : new String[][] {{coop, "COOP"}, {regulator, "REGULATOR"}, {householdToken, "HOUSEHOLD"}}) {
      p.add(new Probe("GET", "/api/v1/households/{household}", caller[0], caller[1], null));
      p.add(new Probe("GET", "/api/v1/households/{household}/statement", caller[0], caller[1], null));
    }
    p.add(new Probe("PATCH", "/api/v1/households/{household}", regulator, "REGULATOR",
        new JsonObject().put("blacklisted", true)));
    for (String[] caller : new String[][] {{coop, "COOP"}, {buyer, "BUYER"}, {regulator, "REGULATOR"}}) {
      p.add(new Probe("GET", "/api/v1/orders/{order}", caller[0], caller[1], null));
      p.add(new Probe("GET", "/api/v1/orders/{order}/history", caller[0], caller[1], null));
    }
    p.add(new Probe("POST", "/api/v1/orders/{order}/confirm", coop, "COOP", new JsonObject()));
    p.add(new Probe("POST", "/api/v1/orders/{order}/cancel", buyer, "BUYER", new JsonObject()));
    p.add(new Probe("POST", "/api/v1/orders/{order}/cancel", coop, "COOP", new JsonObject()));
    for (String[] caller : new String[][] {{coop, "COOP"}, {regulator, "REGULATOR"}}) {
      p.add(new Probe("GET", "/api/v1/distributions/{run}", caller[0], caller[1], null));
      p.add(new Probe("GET", "/api/v1/distributions/{run}/objections", caller[0], caller[1], null));
      p.add(new Probe("POST", "/api/v1/distributions/{run}/post", caller[0], caller[1], new JsonObject()));
    }
    // the bank file (full account numbers) is the paying cooperative's alone: a regulator is refused by role
    p.add(new Probe("GET", "/api/v1/distributions/{run}/payout", coop, "COOP", null));
    p.add(new Probe("POST", "/api/v1/distributions/{run}/publicize", coop, "COOP", new JsonObject().put("days", 7)));
    p.add(new Probe("POST", "/api/v1/distributions/{run}/paid", coop, "COOP",
        new JsonObject().put("paidOn", "2026-11-20")));
    p.add(new Probe("POST", "/api/v1/distributions/{run}/approve", regulator, "REGULATOR", new JsonObject()));
    p.add(new Probe("POST", "/api/v1/distributions/{run}/reverse", regulator, "REGULATOR",
        new JsonObject().put("reason", "核查")));
    return p;
  }

  static Http.Response send(Probe probe, String household, String order, String run) {
    String path = probe.path().replace("{household}", household).replace("{order}", order).replace("{run}", run);
    return probe.body() == null ? server.http.get(path, probe.token())
        : server.http.send(probe.method(), path, probe.token(), "application/json", probe.body().encode());
  }

  @Test
  void an_id_of_another_scope_answers_exactly_like_an_id_that_does_not_exist() {
    List<String> leaks = new ArrayList<>();
    for (Probe probe : probes()) {
      Http.Response other = send(probe, guangzhouHousehold, guangzhouOrder, guangzhouRun);
      Http.Response unknown = send(probe, UNKNOWN, UNKNOWN, UNKNOWN);
      String name = probe.method() + " " + probe.path() + " as " + probe.who();
      if (other.status() != 404 || unknown.status() != 404 || !other.isProblem()) {
        leaks.add(name + ": other scope " + other.status() + ", unknown " + unknown.status() + " " + other.text());
        continue;
      }
      String otherDetail = other.body().getString("detail").replace(guangzhouHousehold, "ID")
          .replace(guangzhouOrder, "ID").replace(guangzhouRun, "ID");
      String unknownDetail = unknown.body().getString("detail").replace(UNKNOWN, "ID");
      if (!otherDetail.equals(unknownDetail) || !other.body().getString("type").equals(unknown.body().getString("type"))) {
        leaks.add(name + ": '" + otherDetail + "' vs '" + unknownDetail + "'");
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void nothing_outside_the_scope_was_changed_by_the_probes() {
    an_id_of_another_scope_answers_exactly_like_an_id_that_does_not_exist();
    assertThat(server.http.get("/api/v1/households/" + guangzhouHousehold, server.adminToken).body()
        .getBoolean("blacklisted")).isFalse();
    assertThat(server.http.get("/api/v1/orders/" + guangzhouOrder, server.adminToken).body().getString("status"))
        .isEqualTo("PLACED");
    assertThat(server.http.get("/api/v1/distributions/" + guangzhouRun, server.adminToken).body().getString("status"))
        .isEqualTo("POSTED");
  }

  @Test
  void a_role_the_route_never_admits_still_gets_403_whatever_the_id() {
    for (String id : new String[] {guangzhouHousehold, UNKNOWN}) {
      assertThat(server.http.get("/api/v1/households/" + id, cenfeng.buyerToken).status()).isEqualTo(403);
      assertThat(server.http.get("/api/v1/orders/" + id, householdToken).status()).isEqualTo(403);
      assertThat(server.http.get("/api/v1/distributions/" + id, cenfeng.buyerToken).status()).isEqualTo(403);
    }
  }
}
