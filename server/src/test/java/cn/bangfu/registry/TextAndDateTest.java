package cn.bangfu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text is stored exactly as sent or refused (issue 12, finding 8), and business dates lie in a sane
 * window (finding 7): things that happened between 2000-01-01 and today in Beijing, planned dates at
 * most five years ahead. Each refusal is a 400 naming the field, with no row written.
 */
class TextAndDateTest {
  @ClassServer static TestServer server;
  static String coopId;
  static String householdId;
  static String coopToken;

  @BeforeAll
  static void start() {
    coopId = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑峰村葡萄合作社"))
        .body().getString("id");
    householdId = server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨明宇", Fixtures.idNumber())).body().getString("id");
    coopToken = server.userToken("cenfeng-clerk", "COOP", coopId);
    assertThat(server.http.post("/api/v1/cooperatives/" + coopId + "/members", coopToken,
        Fixtures.membership(householdId)).status()).isEqualTo(201);
  }

  private static long rows(String table) {
    return server.server().database().dsl().fetchCount(org.jooq.impl.DSL.table(table));
  }

  private static void assertRefused(Http.Response response, String field) {
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.isProblem()).isTrue();
    assertThat(response.body().getString("field")).isEqualTo(field);
  }

  @Test
  void given_a_name_with_four_byte_characters_when_stored_then_the_database_holds_it_unchanged() {
    String name = "𠮷岭村🍇专业合作社";
    Http.Response created = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative(name));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String stored = server.server().database().dsl()
        .fetchValue("SELECT name FROM cooperative WHERE id = ?", Long.parseLong(created.body().getString("id")))
        .toString();
    assertThat(stored).isEqualTo(name);
    assertThat(server.http.get("/api/v1/cooperatives/" + created.body().getString("id"), server.adminToken)
        .body().getString("name")).isEqualTo(name);
  }

  @Test
  void given_a_lone_surrogate_in_a_name_when_posted_then_400_naming_the_field_and_nothing_stored() {
    long before = rows("cooperative");
    String body = Fixtures.cooperative("placeholder").encode().replace("placeholder", "\\ud800abc");
    assertRefused(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json", body), "name");
    String lowAlone = Fixtures.cooperative("placeholder").encode().replace("placeholder", "abc\\udfff");
    assertRefused(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json", lowAlone),
        "name");
    String nonCharacter = Fixtures.cooperative("placeholder").encode().replace("placeholder", "合作社\\uffff");
    assertRefused(server.http.send("POST", "/api/v1/cooperatives", server.adminToken, "application/json",
        nonCharacter), "name");
    assertThat(rows("cooperative")).isEqualTo(before);
  }

  @Test
  void given_the_schema_when_its_text_columns_are_listed_then_each_stores_full_utf8mb4() {
    List<String> narrower = server.server().database().dsl().fetch(
            "SELECT CONCAT(table_name, '.', column_name, ' ', character_set_name) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND character_set_name IS NOT NULL"
                + " AND character_set_name <> 'utf8mb4'")
        .getValues(0, String.class);
    assertThat(narrower).isEmpty();
  }

  @Test
  void given_a_delivery_labour_or_cost_dated_out_of_range_then_400_naming_date_and_no_row() {
    String tomorrow = server.today().plusDays(1).toString();
    long deliveries = rows("delivery");
    long labour = rows("labor_record");
    long costs = rows("cost_record");
    String base = "/api/v1/cooperatives/" + coopId;
    for (String date : new String[] {"0001-01-01", "1999-12-31", tomorrow, "9999-12-31", "2099-12-02"}) {
      assertRefused(server.http.post(base + "/deliveries", coopToken, Fixtures.delivery(householdId).put("date", date)),
          "date");
      assertRefused(server.http.post(base + "/labor", coopToken, new JsonObject().put("householdId", householdId)
          .put("days", 2).put("date", date).put("post", "护林员")), "date");
      assertRefused(server.http.post(base + "/costs", coopToken, new JsonObject().put("amountFen", 5_000)
          .put("category", "MATERIALS").put("date", date)), "date");
    }
    assertThat(rows("delivery")).isEqualTo(deliveries);
    assertThat(rows("labor_record")).isEqualTo(labour);
    assertThat(rows("cost_record")).isEqualTo(costs);
  }

  @Test
  void given_a_delivery_dated_today_or_on_the_first_day_of_2000_then_it_is_recorded() {
    String base = "/api/v1/cooperatives/" + coopId;
    for (String date : new String[] {server.today().toString(), "2000-01-01"}) {
      Http.Response response = server.http.post(base + "/deliveries", coopToken,
          Fixtures.delivery(householdId).put("date", date));
      assertThat(response.status()).as(response.text()).isEqualTo(201);
    }
  }

  @Test
  void given_share_terms_beyond_the_planning_window_then_400_naming_the_share_date() {
    String beyond = server.today().plusYears(5).plusDays(1).toString();
    JsonObject membership = Fixtures.membership(householdId);
    membership.getJsonArray("shares").getJsonObject(0).put("since", "0001-01-01");
    assertRefused(server.http.post("/api/v1/cooperatives/" + coopId + "/members", coopToken, membership),
        "shares[0].since");
    JsonObject late = Fixtures.membership(householdId);
    late.getJsonArray("shares").getJsonObject(1).put("until", beyond);
    assertRefused(server.http.post("/api/v1/cooperatives/" + coopId + "/members", coopToken, late), "shares[1].until");
  }
}
