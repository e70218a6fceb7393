package cn.bangfu.registry;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 finding 6: poverty status (建档立卡, monitoring, exit) and the blacklist (失信) are the
 * region's regulator's to set (DESIGN.md 8.3). A cooperative registers households of its own county
 * as ORDINARY and may propose a status, which the regulator confirms with PATCH /households/{id}.
 * What a cooperative may not set is refused 403 naming the field, and nothing is written.
 */
class HouseholdRegistrationScopeTest {
  @ClassServer static TestServer server;
  static String coopToken;
  static String regulator;

  @BeforeAll
  static void world() {
    Http.Response coop = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村葡萄合作社"));
    assertThat(coop.status()).isEqualTo(201);
    coopToken = server.userToken("grapes-coop", "COOP", coop.body().getString("id"));
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
  }

  static JsonObject ordinary(String name) {
    return Fixtures.household(name, Fixtures.idNumber()).put("status", "ORDINARY");
  }

  static int households() {
    return server.server().database().dsl().fetchCount(HOUSEHOLD);
  }

  private static void refused(JsonObject body, String field) {
    int before = households();
    Http.Response response = server.http.post("/api/v1/households", coopToken, body);
    assertThat(response.status()).as(response.text()).isEqualTo(403);
    assertThat(response.isProblem()).isTrue();
    assertThat(response.body().getString("field")).isEqualTo(field);
    assertThat(households()).as("nothing written").isEqualTo(before);
  }

  @Test
  void a_cooperative_may_not_blacklist_a_household_it_registers() {
    refused(ordinary("杨明宇").put("blacklisted", true), "blacklisted");
  }

  @Test
  void a_cooperative_may_not_set_a_poverty_status() {
    for (String status : new String[] {"REGISTERED_POOR", "MONITORED", "LOW_INCOME", "EXITED"}) {
      refused(ordinary("杨明宇").put("status", status), "status");
    }
  }

  @Test
  void a_cooperative_may_not_record_an_exit_from_poverty() {
    refused(ordinary("杨明宇").put("exitDate", "2025-12-31"), "exitDate");
  }

  @Test
  void a_cooperative_registers_households_of_its_own_county_only() {
    refused(ordinary("陈志强").put("regionCode", "440106000000"), "regionCode");
    refused(ordinary("陈志强").put("regionCode", "450124105201"), "regionCode");
  }

  @Test
  void a_cooperatives_proposed_status_waits_for_the_regulator_who_confirms_it() {
    Http.Response created = server.http.post("/api/v1/households", coopToken,
        ordinary("龙秀英").put("regionCode", "450123200101").put("proposedStatus", "REGISTERED_POOR"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.body().getString("id");
    assertThat(created.body().getString("status")).isEqualTo("ORDINARY");

    JsonObject seen = server.http.get("/api/v1/households/" + id, regulator).body();
    assertThat(seen.getString("status")).isEqualTo("ORDINARY");
    assertThat(seen.getString("proposedStatus")).isEqualTo("REGISTERED_POOR");

    Http.Response confirmed = server.http.send("PATCH", "/api/v1/households/" + id, regulator, "application/json",
        new JsonObject().put("status", "REGISTERED_POOR").encode());
    assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
    assertThat(confirmed.body().getString("status")).isEqualTo("REGISTERED_POOR");
    assertThat(confirmed.body().getString("proposedStatus")).as("the proposal is settled").isNull();
  }

  @Test
  void a_cooperative_may_leave_the_status_out_and_gets_an_ordinary_household() {
    JsonObject body = ordinary("吴国强");
    body.remove("status");
    Http.Response created = server.http.post("/api/v1/households", coopToken, body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.body().getString("status")).isEqualTo("ORDINARY");
  }

  @Test
  void the_admin_still_registers_the_county_poverty_register_with_its_status_and_blacklist() {
    Http.Response created = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨启宇", Fixtures.idNumber()).put("blacklisted", true));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.body().getString("status")).isEqualTo("REGISTERED_POOR");
    assertThat(created.body().getBoolean("blacklisted")).isTrue();
  }

  @Test
  void the_admin_must_name_the_status() {
    JsonObject body = Fixtures.household("杨启航", Fixtures.idNumber());
    body.remove("status");
    Http.Response response = server.http.post("/api/v1/households", server.adminToken, body);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getString("field")).isEqualTo("status");
  }
}
