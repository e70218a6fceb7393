package cn.bangfu.registry;

import static cn.bangfu.db.Tables.MEMBERSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 finding 2: enrolment (入社) is how a cooperative comes to see a household and its
 * statement, so a cooperative enrolls only households of its own county (the first 6 digits of the
 * 12-digit region code), and every enrolment shows on the household for the household itself and
 * its regulator. Belonging to a second cooperative of the county is allowed, as in real life.
 *
 * World: 岑丰村 grape cooperative (450123105201) and a second cooperative of the same county
 * (450123 2…); a Guangzhou cooperative (440106…) playing the intruder.
 */
class EnrolmentScopeTest {
  @ClassServer static TestServer server;
  static String grapes;
  static String grapesToken;
  static String kiwis;
  static String kiwisToken;
  static String guangzhou;
  static String guangzhouToken;
  static String regulator;

  @BeforeAll
  static void world() {
    grapes = created(server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村葡萄合作社")));
    kiwis = created(server.http.post("/api/v1/cooperatives", server.adminToken,
        Fixtures.cooperative("思旸镇猕猴桃合作社").put("regionCode", "450123200101")));
    guangzhou = created(server.http.post("/api/v1/cooperatives", server.adminToken,
        Fixtures.cooperative("番禺蔬菜合作社").put("regionCode", "440106000000")));
    grapesToken = server.userToken("grapes-coop", "COOP", grapes);
    kiwisToken = server.userToken("kiwis-coop", "COOP", kiwis);
    guangzhouToken = server.userToken("guangzhou-coop", "COOP", guangzhou);
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
  }

  static String created(Http.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.body().getString("id");
  }

  static String household(String name) {
    return created(server.http.post("/api/v1/households", server.adminToken, Fixtures.household(name, Fixtures.idNumber())));
  }

  static Http.Response enrol(String cooperative, String token, String household) {
    return server.http.post("/api/v1/cooperatives/" + cooperative + "/members", token, Fixtures.membership(household));
  }

  static int memberships(String household) {
    return server.server().database().dsl().fetchCount(MEMBERSHIP, MEMBERSHIP.HOUSEHOLD_ID.eq(Long.parseLong(household)));
  }

  @Test
  void a_cooperative_of_another_county_cannot_enrol_a_household_and_so_never_reads_it() {
    String yang = household("杨明宇");
    assertThat(enrol(grapes, grapesToken, yang).status()).isEqualTo(201);

    Http.Response takeover = enrol(guangzhou, guangzhouToken, yang);

    assertThat(takeover.status()).as(takeover.text()).isEqualTo(400);
    assertThat(takeover.isProblem()).isTrue();
    assertThat(takeover.body().getString("field")).isEqualTo("householdId");
    assertThat(memberships(yang)).as("nothing written").isEqualTo(1);
    assertThat(server.http.get("/api/v1/households/" + yang, guangzhouToken).status()).isEqualTo(404);
    assertThat(server.http.get("/api/v1/households/" + yang + "/statement", guangzhouToken).status()).isEqualTo(404);
  }

  @Test
  void the_admin_cannot_enrol_across_counties_either() {
    String chen = household("陈志强");
    assertThat(enrol(guangzhou, server.adminToken, chen).status()).isEqualTo(400);
    assertThat(memberships(chen)).isZero();
  }

  @Test
  void a_household_of_another_county_gets_the_same_answer_as_an_unknown_one() {
    String chen = household("陈志刚");
    Http.Response otherCounty = enrol(guangzhou, guangzhouToken, chen);
    Http.Response unknown = enrol(guangzhou, guangzhouToken, "999999999");
    assertThat(otherCounty.status()).isEqualTo(unknown.status()).isEqualTo(400);
    assertThat(otherCounty.body().getString("detail").replace(chen, "ID"))
        .isEqualTo(unknown.body().getString("detail").replace("999999999", "ID"));
  }

  @Test
  void a_household_may_belong_to_two_cooperatives_of_its_county_and_sees_both_enrolments() {
    String long_ = household("龙秀英");
    assertThat(enrol(grapes, grapesToken, long_).status()).isEqualTo(201);
    assertThat(enrol(kiwis, kiwisToken, long_).status()).isEqualTo(201);
    String householdToken = server.userToken("household-long", "HOUSEHOLD", long_);

    assertThat(cooperativesShown(long_, householdToken)).containsExactlyInAnyOrder(grapes, kiwis);
    assertThat(cooperativesShown(long_, regulator)).containsExactlyInAnyOrder(grapes, kiwis);
    assertThat(cooperativesShown(long_, grapesToken)).as("a cooperative sees its own enrolment only")
        .containsExactly(grapes);
  }

  private static List<String> cooperativesShown(String household, String token) {
    Http.Response response = server.http.get("/api/v1/households/" + household, token);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonArray memberships = response.body().getJsonArray("memberships");
    assertThat(memberships).as(response.text()).isNotNull();
    return memberships.stream().map(m -> ((JsonObject) m).getString("cooperativeId")).toList();
  }

  @Test
  void the_member_list_shows_each_members_shares() {
    String wu = household("吴国强");
    assertThat(enrol(kiwis, kiwisToken, wu).status()).isEqualTo(201);

    Http.Response members = server.http.get("/api/v1/cooperatives/" + kiwis + "/members", kiwisToken);

    assertThat(members.status()).isEqualTo(200);
    JsonObject member = members.body().getJsonArray("items").stream().map(m -> (JsonObject) m)
        .filter(m -> m.getString("householdId").equals(wu)).findFirst().orElseThrow();
    assertThat(member.getJsonArray("shares").stream().map(s -> ((JsonObject) s).getString("shareClass")
        + " " + ((JsonObject) s).getString("units"))).containsExactly("LAND 4.5", "FISCAL 1000");
  }
}
