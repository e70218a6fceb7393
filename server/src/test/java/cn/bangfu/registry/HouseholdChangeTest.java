package cn.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The regulator records a household's exit, monitoring, labour capacity or blacklist entry (失信) and its repair. */
class HouseholdChangeTest {
  @ClassServer static TestServer server;
  static String regulator;

  @BeforeAll
  static void start() {
    regulator = server.userToken("county-regulator", "REGULATOR", Fixtures.REGION.substring(0, 6));
  }

  private static String household() {
    return server.http.post("/api/v1/households", server.adminToken, Fixtures.household("杨启宇", Fixtures.idNumber()))
        .body().getString("id");
  }

  @Test
  void given_a_poor_household_when_it_exits_and_is_blacklisted_then_the_registry_shows_it_and_repair_clears_it() {
    String id = household();

    Http.Response exited = server.http.send("PATCH", "/api/v1/households/" + id, regulator, "application/json",
        new JsonObject().put("status", "EXITED").put("exitDate", "2026-06-30").put("blacklisted", true).encode());

    assertThat(exited.status()).as(exited.text()).isEqualTo(200);
    JsonObject read = server.http.get("/api/v1/households/" + id, regulator).body();
    assertThat(read.getString("status")).isEqualTo("EXITED");
    assertThat(read.getString("exitDate")).isEqualTo("2026-06-30");
    assertThat(read.getBoolean("blacklisted")).isTrue();
    assertThat(read.getString("laborCapacity")).as("untouched fields stay").isEqualTo("FULL");

    server.http.send("PATCH", "/api/v1/households/" + id, regulator, "application/json",
        new JsonObject().put("blacklisted", false).encode());
    assertThat(server.http.get("/api/v1/households/" + id, regulator).body().getBoolean("blacklisted")).isFalse();
  }

  @Test
  void an_exit_needs_its_date_and_an_empty_change_names_a_field() {
    String id = household();
    Http.Response noDate = server.http.send("PATCH", "/api/v1/households/" + id, regulator, "application/json",
        new JsonObject().put("status", "EXITED").encode());
    assertThat(noDate.status()).isEqualTo(400);
    assertThat(noDate.body().getString("field")).isEqualTo("exitDate");
    Http.Response empty = server.http.send("PATCH", "/api/v1/households/" + id, regulator, "application/json", "{}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().getString("field")).isNotBlank();
    assertThat(server.http.get("/api/v1/households/" + id, regulator).body().getString("status"))
        .isEqualTo("REGISTERED_POOR");
  }

  @Test
  void a_regulator_of_another_region_may_not_change_it() {
    String id = household();
    String other = server.userToken("guangzhou-regulator", "REGULATOR", "4401");
    Http.Response refused = server.http.send("PATCH", "/api/v1/households/" + id, other, "application/json",
        new JsonObject().put("blacklisted", true).encode());
    assertThat(refused.status()).as("out of scope answers like an unknown household").isEqualTo(404);
    assertThat(server.http.get("/api/v1/households/" + id, regulator).body().getBoolean("blacklisted")).isFalse();
  }
}
