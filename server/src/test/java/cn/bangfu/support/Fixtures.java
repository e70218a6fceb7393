package cn.bangfu.support;

import cn.bangfu.registry.IdentityNumber;
import cn.bangfu.registry.Uscc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid registry bodies with unique USCCs and identity numbers, modelled on the seeds: the Cenfeng
 * village grape cooperative in Guangxi (region 450123…), a county school canteen buyer.
 */
public final class Fixtures {
  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
  public static final String REGION = "450123105201";

  private Fixtures() {
  }

  public static String uscc() {
    long n = SEQUENCE.incrementAndGet() % 1_000_000_000L;
    return Uscc.withCheckCode("93450123" + String.format("%09d", n));
  }

  /** A valid 身份证号 born in 1975 in 450123, unique over the first 336,000 calls of a run. */
  public static String idNumber() {
    long n = SEQUENCE.incrementAndGet() % 336_000;
    long day = 1 + (n / 1000) % 28;
    long month = 1 + (n / 28_000) % 12;
    return IdentityNumber.withCheckDigit(String.format("4501231975%02d%02d%03d", month, day, n % 1000));
  }

  public static JsonObject cooperative(String name) {
    return new JsonObject().put("name", name).put("uscc", uscc()).put("regionCode", REGION);
  }

  public static JsonObject household(String name, String idNumber) {
    return new JsonObject().put("name", name).put("idNumber", idNumber).put("regionCode", REGION)
        .put("members", 4).put("laborCapacity", "FULL").put("status", "REGISTERED_POOR");
  }

  public static JsonObject buyer(String name) {
    return new JsonObject().put("name", name).put("kind", "SCHOOL").put("uscc", uscc()).put("regionCode", "450123000000")
        .put("annualFoodBudgetFen", 120_000_000L).put("reservedSharePercent", 10);
  }

  public static JsonObject membership(String householdId) {
    return new JsonObject().put("householdId", householdId).put("shares", new JsonArray()
        .add(new JsonObject().put("shareClass", "LAND").put("units", "4.5").put("since", "2026-01-01"))
        .add(new JsonObject().put("shareClass", "FISCAL").put("units", 1000).put("since", "2026-01-01")));
  }

  public static JsonObject delivery(String householdId) {
    // 300 公斤 of grapes at 12 元/公斤 = 3,600 元 = 360,000 fen
    return new JsonObject().put("householdId", householdId).put("product", "葡萄").put("quantity", "300")
        .put("unit", "KG").put("valueFen", 360_000).put("date", "2026-08-20");
  }
}
