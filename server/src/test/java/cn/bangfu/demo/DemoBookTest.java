package cn.bangfu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.LedgerServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.MutableClock;
import cn.bangfu.support.TestDatabase;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the demo cooperative keeps a real year in its book. With 公示 of 0 days the demo's
 * distribution of January–September 2026 is posted and paid out; its founding year 2025 is closed; the
 * statements balance, reconcile and show the figures a 农经站 would look for.
 */
class DemoBookTest {

  @Test
  void the_demo_cooperatives_statements_show_a_real_year() {
    var config = TestServer.config(TestDatabase.freshDatabase(), TestServer.randomKey(), 3600)
        .minPublicityDays(0).demo(true).clock(new MutableClock()).build();
    LedgerServer server = new LedgerServer(config).start();
    try (Http http = new Http(server.port())) {
      String token = http.login("cenfeng-coop", DemoData.PASSWORD);
      String regulator = http.login("county-regulator", DemoData.PASSWORD);
      String coop = http.get("/api/v1/cooperatives", regulator).expect(200).body().getJsonArray("items")
          .getJsonObject(0).getString("id");
      String reports = "/api/v1/cooperatives/" + coop + "/reports/";

      JsonObject surplus = http.get(reports + "surplus?year=2026", token).expect(200).body();
      assertThat(surplus.getLong("revenueFen")).as("subsidy, the winery's grapes and the school's order").isPositive();
      assertThat(surplus.getLong("surplusFen")).isPositive();
      assertThat(surplus.getLong("providentFundFen")).as("a posted distribution").isPositive();
      assertThat(surplus.getLong("rebateFen")).as("rebates by 交售").isPositive();
      assertThat(surplus.getBoolean("reconciled")).isTrue();

      JsonObject founding = http.get(reports + "surplus?year=2025", token).expect(200).body();
      assertThat(founding.getLong("surplusFen")).as("the founding cost").isEqualTo(-150_000);

      JsonObject sheet = http.get(reports + "balance-sheet?date=" + server.clock().today(), token).expect(200).body();
      assertThat(sheet.getBoolean("balanced")).isTrue();
      assertThat(sheet.getLong("totalAssetsFen")).isPositive();

      JsonObject equity = http.get(reports + "member-equity?year=2026", token).expect(200).body();
      assertThat(equity.getJsonArray("members")).hasSize(36);
      JsonObject shares = equity.getJsonArray("columns").getJsonObject(0);
      assertThat(shares.getLong("closingFen")).as("股金: 35 × 500 元 + 10,000 元")
          .isEqualTo(35 * 50_000 + 1_000_000).isEqualTo(equity.getLong("membersShareCapitalFen"));
      assertThat(equity.getLong("membersQuantifiedFundFen")).as("32 poor households × 3,000 元").isEqualTo(9_600_000);

      var closed = http.post("/api/v1/cooperatives/" + coop + "/income", token, new JsonObject().put("amountFen", 100)
          .put("category", "OTHER").put("date", "2025-12-31").put("into", "CASH"));
      assertThat(closed.status()).as("2025 is closed (结账)").isEqualTo(409);
    } finally {
      server.stop();
    }
  }
}
