package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.DISTRIBUTION_CLAIM;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the same revenue is distributed at most once, whatever the periods or rule sets chosen
 * (DESIGN.md 8.1, invariant 5). Each test is its own 岑丰村 grape cooperative (12 元/公斤 grapes, land
 * shares in 亩) with a year of settled sales: 400 kg in March = 480,000 fen, 500 kg in September =
 * 600,000 fen.
 */
class DistributedOnceTest {
  @ClassServer static TestServer server;

  /** Order ids are unique across the test's cooperatives (settlement refs are unique ledger-wide). */
  private static final AtomicLong ORDERS = new AtomicLong(130_000);
  private static final Map<String, List<Long>> ORDERS_OF = new ConcurrentHashMap<>();

  private static GrapeCooperative grapeYear(String name) {
    GrapeCooperative coop = new GrapeCooperative(server, name, 4);
    settled(coop, 480_000, LocalDate.of(2026, 3, 20));
    settled(coop, 600_000, LocalDate.of(2026, 9, 10));
    return coop;
  }

  private static long settled(GrapeCooperative coop, long fen, LocalDate on) {
    long order = ORDERS.incrementAndGet();
    coop.settledOrder(order, fen, on);
    ORDERS_OF.computeIfAbsent(coop.id, k -> new ArrayList<>()).add(order);
    return order;
  }

  /** The cooperative's n-th settled order (from 1). */
  private static String order(GrapeCooperative coop, int n) {
    return Long.toString(ORDERS_OF.get(coop.id).get(n - 1));
  }

  @Test
  void given_a_posted_year_when_another_run_over_that_year_is_drafted_with_any_rule_set_then_409_naming_the_period() {
    GrapeCooperative coop = grapeYear("岑丰村葡萄合作社一");
    coop.cost(80_000, "2026-03-15");
    JsonObject year = coop.postedRun("coop-surplus-60", "2026-01-01", "2026-12-31");
    assertThat(year.getLong("poolFen")).isEqualTo(1_000_000L);

    // The reproduction: the same year again, under the same or another surplus rule set
    for (String ruleSet : List.of("coop-surplus-60", "land-guaranteed-plus-profit", "pv-station-welfare-posts")) {
      Http.Response again = coop.draft(ruleSet, "2026-01-01", "2026-12-31");
      assertThat(again.status()).as(ruleSet + ": " + again.text()).isEqualTo(409);
      assertThat(again.contentType()).startsWith("application/problem+json");
      assertThat(again.body().getString("type")).endsWith("year-closed");
      assertThat(again.body().getString("field")).isEqualTo("periodStart");
    }
    // A half-year inside the posted year, and periods straddling it, are refused as well
    assertThat(coop.draft("coop-surplus-60", "2026-01-01", "2026-06-30").body().getString("field"))
        .isEqualTo("periodStart");
    Http.Response straddling = coop.draft("land-guaranteed-plus-profit", "2025-07-01", "2026-06-30");
    assertThat(straddling.status()).isEqualTo(409);
    assertThat(straddling.body().getString("field")).isEqualTo("periodEnd");
    assertThat(coop.draft("coop-surplus-60", "2027-01-01", "2027-12-31").status()).isEqualTo(201);

    // Nothing more was written: one distribution entry, the books balance
    assertThat(distributionEntries(coop)).isEqualTo(1);
    assertThat(server.http.get("/api/v1/ledger/trial-balance", server.adminToken).body().getBoolean("balanced"))
        .isTrue();
  }

  @Test
  void given_a_closed_year_when_a_cost_is_dated_in_it_then_409_naming_the_date() {
    GrapeCooperative coop = grapeYear("岑丰村葡萄合作社二");
    // Last year is closed; dates in it are past, so only the closing can refuse them
    int closed = server.today().getYear() - 1;
    settled(coop, 120_000, LocalDate.of(closed, 1, 5));
    coop.postedRun("coop-surplus-60", closed + "-01-01", closed + "-12-31");

    Http.Response cost = coop.post("/api/v1/cooperatives/" + coop.id + "/costs", coop.coopToken, new JsonObject()
        .put("amountFen", 30_000).put("category", "MATERIALS").put("date", closed + "-11-30"));
    assertThat(cost.status()).as(cost.text()).isEqualTo(409);
    assertThat(cost.body().getString("field")).isEqualTo("date");
    assertThat(cost.body().getString("type")).endsWith("year-closed");
    coop.cost(30_000, server.today().withDayOfYear(1).toString());
  }

