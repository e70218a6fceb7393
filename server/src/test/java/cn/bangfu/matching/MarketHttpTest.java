package cn.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.MatrixMarket;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lots, demands and matching over HTTP: every field's bad input, search filters, ranked matches, 404s. */
class MarketHttpTest {
  @ClassServer static TestServer server;
  static Market a;
  static Market b;

  @BeforeAll
  static void world() {
    a = Market.open(server, "岑峰村葡萄", Fixtures.REGION);
    b = Market.open(server, "番禺蔬菜", "440106000000");
  }

  /** Sends {@code good} with {@code field} set to each bad value (null = removed); every one must be 400 naming it. */
  static void eachIs400(String path, String token, JsonObject good, Map<String, List<Object>> bad, Map<String, String> headers) {
    bad.forEach((field, values) -> {
      for (Object value : values) {
        JsonObject body = good.copy();
        if (value == null) {
          body.remove(field);
        } else {
          body.put(field, value);
        }
        Http.Response r = server.http.send("POST", path, token, "application/json", body.encode(), headers);
        assertThat(r.status()).as(field + "=" + value + " → " + r.text()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.body().getString("field")).as(field + "=" + value).startsWith(field);
      }
    });
  }

  @Test
  void given_bad_lot_fields_when_posting_then_400_naming_each_and_nothing_written() {
    String today = server.today().toString();
    Market fresh = Market.open(server, "校验", Fixtures.REGION);
    eachIs400("/api/v1/lots", fresh.coopToken, fresh.lotBody("2000"), Map.of(
        "cooperativeId", java.util.Arrays.asList(null, "abc", -1),
        "product", java.util.Arrays.asList(null, "", 42, "葡".repeat(101)),
        "grade", java.util.Arrays.asList(null, "  "),
        "quantity", java.util.Arrays.asList(null, "0", "-5", "1.2345", "abc", "2000000000"),
        "unit", java.util.Arrays.asList(null, "CATTY", 1),
        "unitPriceFen", java.util.Arrays.asList(null, 0, -1200, 12.5, "1200", 99_000_000_000L),
        "availableFrom", java.util.Arrays.asList(null, "2026/08/01", "tomorrow"),
        "availableTo", java.util.Arrays.asList(null, server.today().minusDays(1).toString(), "2026-02-30"),
        "minOrderQuantity", java.util.Arrays.asList("0", "2001", "0.0001"),
        "certifications", java.util.Arrays.asList("GREEN", new JsonArray().add("FAIRTRADE"), new JsonArray().add(7))),
        Map.of());
    // availableTo before availableFrom
    Http.Response backwards = server.http.post("/api/v1/lots", fresh.coopToken,
        fresh.lotBody("10").put("availableFrom", server.today().plusDays(5).toString()).put("availableTo", today));
    assertThat(backwards.body().getString("field")).isEqualTo("availableTo");
    assertThat(server.http.get("/api/v1/lots?cooperativeId=" + fresh.coop + "&includeSoldOut=true", fresh.coopToken)
        .body().getJsonArray("items")).isEmpty();
    // another cooperative's lot: 403
    assertThat(server.http.post("/api/v1/lots", a.coopToken, b.lotBody("10")).status()).isEqualTo(403);
  }

  @Test
  void given_a_lot_with_exact_decimals_when_posted_then_quantities_round_trip_exactly_and_available_is_shown() {
    Http.Response created = server.http.post("/api/v1/lots", a.coopToken, a.lotBody("1999.875").put("unit", "JIN"));
    assertThat(created.status()).isEqualTo(201);
    JsonObject lot = created.body();
    assertThat(lot.getString("quantity")).isEqualTo("1999.875");
    assertThat(lot.getString("availableQuantity")).isEqualTo("1999.875");
    assertThat(lot.getString("unit")).isEqualTo("JIN");
    assertThat(lot.getString("regionCode")).isEqualTo(Fixtures.REGION);
    assertThat(lot.getJsonArray("certifications")).containsExactly("GREEN", "POVERTY_PRODUCT");
    assertThat(server.http.get("/api/v1/lots/" + lot.getString("id"), b.buyerToken).body()).isEqualTo(lot);
  }

