package cn.bangfu.orders;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every order transition and every forbidden one, by role: the expected table below is written
 * out independently of the code's own rules. Money arithmetic of partial acceptance in fen.
 */
class OrderLifecycleTest {
  @ClassServer static TestServer server;
  static Market a;
  static Market b;
  static Map<String, String> actors = new LinkedHashMap<>();

  @BeforeAll
  static void world() {
    a = Market.open(server, "岑峰村葡萄", Fixtures.REGION);
    b = Market.open(server, "番禺蔬菜", "440106000000");
    actors.put("ownCoop", a.coopToken);
    actors.put("ownBuyer", a.buyerToken);
    actors.put("otherCoop", b.coopToken);
    actors.put("otherBuyer", b.buyerToken);
    actors.put("admin", server.adminToken);
    actors.put("regulator", server.userToken("regulator-lifecycle", "REGULATOR", "450123"));
    String household = Market.created(server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨明宇", Fixtures.idNumber())));
    actors.put("household", server.userToken("household-lifecycle", "HOUSEHOLD", household));
  }

  @Test
  void given_a_lot_with_a_minimum_order_when_ordering_below_it_then_400_unless_it_is_all_that_is_left() {
    // 450 kg of grapes, sold in orders of at least 100 kg
    String lot = Market.created(server.http.post("/api/v1/lots", a.coopToken,
        a.lotBody("450").put("minOrderQuantity", "100")));

    Http.Response tooSmall = a.order(lot, "50");
    assertThat(tooSmall.status()).isEqualTo(400);
    assertThat(tooSmall.text()).contains("quantity").contains("minimum order of 100");
    assertThat(a.order(lot, "420").status()).isEqualTo(201);
    // 30 kg left: below the minimum, but the whole remainder may be bought; more than that may not
    Http.Response more = a.order(lot, "200");
    assertThat(more.status()).isEqualTo(409);
    assertThat(more.body().getString("type")).endsWith("insufficient-quantity");
    assertThat(a.order(lot, "20").status()).isEqualTo(400);
    assertThat(a.order(lot, "31").status()).isEqualTo(400);
    assertThat(a.order(lot, "30").status()).isEqualTo(201);
    assertThat(a.lotNow(lot).getString("availableQuantity")).isIn("0", "0.000");
  }

  /**
   * action → (party → statuses it may act from). Anything else: 409 for the party, 403 for a role the
   * action never admits, 404 for another buyer or cooperative (the order's existence must not leak).
   */
  static final Map<String, Map<String, Set<String>>> ALLOWED = Map.of(
      "confirm", Map.of("ownCoop", Set.of("PLACED")),
      "ship", Map.of("ownCoop", Set.of("CONFIRMED")),
      "deliver", Map.of("ownCoop", Set.of("SHIPPED")),
      "reject", Map.of("ownCoop", Set.of("PLACED")),
      "accept", Map.of("ownBuyer", Set.of("DELIVERED")),
      "settle", Map.of("ownBuyer", Set.of("ACCEPTED")),
      "cancel", Map.of("ownCoop", Set.of("PLACED", "CONFIRMED"), "ownBuyer", Set.of("PLACED")));

  /** Whether the action's route admits the actor's role at all (otherCoop is a COOP, otherBuyer a BUYER). */
  static boolean admits(String action, String actor) {
    return ALLOWED.get(action).containsKey(actor.replace("other", "own"));
  }

  static final Map<String, String> RESULT = Map.of("confirm", "CONFIRMED", "ship", "SHIPPED", "deliver", "DELIVERED",
      "reject", "REJECTED", "accept", "ACCEPTED", "settle", "SETTLED", "cancel", "CANCELLED");

  /** A fresh order of 20 KG in {@code status}. */
  static JsonObject orderIn(String lot, String status) {
    String id = a.placedOrder(lot, "20");
    if (status.equals("CANCELLED") || status.equals("REJECTED")) {
      return a.act(a.coopToken, id, status.equals("CANCELLED") ? "cancel" : "reject", null).body();
    }
    return a.advance(id, status);
  }

  static JsonObject bodyFor(String action, JsonObject order) {
    return switch (action) {
      case "accept" -> new JsonObject().put("acceptedQuantity", "20");
      case "settle" -> new JsonObject().put("amountFen", order.getLong("amountFen")).put("paymentRef", "BANK-1")
          .put("settledOn", server.today().toString());
      default -> null;
    };
  }

  @Test
  void given_every_status_action_and_actor_when_the_actor_acts_then_only_the_right_party_at_the_right_step_succeeds() {
    String lot = a.lot("100000");
    List<String> statuses = List.of("PLACED", "CONFIRMED", "SHIPPED", "DELIVERED", "ACCEPTED", "SETTLED",
        "CANCELLED", "REJECTED");
    List<String> mismatches = new ArrayList<>();
    for (String status : statuses) {
      for (String action : RESULT.keySet()) {
        List<String> winners = new ArrayList<>();
        ALLOWED.get(action).forEach((party, from) -> {
          if (from.contains(status)) {
            winners.add(party);
          }
        });
        // One order per winning party (each success moves it); one for the refusals when nobody wins.
        for (int round = 0; round < Math.max(1, winners.size()); round++) {
          JsonObject order = orderIn(lot, status);
          String id = order.getString("id");
          for (Map.Entry<String, String> actor : actors.entrySet()) {
            if (winners.contains(actor.getKey())) {
              continue;
            }
            boolean party = ALLOWED.get(action).containsKey(actor.getKey());
            int expected = party ? 409 : actor.getKey().startsWith("other") && admits(action, actor.getKey()) ? 404 : 403;
            Http.Response response = a.act(actor.getValue(), id, action, bodyFor(action, order));
            if (response.status() != expected || !response.isProblem()) {
              mismatches.add(status + " " + action + " by " + actor.getKey() + ": expected " + expected + ", got "
                  + response.status() + " " + response.text());
            }
          }
          String after = server.http.get("/api/v1/orders/" + id, a.buyerToken).body().getString("status");
          if (!after.equals(status)) {
            mismatches.add(status + " " + action + ": a refused request moved the order to " + after);
          }
          if (!winners.isEmpty()) {
            String winner = winners.get(round);
            Http.Response response = a.act(actors.get(winner), id, action, bodyFor(action, order));
            if (response.status() != 200 || !RESULT.get(action).equals(response.body().getString("status"))) {
              mismatches.add(status + " " + action + " by " + winner + ": expected 200 " + RESULT.get(action)
                  + ", got " + response.status() + " " + response.text());
            }
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void given_a_partial_acceptance_when_accepted_then_the_amount_is_accepted_quantity_times_price_half_up() {
    // 12.5 元/公斤 premium grade: 20 KG ordered = 25,000 fen; 10.002 KG accepted = 12,502.5 → 12,503 fen.
    String lot = Market.created(server.http.post("/api/v1/lots", a.coopToken,
        a.lotBody("500").put("unitPriceFen", 1250).put("grade", "特级")));
    String id = a.placedOrder(lot, "20");
    assertThat(server.http.get("/api/v1/orders/" + id, a.buyerToken).body().getLong("amountFen")).isEqualTo(25_000L);
    a.advance(id, "DELIVERED");
    Http.Response accepted = a.act(a.buyerToken, id, "accept", new JsonObject().put("acceptedQuantity", "10.002"));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body().getString("acceptedQuantity")).isEqualTo("10.002");
    assertThat(accepted.body().getLong("amountFen")).isEqualTo(12_503L);
    // 10.001 KG would be 12,501.25 → 12,501 (rounds down below the half).
    String other = a.placedOrder(lot, "20");
    a.advance(other, "DELIVERED");
    assertThat(a.act(a.buyerToken, other, "accept", new JsonObject().put("acceptedQuantity", "10.001")).body()
        .getLong("amountFen")).isEqualTo(12_501L);
    // the lot keeps only what was ordered out: partial acceptance does not put goods back on sale
    assertThat(a.lotNow(lot).getString("availableQuantity")).isEqualTo("460");
  }

  @Test
  void given_placement_with_a_fractional_quantity_when_placed_then_amount_is_rounded_half_up_to_the_fen() {
    // 6.5 元/斤 lot: 3.333 斤 × 650 = 2,166.45 → 2,166; 0.001 斤 × 650 = 0.65 → 1.
    String lot = Market.created(server.http.post("/api/v1/lots", a.coopToken, a.lotBody("100").put("unit", "JIN")
        .put("unitPriceFen", 650).put("minOrderQuantity", "0.001")));
    assertThat(a.order(lot, "3.333").body().getLong("amountFen")).isEqualTo(2_166L);
    assertThat(a.order(lot, "0.001").body().getLong("amountFen")).isEqualTo(1L);
    assertThat(a.lotNow(lot).getString("availableQuantity")).isEqualTo("96.666");
  }

  @Test
  void given_cancel_and_reject_when_applied_then_the_quantity_returns_to_the_lot_once() {
    String lot = a.lot("100");
    String cancelledByBuyer = a.placedOrder(lot, "30");
    String cancelledByCoop = a.placedOrder(lot, "30");
    String rejected = a.placedOrder(lot, "30");
    assertThat(a.lotNow(lot).getString("availableQuantity")).isEqualTo("10");
    assertThat(a.act(a.buyerToken, cancelledByBuyer, "cancel", new JsonObject().put("reason", "食堂停餐")).status())
        .isEqualTo(200);
    a.advance(cancelledByCoop, "CONFIRMED");
    assertThat(a.act(a.coopToken, cancelledByCoop, "cancel", null).status()).isEqualTo(200);
    assertThat(a.act(a.coopToken, rejected, "reject", new JsonObject().put("reason", "该等级已售罄")).status())
        .isEqualTo(200);
    assertThat(a.lotNow(lot).getString("availableQuantity")).isEqualTo("100");
    // a second cancel is a wrong step and releases nothing more
    assertThat(a.act(a.buyerToken, cancelledByBuyer, "cancel", null).status()).isEqualTo(409);
    assertThat(a.lotNow(lot).getString("availableQuantity")).isEqualTo("100");
  }

  @Test
  void given_a_moved_order_when_its_history_is_read_then_it_lists_who_moved_it_when_from_what_to_what() {
    String lot = a.lot("100");
    String id = a.placedOrder(lot, "10");
    a.advance(id, "SHIPPED");
    a.act(a.coopToken, id, "cancel", new JsonObject().put("reason", "冷链车故障")).status();
    Http.Response shipped = a.act(a.coopToken, id, "cancel", null);
    assertThat(shipped.status()).isEqualTo(409);
    JsonArray items = server.http.get("/api/v1/orders/" + id + "/history", a.coopToken).body().getJsonArray("items");
    assertThat(items).hasSize(3);
    assertThat(items.getJsonObject(0).getString("from")).isNull();
    assertThat(items.getJsonObject(0).getString("to")).isEqualTo("PLACED");
    assertThat(items.getJsonObject(0).getString("byRole")).isEqualTo("BUYER");
    assertThat(items.getJsonObject(1).getString("from")).isEqualTo("PLACED");
    assertThat(items.getJsonObject(1).getString("to")).isEqualTo("CONFIRMED");
    assertThat(items.getJsonObject(2).getString("to")).isEqualTo("SHIPPED");
    assertThat(items.getJsonObject(2).getString("byRole")).isEqualTo("COOP");
    assertThat(items.getJsonObject(2).getString("at")).isNotBlank();
    assertThat(server.http.get("/api/v1/orders/" + id + "/history", b.coopToken).status())
        .as("another cooperative's order answers like an unknown one").isEqualTo(404);
  }

  @Test
  void given_unknown_or_malformed_order_ids_when_requested_then_404() {
    for (String id : List.of("999999999999", "abc", "0")) {
      assertThat(server.http.get("/api/v1/orders/" + id, a.buyerToken).status()).isEqualTo(404);
      assertThat(server.http.get("/api/v1/orders/" + id + "/history", a.buyerToken).status()).isEqualTo(404);
      for (String action : RESULT.keySet()) {
        String token = ALLOWED.get(action).containsKey("ownBuyer") ? a.buyerToken : a.coopToken;
        JsonObject body = bodyFor(action, new JsonObject().put("amountFen", 100));
        Http.Response response = a.act(token, id, action, body);
        assertThat(response.status()).as(action + " " + id + " " + response.text()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
      }
    }
  }
}
