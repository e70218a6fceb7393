package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a run, as the 岑丰村 cooperative lives it: draft under coop-surplus-60, 公示 with a
 * masked notice, an objection answered, approval after publicity, posting exactly once under
 * concurrent calls, household statements equal to the ledger, payout, and reversal.
 */
class DistributionLifecycleTest {
  @ClassServer static TestServer server;
  static GrapeCooperative coop;

  @BeforeAll
  static void given_a_grape_cooperative_with_a_year_of_settled_sales() {
    coop = new GrapeCooperative(server, "岑丰村葡萄种植专业合作社", 4);
    // Two settled orders: 500 kg and 400 kg at 12 元/公斤 = 600,000 + 480,000 fen; 80,000 fen of costs.
    coop.settledOrder(9_001, 600_000, LocalDate.of(2026, 9, 10));
    coop.settledOrder(9_002, 480_000, LocalDate.of(2026, 10, 8));
    coop.settledOrder(9_003, 77_700, LocalDate.of(2025, 12, 30)); // last year: not in the 2026 pool
    coop.cost(80_000, "2026-03-15");
  }

  @Test
  void the_grape_year_from_draft_to_payout() throws Exception {
    // When the cooperative drafts its 2026 surplus distribution
    Http.Response draft = coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31");

    // Then the pool is revenue − costs = 1,080,000 − 80,000 = 1,000,000 fen, split to the fen
    assertThat(draft.status()).as(draft.text()).isEqualTo(201);
    JsonObject run = draft.body();
    String runId = run.getString("id");
    assertThat(run.getString("status")).isEqualTo("DRAFT");
    assertThat(run.getLong("poolFen")).isEqualTo(1_000_000L);
    assertThat(sum(run.getJsonArray("allocations"))).isEqualTo(1_000_000L);
    assertThat(run.getJsonObject("sources").getJsonArray("orderIds").getList()).containsExactly("9001", "9002");
    // 10% provident fund = 100,000; 60% of 900,000 = 540,000 by grapes delivered (120,000 of 1,200,000 fen
    // → 54,000 for the first household); 360,000 by 10 of 70 亩 → 51,428.57, the leftover fen going to
    // the largest remainders (.857 then .571) → 51,429. Together 105,429 fen.
    String first = coop.households.get(0);
    assertThat(householdTotal(run.getJsonArray("allocations"), first)).isEqualTo(105_429L);

    // A draft is not public, and publicity shorter than 7 days is refused
    assertThat(server.http.get("/api/v1/public/distributions/" + runId + "/notice", null).status()).isEqualTo(404);
    Http.Response tooShort = coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken,
        new JsonObject().put("days", 3));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.body().getString("field")).isEqualTo("days");

    // When publicized, the notice masks names and identity numbers
    assertThat(coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken,
        new JsonObject().put("days", 7)).body().getString("status")).isEqualTo("PUBLICIZED");
    Http.Response notice = server.http.get("/api/v1/public/distributions/" + runId + "/notice", null);
    assertThat(notice.status()).isEqualTo(200);
    assertThat(notice.text()).contains("杨*宇").doesNotContain("杨启宇").doesNotContain("\"name\"");
    assertThat(notice.text()).containsPattern("4501\\*{10}[0-9X]{4}").doesNotContainPattern("4501231975\\d{7}");
    Http.Response csv = server.http.get("/api/v1/public/distributions/" + runId + "/notice?format=csv", null);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.text().getBytes(StandardCharsets.UTF_8)).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    assertThat(csv.text()).contains("540.00").contains("514.29").doesNotContain("杨启宇");

    // An objection from the household blocks approval until the cooperative answers it
    String householdToken = server.userToken("household-" + first, "HOUSEHOLD", first);
    Http.Response objection = coop.post("/api/v1/distributions/" + runId + "/objections", householdToken,
        new JsonObject().put("text", "我家交售的葡萄应为 120 公斤"));
    assertThat(objection.status()).isEqualTo(201);
    assertThat(objection.body().getString("householdId")).isEqualTo(first);
    Http.Response early = coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken, new JsonObject());
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.body().getString("type")).endsWith("publicity-not-over");
    coop.endPublicity(runId);
    Http.Response blocked = coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken, new JsonObject());
    assertThat(blocked.status()).isEqualTo(409);
    assertThat(blocked.body().getString("type")).endsWith("open-objections");
    assertThat(coop.post("/api/v1/distributions/" + runId + "/objections/" + objection.body().getString("id")
        + "/answer", coop.coopToken, new JsonObject().put("answer", "已核对交售单：100 公斤，原数据无误")).status())
        .isEqualTo(200);
    assertThat(coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken, new JsonObject())
        .body().getString("status")).isEqualTo("APPROVED");

    // When eight posts race (cooperative and regulator, as retries would), exactly one entry is written
    // the run covers all of 2026: it closes the year (结账), so it is posted once 2026 has ended
    server.passDaysUntilAfter(java.time.LocalDate.of(2026, 12, 31));
    List<Integer> statuses = raceToPost(runId, 8);
    assertThat(statuses).containsOnly(200);
    assertThat(server.server().database().dsl().fetchCount(LEDGER_ENTRY,
        LEDGER_ENTRY.IDEMPOTENCY_REF.eq("distribution:" + runId))).isEqualTo(1);
    assertThat(server.http.get("/api/v1/ledger/trial-balance", server.adminToken).body().getBoolean("balanced")).isTrue();

    // Then each household's statement equals its ledger balance, traced to the orders behind it
    for (String household : coop.households) {
      JsonObject statement = server.http.get("/api/v1/households/" + household + "/statement", householdTokenOr(household, first, householdToken)).body();
      assertThat(statement.getLong("totalFen")).isEqualTo(statement.getLong("ledgerBalanceFen"))
          .isEqualTo(householdTotal(run.getJsonArray("allocations"), household));
    }
    JsonObject mine = server.http.get("/api/v1/households/" + first + "/statement?year=2026", householdToken).body();
    assertThat(mine.getLong("totalFen")).isEqualTo(105_429L);
    assertThat(mine.getJsonArray("lines").getJsonObject(0).getJsonArray("sources").getList())
        .containsExactly("9001", "9002");

    // Payout: the bank file (households with a recorded account, issue 14 point 9), then paid; the statement
    // total and the ledger balance do not move
    server.http.send("PUT", "/api/v1/households/" + first + "/bank-account", coop.coopToken, "application/json",
        new JsonObject().put("bankName", "岑巩县农村信用合作联社").put("holderName", "杨启宇")
            .put("accountNumber", "6217000012345678901").encode()).expect(200);
    Http.Response payout = server.http.get("/api/v1/distributions/" + runId + "/payout", coop.coopToken);
    assertThat(payout.text()).contains("1054.29", "6217000012345678901");
    assertThat(coop.post("/api/v1/distributions/" + runId + "/paid", coop.coopToken,
        new JsonObject().put("paidOn", "2026-11-20")).status()).isEqualTo(200);
    JsonObject afterPayout = server.http.get("/api/v1/households/" + first + "/statement", householdToken).body();
    assertThat(afterPayout.getLong("totalFen")).isEqualTo(105_429L).isEqualTo(afterPayout.getLong("ledgerBalanceFen"));
    assertThat(afterPayout.getLong("paidFen")).isEqualTo(105_429L);
    Http.Response reverseAfterPaid = coop.post("/api/v1/distributions/" + runId + "/reverse", coop.regulatorToken,
        new JsonObject().put("reason", "核查"));
    assertThat(reverseAfterPaid.status()).isEqualTo(409);
  }

  @Test
  void a_reversed_run_leaves_the_statement_and_the_ledger_as_before() {
    // Its own cooperative: the year run of the other test closes 2026 (结账) for the shared one
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村葡萄种植专业合作社（冲销）", 4);
    coop.settledOrder(9_101, 600_000, LocalDate.of(2026, 9, 10));
    String runId = GrapeCooperative.created(coop.draft("coop-surplus-60", "2026-09-01", "2026-09-30"));
    coop.post("/api/v1/distributions/" + runId + "/publicize", coop.coopToken, new JsonObject().put("days", 7));
    coop.endPublicity(runId);
    coop.post("/api/v1/distributions/" + runId + "/approve", coop.regulatorToken, new JsonObject());
    String second = coop.households.get(1);
    long before = server.http.get("/api/v1/households/" + second + "/statement", server.adminToken).body()
        .getLong("ledgerBalanceFen");
    assertThat(coop.post("/api/v1/distributions/" + runId + "/post", coop.coopToken, new JsonObject()).status())
        .isEqualTo(200);

    Http.Response reversed = coop.post("/api/v1/distributions/" + runId + "/reverse", coop.regulatorToken,
        new JsonObject().put("reason", "交售数据录入错误"));

    assertThat(reversed.body().getString("status")).isEqualTo("REVERSED");
    JsonObject statement = server.http.get("/api/v1/households/" + second + "/statement", server.adminToken).body();
    assertThat(statement.getLong("ledgerBalanceFen")).isEqualTo(before).isEqualTo(statement.getLong("totalFen"));
    assertThat(statement.getJsonArray("reversed")).isNotEmpty();
    assertThat(server.http.get("/api/v1/ledger/trial-balance", server.adminToken).body().getBoolean("balanced")).isTrue();
  }

  private static String householdTokenOr(String household, String first, String firstToken) {
    return household.equals(first) ? firstToken : server.adminToken;
  }

  private static List<Integer> raceToPost(String runId, int callers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String token = i % 2 == 0 ? coop.coopToken : coop.regulatorToken;
      calls.add(() -> {
        start.await();
        return coop.post("/api/v1/distributions/" + runId + "/post", token, new JsonObject()).status();
      });
    }
    List<Future<Integer>> futures = new ArrayList<>();
    calls.forEach(c -> futures.add(pool.submit(c)));
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : futures) {
      statuses.add(f.get());
    }
    pool.shutdown();
    return statuses;
  }

  static long sum(JsonArray allocations) {
    long total = 0;
    for (int i = 0; i < allocations.size(); i++) {
      total += allocations.getJsonObject(i).getLong("amountFen");
    }
    return total;
  }

  static long householdTotal(JsonArray allocations, String householdId) {
    long total = 0;
    for (int i = 0; i < allocations.size(); i++) {
      JsonObject line = allocations.getJsonObject(i);
      if (householdId.equals(line.getString("householdId"))) {
        total += line.getLong("amountFen");
      }
    }
    return total;
  }
}
