package cn.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status history (issue 17): a household's poverty status, labour capacity and blacklist keep every
 * change with its effective date, who and why, and a distribution reads the status in force on its
 * period's last day, so a change counts exactly from its effective date.
 */
class StatusHistoryTest {
  @ClassServer static TestServer server;
  static String regulator;
  static String coop;
  static String coopToken;

  @BeforeAll
  static void world() {
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
    coop = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("定南村光伏合作社"))
        .expect(201).body().getString("id");
    coopToken = server.userToken("pv-accountant", "COOP", coop);
    // 10,000 元 of PV grid income received on 2026-06-15, booked as the station's (PV_GRID)
    server.http.post("/api/v1/cooperatives/" + coop + "/income", coopToken, new JsonObject().put("amountFen", 1_000_000)
        .put("category", "PV_GRID").put("date", "2026-06-15").put("into", "BANK")).expect(201);
  }

  private static String poorHouseholdUnableToWork(String name) {
    String id = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household(name, Fixtures.idNumber()).put("laborCapacity", "NONE")).expect(201).body().getString("id");
    server.http.post("/api/v1/cooperatives/" + coop + "/members", server.adminToken, Fixtures.membership(id))
        .expect(201);
    return id;
  }

  private static Http.Response patch(String id, JsonObject change) {
    return server.http.send("PATCH", "/api/v1/households/" + id, regulator, "application/json", change.encode());
  }

  private static long draftShareOf(String household, String periodEnd) {
    JsonObject run = server.http.post("/api/v1/cooperatives/" + coop + "/distributions", coopToken,
        new JsonObject().put("ruleSetId", "pv-station-welfare-posts").put("periodStart", "2026-06-01")
            .put("periodEnd", periodEnd)).expect(201).body();
    long total = 0;
    JsonArray lines = run.getJsonArray("allocations");
    for (int i = 0; i < lines.size(); i++) {
      if (household.equals(lines.getJsonObject(i).getString("householdId"))) {
        total += lines.getJsonObject(i).getLong("amountFen");
      }
    }
    return total;
  }

  @Test
  void an_exit_effective_on_july_1st_changes_eligibility_exactly_at_that_date() {
    String household = poorHouseholdUnableToWork("杨秀英");

    patch(household, new JsonObject().put("status", "EXITED").put("exitDate", "2026-07-01")
        .put("effectiveDate", "2026-07-01").put("reason", "2026年7月1日验收脱贫")).expect(200);

    // PV income 10,000 元: 60 % to poor households, 20 % of that as the base share of households unable to
    // work = 1,200 元, all of it to the only one, while it is still poor on the period's last day
    assertThat(draftShareOf(household, "2026-06-30")).as("status in force on 06-30: REGISTERED_POOR")
        .isEqualTo(120_000L);
    assertThat(draftShareOf(household, "2026-07-01")).as("status in force on 07-01: EXITED").isZero();
  }

  @Test
  void a_blacklist_entry_keeps_who_when_and_why_and_the_household_shows_the_latest_situation() {
    String household = poorHouseholdUnableToWork("陈德华");

    patch(household, new JsonObject().put("blacklisted", true).put("effectiveDate", "2026-05-10")
        .put("reason", "虚报交售量")).expect(200);
    patch(household, new JsonObject().put("status", "LOW_INCOME").put("lowIncomeKind", "RIGID_EXPENDITURE")
        .put("effectiveDate", "2026-08-01").put("reason", "大病医疗支出")).expect(200);

    JsonObject read = server.http.get("/api/v1/households/" + household, regulator).expect(200).body();
    assertThat(read.getString("status")).isEqualTo("LOW_INCOME");
    assertThat(read.getString("lowIncomeKind")).isEqualTo("RIGID_EXPENDITURE");
    assertThat(read.getBoolean("blacklisted")).as("the August snapshot carries the May blacklist entry").isTrue();
    // blacklisted from 05-10: the run to 06-30 leaves it out whatever its status
    assertThat(draftShareOf(household, "2026-06-29")).isZero();

    JsonArray chain = server.http.get("/api/v1/households/" + household + "/chain", regulator).expect(200).body()
        .getJsonArray("items");
    JsonObject change = chain.stream().map(JsonObject.class::cast)
        .filter(s -> "STATUS_CHANGE".equals(s.getString("step")) && "虚报交售量".equals(s.getString("note")))
        .findFirst().orElseThrow();
    assertThat(change.getString("date")).isEqualTo("2026-05-10");
    assertThat(change.getString("by")).isNotBlank();
    assertThat(change.getString("at")).isNotBlank();
  }

  @Test
  void low_income_needs_its_kind() {
    // not a member: it would share the base share the first test counts
    String household = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨文军", Fixtures.idNumber())).expect(201).body().getString("id");
    Http.Response refused = patch(household, new JsonObject().put("status", "LOW_INCOME"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().getString("field")).isEqualTo("lowIncomeKind");
  }
}
