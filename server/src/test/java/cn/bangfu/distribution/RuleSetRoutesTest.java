package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The loaded rule files, as cooperatives and regulators read them, and the draft-file check. */
class RuleSetRoutesTest {
  @ClassServer static TestServer server;

  @Test
  void the_built_in_rule_sets_are_listed() {
    Http.Response list = server.http.get("/api/v1/rule-sets", server.adminToken);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")))
        .contains("coop-surplus-60", "fiscal-equity-guaranteed", "land-guaranteed-plus-profit",
            "pv-station-welfare-posts", "100-1-1", "household-rooftop-pv", "land-leaseback");
  }

  @Test
  void a_rule_set_shows_its_parameters_the_reading_the_land_valuation_and_each_class_unit() {
    // issue 14: GET /rule-sets/{id} returns the parameters the file chose, with the defaults spelt out
    JsonObject fiscal = server.http.get("/api/v1/rule-sets/fiscal-equity-guaranteed", server.adminToken).body();
    JsonObject parameters = fiscal.getJsonObject("parameters");
    assertThat(parameters.getString("guaranteeReading")).isEqualTo("floor");
    assertThat(parameters.getString("landValueFenPerMu")).isEqualTo("80000");
    assertThat(parameters.getJsonObject("shareClassUnits").getString("LAND")).isEqualTo("亩");
    assertThat(parameters.getJsonObject("shareClassUnits").getString("FISCAL")).isEqualTo("元");
    JsonObject pv = server.http.get("/api/v1/rule-sets/pv-station-welfare-posts", server.adminToken).body();
    assertThat(pv.getJsonObject("parameters").getString("guaranteeReading")).isEqualTo("floor");
    assertThat(pv.getJsonObject("parameters").containsKey("landValueFenPerMu")).isFalse();
  }

  @Test
  void one_rule_set_shows_its_steps_and_the_file_as_written() {
    Http.Response one = server.http.get("/api/v1/rule-sets/coop-surplus-60", server.adminToken);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body().getJsonArray("steps")).isNotEmpty();
    assertThat(one.body().getString("yaml")).contains("第四十四条");
    assertThat(server.http.get("/api/v1/rule-sets/no-such-rules", server.adminToken).status()).isEqualTo(404);
  }

  @Test
  void a_draft_with_two_remaining_steps_is_invalid_and_the_problem_names_line_and_field() {
    String draft = """
        id: village-draft
        version: 1
        nameZh: 村级草案
        nameEn: Village draft
        source: {zh: 村规, en: village rule}
        pool: {kind: surplus}
        steps:
          - id: a
            nameZh: 甲
            nameEn: A
            remaining: true
            basis: equal
            fallback: village_collective
          - id: b
            nameZh: 乙
            nameEn: B
            remaining: true
            basis: equal
            fallback: village_collective
        """;
    Http.Response checked = server.http.post("/api/v1/rule-sets/validate", server.adminToken,
        new JsonObject().put("fileName", "village-draft.yaml").put("yaml", draft));

    assertThat(checked.status()).isEqualTo(200);
    assertThat(checked.body().getBoolean("valid")).isFalse();
    assertThat(checked.body().getJsonArray("problems")).hasSize(1);
    JsonObject problem = checked.body().getJsonArray("problems").getJsonObject(0);
    assertThat(problem.getString("file")).isEqualTo("village-draft.yaml");
    assertThat(problem.getInteger("line")).isGreaterThan(1);
    assertThat(problem.encode()).contains("remaining");
  }

  @Test
  void a_valid_draft_is_accepted_and_echoed_as_parsed() {
    String text = server.http.get("/api/v1/rule-sets/coop-surplus-60", server.adminToken).body().getString("yaml")
        .replace("id: coop-surplus-60", "id: coop-surplus-60-draft");
    Http.Response checked = server.http.post("/api/v1/rule-sets/validate", server.adminToken,
        new JsonObject().put("yaml", text));
    assertThat(checked.body().getBoolean("valid")).as(checked.text()).isTrue();
    assertThat(checked.body().getJsonObject("ruleSet").getString("id")).isEqualTo("coop-surplus-60-draft");
  }

  @Test
  void no_yaml_is_a_400_naming_the_field() {
    Http.Response response = server.http.post("/api/v1/rule-sets/validate", server.adminToken, new JsonObject());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getString("field")).isEqualTo("yaml");
  }
}
