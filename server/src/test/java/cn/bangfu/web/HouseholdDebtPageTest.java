package cn.bangfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.DistributionSteps;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.GrapeHouseholds;
import cn.bangfu.support.PageClient;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * What a cooperative still owes (issue 15, issue 14's guarantee shortfalls on 成员往来 114): 杨启宇 also
 * puts 10 亩 into a land cooperative under land-guaranteed-plus-profit (500 元 per 亩 a year). Its first
 * half-year earns only 1,000 元, so of the 2,479.45 元 guaranteed for 181 days it pays 400.00 元 and owes
 * 2,079.45 元; the household page shows both cooperatives, the 保底分红 and the debt.
 */
class HouseholdDebtPageTest {
  @ClassServer static TestServer server;

  @Test
  void the_page_shows_the_guaranteed_dividend_paid_and_what_the_land_cooperative_still_owes() {
    GrapeHouseholds world = new GrapeHouseholds(server);
    String yang = world.householdUser(0);
    String land = server.http.post("/api/v1/cooperatives", server.adminToken, Fixtures.cooperative("岑丰村土地股份合作社"))
        .expect(201).body().getString("id");
    String landToken = server.userToken("land-coop", "COOP", land);
    for (int i = 0; i < 2; i++) {
      server.http.post("/api/v1/cooperatives/" + land + "/members", landToken, new JsonObject()
          .put("householdId", world.households.get(i)).put("shares", new JsonArray().add(new JsonObject()
              .put("shareClass", "LAND").put("units", 10 + 5 * i).put("since", "2026-01-01")))).expect(201);
    }
    server.server().database().dsl().transaction(tx -> server.server().ledger().post(tx.dsl(),
        DistributionSteps.settlement(141_001, 0, Long.parseLong(land), LocalDate.of(2026, 3, 1), 100_000)));
    String run = server.http.post("/api/v1/cooperatives/" + land + "/distributions", landToken, new JsonObject()
        .put("ruleSetId", "land-guaranteed-plus-profit").put("periodStart", "2026-01-01").put("periodEnd", "2026-06-30"))
        .expect(201).body().getString("id");
    server.http.post("/api/v1/distributions/" + run + "/publicize", landToken, new JsonObject().put("days", 7)).expect(200);
    server.endPublicity(run, landToken);
    server.http.post("/api/v1/distributions/" + run + "/approve", world.regulatorToken, new JsonObject()).expect(200);
    server.http.post("/api/v1/distributions/" + run + "/post", landToken, new JsonObject()).expect(200);

    PageClient browser = new PageClient(server.server().port());
    browser.signIn(yang, GrapeHouseholds.PASSWORD);
    PageClient.Page page = browser.get("/household");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html().select(".card h2").eachText()).containsExactlyInAnyOrder("岑丰村葡萄合作社", "岑丰村土地股份合作社");
    assertThat(page.text()).contains("保底分红：400.00 元", "合作社承诺的保底收益：您入股土地 10 亩，占全部入股土地的 40%。",
        "未发放（", "合作社还欠您的钱", "岑丰村土地股份合作社：2,079.45 元（保底分红没付够的部分，下次分配时先还给您）");
    HouseholdPageTest.assertNoCodes(page.text());
  }
}
