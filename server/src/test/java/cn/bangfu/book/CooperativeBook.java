package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A cooperative with members, driven through the book's routes, and its chart read back from /accounts. */
final class CooperativeBook {
  final TestServer server;
  final String id;
  final String coopToken;
  final List<String> members = new ArrayList<>();
  /** The region's regulator, who approves runs; signed in on the first run. */
  private String regulator;

  CooperativeBook(TestServer server, String name, int memberCount) {
    this.server = server;
    this.id = created(server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative(name)));
    this.coopToken = server.userToken("coop-" + id, "COOP", id);
    for (int i = 0; i < memberCount; i++) {
      String household = created(server.http.post("/api/v1/households", server.adminToken,
          Fixtures.household("杨启" + (char) ('宇' + i), Fixtures.idNumber())));
      created(server.http.post("/api/v1/cooperatives/" + id + "/members", coopToken, new JsonObject()
          .put("householdId", household).put("shares", new JsonArray().add(new JsonObject()
              .put("shareClass", "LAND").put("units", 450).put("since", "2026-01-01")))));
      members.add(household);
    }
  }

  static String created(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body().getString("id");
  }

  Http.Response income(long fen, String category, String date, String into) {
    return server.http.post("/api/v1/cooperatives/" + id + "/income", coopToken, new JsonObject().put("amountFen", fen)
        .put("category", category).put("date", date).put("into", into));
  }

  Http.Response cost(long fen, String category, String date, String paidFrom) {
    return server.http.post("/api/v1/cooperatives/" + id + "/costs", coopToken, new JsonObject().put("amountFen", fen)
        .put("category", category).put("date", date).put("paidFrom", paidFrom));
  }

  Http.Response contribution(String household, long fen, String date, String kind) {
    return server.http.post("/api/v1/cooperatives/" + id + "/contributions", coopToken, new JsonObject()
        .put("householdId", household).put("amountFen", fen).put("date", date).put("kind", kind));
  }

  /** 交售 bought at a price: {@code kilograms} of grapes worth {@code fen}. */
  Http.Response purchase(String household, long kilograms, long fen, String date) {
    return server.http.post("/api/v1/cooperatives/" + id + "/produce-purchases", coopToken, new JsonObject()
        .put("householdId", household).put("product", "葡萄").put("quantity", kilograms).put("unit", "KG")
        .put("valueFen", fen).put("date", date));
  }

  /** Pays {@code fen} of {@code payable} from {@code from}; {@code household} only for MEMBER_CURRENT. */
  Http.Response payment(String payable, String household, long fen, String date, String from) {
    JsonObject body = new JsonObject().put("payable", payable).put("amountFen", fen).put("date", date)
        .put("from", from);
    if (household != null) {
      body.put("householdId", household);
    }
    return server.http.post("/api/v1/cooperatives/" + id + "/payments", coopToken, body);
  }

  /**
   * Drafts a run, publicizes it, lets publicity end, has the region's regulator approve it and posts it;
   * a run over a whole year is posted once the year has ended (it closes the year). Returns the run.
   */
  JsonObject postedRun(String ruleSetId, String start, String end) {
    return post(draft(ruleSetId, start, end).getString("id"), end);
  }

  JsonObject draft(String ruleSetId, String start, String end) {
    return server.http.post("/api/v1/cooperatives/" + id + "/distributions", coopToken, new JsonObject()
        .put("ruleSetId", ruleSetId).put("periodStart", start).put("periodEnd", end)).expect(201).body();
  }

  /** Publicizes the drafted run, lets publicity end, has the regulator approve it and posts it after {@code end}. */
  JsonObject post(String runId, String end) {
    if (regulator == null) {
      regulator = server.userToken("regulator-" + id, "REGULATOR", Fixtures.REGION.substring(0, 6));
    }
    server.http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7))
        .expect(200);
    server.endPublicity(runId, coopToken);
    server.http.post("/api/v1/distributions/" + runId + "/approve", regulator, new JsonObject()).expect(200);
    server.passDaysUntilAfter(java.time.LocalDate.parse(end));
    return server.http.post("/api/v1/distributions/" + runId + "/post", coopToken, new JsonObject()).expect(200).body();
  }

  /** The run's payout: the members' payables leave the bank on {@code paidOn}. */
  Http.Response paid(String runId, String paidOn) {
    return server.http.post("/api/v1/distributions/" + runId + "/paid", coopToken,
        new JsonObject().put("paidOn", paidOn));
  }

  JsonObject report(String path) {
    return server.http.get("/api/v1/cooperatives/" + id + "/reports/" + path, coopToken).expect(200).body();
  }

  Http.Response close(int year) {
    return server.http.post("/api/v1/cooperatives/" + id + "/periods/" + year + "/close", coopToken, new JsonObject());
  }

  /** The cooperative's accounts as the API lists them. */
  List<JsonObject> accounts() {
    Http.Response response = server.http.get("/api/v1/accounts?ownerType=COOPERATIVE&ownerId=" + id, coopToken);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  /** Signed posting sums (debit positive) by chart code and household ("" for the cooperative's own). */
  Map<String, Long> balances() {
    Map<String, Long> balances = new HashMap<>();
    for (JsonObject a : accounts()) {
      String key = a.getString("code") + (a.getString("householdId") == null ? "" : ":" + a.getString("householdId"));
      balances.put(key, a.getLong("balanceFen"));
    }
    return balances;
  }

  /** Signed sums by account class. */
  Map<String, Long> byClass() {
    Map<String, Long> sums = new HashMap<>();
    for (JsonObject a : accounts()) {
      sums.merge(a.getString("accountClass"), a.getLong("balanceFen"), Long::sum);
    }
    return sums;
  }

  /**
   * The book's two identities at any moment: the trial balance is 0, and assets = liabilities + equity +
   * (income − cost of the still-open year). Signed sums (credit negative) make both one sum.
   */
  void assertBalanced(String context) {
    Map<String, Long> c = byClass();
    long assets = c.getOrDefault("ASSET", 0L);
    long liabilities = -c.getOrDefault("LIABILITY", 0L);
    long equity = -c.getOrDefault("EQUITY", 0L);
    long openSurplus = -c.getOrDefault("INCOME_AND_LOSS", 0L) - c.getOrDefault("COST", 0L);
    assertThat(c.values().stream().mapToLong(Long::longValue).sum()).as(context + ": trial balance").isZero();
    assertThat(assets).as(context + ": assets = liabilities + equity + open surplus")
        .isEqualTo(liabilities + equity + openSurplus);
  }
}