  @Test
  void given_a_closed_year_when_a_settlement_is_dated_in_it_then_409_naming_settled_on_and_nothing_posted() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村葡萄合作社八", 4);
    // An order is settled on or after the day it was placed, and a year is closed only once it has
    // ended: the order is placed and accepted in this business year, the year's run is posted after
    // 31 December (which closes it), and the buyer then pays dating the payment 31 December
    int thisYear = server.today().getYear();
    settled(coop, 120_000, server.today());
    String buyerToken = server.userToken("buyer-" + coop.buyerId, "BUYER", coop.buyerId);
    Market market = Market.of(server, coop.id, coop.coopToken, coop.buyerId, buyerToken);
    // this class's runs move the business clock on: the lot is offered from the server's today
    String lot = GrapeCooperative.created(server.http.post("/api/v1/lots", coop.coopToken, market.lotBody("500")
        .put("availableFrom", server.today().toString()).put("availableTo", server.today().plusDays(60).toString())));
    String order = market.placedOrder(lot, "400");
    market.advance(order, "ACCEPTED");
    coop.postedRun("coop-surplus-60", thisYear + "-01-01", thisYear + "-12-31");

    long entriesBefore = server.server().database().dsl().fetchCount(LEDGER_ENTRY);
    Http.Response settle = market.act(buyerToken, order, "settle", new JsonObject().put("amountFen", 480_000)
        .put("paymentRef", "BANK-" + order).put("settledOn", thisYear + "-12-31"));
    assertThat(settle.status()).as(settle.text()).isEqualTo(409);
    assertThat(settle.body().getString("field")).isEqualTo("settledOn");
    assertThat(server.server().database().dsl().fetchCount(LEDGER_ENTRY)).isEqualTo(entriesBefore);
    assertThat(server.http.get("/api/v1/orders/" + order, buyerToken).body().getString("status"))
        .isEqualTo("ACCEPTED");
  }

  @Test
  void given_a_posted_half_year_then_a_run_over_the_whole_year_gets_only_the_undistributed_rest() {
    GrapeCooperative coop = grapeYear("岑丰村葡萄合作社三");
    String february = coop.cost(80_000, "MATERIALS", "2026-02-10");
    String august = coop.cost(50_000, "MATERIALS", "2026-08-10");
    JsonObject half = coop.postedRun("coop-surplus-60", "2026-01-01", "2026-06-30");
    // 480,000 − 80,000: the August cost is after the period's end and waits for a later run
    assertThat(half.getLong("poolFen")).isEqualTo(400_000L);
    assertThat(half.getJsonObject("sources").getJsonArray("costIds").getList()).containsExactly(february);

    // The same half-year again under another rule set: nothing left
    JsonObject again = GrapeCooperative.createdBody(coop.draft("land-guaranteed-plus-profit", "2026-01-01",
        "2026-06-30"));
    assertThat(again.getLong("revenueFen")).isZero();
    assertThat(again.getLong("poolFen")).isZero();
    assertThat(again.getJsonObject("sources").getJsonArray("orderIds").getList()).isEmpty();

    // The whole year: September's 600,000 less August's 50,000
    JsonObject year = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    assertThat(year.getLong("revenueFen")).isEqualTo(600_000L);
    assertThat(year.getLong("costFen")).isEqualTo(50_000L);
    assertThat(year.getLong("poolFen")).isEqualTo(550_000L);
    assertThat(year.getJsonObject("sources").getJsonArray("orderIds").getList()).containsExactly(order(coop, 2));
    assertThat(year.getJsonObject("sources").getJsonArray("costIds").getList()).containsExactly(august);
  }

  @Test
  void given_a_period_chosen_to_leave_costs_out_then_costs_dated_before_its_end_are_deducted_all_the_same() {
    GrapeCooperative coop = grapeYear("岑丰村葡萄合作社四");
    coop.cost(80_000, "2026-02-10");
    coop.cost(50_000, "2026-07-05");
    // July–December holds September's revenue; February's cost is outside it but undistributed
    JsonObject second = coop.postedRun("coop-surplus-60", "2026-07-01", "2026-12-31");
    assertThat(second.getLong("revenueFen")).isEqualTo(600_000L);
    assertThat(second.getLong("costFen")).isEqualTo(130_000L);
    assertThat(second.getLong("poolFen")).isEqualTo(470_000L);

    // January–June then has March's revenue and no cost left: together exactly the year's surplus
    JsonObject first = coop.postedRun("coop-surplus-60", "2026-01-01", "2026-06-30");
    assertThat(first.getLong("poolFen")).isEqualTo(480_000L);
    assertThat(second.getLong("poolFen") + first.getLong("poolFen")).isEqualTo(1_080_000L - 130_000L);

    // And a later run over the year cannot get revenue already claimed
    JsonObject year = GrapeCooperative.createdBody(coop.draft("land-guaranteed-plus-profit", "2026-01-01",
        "2026-12-31"));
    assertThat(year.getLong("revenueFen")).isZero();
    assertThat(year.getLong("poolFen")).isZero();
  }

  @Test
  void given_costs_above_revenue_then_the_pool_is_0_and_the_costs_carry_forward_to_the_next_run() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村葡萄合作社五", 3);
    settled(coop, 120_000, LocalDate.of(2026, 3, 20)); // 100 kg at 12 元/公斤
    coop.cost(300_000, "2026-02-10");
    JsonObject loss = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-01-01", "2026-06-30"));
    assertThat(loss.getLong("poolFen")).isZero();
    assertThat(loss.getJsonObject("sources").getJsonArray("costIds").getList()).isEmpty();

    settled(coop, 600_000, LocalDate.of(2026, 9, 10));
    JsonObject next = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-07-01", "2026-12-31"));
    assertThat(next.getLong("costFen")).isEqualTo(300_000L);
    assertThat(next.getLong("poolFen")).isEqualTo(300_000L);
  }

  @Test
  void a_pv_station_run_consumes_only_its_book_income_and_the_o_and_m_it_deducts_and_leaves_the_rest_to_a_surplus_run() {
    GrapeCooperative coop = grapeYear("岑丰村光伏合作社");
    String maintenance = coop.cost(30_000, "OPERATION_MAINTENANCE", "2026-03-01");
    String fertilizer = coop.cost(80_000, "MATERIALS", "2026-03-01");
    // the station's grid income, booked as PV_GRID (经营收入): the pool is 4,500 − 300 = 4,200 元; the grapes'
    // 6,000 元 of orders are not the station's money
    String grid = coop.income(450_000, "PV_GRID", "2026-05-20");
    JsonObject pv = coop.postedRun("pv-station-welfare-posts", "2026-01-01", "2026-06-30");
    assertThat(pv.getLong("poolFen")).isEqualTo(420_000L);
    assertThat(pv.getLong("revenueFen")).isEqualTo(450_000L);
    assertThat(pv.getJsonObject("sources").getJsonArray("costIds").getList()).containsExactly(maintenance);
    assertThat(pv.getJsonObject("sources").getJsonArray("orderIds")).isEmpty();
    assertThat(pv.getJsonObject("sources").getJsonArray("incomeIds").getList()).containsExactly(grid);
    // the fertilizer is not the station's: the run says so rather than dropping it silently
    assertThat(pv.getJsonArray("warnings").stream().map(w -> (JsonObject) w)
        .filter(w -> "COST_NOT_PLACED".equals(w.getString("kind"))).map(w -> w.getLong("amountFen")))
        .containsExactly(80_000L);

    JsonObject surplus = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    // every grape order of the year (4,800 + 6,000 元) is still the surplus run's, less the fertilizer
    assertThat(surplus.getLong("poolFen")).isEqualTo(480_000L + 600_000L - 80_000L);
    assertThat(surplus.getJsonObject("sources").getJsonArray("costIds").getList()).containsExactly(fertilizer);
    assertThat(surplus.getJsonObject("sources").getJsonArray("orderIds")).hasSize(2);
  }

  @Test
  void given_a_reversed_year_run_then_its_revenue_is_undistributed_and_the_year_open_again() {
    GrapeCooperative coop = grapeYear("岑丰村葡萄合作社六");
    coop.cost(80_000, "2026-03-15");
    JsonObject year = coop.postedRun("coop-surplus-60", "2026-01-01", "2026-12-31");
    Http.Response reversed = coop.post("/api/v1/distributions/" + year.getString("id") + "/reverse",
        coop.regulatorToken, new JsonObject().put("reason", "交售数据录入错误"));
    assertThat(reversed.body().getString("status")).isEqualTo("REVERSED");

    JsonObject again = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-01-01", "2026-12-31"));
    assertThat(again.getLong("poolFen")).isEqualTo(1_000_000L);
    coop.cost(10_000, "2026-11-20");
  }

  @Test
  void given_two_overlapping_approved_runs_posted_at_once_on_two_instances_then_exactly_one_is_posted() throws Exception {
    GrapeCooperative coop = grapeYear("岑丰村葡萄合作社七");
    coop.cost(80_000, "2026-03-15");
    String nineMonths = coop.approvedRun("coop-surplus-60", "2026-01-01", "2026-09-30");
    String marchToOctober = coop.approvedRun("land-guaranteed-plus-profit", "2026-03-01", "2026-10-31");

    List<Http.Response> answers = new ArrayList<>();
    try (TestServer other = server.secondInstance()) {
      CountDownLatch gate = new CountDownLatch(1);
      CompletableFuture<Http.Response> here = CompletableFuture.supplyAsync(() -> {
        await(gate);
        return server.http.post("/api/v1/distributions/" + nineMonths + "/post", coop.coopToken, new JsonObject());
      });
      CompletableFuture<Http.Response> there = CompletableFuture.supplyAsync(() -> {
        await(gate);
        return other.http.post("/api/v1/distributions/" + marchToOctober + "/post", coop.coopToken, new JsonObject());
      });
      gate.countDown();
      answers.add(here.get(60, TimeUnit.SECONDS));
      answers.add(there.get(60, TimeUnit.SECONDS));
    }

    assertThat(answers).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 409);
    Http.Response loser = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
    assertThat(loser.contentType()).startsWith("application/problem+json");
    assertThat(loser.body().getString("type")).endsWith("already-distributed");
    String winner = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow().body().getString("id");
    assertThat(loser.body().getString("detail")).contains("run " + winner).contains("draft again");
    String loserId = winner.equals(nineMonths) ? marchToOctober : nineMonths;

    DSLContext db = server.server().database().dsl();
    assertThat(statusOf(winner)).isEqualTo("POSTED");
    assertThat(statusOf(loserId)).isEqualTo("APPROVED");
    assertThat(distributionEntries(coop)).isEqualTo(1);
    assertThat(db.fetchCount(DISTRIBUTION_CLAIM, DISTRIBUTION_CLAIM.RUN_ID.eq(Long.parseLong(loserId)))).isZero();
    JsonObject trial = server.http.get("/api/v1/ledger/trial-balance", server.adminToken).body();
    assertThat(trial.getLong("totalDebitFen")).isEqualTo(trial.getLong("totalCreditFen"));

    // The stale run stays refused; drafted again, it finds what the winner left (no revenue)
    assertThat(coop.post("/api/v1/distributions/" + loserId + "/post", coop.coopToken, new JsonObject()).status())
        .isEqualTo(409);
    JsonObject redrafted = GrapeCooperative.createdBody(loserId.equals(nineMonths)
        ? coop.draft("coop-surplus-60", "2026-01-01", "2026-09-30")
        : coop.draft("land-guaranteed-plus-profit", "2026-03-01", "2026-10-31"));
    assertThat(redrafted.getLong("revenueFen")).isZero();
    assertThat(redrafted.getLong("poolFen")).isZero();
  }

  private static String statusOf(String runId) {
    return server.http.get("/api/v1/distributions/" + runId, server.adminToken).body().getString("status");
  }

  private static int distributionEntries(GrapeCooperative coop) {
    return server.server().database().dsl().fetchCount(LEDGER_ENTRY,
        LEDGER_ENTRY.COOPERATIVE_ID.eq(Long.parseLong(coop.id)), LEDGER_ENTRY.KIND.eq("DISTRIBUTION"));
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
