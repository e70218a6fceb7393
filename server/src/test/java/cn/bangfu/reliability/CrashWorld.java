package cn.bangfu.reliability;

import cn.bangfu.platform.BusinessClock;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The world the crash suite loads, made over HTTP on the first server process: two grape cooperatives
 * of seed 001 (岑丰村, region 450123…) with member households holding land shares and delivering grapes
 * at 12 元/公斤, a county school canteen as buyer, the county regulator, and their users. Tokens are
 * signed with a key derived from the fixed master key, so they stay valid across restarts.
 */
final class CrashWorld {
  /**
   * Today by the crash server's business clock, read at each use: that server is a separate process on
   * the system clock in Beijing's calendar (no test clock reaches it), and a suite that runs across
   * Beijing midnight (16:00 UTC) must send the server's date, not the date the test JVM started on.
   */
  static LocalDate today() {
    return BusinessClock.system().today();
  }

  final String adminToken;
  final String buyerId;
  final String buyerToken;
  final String regulatorToken;
  final List<Coop> coops = new ArrayList<>();

  record Coop(String id, String token) {
  }

  CrashWorld(Http http, int coopCount, int householdsPerCoop) {
    adminToken = http.login("admin", TestServer.ADMIN_PASSWORD);
    buyerId = created(http.post("/api/v1/buyers", adminToken, Fixtures.buyer("县第一中学食堂")));
    buyerToken = user(http, "crash-buyer", "BUYER", buyerId);
    regulatorToken = user(http, "crash-regulator", "REGULATOR", Fixtures.REGION.substring(0, 6));
    for (int c = 0; c < coopCount; c++) {
      String coop = created(http.post("/api/v1/cooperatives", adminToken, Fixtures.cooperative("岑丰村葡萄合作社" + c)));
      String token = user(http, "crash-coop-" + c, "COOP", coop);
      for (int i = 0; i < householdsPerCoop; i++) {
        // poverty status is the county's to set: admin enters the register, the cooperative enrolls
        String household = created(http.post("/api/v1/households", adminToken,
            Fixtures.household("杨启" + (char) ('宇' + i), Fixtures.idNumber())));
        created(http.post("/api/v1/cooperatives/" + coop + "/members", token, new JsonObject()
            .put("householdId", household).put("shares", new JsonArray().add(new JsonObject()
                .put("shareClass", "LAND").put("units", 10 + 5 * i).put("since", "2024-01-01")))));
        long kilograms = 100L * (i + 1);
        created(http.post("/api/v1/cooperatives/" + coop + "/deliveries", token, new JsonObject()
            .put("householdId", household).put("product", "葡萄").put("quantity", kilograms).put("unit", "KG")
            .put("valueFen", kilograms * 1200).put("date", today().toString())));
      }
      coops.add(new Coop(coop, token));
    }
  }

  private static String user(Http http, String username, String role, String scopeId) {
    String admin = http.login("admin", TestServer.ADMIN_PASSWORD);
    created(http.post("/api/v1/users", admin, new JsonObject().put("username", username)
        .put("password", "password-" + username).put("role", role).put("scopeId", scopeId)));
    return http.login(username, "password-" + username);
  }

  /** 葡萄 一级 at 1200 fen/KG, open from today for 60 days. */
  static JsonObject lotBody(String coop, int kilograms) {
    return new JsonObject().put("cooperativeId", coop).put("product", "葡萄").put("grade", "一级")
        .put("quantity", Integer.toString(kilograms)).put("unit", "KG").put("unitPriceFen", 1200)
        .put("availableFrom", today().toString()).put("availableTo", today().plusDays(60).toString())
        .put("minOrderQuantity", "1");
  }

  static String created(Http.Response response) {
    if (response.status() != 201) {
      throw new IllegalStateException("expected 201, got " + response.status() + " " + response.text());
    }
    return response.body().getString("id");
  }
}
