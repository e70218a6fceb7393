package cn.bangfu.orders;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.db.tables.records.LedgerEntryRecord;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settlement posts one balanced ledger entry (buyer procurement debited, cooperative revenue
 * credited) referencing the order, in the same transaction as the status change; the procurement
 * summaries read what was settled. Figures from seed 001: 12 元/公斤 grapes; a canteen with a
 * 120 万元 food budget reserving 10% (预留份额) for poverty-area produce.
 */
class SettlementTest {
  @ClassServer static TestServer server;
  static Market market;
  static Market elsewhere;
  static String regulator;

  @BeforeAll
  static void world() {
    market = Market.open(server, "岑峰村葡萄", Fixtures.REGION);
    elsewhere = Market.open(server, "番禺蔬菜", "440106000000");
    regulator = server.userToken("county-regulator-settle", "REGULATOR", "450123");
  }

  static DSLContext db() {
    return server.server().database().dsl();
  }

  static JsonObject settle(String orderId, long amountFen) {
    return new JsonObject().put("amountFen", amountFen).put("paymentRef", "ICBC-2026-" + orderId)
        .put("settledOn", server.today().toString());
  }

  @Test
  void given_an_accepted_order_when_settled_then_one_balanced_entry_references_it_and_the_order_links_the_entry() {
    String lot = market.lot("2000");
    String id = market.placedOrder(lot, "500");
    JsonObject accepted = market.advance(id, "ACCEPTED");
    assertThat(accepted.getLong("amountFen")).isEqualTo(600_000L); // 500 公斤 × 12 元

    Http.Response settled = market.act(market.buyerToken, id, "settle", settle(id, 600_000));
    assertThat(settled.status()).as(settled.text()).isEqualTo(200);
    assertThat(settled.body().getString("status")).isEqualTo("SETTLED");
    assertThat(settled.body().getString("paymentRef")).isEqualTo("ICBC-2026-" + id);

    List<LedgerEntryRecord> entries = db().selectFrom(LEDGER_ENTRY)
        .where(LEDGER_ENTRY.IDEMPOTENCY_REF.eq("order-settlement:" + id)).fetch();
    assertThat(entries).hasSize(1);
    LedgerEntryRecord entry = entries.get(0);
    assertThat(entry.getReferenceType()).isEqualTo("ORDER");
    assertThat(entry.getReferenceId()).isEqualTo(Long.parseLong(id));
    assertThat(entry.getCooperativeId()).isEqualTo(Long.parseLong(market.coop));
    assertThat(settled.body().getString("ledgerEntryId")).isEqualTo(entry.getId().toString());

    List<Record3<String, Long, Long>> postings = db()
        .select(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.COOPERATIVE_ID, LEDGER_POSTING.AMOUNT_FEN)
        .from(LEDGER_POSTING).join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .where(LEDGER_POSTING.ENTRY_ID.eq(entry.getId())).orderBy(LEDGER_POSTING.LINE_NO).fetch();
    assertThat(postings).hasSize(2);
    assertThat(postings.stream().mapToLong(Record3::value3).sum()).isZero();
    assertThat(postings).anySatisfy(p -> {
      assertThat(p.value1()).as("银行存款").isEqualTo("102");
      assertThat(p.value2()).isEqualTo(Long.parseLong(market.coop));
      assertThat(p.value3()).isEqualTo(600_000L);
    });
    assertThat(postings).anySatisfy(p -> {
      assertThat(p.value1()).as("经营收入").isEqualTo("501");
      assertThat(p.value2()).isEqualTo(Long.parseLong(market.coop));
      assertThat(p.value3()).isEqualTo(-600_000L);
    });
    JsonObject trial = server.http.get("/api/v1/ledger/trial-balance", server.adminToken).body();
    assertThat(trial.getBoolean("balanced")).isTrue();
  }

