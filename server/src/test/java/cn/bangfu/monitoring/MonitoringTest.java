package cn.bangfu.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Low-income monitoring with the seeds' kinds of cases (seed 000 and the grape cooperative of seed 001:
 * 300 公斤 at 12 元/公斤): a household under the monitoring line is warned and the warning goes when a
 * dividend lifts it over; two departments' overlapping 临时救助 is duplicate assistance; a warning left
 * without a measure for 15 days (business clock) becomes NO_MEASURE; the chain lists it all in time order.
 */
class MonitoringTest {
  /** 2026 防止返贫监测 line for the county in this test: 7,000 元 per person and year. */
  static final long LINE_FEN = 700_000;
  static final AtomicLong ORDERS = new AtomicLong(9_260_000);
  @ClassServer static TestServer server;
  static String regulator;

  @BeforeAll
  static void world() {
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
    server.http.send("PUT", "/api/v1/monitoring/lines/450123/2026", regulator, "application/json",
        new JsonObject().put("perCapitaIncomeFen", LINE_FEN).encode()).expect(200);
  }

  private static String household(String name) {
    return household(name, Fixtures.REGION);
  }

  private static String household(String name, String regionCode) {
    return server.http.post("/api/v1/households", server.adminToken, Fixtures.household(name, Fixtures.idNumber())
        .put("regionCode", regionCode)).expect(201).body().getString("id");
  }

  private static List<JsonObject> alerts(String household, String kind) {
    JsonArray items = server.http.get("/api/v1/monitoring/alerts?year=2026&limit=500&kind=" + kind, regulator)
        .expect(200).body().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(a -> household.equals(a.getString("householdId")))
        .toList();
  }

  private static JsonObject measure(String department, String kind, long amountFen, String start, String end) {
    return new JsonObject().put("department", department).put("kind", kind).put("amountFen", amountFen)
        .put("start", start).put("end", end).put("note", "入户核实后发放");
  }

  @Test
  void a_household_under_the_line_is_warned_and_a_dividend_lifting_it_over_ends_the_warning() {
    String coop = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村葡萄合作社"))
        .expect(201).body().getString("id");
    String coopToken = server.userToken("grape-accountant", "COOP", coop);
    String household = household("杨明宇");
    server.http.post("/api/v1/cooperatives/" + coop + "/members", server.adminToken, Fixtures.membership(household))
        .expect(201);
    // 300 公斤 of grapes at 12 元/公斤 delivered on 2026-08-20: 3,600 元 for 4 people, 900 元 each
    server.http.post("/api/v1/cooperatives/" + coop + "/deliveries", coopToken, Fixtures.delivery(household))
        .expect(201);

    List<JsonObject> below = alerts(household, "BELOW_LINE");
    assertThat(below).hasSize(1);
    assertThat(below.get(0).getString("detail"))
        .isEqualTo("2026年家庭人均收入 900.00 元（全年 3600.00 元，4 人），低于监测线 7000.00 元");
    JsonObject income = server.http.get("/api/v1/households/" + household + "/income?year=2026", regulator)
        .expect(200).body();
    assertThat(income.getLong("totalFen")).isEqualTo(360_000L);
    assertThat(income.getLong("perCapitaFen")).isEqualTo(90_000L);

    // 100,000 元 of sales settled in September; coop-surplus-60 keeps 10 % as provident fund and hands the
    // other 90,000 元 to the only member
    String buyer = server.http.post("/api/v1/buyers", server.adminToken, Fixtures.buyer("县第一中学食堂"))
        .expect(201).body().getString("id");
    server.server().database().dsl().transactionResult(c -> server.server().ledger().post(c.dsl(),
        DistributionSteps.settlement(ORDERS.incrementAndGet(), Long.parseLong(buyer), Long.parseLong(coop),
            LocalDate.of(2026, 9, 15), 10_000_000L)));
    String run = server.http.post("/api/v1/cooperatives/" + coop + "/distributions", coopToken,
        new JsonObject().put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-01-01")
            .put("periodEnd", "2026-11-30")).expect(201).body().getString("id");
    server.http.post("/api/v1/distributions/" + run + "/publicize", coopToken, new JsonObject().put("days", 7))
        .expect(200);
    server.endPublicity(run, coopToken);
    server.http.post("/api/v1/distributions/" + run + "/approve", regulator, new JsonObject()).expect(200);
    server.http.post("/api/v1/distributions/" + run + "/post", coopToken, new JsonObject()).expect(200);

    assertThat(alerts(household, "BELOW_LINE")).as("93,600 元 for 4 people is over the line").isEmpty();
    JsonObject after = server.http.get("/api/v1/households/" + household + "/income?year=2026", regulator)
        .expect(200).body();
    assertThat(after.getLong("totalFen")).isEqualTo(9_360_000L);
    assertThat(after.getLong("perCapitaFen")).isEqualTo(2_340_000L);
    JsonArray chain = server.http.get("/api/v1/households/" + household + "/chain", regulator).expect(200).body()
        .getJsonArray("items");
    assertThat(chain.stream().map(JsonObject.class::cast).filter(i -> "ALERT_ENDED".equals(i.getString("step")))
        .map(i -> i.getString("status")).toList()).contains("RESOLVED");
  }