  @Test
  void given_lots_in_two_regions_when_searched_then_product_region_price_window_and_paging_filter() {
    String cheap = Market.created(server.http.post("/api/v1/lots", a.coopToken,
        a.lotBody("100").put("product", "沃柑").put("unitPriceFen", 500)));
    String dear = Market.created(server.http.post("/api/v1/lots", a.coopToken,
        a.lotBody("100").put("product", "沃柑").put("unitPriceFen", 900)
            .put("availableFrom", server.today().plusDays(30).toString())
            .put("availableTo", server.today().plusDays(90).toString())));
    String guangzhou = Market.created(server.http.post("/api/v1/lots", b.coopToken,
        b.lotBody("100").put("product", "沃柑").put("unitPriceFen", 700)));
    assertThat(ids("/api/v1/lots?product=沃柑")).containsExactlyInAnyOrder(cheap, dear, guangzhou);
    assertThat(ids("/api/v1/lots?product=沃柑&regionCode=4501")).containsExactlyInAnyOrder(cheap, dear);
    // a place by its name, as a buyer knows it: part of the cooperative's name; % and _ are letters, not wildcards
    assertThat(ids("/api/v1/lots?product=沃柑&place=番禺")).containsExactly(guangzhou);
    assertThat(ids("/api/v1/lots?product=沃柑&place=岑峰村")).containsExactlyInAnyOrder(cheap, dear);
    assertThat(ids("/api/v1/lots?product=沃柑&place=%25")).isEmpty();
    assertThat(ids("/api/v1/lots?product=沃柑&place=_")).isEmpty();
    assertThat(ids("/api/v1/lots?product=沃柑&minPriceFen=600&maxPriceFen=800")).containsExactly(guangzhou);
    assertThat(ids("/api/v1/lots?product=沃柑&availableOn=" + server.today().plusDays(70))).containsExactly(dear);
    assertThat(ids("/api/v1/lots?product=沃柑&from=" + server.today() + "&to=" + server.today().plusDays(10)))
        .containsExactlyInAnyOrder(cheap, guangzhou);
    assertThat(ids("/api/v1/lots?product=沃柑&limit=2")).hasSize(2);
    assertThat(ids("/api/v1/lots?product=沃柑&limit=2&offset=2")).hasSize(1);
    for (String bad : List.of("regionCode=45x", "minPriceFen=-1", "maxPriceFen=abc", "availableOn=2026-13-01",
        "cooperativeId=x", "limit=0", "includeSoldOut=maybe", "place=" + "岑".repeat(51))) {
      Http.Response r = server.http.get("/api/v1/lots?" + bad, a.buyerToken);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.body().getString("field")).isEqualTo(bad.substring(0, bad.indexOf('=')));
    }
  }

  static List<String> ids(String path) {
    Http.Response r = server.http.get(path, a.buyerToken);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.body().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void given_bad_demand_fields_when_posting_then_400_naming_each() {
    eachIs400("/api/v1/demands", a.buyerToken, MatrixMarket.demandBody(server, a.buyer), Map.of(
        "buyerId", java.util.Arrays.asList(null, "x"),
        "product", java.util.Arrays.asList(null, ""),
        "quantity", java.util.Arrays.asList(null, "0", "1.0001"),
        "unit", java.util.Arrays.asList(null, "SACK"),
        "maxUnitPriceFen", java.util.Arrays.asList(null, 0, "1300", 13.5),
        "deliverBy", java.util.Arrays.asList(null, "soon", server.today().minusDays(1).toString()),
        "deliveryRegionCode", java.util.Arrays.asList("123", "990000000000")), Map.of());
    assertThat(server.http.post("/api/v1/demands", a.buyerToken, MatrixMarket.demandBody(server, b.buyer)).status())
        .isEqualTo(403);
  }

  @Test
  void given_bad_order_fields_when_ordering_then_400_naming_each() {
    String lot = a.lot("100");
    JsonObject good = new JsonObject().put("lotId", lot).put("quantity", "10");
    eachIs400("/api/v1/orders", a.buyerToken, good, Map.of(
        "lotId", java.util.Arrays.asList(null, "abc"),
        "quantity", java.util.Arrays.asList(null, "0", "-1", "1.0001", "abc", "0.5"),
        "demandId", java.util.Arrays.asList("x", "12345")), Map.of("Idempotency-Key", "bad-fields"));
    // an unknown lot is a missing resource, not a bad field: 404 as DESIGN.md 6 says (issue 12)
    Http.Response unknownLot = a.order(a.buyerToken, "unknown-lot", new JsonObject().put("lotId", "999999999")
        .put("quantity", "10"));
    assertThat(unknownLot.status()).as(unknownLot.text()).isEqualTo(404);
    assertThat(unknownLot.isProblem()).isTrue();
    Http.Response noKey = server.http.post("/api/v1/orders", a.buyerToken, good);
    assertThat(noKey.status()).isEqualTo(400);
    assertThat(noKey.body().getString("field")).isEqualTo("Idempotency-Key");
    Http.Response longKey = a.order(a.buyerToken, "k".repeat(101), good);
    assertThat(longKey.body().getString("field")).isEqualTo("Idempotency-Key");
    assertThat(a.lotNow(lot).getString("availableQuantity")).isEqualTo("100");
    Http.Response tooMuch = a.order(lot, "100.001");
    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(tooMuch.body().getString("field")).isEqualTo("quantity");
    // accept: bad acceptedQuantity
    String id = a.placedOrder(lot, "10");
    a.advance(id, "DELIVERED");
    for (Object bad : java.util.Arrays.asList(null, "0", "10.001", "x")) {
      JsonObject body = bad == null ? new JsonObject() : new JsonObject().put("acceptedQuantity", bad);
      Http.Response r = a.act(a.buyerToken, id, "accept", body);
      assertThat(r.status()).as("acceptedQuantity=" + bad).isEqualTo(400);
      assertThat(r.body().getString("field")).isEqualTo("acceptedQuantity");
    }
  }

  @Test
  void given_lots_of_paired_and_unpaired_cooperatives_when_matching_then_ranked_with_reasons_and_reverse_view() {
    // two equal lots of 荔枝; the buyer is paired (点对点) with cooperative B only → B's lot first
    Market paired = Market.open(server, "结对荔枝", Fixtures.REGION);
    String unpairedLot = Market.created(server.http.post("/api/v1/lots", a.coopToken,
        a.lotBody("3000").put("product", "荔枝").put("certifications", new JsonArray())));
    String pairedLot = Market.created(server.http.post("/api/v1/lots", paired.coopToken,
        paired.lotBody("3000").put("product", "荔枝").put("certifications", new JsonArray())));
    String overBudget = Market.created(server.http.post("/api/v1/lots", a.coopToken,
        a.lotBody("3000").put("product", "荔枝").put("unitPriceFen", 2000).put("certifications", new JsonArray())));
    assertThat(server.http.post("/api/v1/pairings", server.adminToken, new JsonObject().put("buyerId", a.buyer)
        .put("cooperativeId", paired.coop).put("form", "POINT_TO_POINT")).status()).isEqualTo(201);
    String demand = Market.created(server.http.post("/api/v1/demands", a.buyerToken,
        MatrixMarket.demandBody(server, a.buyer).put("product", "荔枝")));

    Http.Response matches = server.http.get("/api/v1/demands/" + demand + "/matches", a.buyerToken);
    assertThat(matches.status()).isEqualTo(200);
    JsonArray ranked = new JsonArray(matches.text());
    assertThat(ranked.stream().map(m -> ((JsonObject) m).getString("lotId")))
        .containsExactly(pairedLot, unpairedLot, overBudget);
    JsonObject best = ranked.getJsonObject(0);
    assertThat(best.getInteger("score")).isEqualTo(ranked.getJsonObject(1).getInteger("score") + 20);
    assertThat(best.getJsonArray("reasons").stream().map(Object::toString)).anyMatch(r -> r.contains("结对帮扶"));
    assertThat(ranked.getJsonObject(2).getJsonArray("reasons").stream().map(Object::toString))
        .anyMatch(r -> r.contains("超出预算"));
    assertThat(server.http.get("/api/v1/demands/" + demand + "/matches", b.buyerToken).status()).isEqualTo(403);
    assertThat(server.http.get("/api/v1/demands/" + demand + "/matches?limit=0", a.buyerToken).body()
        .getString("field")).isEqualTo("limit");

    JsonArray reverse = new JsonArray(server.http.get("/api/v1/lots/" + pairedLot + "/demands", paired.coopToken).text());
    assertThat(reverse.getJsonObject(0).getString("demandId")).isEqualTo(demand);
    assertThat(reverse.getJsonObject(0).getBoolean("paired")).isTrue();
    assertThat(server.http.get("/api/v1/lots/" + pairedLot + "/demands", a.coopToken).status()).isEqualTo(403);
  }

  @Test
  void given_unknown_ids_when_reading_market_resources_then_404() {
    for (String path : List.of("/api/v1/lots/999999999", "/api/v1/lots/abc", "/api/v1/lots/999999999/demands",
        "/api/v1/demands/999999999", "/api/v1/demands/999999999/matches", "/api/v1/demands/x/matches",
        "/api/v1/buyers/999999999/procurement-summary?year=2026",
        "/api/v1/cooperatives/999999999/sales-summary?year=2026", "/api/v1/regions/45x/procurement-summary?year=2026")) {
      Http.Response r = server.http.get(path, server.adminToken);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.isProblem()).isTrue();
    }
  }
}
