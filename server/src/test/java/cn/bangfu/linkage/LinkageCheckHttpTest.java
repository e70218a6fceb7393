package cn.bangfu.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 3 through HTTP: the 100+1+1 check (seed 001, 定南油茶) of a cooperative measures the plots
 * it registered, counts persons paid a wage and exited households, is "not applicable" for a cooperative
 * without a base, and the county regulator sees every cooperative of the county in one roll-up.
 *
 * World (county 360728, 定南县): the oil-tea cooperative registered 1,000 + 550 亩 of plots (15 blocks of 100 亩:
 * 15 households and 15 labourers required). Its 15 linked households: 12 on the register and 3 exited in 2025;
 * 10 had one person paid a wage, 3 had two, 2 worked without a wage → 16 persons employed. A second
 * cooperative of the county has no members and no plots.
 */
class LinkageCheckHttpTest {
  static final String COUNTY = "360728";
  static final String VILLAGE = "360728100201";
  @ClassServer static TestServer server;
  static String oilTea;
  static String empty;
  static String coopToken;
  static String regulator;
  static final List<String> NAMES = new ArrayList<>();

  @BeforeAll
  static void world() {
    oilTea = create("/api/v1/cooperatives", Fixtures.cooperative("定南县老虎坳油茶专业合作社").put("regionCode", VILLAGE));
    empty = create("/api/v1/cooperatives", Fixtures.cooperative("定南县新设种植专业合作社").put("regionCode", VILLAGE));
    coopToken = server.userToken("oil-tea-accountant", "COOP", oilTea);
    regulator = server.userToken("dingnan-regulator", "REGULATOR", COUNTY);
    plot("老虎坳一号地块", "1000");
    plot("老虎坳二号地块", "550");
    for (int i = 0; i < 15; i++) {
      String name = "钟" + "明华秀英志强建国玉兰春生".charAt(i % 12) + "甲乙丙".charAt(i / 12 == 0 ? 0 : 1);
      NAMES.add(name);
      JsonObject household = Fixtures.household(name, Fixtures.idNumber()).put("regionCode", VILLAGE);
      if (i >= 12) {
        household.put("status", "EXITED").put("exitDate", "2025-12-31");
      }
      String id = create("/api/v1/households", household);
      server.http.post("/api/v1/cooperatives/" + oilTea + "/members", server.adminToken, Fixtures.membership(id))
          .expect(201);
      JsonObject labour = new JsonObject().put("householdId", id).put("days", 60).put("date", "2026-09-01")
          .put("post", "油茶林抚育");
      if (i < 13) {
        // 120 元 a day; households 10-12 send two people
        labour.put("wageFen", 720_000).put("workers", i < 10 ? 1 : 2);
      }
      server.http.post("/api/v1/cooperatives/" + oilTea + "/labor", coopToken, labour).expect(201);
      // the same person again later in the year: still one person, not two
      if (i == 0) {
        server.http.post("/api/v1/cooperatives/" + oilTea + "/labor", coopToken, labour.copy().put("date", "2026-10-01"))
            .expect(201);
      }
    }
  }

  private static String create(String path, JsonObject body) {
    return server.http.post(path, server.adminToken, body).expect(201).body().getString("id");
  }

  private static void plot(String name, String mu) {
    server.http.post("/api/v1/cooperatives/" + oilTea + "/plots", coopToken, new JsonObject().put("name", name)
        .put("regionCode", VILLAGE).put("areaMu", mu).put("since", "2026-01-01")).expect(201);
  }