  @Test
  void two_departments_overlapping_temporary_relief_is_duplicate_assistance() {
    String household = household("陈志强");
    server.http.post("/api/v1/households/" + household + "/assistance", regulator,
        measure("县民政局", "TEMPORARY_RELIEF", 200_000, "2026-03-01", "2026-03-31")).expect(201);
    assertThat(alerts(household, "DUPLICATE_ASSISTANCE")).as("one department alone").isEmpty();

    server.http.post("/api/v1/households/" + household + "/assistance", regulator,
        measure("思旸镇人民政府", "TEMPORARY_RELIEF", 150_000, "2026-03-15", "2026-04-15")).expect(201);

    List<JsonObject> duplicate = alerts(household, "DUPLICATE_ASSISTANCE");
    assertThat(duplicate).hasSize(1);
    assertThat(duplicate.get(0).getString("detail")).isEqualTo(
        "临时救助重复：县民政局（2026-03-01 至 2026-03-31）与思旸镇人民政府（2026-03-15 至 2026-04-15）期间重叠");
  }

  @Test
  void medical_bills_over_half_the_income_warn_and_a_warning_without_measure_for_15_days_becomes_no_measure() {
    String household = household("杨秀兰");
    server.http.post("/api/v1/households/" + household + "/events", regulator, new JsonObject()
        .put("kind", "MEDICAL_EXPENSE").put("amountFen", 5_000_000).put("date", "2026-10-08")
        .put("note", "住院手术自付部分")).expect(201);
    List<JsonObject> rigid = alerts(household, "RIGID_EXPENDITURE");
    assertThat(rigid).hasSize(1);
    assertThat(rigid.get(0).getString("detail")).isEqualTo("2026年医疗、教育等刚性支出 50000.00 元，超过家庭全年收入 0.00 元的 50%");
    String referral = server.http.post("/api/v1/households/" + household + "/referrals", regulator, new JsonObject()
        .put("department", "县医疗保障局").put("dueOn", server.today().plusDays(10).toString())
        .put("note", "转办医疗救助")).expect(201).body().getString("id");
    assertThat(alerts(household, "NO_MEASURE")).as("not yet 15 days").isEmpty();

    server.clock().advance(Duration.ofDays(16));

    assertThat(alerts(household, "NO_MEASURE")).hasSize(1);
    JsonObject overdue = chainItem(household, referral);
    assertThat(overdue.getBoolean("overdue")).as("due 10 days after it was made, 16 days ago").isTrue();

    server.http.post("/api/v1/households/" + household + "/assistance", regulator,
        measure("县医疗保障局", "MEDICAL", 3_000_000, "2026-10-20", "2026-12-31")).expect(201);
    assertThat(alerts(household, "NO_MEASURE")).as("a measure answers the warning").isEmpty();
    server.http.post("/api/v1/households/" + household + "/follow-ups", regulator, new JsonObject()
        .put("note", "医疗救助已到位").put("referralId", referral)).expect(201);
    assertThat(chainItem(household, referral).getBoolean("overdue")).isFalse();
    server.http.post("/api/v1/households/" + household + "/closure", regulator,
        new JsonObject().put("note", "风险消除")).expect(201);

    List<String> steps = server.http.get("/api/v1/households/" + household + "/chain", regulator).expect(200).body()
        .getJsonArray("items").stream().map(JsonObject.class::cast).map(i -> i.getString("step")).toList();
    assertThat(steps).containsSubsequence("STATUS_CHANGE", "EVENT", "ALERT", "REFERRAL", "ALERT", "MEASURE",
        "ALERT_ENDED", "FOLLOW_UP", "CLOSURE");
  }