  @Test
  void given_a_partially_accepted_order_when_settled_with_the_ordered_amount_then_422_and_nothing_is_posted() {
    String lot = market.lot("2000");
    String id = market.placedOrder(lot, "100");
    market.advance(id, "DELIVERED");
    JsonObject accepted = market.act(market.buyerToken, id, "accept", new JsonObject().put("acceptedQuantity", "87.5"))
        .body();
    assertThat(accepted.getLong("amountFen")).isEqualTo(105_000L); // 87.5 × 1200

    Http.Response wrong = market.act(market.buyerToken, id, "settle", settle(id, 120_000));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body().getString("field")).isEqualTo("amountFen");
    assertThat(db().fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("order-settlement:" + id))).isZero();
    assertThat(server.http.get("/api/v1/orders/" + id, market.buyerToken).body().getString("status"))
        .isEqualTo("ACCEPTED");

    assertThat(market.act(market.buyerToken, id, "settle", settle(id, 105_000)).status()).isEqualTo(200);
  }

  @Test
  void given_two_concurrent_settlements_of_one_order_when_they_race_then_one_wins_and_one_entry_is_posted() throws Exception {
    String lot = market.lot("2000");
    try (TestServer second = server.secondInstance()) {
      for (int round = 0; round < 3; round++) {
        String id = market.placedOrder(lot, "10");
        market.advance(id, "ACCEPTED");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch gate = new CountDownLatch(1);
        Future<Http.Response> one = pool.submit(() -> {
          gate.await();
          return market.act(market.buyerToken, id, "settle", settle(id, 12_000));
        });
        Future<Http.Response> two = pool.submit(() -> {
          gate.await();
          return second.http.post("/api/v1/orders/" + id + "/settle", market.buyerToken, settle(id, 12_000));
        });
        gate.countDown();
        List<Integer> statuses = List.of(one.get(30, TimeUnit.SECONDS).status(), two.get(30, TimeUnit.SECONDS).status());
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(db().fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("order-settlement:" + id))).isOne();
      }
    }
  }

  @Test
  void given_bad_settlement_fields_when_settling_then_400_naming_each_field() {
    String lot = market.lot("2000");
    String id = market.placedOrder(lot, "10");
    market.advance(id, "ACCEPTED");
    JsonObject good = settle(id, 12_000);
    List<Object[]> cases = List.of(
        new Object[] {"amountFen", null}, new Object[] {"amountFen", "12000"}, new Object[] {"amountFen", 0},
        new Object[] {"amountFen", -12_000}, new Object[] {"amountFen", 120.5},
        new Object[] {"paymentRef", null}, new Object[] {"paymentRef", " "}, new Object[] {"paymentRef", "x".repeat(101)},
        new Object[] {"settledOn", null}, new Object[] {"settledOn", "2026-13-01"},
        new Object[] {"settledOn", server.today().plusDays(2).toString()},
        new Object[] {"settledOn", server.today().minusDays(2).toString()});
    for (Object[] c : cases) {
      JsonObject body = good.copy();
      if (c[1] == null) {
        body.remove((String) c[0]);
      } else {
        body.put((String) c[0], c[1]);
      }
      Http.Response response = market.act(market.buyerToken, id, "settle", body);
      assertThat(response.status()).as(c[0] + "=" + c[1] + " " + response.text()).isEqualTo(400);
      assertThat(response.body().getString("field")).isEqualTo(c[0]);
    }
    assertThat(db().fetchCount(LEDGER_ENTRY, LEDGER_ENTRY.IDEMPOTENCY_REF.eq("order-settlement:" + id))).isZero();
  }

  @Test
  void given_settled_orders_when_summaries_are_read_then_target_purchases_and_percent_are_exact() {
    Market canteen = Market.open(server, "县第二中学", Fixtures.REGION);
    String lot = market.lot("5000");
    // the canteen buys from the Cenfeng cooperative: 1,000 公斤 (12,000 元) settled, 500 公斤 still open
    String first = market.order(canteen.buyerToken, "summary-1", new JsonObject().put("lotId", lot)
        .put("quantity", "1000")).body().getString("id");
    String open = market.order(canteen.buyerToken, "summary-2", new JsonObject().put("lotId", lot)
        .put("quantity", "500")).body().getString("id");
    for (String action : List.of("confirm", "ship", "deliver")) {
      assertThat(market.act(market.coopToken, first, action, null).status()).isEqualTo(200);
    }
    assertThat(market.act(canteen.buyerToken, first, "accept", new JsonObject().put("acceptedQuantity", "1000"))
        .status()).isEqualTo(200);
    assertThat(market.act(canteen.buyerToken, first, "settle", settle(first, 1_200_000)).status()).isEqualTo(200);
    assertThat(open).isNotNull();

    int year = server.today().getYear();
    JsonObject summary = server.http.get("/api/v1/buyers/" + canteen.buyer + "/procurement-summary?year=" + year,
        canteen.buyerToken).body();
    // budget 120 万元 = 120,000,000 fen × 10% = 12,000,000 fen target; 1,200,000 purchased = 10.00%
    assertThat(summary.getInteger("year")).isEqualTo(year);
    assertThat(summary.getLong("reservedTargetFen")).isEqualTo(12_000_000L);
    assertThat(summary.getLong("purchasedFen")).isEqualTo(1_200_000L);
    assertThat(((Number) summary.getValue("percentOfTarget")).doubleValue()).isEqualTo(10.0);
    assertThat(server.http.get("/api/v1/buyers/" + canteen.buyer + "/procurement-summary?year=" + (year - 1),
        canteen.buyerToken).body().getLong("purchasedFen")).isZero();
    assertThat(server.http.get("/api/v1/buyers/" + canteen.buyer + "/procurement-summary?year=" + year, regulator)
        .status()).isEqualTo(200);
    assertThat(server.http.get("/api/v1/buyers/" + canteen.buyer + "/procurement-summary?year=" + year,
        elsewhere.buyerToken).status()).isEqualTo(403);
    assertThat(server.http.get("/api/v1/buyers/" + canteen.buyer + "/procurement-summary", canteen.buyerToken)
        .body().getString("field")).isEqualTo("year");

    JsonObject region = server.http.get("/api/v1/regions/450123/procurement-summary?year=" + year, regulator).body();
    JsonArray buyers = region.getJsonArray("buyers");
    assertThat(region.getLong("purchasedFen")).isGreaterThanOrEqualTo(1_200_000L);
    long sumOfBuyers = buyers.stream().mapToLong(b -> ((JsonObject) b).getLong("purchasedFen")).sum();
    assertThat(region.getLong("purchasedFen")).isEqualTo(sumOfBuyers);
    assertThat(buyers.stream().map(b -> ((JsonObject) b).getString("buyerId"))).contains(canteen.buyer)
        .doesNotContain(elsewhere.buyer);
    assertThat(server.http.get("/api/v1/regions/4401/procurement-summary?year=" + year, regulator).status())
        .isEqualTo(403);

    JsonObject sales = server.http.get("/api/v1/cooperatives/" + market.coop + "/sales-summary?year=" + year,
        market.coopToken).body();
    assertThat(sales.getJsonArray("byBuyer").stream().map(b -> (JsonObject) b)
        .filter(b -> b.getString("buyerId").equals(canteen.buyer)).findFirst().orElseThrow().getLong("soldFen"))
        .isEqualTo(1_200_000L);
    assertThat(server.http.get("/api/v1/cooperatives/" + market.coop + "/sales-summary?year=" + year,
        elsewhere.coopToken).status()).isEqualTo(403);
  }
}