  private static JsonObject check(String coop) {
    JsonObject run = server.http.post("/api/v1/cooperatives/" + coop + "/distributions", server.adminToken,
        new JsonObject().put("ruleSetId", "100-1-1").put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31"))
        .expect(201).body();
    return run.getJsonArray("compliance").getJsonObject(0);
  }

  @Test
  void the_registered_plots_wage_earners_and_exited_households_make_the_check_pass() {
    JsonObject c = check(oilTea);
    JsonObject figures = c.getJsonObject("figures");
    // 1,550 亩 → 15 blocks; linked 12 + 3 exited = 15; employed 10 × 1 + 3 × 2 = 16 (the 2 unpaid do not count)
    assertThat(figures.getString("areaMu")).isEqualTo("1550.00");
    assertThat(figures.getString("areaSource")).isEqualTo("PLOTS");
    assertThat(figures.getLong("requiredPoorHouseholds")).isEqualTo(15);
    assertThat(figures.getLong("poorHouseholdsLinked")).isEqualTo(15);
    assertThat(figures.getLong("poorLaborersEmployed")).isEqualTo(16);
    assertThat(c.getString("status")).isEqualTo("PASSED");
    assertThat(c.getBoolean("passed")).isTrue();
  }

  @Test
  void a_cooperative_without_members_or_plots_is_not_applicable_and_never_passed() {
    JsonObject c = check(empty);
    assertThat(c.getString("status")).isEqualTo("NOT_APPLICABLE");
    assertThat(c.getBoolean("passed")).isFalse();
    assertThat(c.getString("messageZh")).contains("无基地面积").contains("不适用");
  }

  @Test
  void the_county_regulator_sees_every_cooperative_and_the_totals_with_no_household_named() {
    Http.Response response = server.http.get("/api/v1/regions/" + COUNTY + "/linkage-checks?year=2026", regulator);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonObject totals = response.body().getJsonObject("totals");
    assertThat(totals.getInteger("cooperatives")).isEqualTo(2);
    assertThat(totals.getInteger("passed")).isEqualTo(1);
    assertThat(totals.getInteger("failed")).isZero();
    assertThat(totals.getInteger("notApplicable")).isEqualTo(1);
    assertThat(totals.getString("areaMu")).isEqualTo("1550");
    assertThat(totals.getLong("requiredPoorHouseholds")).isEqualTo(15);
    assertThat(totals.getLong("poorHouseholdsLinked")).isEqualTo(15);
    assertThat(totals.getLong("poorLaborersEmployed")).isEqualTo(16);
    JsonArray items = response.body().getJsonArray("items");
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("cooperativeId"))).containsExactly(oilTea, empty);
    assertThat(items.getJsonObject(1).getJsonArray("checks").getJsonObject(0).getString("status"))
        .isEqualTo("NOT_APPLICABLE");
    // counts only: no household's name or id appears
    for (String name : NAMES) {
      assertThat(response.text()).doesNotContain(name);
    }
    assertThat(response.text()).doesNotContain("householdId");
  }

  @Test
  void another_countys_regulator_is_refused() {
    String other = server.userToken("ganzhou-other", "REGULATOR", "360729");
    assertThat(server.http.get("/api/v1/regions/" + COUNTY + "/linkage-checks?year=2026", other).status())
        .isEqualTo(403);
  }

  @Test
  void a_bad_plot_is_refused_naming_its_field_and_nothing_is_registered() {
    int before = plots();
    assertField(new JsonObject().put("name", "零亩地").put("regionCode", VILLAGE).put("areaMu", "0")
        .put("since", "2026-01-01"), 400, "areaMu");
    assertField(new JsonObject().put("name", "倒置日期").put("regionCode", VILLAGE).put("areaMu", "10")
        .put("since", "2026-06-01").put("until", "2026-05-01"), 400, "until");
    assertField(new JsonObject().put("name", "外县地块").put("regionCode", "360729100201").put("areaMu", "10")
        .put("since", "2026-01-01"), 422, "regionCode");
    assertField(new JsonObject().put("name", "平方米误填").put("regionCode", VILLAGE).put("areaMu", "2000000")
        .put("since", "2026-01-01"), 400, "areaMu");
    assertThat(plots()).isEqualTo(before);
  }

  private static void assertField(JsonObject body, int status, String field) {
    Http.Response r = server.http.post("/api/v1/cooperatives/" + oilTea + "/plots", coopToken, body);
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().getString("field")).isEqualTo(field);
  }

  private static int plots() {
    return server.http.get("/api/v1/cooperatives/" + oilTea + "/plots", coopToken).expect(200).body()
        .getJsonArray("items").size();
  }
}
