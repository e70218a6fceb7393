package cn.bangfu.distribution;

import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Posting;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Given: the 岑丰村 grape cooperative of seed 001 with member households holding land shares (亩) and
 * delivering grapes at 12 元/公斤, a buyer, and orders settled in 2026 — each settlement a real ledger
 * entry (buyer procurement debit, cooperative revenue credit) referencing its order.
 */
final class GrapeCooperative {
  final TestServer server;
  final String id;
  final String coopToken;
  final String regulatorToken;
  final List<String> households = new ArrayList<>();
  final String buyerId;

  GrapeCooperative(TestServer server, String name, int householdCount) {
    this.server = server;
    this.id = created(server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative(name)));
    this.coopToken = server.userToken("coop-" + id, "COOP", id);
    this.regulatorToken = server.userToken("regulator-" + id, "REGULATOR", Fixtures.REGION.substring(0, 6));
    this.buyerId = created(server.http.post("/api/v1/buyers", server.adminToken, Fixtures.buyer("县一中食堂")));
    for (int i = 0; i < householdCount; i++) {
      JsonObject household = Fixtures.household("杨启" + (char) ('宇' + i), Fixtures.idNumber());
      if (i == householdCount - 1 && householdCount > 2) {
        household.put("status", "ORDINARY");
      }
      // poverty status is the county's to set (issue 12 finding 6): the register is entered by admin
      String householdId = created(server.http.post("/api/v1/households", server.adminToken, household));
      households.add(householdId);
      JsonObject membership = new JsonObject().put("householdId", householdId).put("shares", new JsonArray()
          .add(new JsonObject().put("shareClass", "LAND").put("units", 10 + 5 * i).put("since", "2026-01-01")));
      created(server.http.post("/api/v1/cooperatives/" + id + "/members", coopToken, membership));
      long kilograms = 100L * (i + 1);
      created(server.http.post("/api/v1/cooperatives/" + id + "/deliveries", coopToken, new JsonObject()
          .put("householdId", householdId).put("product", "葡萄").put("quantity", kilograms).put("unit", "KG")
          .put("valueFen", kilograms * 1200).put("date", "2026-08-20")));
    }
  }

  static JsonObject createdBody(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body();
  }

  static String created(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body().getString("id");
  }

  /** A settled order of {@code fen}: the entry order settlement posts, referencing order {@code orderId}. */
  void settledOrder(long orderId, long fen, LocalDate settledOn) {
    long coop = Long.parseLong(id);
    EntryDraft draft = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, orderId, "order-settlement:" + orderId, coop,
        settledOn, 1, "test settlement", List.of(
            new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), fen),
            new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), -fen)));
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(), draft));
  }

  void cost(long fen, String date) {
    cost(fen, "MATERIALS", date);
  }

  /** A cost of {@code category}; returns its id. */
  String cost(long fen, String category, String date) {
    return created(server.http.post("/api/v1/cooperatives/" + id + "/costs", coopToken, new JsonObject()
        .put("amountFen", fen).put("category", category).put("date", date)));
  }

  /** Off-platform income of {@code category} (e.g. PV_GRID) received into the bank; returns its id. */
  String income(long fen, String category, String date) {
    return created(server.http.post("/api/v1/cooperatives/" + id + "/income", coopToken, new JsonObject()
        .put("amountFen", fen).put("category", category).put("date", date).put("into", "BANK")));
  }

  /** Drafts, publicizes, lets publicity end and approves a run; returns its id. */
  String approvedRun(String ruleSetId, String start, String end) {
    String runId = created(draft(ruleSetId, start, end));
    assertThat(post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7))
        .status()).isEqualTo(200);
    endPublicity(runId);
    assertThat(post("/api/v1/distributions/" + runId + "/approve", regulatorToken, new JsonObject()).status())
        .isEqualTo(200);
    return runId;
  }

  /**
   * An approved run, posted; returns the posted run. A run over whole calendar years closes them (结账),
   * which the server allows only once they have ended: business days pass to after {@code end} first.
   */
  JsonObject postedRun(String ruleSetId, String start, String end) {
    String runId = approvedRun(ruleSetId, start, end);
    if (start.endsWith("-01-01") && end.endsWith("-12-31")) {
      server.passDaysUntilAfter(LocalDate.parse(end));
    }
    Http.Response posted = post("/api/v1/distributions/" + runId + "/post", coopToken, new JsonObject());
    assertThat(posted.status()).as(posted.text()).isEqualTo(200);
    return posted.body();
  }

  Http.Response draft(String ruleSetId, String start, String end) {
    return server.http.post("/api/v1/cooperatives/" + id + "/distributions", coopToken, new JsonObject()
        .put("ruleSetId", ruleSetId).put("periodStart", start).put("periodEnd", end));
  }

  /** Lets the publicity period end: business days pass on the server's clock until it is over. */
  void endPublicity(String runId) {
    server.endPublicity(runId, coopToken);
  }

  Http.Response post(String path, String token, JsonObject body) {
    return server.http.post(path, token, body);
  }
}
