package cn.bangfu.statements;

import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.Posting;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 finding 2, the statement part: a household of 岑丰村 belongs to two cooperatives of its
 * county, each with a DRAFT distribution that gives it a line. A cooperative reads only its own lines;
 * a draft (not yet 公示) is seen by its cooperative and the region's regulator, not by the household
 * nor anyone else; from publicity on the household sees it.
 */
class StatementScopeTest {
  @ClassServer static TestServer server;
  static String grapes;
  static String grapesToken;
  static String kiwis;
  static String kiwisToken;
  static String household;
  static String householdToken;
  static String regulator;
  static String kiwisRun;

  @BeforeAll
  static void world() {
    grapes = created(server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村葡萄合作社")));
    kiwis = created(server.http.post("/api/v1/cooperatives", server.adminToken,
        Fixtures.cooperative("思旸镇猕猴桃合作社").put("regionCode", "450123200101")));
    grapesToken = server.userToken("grapes-coop", "COOP", grapes);
    kiwisToken = server.userToken("kiwis-coop", "COOP", kiwis);
    regulator = server.userToken("county-regulator", "REGULATOR", "450123");
    household = created(server.http.post("/api/v1/households", server.adminToken,
        Fixtures.household("杨启宇", Fixtures.idNumber())));
    householdToken = server.userToken("household-yang", "HOUSEHOLD", household);
    draftWithMember(grapes, grapesToken, 1);
    kiwisRun = draftWithMember(kiwis, kiwisToken, 2);
  }

  static String created(Http.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 201);
    return response.body().getString("id");
  }

  /** Enrols the household with land shares and a delivery, books 2026 revenue and drafts the year's run. */
  static String draftWithMember(String coop, String token, long orderRef) {
    created(server.http.post("/api/v1/cooperatives/" + coop + "/members", token, Fixtures.membership(household)));
    created(server.http.post("/api/v1/cooperatives/" + coop + "/deliveries", token, Fixtures.delivery(household)));
    long coopId = Long.parseLong(coop);
    EntryDraft revenue = new EntryDraft(EntryKind.ORDER_SETTLEMENT, ReferenceType.ORDER, orderRef, "order-settlement:" + orderRef, coopId,
        LocalDate.of(2026, 9, 1), 1, "statement scope", List.of(
            new Posting(AccountRef.of(coopId, ChartAccount.BANK_DEPOSIT), 1_000_000),
            new Posting(AccountRef.of(coopId, ChartAccount.OPERATING_REVENUE), -1_000_000)));
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(), revenue));
    return created(server.http.post("/api/v1/cooperatives/" + coop + "/distributions", token, new JsonObject()
        .put("ruleSetId", "coop-surplus-60").put("periodStart", "2026-01-01").put("periodEnd", "2026-12-31")));
  }

  static JsonObject statement(String token) {
    Http.Response response = server.http.get("/api/v1/households/" + household + "/statement", token);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  static Set<String> cooperativesOf(JsonObject statement) {
    JsonArray all = new JsonArray().addAll(statement.getJsonArray("lines")).addAll(statement.getJsonArray("pending"))
        .addAll(statement.getJsonArray("reversed"));
    return all.stream().map(l -> ((JsonObject) l).getString("cooperativeId")).collect(Collectors.toSet());
  }

  @Test
  void a_cooperative_reads_only_its_own_lines_of_a_shared_member() {
    assertThat(cooperativesOf(statement(grapesToken))).containsExactly(grapes);
    assertThat(cooperativesOf(statement(kiwisToken))).containsExactly(kiwis);
  }

  @Test
  void a_cooperative_does_not_get_the_households_ledger_balance_over_all_cooperatives() {
    assertThat(statement(grapesToken).containsKey("ledgerBalanceFen")).isFalse();
    assertThat(statement(regulator).containsKey("ledgerBalanceFen")).isTrue();
  }

  @Test
  void the_regions_regulator_sees_every_cooperatives_draft_lines() {
    assertThat(cooperativesOf(statement(regulator))).containsExactlyInAnyOrder(grapes, kiwis);
  }

  @Test
  void a_regulator_of_another_region_gets_404_as_for_an_unknown_household() {
    String guangzhou = server.userToken("guangzhou-regulator", "REGULATOR", "4401");
    assertThat(server.http.get("/api/v1/households/" + household + "/statement", guangzhou).status()).isEqualTo(404);
  }

  @Test
  void the_household_sees_no_draft_and_sees_a_run_once_it_is_publicized() {
    assertThat(cooperativesOf(statement(householdToken))).as("two drafts, nothing to see yet").isEmpty();

    Http.Response publicized = server.http.post("/api/v1/distributions/" + kiwisRun + "/publicize", kiwisToken,
        new JsonObject().put("days", 7));
    assertThat(publicized.status()).as(publicized.text()).isEqualTo(200);

    JsonObject mine = statement(householdToken);
    assertThat(mine.getJsonArray("pending")).isNotEmpty();
    assertThat(mine.getJsonArray("pending").stream().map(l -> ((JsonObject) l).getString("distributionId")))
        .as("the grapes run is still a draft").containsOnly(kiwisRun);
  }
}
