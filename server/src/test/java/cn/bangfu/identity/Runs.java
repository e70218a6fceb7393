package cn.bangfu.identity;

import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Posting;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Makes distribution runs in a wanted state for the authorization matrix: one fresh run per call. */
final class Runs {
  private static final AtomicLong SEQUENCE = new AtomicLong(70_000);
  /** Enough ended runs of one cooperative for every role's row that asks for one (see endedRun). */
  private static final int BATCH = 40;
  private final Map<String, Deque<String>> ended = new HashMap<>();
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
    String runId;
    if (state.equals("DRAFT") || state.equals("PUBLICIZED") || state.equals("OBJECTED")) {
      runId = draft(cooperativeId, coopToken);
      if (state.equals("DRAFT")) {
        return new Made(runId, null);
      }
      ok(server.http.post("/api/v1/distributions/" + runId + "/publicize", coopToken, new JsonObject().put("days", 7)));
      if (state.equals("OBJECTED")) {
        String objectionId = ok(server.http.post("/api/v1/distributions/" + runId + "/objections", null,
            new JsonObject().put("text", "请核实"))).getString("id");
        return new Made(runId, objectionId);
      }
      return new Made(runId, null);
    }
    runId = endedRun(cooperativeId, coopToken);
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

  /**
   * A run of the cooperative whose 公示 is over. Each needs seven business days to pass, so they are
   * publicized {@link #BATCH} at a time and the clock moves once per batch: one per run would move it
   * a year through the matrix, past every lot's availability.
   */
  private String endedRun(String cooperativeId, String coopToken) {
    Deque<String> ready = ended.computeIfAbsent(cooperativeId, k -> new ArrayDeque<>());
    if (ready.isEmpty()) {
      LocalDate lastEnd = null;
      for (int i = 0; i < BATCH; i++) {
        String runId = draft(cooperativeId, coopToken);
        LocalDate end = LocalDate.parse(ok(server.http.post("/api/v1/distributions/" + runId + "/publicize",
            coopToken, new JsonObject().put("days", 7))).getString("publicityEnd"));
        lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
        ready.add(runId);
      }
      server.passDaysUntilAfter(lastEnd);
    }
    return ready.poll();
  }

  /**
   * A draft over a day of its own, with revenue settled that day: runs drafted ahead of their posting
   * do not share revenue, so posting one never makes another stale (409 already-distributed).
   */
  private String draft(String cooperativeId, String coopToken) {
    long order = SEQUENCE.incrementAndGet();
    long coop = Long.parseLong(cooperativeId);
    LocalDate day = LocalDate.of(2026, 1, 1).plusDays(order - 70_000);
    EntryDraft revenue = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, order, "order-settlement:" + order, coop,
        day, 1, "matrix", List.of(
            new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), 100_000),
            new Posting(AccountRef.of(coop, ChartAccount.OPERATING_REVENUE), -100_000)));
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(), revenue));
    return ok(server.http.post("/api/v1/cooperatives/" + cooperativeId + "/distributions", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", day.toString())
            .put("periodEnd", day.toString()))).getString("id");
  }

  private static JsonObject ok(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body();
  }
}
