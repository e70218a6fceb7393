package cn.bangfu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.AccountRef.OwnerType;
import cn.bangfu.ledger.AccountRef.Purpose;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Posting;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Makes distribution runs in a wanted state for the authorization matrix: one fresh run per call. */
final class Runs {
  private static final AtomicLong SEQUENCE = new AtomicLong(70_000);
  private final TestServer server;
  private final String coopAToken;
  private final String regulatorA;
  private final String regulatorB;

  record Made(String runId, String objectionId) {
  }

  Runs(TestServer server, String coopAToken, String regulatorA, String regulatorB) {
    this.server = server;
    this.coopAToken = coopAToken;
    this.regulatorA = regulatorA;
    this.regulatorB = regulatorB;
  }

  Made make(String cooperativeId, String state) {
    boolean a = server.http.get("/api/v1/cooperatives/" + cooperativeId, coopAToken).status() == 200;
    String coopToken = a ? coopAToken : server.adminToken;
    String regulator = a ? regulatorA : regulatorB;
    long order = SEQUENCE.incrementAndGet();
    long coop = Long.parseLong(cooperativeId);
    EntryDraft revenue = new EntryDraft("ORDER_SETTLEMENT", "ORDER", order, "order-settlement:" + order, coop,
        LocalDate.of(2026, 1, 1), 1, "matrix", List.of(
            new Posting(new AccountRef(OwnerType.BUYER, 1, Purpose.BUYER_PROCUREMENT), 100_000),
            new Posting(new AccountRef(OwnerType.COOPERATIVE, coop, Purpose.COOP_REVENUE), -100_000)));
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(), revenue));
    String end = LocalDate.of(2026, 1, 1).plusDays(order - 70_000).toString();
    String runId = ok(server.http.post("/api/v1/cooperatives/" + cooperativeId + "/distributions", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-01-01").put("periodEnd", end)))
        .getString("id");
    String objectionId = null;
    if (state.equals("DRAFT")) {
      return new Made(runId, null);
    }
    ok(server.http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7)));
    if (state.equals("OBJECTED")) {
      objectionId = ok(server.http.post("/api/v1/distributions/" + runId + "/objections", null,
          new JsonObject().put("text", "请核实"))).getString("id");
      return new Made(runId, objectionId);
    }
    server.server().database().dsl().execute("UPDATE distribution_run SET publicity_end = publicity_end - INTERVAL 30 DAY"
        + " WHERE id = " + Long.parseLong(runId));
    if (state.equals("ENDED")) {
      return new Made(runId, null);
    }
    ok(server.http.post("/api/v1/distributions/" + runId + "/approve", regulator, new JsonObject()));
    if (state.equals("APPROVED")) {
      return new Made(runId, null);
    }
    ok(server.http.post("/api/v1/distributions/" + runId + "/post", coopToken, new JsonObject()));
    return new Made(runId, null);
  }

  private static JsonObject ok(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body();
  }
}