  @Test
  void income_down_by_more_than_30_percent_warns_and_a_member_able_to_work_without_labour_days_is_idle() {
    String coop = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村蔬菜合作社"))
        .expect(201).body().getString("id");
    String coopToken = server.userToken("vegetable-accountant", "COOP", coop);
    String household = household("杨国强");
    server.http.post("/api/v1/cooperatives/" + coop + "/members", server.adminToken, Fixtures.membership(household))
        .expect(201);
    // 2025: 1,000 公斤 at 12 元/公斤 = 12,000 元; 2026: 300 公斤 = 3,600 元, 70 % less
    server.http.post("/api/v1/cooperatives/" + coop + "/deliveries", coopToken, Fixtures.delivery(household)
        .put("quantity", "1000").put("valueFen", 1_200_000).put("date", "2025-08-20")).expect(201);
    server.http.post("/api/v1/cooperatives/" + coop + "/deliveries", coopToken, Fixtures.delivery(household))
        .expect(201);

    List<JsonObject> drop = alerts(household, "INCOME_DROP");
    assertThat(drop).hasSize(1);
    assertThat(drop.get(0).getString("detail"))
        .isEqualTo("2026年家庭收入 3600.00 元，比2025年的 12000.00 元下降 70%（预警线 30%）");
    assertThat(alerts(household, "IDLE_LABOUR")).hasSize(1);

    server.http.post("/api/v1/cooperatives/" + coop + "/labor", coopToken, new JsonObject()
        .put("householdId", household).put("days", "20").put("date", "2026-09-01").put("post", "护林员")).expect(201);
    assertThat(alerts(household, "IDLE_LABOUR")).as("20 days on a welfare post in 2026").isEmpty();
  }

  private static JsonObject chainItem(String household, String id) {
    return server.http.get("/api/v1/households/" + household + "/chain", regulator).expect(200).body()
        .getJsonArray("items").stream().map(JsonObject.class::cast).filter(i -> id.equals(i.getString("id")))
        .findFirst().orElseThrow();
  }

  @Test
  void the_most_specific_line_wins_and_another_region_is_refused() {
    // a village of another township (450123106), so its line touches no other test's households
    String household = household("杨文华", "450123106201");
    server.http.post("/api/v1/households/" + household + "/assistance", regulator,
        measure("县民政局", "MINIMUM_LIVING", 2_000_000, "2026-01-01", "2026-12-31")).expect(201);
    // 20,000 元 for 4 people: 5,000 元 each, over a township line of 4,000 元, under the county's 7,000 元
    server.http.send("PUT", "/api/v1/monitoring/lines/450123106/2026", regulator, "application/json",
        new JsonObject().put("perCapitaIncomeFen", 400_000).encode()).expect(200);
    assertThat(alerts(household, "BELOW_LINE")).isEmpty();
    server.http.send("PUT", "/api/v1/monitoring/lines/450123106/2026", regulator, "application/json",
        new JsonObject().put("perCapitaIncomeFen", 600_000).encode()).expect(200);
    assertThat(alerts(household, "BELOW_LINE")).hasSize(1);

    Http.Response other = server.http.send("PUT", "/api/v1/monitoring/lines/4401/2026", regulator,
        "application/json", new JsonObject().put("perCapitaIncomeFen", 600_000).encode());
    assertThat(other.status()).isEqualTo(403);
  }
}
