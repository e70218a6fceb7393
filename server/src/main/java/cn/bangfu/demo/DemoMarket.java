package cn.bangfu.demo;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's market year, played through the public API of the running server exactly as the
 * users would: the cooperative posts its grapes (12 元/公斤), the school canteen posts a demand,
 * buys under 以购代捐, accepts and settles; the cooperative then drafts its surplus distribution and
 * puts it in publicity (公示).
 * Runs once, right after the demo registry is first loaded.
 */
final class DemoMarket {
  private static final Logger LOG = LoggerFactory.getLogger(DemoMarket.class);

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  /** The server's business day: the demo's sale is dated then. */
  private final LocalDate today;

  /** LEDGER_MIN_PUBLICITY_DAYS: with 0 the demo's distribution is publicized, approved, posted and paid at once. */
  private final int minPublicityDays;

  DemoMarket(int port, LocalDate today, int minPublicityDays) {
    this.base = "http://127.0.0.1:" + port + "/api/v1";
    this.today = today;
    this.minPublicityDays = minPublicityDays;
  }

  void play(String cooperativeId, String schoolId) {
    try {
      String coop = token("cenfeng-coop");
      String school = token("school-canteen");
      String today = this.today.toString();
      JsonObject lot = call("POST", "/lots", coop, new JsonObject().put("cooperativeId", cooperativeId)
          .put("product", "葡萄").put("grade", "一级").put("quantity", "20000").put("unit", "KG")
          .put("unitPriceFen", 1200).put("availableFrom", "2026-08-01").put("availableTo", "2026-12-31")
          .put("minOrderQuantity", "50").put("certifications", new io.vertx.core.json.JsonArray()
              .add("POVERTY_PRODUCT").add("GREEN")));
      JsonObject demand = call("POST", "/demands", school, new JsonObject().put("buyerId", schoolId)
          .put("product", "葡萄").put("quantity", "1500").put("unit", "KG").put("maxUnitPriceFen", 1300)
          .put("deliverBy", "2026-12-20"));
      JsonObject order = call("POST", "/orders", school, new JsonObject().put("lotId", lot.getString("id"))
          .put("quantity", "1500").put("demandId", demand.getString("id")));
      String path = "/orders/" + order.getString("id");
      call("POST", path + "/confirm", coop, new JsonObject());
      call("POST", path + "/ship", coop, new JsonObject());
      call("POST", path + "/deliver", coop, new JsonObject());
      JsonObject accepted = call("POST", path + "/accept", school, new JsonObject().put("acceptedQuantity", "1500"));
      call("POST", path + "/settle", school, new JsonObject().put("amountFen", accepted.getLong("amountFen"))
          .put("paymentRef", "岑巩一中-2026-001").put("settledOn", today));
      distributeThroughSeptember(cooperativeId, coop);
      JsonObject run = call("POST", "/cooperatives/" + cooperativeId + "/distributions", coop, new JsonObject()
          .put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31"));
      // in publicity (公示), so household-yang's page shows what it is due and how to object
      call("POST", "/distributions/" + run.getString("id") + "/publicize", coop, new JsonObject().put("days", 7));
      LOG.info("demo market: order {} settled for {} fen; distribution {} in publicity with pool {} fen",
          order.getString("id"), accepted.getLong("amountFen"), run.getString("id"), run.getLong("poolFen"));
    } catch (RuntimeException e) {
      LOG.warn("demo market year could not be played: {}", e.getMessage());
    }
  }

  /**
   * The surplus of 2026 up to the grape sale (1 January – 30 September) under coop-surplus-60: drafted
   * and publicized (公示). When the shortest publicity is 0 days (LEDGER_MIN_PUBLICITY_DAYS=0) it is
   * also approved by the county regulator, posted (盈余分配 → 盈余公积, 应付盈余返还, 应付剩余盈余) and
   * paid out today; otherwise the regulator approves it once its 7 days are over.
   */
  private void distributeThroughSeptember(String cooperativeId, String coop) {
    JsonObject run = call("POST", "/cooperatives/" + cooperativeId + "/distributions", coop, new JsonObject()
        .put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-01-01").put("periodEnd", "2026-09-30"));
    String path = "/distributions/" + run.getString("id");
    call("POST", path + "/publicize", coop, new JsonObject().put("days", minPublicityDays));
    if (minPublicityDays == 0) {
      call("POST", path + "/approve", token("county-regulator"), new JsonObject());
      call("POST", path + "/post", coop, new JsonObject());
      call("POST", path + "/paid", coop, new JsonObject().put("paidOn", today.toString()));
    }
    LOG.info("demo book: distribution {} of 2026-01-01~2026-09-30, pool {} fen, {}", run.getString("id"),
        run.getLong("poolFen"), minPublicityDays == 0 ? "posted and paid" : "in publicity");
  }

  private String token(String username) {
    return call("POST", "/auth/token", null, new JsonObject().put("username", username)
        .put("password", DemoData.PASSWORD)).getString("token");
  }

  private JsonObject call(String method, String path, String token, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
      }
      return new JsonObject(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
