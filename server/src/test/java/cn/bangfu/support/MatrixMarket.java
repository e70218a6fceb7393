package cn.bangfu.support;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The market part of the authorization matrix's world: lots, demands and orders of cooperative A /
 * buyer A (own scope) and B / B (other scope). A path placeholder {@code {order:STATUS:A}} is
 * replaced by a FRESH order in that status on every use, so each role's request meets the order
 * in the intended step (one role's successful confirm cannot turn the next role's answer into 409).
 */
public final class MatrixMarket {
  private static final Pattern FRESH = Pattern.compile("\\{order:([A-Z]+):([AB])}");
  /** {@code {newLot:A}}: a FRESH lot of cooperative A (or B) on every use, for routes that close a lot. */
  private static final Pattern NEW_LOT = Pattern.compile("\\{newLot:([AB])}");

  private final Market a;
  private final Market b;
  private final String lotA;
  private final String lotB;
  private final String demandA;
  private final String demandB;
  private final String orderA;
  private final String orderB;

  public MatrixMarket(TestServer server, String coopA, String coopToken, String buyerA, String buyerToken,
      String coopB, String buyerB) {
    a = Market.of(server, coopA, coopToken, buyerA, buyerToken);
    b = Market.of(server, coopB, server.userToken("coop-b-matrix", "COOP", coopB), buyerB,
        server.userToken("buyer-b-matrix", "BUYER", buyerB));
    lotA = a.lot("100000");
    lotB = b.lot("100000");
    demandA = Market.created(server.http.post("/api/v1/demands", a.buyerToken, demandBody(server, buyerA)));
    demandB = Market.created(server.http.post("/api/v1/demands", b.buyerToken, demandBody(server, buyerB)));
    orderA = a.placedOrder(lotA, "10");
    orderB = b.placedOrder(lotB, "10");
  }

  public static JsonObject demandBody(TestServer server, String buyer) {
    return new JsonObject().put("buyerId", buyer).put("product", "葡萄").put("quantity", "2000").put("unit", "KG")
        .put("maxUnitPriceFen", 1300).put("deliverBy", server.today().plusDays(30).toString());
  }

  public JsonObject lotBody() {
    return a.lotBody("500");
  }

  public JsonObject orderBody() {
    return new JsonObject().put("lotId", lotA).put("quantity", "10");
  }

  public String resolve(String template) {
    String path = template.replace("{lotA}", lotA).replace("{lotB}", lotB).replace("{demandA}", demandA)
        .replace("{demandB}", demandB).replace("{orderA}", orderA).replace("{orderB}", orderB);
    Matcher m = FRESH.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Market market = m.group(2).equals("A") ? a : b;
      String id = market.placedOrder(m.group(2).equals("A") ? lotA : lotB, "10");
      market.advance(id, m.group(1));
      m.appendReplacement(out, id);
    }
    m.appendTail(out);
    Matcher lots = NEW_LOT.matcher(out.toString());
    StringBuilder withLots = new StringBuilder();
    while (lots.find()) {
      lots.appendReplacement(withLots, (lots.group(1).equals("A") ? a : b).lot("100000"));
    }
    lots.appendTail(withLots);
    return withLots.toString();
  }

  /** Bodies of the transitions on 10 KG orders at 12 元/公斤. */
  public static JsonObject acceptBody() {
    return new JsonObject().put("acceptedQuantity", "10");
  }

  /** Paid today by the server's business clock: never before the order's (business) placing day. */
  public static JsonObject settleBody(TestServer server) {
    return new JsonObject().put("amountFen", 12_000).put("paymentRef", "MATRIX-PAY")
        .put("settledOn", server.today().toString());
  }
}
