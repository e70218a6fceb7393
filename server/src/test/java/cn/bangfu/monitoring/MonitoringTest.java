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

  /**
   * 100,000 元 of sales to {@code buyerName} settled on 2026-09-15, then a coop-surplus-60 run of 2026-01-01 ..
   * 2026-11-30 drafted, publicized, approved and posted; its id.
   */
  private static String postedSurplusRun(String coop, String coopToken, String buyerName) {
    String buyer = server.http.post("/api/v1/buyers", server.adminToken, Fixtures.buyer(buyerName))
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
    return run;
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
    postedSurplusRun(coop, coopToken, "县第一中学食堂");

    assertThat(alerts(household, "BELOW_LINE")).as("93,600 元 for 4 people is over the line").isEmpty();
    JsonObject after = server.http.get("/api/v1/households/" + household + "/income?year=2026", regulator)
        .expect(200).body();
    assertThat(after.getLong("totalFen")).isEqualTo(9_360_000L);
    assertThat(after.getLong("perCapitaFen")).isEqualTo(2_340_000L);
    JsonArray chain = server.http.get("/api/v1/households/" + household + "/chain", regulator).expect(200).body()
        .getJsonArray("items");
    JsonObject ended = chain.stream().map(JsonObject.class::cast)
        .filter(i -> "ALERT_ENDED".equals(i.getString("step")) && "BELOW_LINE".equals(i.getString("kind")))
        .findFirst().orElseThrow();
    assertThat(ended.getString("status")).isEqualTo("RESOLVED");
    assertThat(ended.getString("byName")).as("the posting that lifted the household ended the warning")
        .isEqualTo("grape-accountant");
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

    // only time has passed: no input changed, so a read neither finds nor writes the NO_MEASURE alert
    String stored = storedAlerts();
    assertThat(alerts(household, "NO_MEASURE")).as("a read does not evaluate").isEmpty();
    assertThat(storedAlerts()).as("GET /monitoring/alerts wrote nothing").isEqualTo(stored);
    JsonObject evaluation = server.http.post("/api/v1/monitoring/evaluations", regulator,
        new JsonObject().put("regionPrefix", "450123").put("year", 2026)).expect(200).body();
    assertThat(evaluation.getInteger("opened")).isGreaterThanOrEqualTo(1);

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
  void a_reversed_dividend_puts_the_household_back_under_the_line_and_warns_again() {
    String coop = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村冲销合作社"))
        .expect(201).body().getString("id");
    String coopToken = server.userToken("reversal-accountant", "COOP", coop);
    String household = household("杨明远");
    server.http.post("/api/v1/cooperatives/" + coop + "/members", server.adminToken, Fixtures.membership(household))
        .expect(201);
    server.http.post("/api/v1/cooperatives/" + coop + "/deliveries", coopToken, Fixtures.delivery(household))
        .expect(201);
    String run = postedSurplusRun(coop, coopToken, "县第二中学食堂");
    assertThat(alerts(household, "BELOW_LINE")).as("90,000 元 of dividend lifted it over").isEmpty();

    server.http.post("/api/v1/distributions/" + run + "/reverse", regulator,
        new JsonObject().put("reason", "销售款未到账，冲销重算")).expect(200);

    List<JsonObject> again = alerts(household, "BELOW_LINE");
    assertThat(again).as("the reversal took the dividend back: 3,600 元 for 4 people").hasSize(1);
    assertThat(again.get(0).getString("detail"))
        .isEqualTo("2026年家庭人均收入 900.00 元（全年 3600.00 元，4 人），低于监测线 7000.00 元");
  }

  @Test
  void produce_bought_from_a_member_in_the_book_re_evaluates_its_warning_at_once() {
    String coop = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村收购合作社"))
        .expect(201).body().getString("id");
    String coopToken = server.userToken("purchase-accountant", "COOP", coop);
    String household = household("杨秀兰");
    server.http.post("/api/v1/cooperatives/" + coop + "/members", server.adminToken, Fixtures.membership(household))
        .expect(201);
    // 300 公斤 of grapes bought on 2026-08-20 at 12 元/公斤: 3,600 元 for 4 people, under the line. (Other tests
    // move the business clock on, possibly into 2027, so the warning of 2026 is opened by the purchase itself.)
    server.http.post("/api/v1/cooperatives/" + coop + "/produce-purchases", coopToken, Fixtures.delivery(household))
        .expect(201);
    List<JsonObject> below = alerts(household, "BELOW_LINE");
    assertThat(below).hasSize(1);
    assertThat(below.get(0).getString("detail")).startsWith("2026年家庭人均收入 900.00 元");

    // 2,200 公斤 more: 30,000 元 in all, 7,500 元 each, over the 7,000 元 line
    server.http.post("/api/v1/cooperatives/" + coop + "/produce-purchases", coopToken, Fixtures.delivery(household)
        .put("quantity", "2200").put("valueFen", 2_640_000)).expect(201);

    assertThat(alerts(household, "BELOW_LINE")).as("the purchase is income: the warning ended with it").isEmpty();
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

  /** Every stored alert, as text: what a read must leave exactly as it found it. */
  private static String storedAlerts() {
    return server.server().database().dsl().selectFrom(cn.bangfu.db.Tables.MONITORING_ALERT)
        .orderBy(cn.bangfu.db.Tables.MONITORING_ALERT.ID).fetch().formatJSON();
  }

  @Test
  void a_closed_chain_reopens_when_a_new_alert_arises_and_keeps_its_history() {
    // registered poor with no income yet: 0 元 for 4 people is under the county's 7,000 元 the day it is registered
    String household = household("杨桂芳");
    List<JsonObject> below = alerts(household, "BELOW_LINE");
    assertThat(below).hasSize(1);
    assertThat(below.get(0).getString("detail")).isEqualTo("2026年家庭人均收入 0.00 元（全年 0.00 元，4 人），低于监测线 7000.00 元");
    server.http.post("/api/v1/households/" + household + "/closure", regulator,
        new JsonObject().put("note", "已纳入低保，风险消除")).expect(201);

    JsonObject closed = chain(household, regulator);
    assertThat(closed.getString("state")).isEqualTo("CLOSED");
    assertThat(alerts(household, "BELOW_LINE")).as("closed, not open").isEmpty();
    JsonObject closedAlert = item(closed, "ALERT_ENDED");
    assertThat(closedAlert.getString("status")).isEqualTo("CLOSED");
    assertThat(closedAlert.getString("byName")).isEqualTo("county-regulator");

    // 12,000 元 of medical bills: still under the line, and the bills are over half of the income
    server.http.post("/api/v1/households/" + household + "/events", regulator, new JsonObject()
        .put("kind", "MEDICAL_EXPENSE").put("amountFen", 1_200_000).put("date", "2026-10-08")
        .put("note", "住院自付")).expect(201);

    JsonObject reopened = chain(household, regulator);
    assertThat(reopened.getString("state")).isEqualTo("OPEN");
    assertThat(reopened.getString("closedAt")).isNull();
    List<JsonObject> items = reopened.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(items.stream().map(i -> i.getString("step")).toList())
        .containsSubsequence("STATUS_CHANGE", "ALERT", "CLOSURE", "ALERT_ENDED", "EVENT", "ALERT");
    List<JsonObject> alertsOnChain = items.stream().filter(i -> "ALERT".equals(i.getString("step"))).toList();
    assertThat(alertsOnChain.get(0).getString("status")).as("the closed alert stays on the chain").isEqualTo("CLOSED");
    assertThat(alertsOnChain.get(0).getBoolean("reopens")).isNull();
    JsonObject first = alertsOnChain.get(1);
    assertThat(first.getBoolean("reopens")).as("the first alert after the closure re-opens the chain").isTrue();
    assertThat(first.getString("status")).isEqualTo("OPEN");
    assertThat(first.getString("byName")).as("the event's author caused the evaluation")
        .isEqualTo("county-regulator");
    assertThat(alerts(household, "BELOW_LINE")).extracting(a -> a.getString("id"))
        .as("a new alert, not the closed one").doesNotContain(below.get(0).getString("id")).hasSize(1);
    assertThat(alerts(household, "RIGID_EXPENDITURE")).hasSize(1);

    // the household reads its own chain with who acted masked
    String own = server.userToken("household-guifang", "HOUSEHOLD", household);
    JsonObject mine = chain(household, own);
    assertThat(item(mine, "CLOSURE").getString("byName")).isEqualTo("c**************r");
  }

  @Test
  void the_region_export_lists_alerts_and_households_under_monitoring_with_names_masked() throws Exception {
    String idNumber = Fixtures.idNumber();
    String household = server.http.post("/api/v1/households", server.adminToken, Fixtures.household("杨秀英", idNumber))
        .expect(201).body().getString("id");

    java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + server.server().port()
                + "/api/v1/monitoring/export?regionPrefix=450123&year=2026"))
            .header("Authorization", "Bearer " + regulator).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo("attachment; filename=\"monitoring-export.xlsx\"");
    try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(response.body()))) {
      var alertSheet = workbook.getSheet("2026年预警");
      assertThat(cells(alertSheet.getRow(0))).containsExactly("预警编号", "户编号", "户主", "区划代码", "预警类型", "年度",
          "预警说明", "状态", "发现时间", "结束时间");
      List<String> alert = rowOf(alertSheet, 1, household);
      assertThat(alert.subList(1, 8)).containsExactly(household, "杨*英", Fixtures.REGION, "人均收入低于监测线", "2026",
          "2026年家庭人均收入 0.00 元（全年 0.00 元，4 人），低于监测线 7000.00 元", "未消除");

      var householdSheet = workbook.getSheet("监测户");
      assertThat(cells(householdSheet.getRow(0))).containsExactly("户编号", "户主", "区划代码", "家庭人口", "户类型",
          "未消除预警", "本年帮扶措施", "最近措施日期", "最近风险消除时间");
      assertThat(rowOf(householdSheet, 0, household).subList(0, 7))
          .containsExactly(household, "杨*英", Fixtures.REGION, "4", "脱贫户（建档立卡户）", "1", "0");

      for (var sheet : workbook) {
        for (var row : sheet) {
          assertThat(cells(row)).as("no name in clear, no identity number").doesNotContain("杨秀英", idNumber);
        }
      }
    }
  }

  /** A row's cells as text (numbers as whole numbers), empty cells as "". */
  private static List<String> cells(org.apache.poi.ss.usermodel.Row row) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < row.getLastCellNum(); i++) {
      var cell = row.getCell(i);
      out.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
          ? Long.toString((long) cell.getNumericCellValue()) : cell.getStringCellValue());
    }
    return out;
  }

  private static List<String> rowOf(org.apache.poi.ss.usermodel.Sheet sheet, int column, String value) {
    for (var row : sheet) {
      List<String> cells = cells(row);
      if (cells.size() > column && value.equals(cells.get(column))) {
        return cells;
      }
    }
    throw new AssertionError("no row with " + value + " in " + sheet.getSheetName());
  }

  private static JsonObject chain(String household, String token) {
    return server.http.get("/api/v1/households/" + household + "/chain", token).expect(200).body();
  }

  private static JsonObject item(JsonObject chain, String step) {
    return chain.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> step.equals(i.getString("step"))).findFirst().orElseThrow();
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

  /**
   * Two evaluations of one village racing (two regulators, two requests at once): each of its 40
   * households below the line gets exactly one BELOW_LINE alert, and between them the two evaluations
   * announce each alert once — the second finds the first's rows and skips them (INSERT IGNORE on the
   * open key), it does not open a duplicate nor fail.
   */
  @Test
  void given_two_evaluations_racing_then_each_alert_is_opened_and_announced_once() throws Exception {
    // a village of a county with no line yet: its households are registered without alerts; the line is
    // then written directly (over HTTP, setting it would evaluate the village, which is the race's part)
    String village = "450125990001";
    List<String> households = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      households.add(household("竞态" + i + "户", village));
    }
    server.server().database().dsl().execute("INSERT INTO monitoring_line (region_prefix, line_year,"
        + " per_capita_income_fen, set_by, set_at) VALUES ('450125', 2026, " + LINE_FEN + ", 0, UTC_TIMESTAMP(3))");
    String first = server.userToken("village-regulator-1", "REGULATOR", village);
    String second = server.userToken("village-regulator-2", "REGULATOR", village);
    assertThat(villageAlerts(first)).as("no line, no alert yet").isEmpty();
    JsonObject body = new JsonObject().put("regionPrefix", village).put("year", 2026);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = pool.submit(() -> server.http.post("/api/v1/monitoring/evaluations", first, body).expect(200).body());
      var b = pool.submit(() -> server.http.post("/api/v1/monitoring/evaluations", second, body).expect(200).body());
      int opened = a.get().getInteger("opened") + b.get().getInteger("opened");
      assertThat(opened).as("announced once between them").isEqualTo(40);
    } finally {
      pool.shutdown();
    }
    List<String> alerted = villageAlerts(first);
    assertThat(alerted).as("one BELOW_LINE alert per household").hasSize(40)
        .containsExactlyInAnyOrderElementsOf(households);
  }

  /**
   * A region is evaluated a part of its households at a time, each part its own transaction (a
   * province's 2,000,000 households: 20 parts). Here parts of 7: 40 households below the line are 6
   * parts, and every household gets its one alert — none skipped at a part's edge, none twice; a second
   * evaluation opens nothing; the line withdrawn, the next resolves all 40.
   */
  @Test
  void given_a_region_evaluated_in_parts_then_every_household_is_evaluated_once() {
    String village = "450126990001";
    List<String> households = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      households.add(household("分批" + i + "户", village));
    }
    server.server().database().dsl().execute("INSERT INTO monitoring_line (region_prefix, line_year,"
        + " per_capita_income_fen, set_by, set_at) VALUES ('450126', 2026, " + LINE_FEN + ", 0, UTC_TIMESTAMP(3))");
    String token = server.userToken("parts-regulator", "REGULATOR", village);
    JsonObject body = new JsonObject().put("regionPrefix", village).put("year", 2026);
    MonitoringService monitoring = server.server().monitoring();
    monitoring.householdsPerPart(7);
    try {
      JsonObject first = server.http.post("/api/v1/monitoring/evaluations", token, body).expect(200).body();
      assertThat(first.getInteger("opened")).isEqualTo(40);
      assertThat(first.getInteger("open")).isEqualTo(40);
      assertThat(villageAlerts(token)).hasSize(40).containsExactlyInAnyOrderElementsOf(households);

      JsonObject again = server.http.post("/api/v1/monitoring/evaluations", token, body).expect(200).body();
      assertThat(again.getInteger("opened")).isZero();
      assertThat(again.getInteger("resolved")).isZero();

      // the county's line withdrawn (as it was written: directly), no household is under a line any more
      server.server().database().dsl().execute("DELETE FROM monitoring_line WHERE region_prefix = '450126'");
      JsonObject withdrawn = server.http.post("/api/v1/monitoring/evaluations", token, body).expect(200).body();
      assertThat(withdrawn.getInteger("resolved")).isEqualTo(40);
      assertThat(withdrawn.getInteger("open")).isZero();
      assertThat(villageAlerts(token)).isEmpty();
    } finally {
      monitoring.householdsPerPart(MonitoringService.HOUSEHOLDS_PER_PART);
    }
  }

  private static List<String> villageAlerts(String token) {
    return server.http.get("/api/v1/monitoring/alerts?year=2026&limit=500&kind=BELOW_LINE", token).expect(200).body()
        .getJsonArray("items").stream().map(a -> ((JsonObject) a).getString("householdId")).toList();
  }
}
