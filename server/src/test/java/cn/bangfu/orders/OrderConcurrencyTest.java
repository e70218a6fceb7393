package cn.bangfu.orders;

import static cn.bangfu.db.Tables.IDEMPOTENCY_RECORD;
import static cn.bangfu.db.Tables.PURCHASE_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariants 6 and 7 under concurrency, on two server instances sharing one database: a lot is
 * never oversold, the same Idempotency-Key yields one order, concurrent transitions have one winner.
 */
class OrderConcurrencyTest {
  @ClassServer static TestServer server;
  @ClassServer(secondInstance = true) static TestServer second;
  static Market market;
  static Http secondHttp;

  @BeforeAll
  static void world() {
    secondHttp = second.http;
    market = Market.open(server, "岑峰村葡萄", Fixtures.REGION);
  }

  /** Runs the tasks at once behind a start gate; returns their results in task order. */
  static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          gate.await();
          return task.call();
        }));
      }
      gate.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static Http.Response orderVia(Http http, String key, JsonObject body) {
    return http.send("POST", "/api/v1/orders", market.buyerToken, "application/json", body.encode(),
        java.util.Map.of("Idempotency-Key", key));
  }

  static BigDecimal soldFromDatabase(String lot) {
    return server.server().database().dsl()
        .select(DSL.coalesce(DSL.sum(PURCHASE_ORDER.QUANTITY), BigDecimal.ZERO)).from(PURCHASE_ORDER)
        .where(PURCHASE_ORDER.LOT_ID.eq(Long.parseLong(lot)))
        .and(PURCHASE_ORDER.STATUS.notIn(OrderStatus.CANCELLED, OrderStatus.REJECTED)).fetchOne().value1();
  }

  @Test
  void given_50_buyers_racing_on_one_lot_across_two_instances_when_they_order_then_exactly_the_lot_is_sold() throws Exception {
    // 100 KG of grapes, 50 orders of 4 KG (twice what is there): 25 win, 25 get 409, never more.
    String lot = market.lot("100");
    List<Callable<Http.Response>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Http http = i % 2 == 0 ? server.http : secondHttp;
      String key = "race-" + i;
      tasks.add(() -> orderVia(http, key, new JsonObject().put("lotId", lot).put("quantity", "4")));
    }
    List<Http.Response> results = race(tasks);
    assertThat(results).allMatch(r -> r.status() == 201 || r.status() == 409, "only 201 or 409");
    assertThat(results.stream().filter(r -> r.status() == 201).count()).isEqualTo(25);
    assertThat(results.stream().filter(r -> r.status() == 409))
        .allMatch(r -> r.body().getString("type").endsWith("insufficient-quantity"));
    assertThat(soldFromDatabase(lot)).isEqualByComparingTo("100");
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("0");
  }

  @Test
  void given_uneven_racing_quantities_when_they_order_then_sold_never_exceeds_the_lot() throws Exception {
    String lot = market.lot("97.5");
    List<Callable<Http.Response>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Http http = i % 2 == 0 ? server.http : secondHttp;
      String quantity = new BigDecimal("10").add(new BigDecimal(i % 7)).toPlainString() + ".25";
      String key = "uneven-" + i;
      tasks.add(() -> orderVia(http, key, new JsonObject().put("lotId", lot).put("quantity", quantity)));
    }
    List<Http.Response> results = race(tasks);
    BigDecimal won = results.stream().filter(r -> r.status() == 201)
        .map(r -> new BigDecimal(r.body().getString("quantity"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(won).isLessThanOrEqualTo(new BigDecimal("97.5"));
    assertThat(soldFromDatabase(lot)).isEqualByComparingTo(won);
    assertThat(new BigDecimal(market.lotNow(lot).getString("availableQuantity")))
        .isEqualByComparingTo(new BigDecimal("97.5").subtract(won));
  }

  @Test
  void given_the_same_key_and_body_sent_again_when_ordering_then_the_first_result_is_returned_and_nothing_more_changes() {
    String lot = market.lot("100");
    JsonObject body = new JsonObject().put("lotId", lot).put("quantity", "12.5");
    Http.Response first = market.order(market.buyerToken, "canteen-2026-09-001", body);
    assertThat(first.status()).isEqualTo(201);
    // the same body with its keys in another order and other spacing is the same request
    Http.Response again = market.server.http.send("POST", "/api/v1/orders", market.buyerToken, "application/json",
        "{ \"quantity\": \"12.5\",  \"lotId\": \"" + lot + "\" }", java.util.Map.of("Idempotency-Key",
            "canteen-2026-09-001"));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    Http.Response viaSecond = orderVia(secondHttp, "canteen-2026-09-001", body);
    assertThat(viaSecond.body().getString("id")).isEqualTo(first.body().getString("id"));
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("87.5");

    Http.Response otherBody = market.order(market.buyerToken, "canteen-2026-09-001", body.copy().put("quantity", "13"));
    assertThat(otherBody.status()).isEqualTo(422);
    assertThat(otherBody.body().getString("field")).isEqualTo("Idempotency-Key");
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("87.5");

    Http.Response otherKey = market.order(market.buyerToken, "canteen-2026-09-002", body);
    assertThat(otherKey.status()).isEqualTo(201);
    assertThat(otherKey.body().getString("id")).isNotEqualTo(first.body().getString("id"));
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("75");
  }

  @Test
  void given_an_order_that_took_the_whole_lot_when_it_is_sent_again_with_its_key_then_the_201_is_replayed_not_a_409() {
    String lot = market.lot("450");
    JsonObject body = new JsonObject().put("lotId", lot).put("quantity", "450");
    Http.Response first = market.order(market.buyerToken, "whole-lot-2026-09", body);
    assertThat(first.status()).isEqualTo(201);

    // the write itself would now fail (nothing is left); the stored response still answers the repeat
    Http.Response again = market.order(market.buyerToken, "whole-lot-2026-09", body);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    Http.Response changed = market.order(market.buyerToken, "whole-lot-2026-09", body.copy().put("quantity", "1"));
    assertThat(changed.status()).isEqualTo(422);
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("0");

    // a transition repeated with its key replays too, although the order has moved on
    String orderId = first.body().getString("id");
    Http.Response confirmed = market.server.http.send("POST", "/api/v1/orders/" + orderId + "/confirm",
        market.coopToken, null, null, java.util.Map.of("Idempotency-Key", "confirm-whole-lot"));
    Http.Response confirmedAgain = market.server.http.send("POST", "/api/v1/orders/" + orderId + "/confirm",
        market.coopToken, null, null, java.util.Map.of("Idempotency-Key", "confirm-whole-lot"));
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(confirmedAgain.status()).isEqualTo(200);
    assertThat(confirmedAgain.body()).isEqualTo(confirmed.body());
    assertThat(market.act(market.coopToken, orderId, "confirm", null).status()).isEqualTo(409);
  }

  @Test
  void given_a_refused_request_when_retried_with_the_same_key_then_it_runs_again_because_nothing_was_stored() {
    String lot = market.lot("10");
    JsonObject body = new JsonObject().put("lotId", lot).put("quantity", "20");
    assertThat(market.order(market.buyerToken, "retry-after-409", body).status()).isEqualTo(409);
    assertThat(server.server().database().dsl().fetchCount(IDEMPOTENCY_RECORD,
        IDEMPOTENCY_RECORD.IDEM_KEY.eq("retry-after-409"))).isZero();
    assertThat(market.order(market.buyerToken, "retry-after-409", body.put("quantity", "10")).status()).isEqualTo(201);
  }

  @Test
  void given_16_concurrent_requests_with_one_key_on_two_instances_when_ordering_then_one_order_exists() throws Exception {
    String lot = market.lot("100");
    JsonObject body = new JsonObject().put("lotId", lot).put("quantity", "5");
    List<Callable<Http.Response>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Http http = i % 2 == 0 ? server.http : secondHttp;
      tasks.add(() -> orderVia(http, "one-key-16-twins", body));
    }
    List<Http.Response> results = race(tasks);
    assertThat(results).allMatch(r -> r.status() == 201, "all answered with the first result");
    assertThat(results.stream().map(r -> r.body().getString("id")).distinct()).hasSize(1);
    assertThat(server.server().database().dsl().fetchCount(PURCHASE_ORDER,
        PURCHASE_ORDER.LOT_ID.eq(Long.parseLong(lot)))).isEqualTo(1);
    assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("95");
  }

  @Test
  void given_buyer_and_cooperative_cancelling_at_once_when_they_race_then_one_wins_and_the_quantity_returns_once() throws Exception {
    String lot = market.lot("100");
    for (int round = 0; round < 5; round++) {
      String id = market.placedOrder(lot, "40");
      List<Http.Response> results = race(List.of(
          () -> market.act(market.buyerToken, id, "cancel", null),
          () -> secondHttp.send("POST", "/api/v1/orders/" + id + "/cancel", market.coopToken, null, null),
          () -> market.act(market.coopToken, id, "reject", null)));
      assertThat(results.stream().filter(r -> r.status() == 200).count()).isEqualTo(1);
      assertThat(results.stream().filter(r -> r.status() == 409).count()).isEqualTo(2);
      assertThat(market.lotNow(lot).getString("availableQuantity")).isEqualTo("100");
    }
  }
}
