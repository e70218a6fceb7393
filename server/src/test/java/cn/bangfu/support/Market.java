package cn.bangfu.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A small market on a test server, modelled on seed 001: the Cenfeng village grape cooperative
 * (450 亩 of 订单种植 contract grapes at 12 元/公斤) selling to a county school canteen under
 * 以购代捐. Dates are relative to today by the server's business clock, read at each use (never the
 * wall clock at JVM start), so the lots stay open whenever the tests run.
 */
public final class Market {
  public final TestServer server;
  public final String coop;
  public final String coopToken;
  public final String buyer;
  public final String buyerToken;

  private Market(TestServer server, String coop, String coopToken, String buyer, String buyerToken) {
    this.server = server;
    this.coop = coop;
    this.coopToken = coopToken;
    this.buyer = buyer;
    this.buyerToken = buyerToken;
  }

  /** A market over an existing cooperative and buyer and their users' tokens. */
  public static Market of(TestServer server, String coop, String coopToken, String buyer, String buyerToken) {
    return new Market(server, coop, coopToken, buyer, buyerToken);
  }

  /** A cooperative in {@code region} with its COOP user, and a buyer with its BUYER user. */
  public static Market open(TestServer server, String name, String region) {
    String coop = created(server.http.post("/api/v1/cooperatives", server.adminToken,
        Fixtures.cooperative(name + "合作社").put("regionCode", region)));
    String buyer = created(server.http.post("/api/v1/buyers", server.adminToken,
        Fixtures.buyer(name + "中学食堂").put("regionCode", region)));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new Market(server, coop, server.userToken("coop-" + suffix, "COOP", coop), buyer,
        server.userToken("buyer-" + suffix, "BUYER", buyer));
  }

  public static String created(Http.Response response) {
    if (response.status() != 201) {
      throw new IllegalStateException("expected 201, got " + response.status() + " " + response.text());
    }
    return response.body().getString("id");
  }

  /** 葡萄 一级, quantity KG at 1200 fen/KG (12 元/公斤), available from today for 60 days. */
  public JsonObject lotBody(String quantity) {
    LocalDate today = server.today();
    return new JsonObject().put("cooperativeId", coop).put("product", "葡萄").put("grade", "一级")
        .put("quantity", quantity).put("unit", "KG").put("unitPriceFen", 1200)
        .put("availableFrom", today.toString()).put("availableTo", today.plusDays(60).toString())
        .put("minOrderQuantity", "1").put("certifications", new JsonArray().add("POVERTY_PRODUCT").add("GREEN"));
  }

  public String lot(String quantity) {
    return created(server.http.post("/api/v1/lots", coopToken, lotBody(quantity)));
  }

  public Http.Response order(String token, String key, JsonObject body) {
    return server.http.send("POST", "/api/v1/orders", token, "application/json", body.encode(),
        key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  public Http.Response order(String lotId, String quantity) {
    return order(buyerToken, UUID.randomUUID().toString(),
        new JsonObject().put("lotId", lotId).put("quantity", quantity));
  }

  public String placedOrder(String lotId, String quantity) {
    return created(order(lotId, quantity));
  }

  public Http.Response act(String token, String orderId, String action, JsonObject body) {
    return body == null
        ? server.http.send("POST", "/api/v1/orders/" + orderId + "/" + action, token, null, null)
        : server.http.post("/api/v1/orders/" + orderId + "/" + action, token, body);
  }

  /** Moves a PLACED order forward to {@code status} along the happy path (full acceptance). */
  public JsonObject advance(String orderId, String status) {
    String[] path = {"CONFIRMED", "SHIPPED", "DELIVERED", "ACCEPTED", "SETTLED"};
    String[] actions = {"confirm", "ship", "deliver", "accept", "settle"};
    JsonObject order = server.http.get("/api/v1/orders/" + orderId, buyerToken).body();
    for (int i = 0; i < path.length && !order.getString("status").equals(status); i++) {
      boolean byBuyer = i >= 3;
      JsonObject body = switch (actions[i]) {
        case "accept" -> new JsonObject().put("acceptedQuantity", order.getString("quantity"));
        case "settle" -> new JsonObject().put("amountFen", order.getLong("amountFen"))
            .put("paymentRef", "BANK-" + orderId).put("settledOn", server.today().toString());
        default -> null;
      };
      Http.Response moved = act(byBuyer ? buyerToken : coopToken, orderId, actions[i], body);
      if (moved.status() != 200) {
        throw new IllegalStateException(actions[i] + " failed: " + moved.status() + " " + moved.text());
      }
      order = moved.body();
    }
    return order;
  }

  public JsonObject lotNow(String lotId) {
    return server.http.get("/api/v1/lots/" + lotId, buyerToken).body();
  }
}
