package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 5: 成员账户 (Cooperative Law art. 43). Each member's account shows its 股金, the fiscal
 * and donated funds quantified to it and its 交售 in the year; the members' accounts sum to the
 * cooperative's 股金 and 专项基金 accounts; the member household reads its own, not another's.
 */
class MemberAccountTest {
  @ClassServer static TestServer server;

  static String day(int dayOfYear) {
    return server.today().withDayOfYear(Math.min(dayOfYear, server.today().getDayOfYear())).toString();
  }

  Http.Response account(CooperativeBook coop, String household, String token) {
    return server.http.get("/api/v1/cooperatives/" + coop.id + "/members/" + household + "/account?year="
        + server.today().getYear(), token);
  }

  @Test
  void given_members_contributions_and_deliveries_then_member_accounts_sum_to_the_cooperatives_equity_accounts() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村成员账户合作社", 3);
    String yang = coop.members.get(0);
    String chen = coop.members.get(1);
    String li = coop.members.get(2);
    coop.contribution(yang, 300_000, day(10), "CAPITAL");
    coop.contribution(chen, 200_000, day(11), "CAPITAL");
    coop.contribution(chen, 450_000, day(12), "FISCAL_QUANTIFIED");
    coop.contribution(li, 450_000, day(12), "FISCAL_QUANTIFIED");
    coop.contribution(li, 100_000, day(13), "DONATED_QUANTIFIED");
    // 交售: 500 公斤 of grapes at 12 元/公斤
    assertThat(server.http.post("/api/v1/cooperatives/" + coop.id + "/deliveries", coop.coopToken, new JsonObject()
        .put("householdId", yang).put("product", "葡萄").put("quantity", 500).put("unit", "KG")
        .put("valueFen", 600_000).put("date", day(200))).status()).isEqualTo(201);

    JsonObject yangs = account(coop, yang, coop.coopToken).expect(200).body();
    assertThat(yangs.getLong("shareCapitalFen")).isEqualTo(300_000);
    assertThat(yangs.getLong("tradeVolumeFen")).isEqualTo(600_000);
    assertThat(yangs.getLong("quantifiedFiscalFen")).isZero();

    long shareCapital = 0;
    long quantified = 0;
    for (String member : List.of(yang, chen, li)) {
      JsonObject a = account(coop, member, coop.coopToken).expect(200).body();
      shareCapital += a.getLong("shareCapitalFen");
      quantified += a.getLong("quantifiedFiscalFen") + a.getLong("quantifiedDonatedFen");
    }
    Map<String, Long> b = coop.balances();
    long shareAccounts = b.entrySet().stream().filter(e -> e.getKey().startsWith("301:"))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(shareCapital).as("members' 股金 = the 股金 account").isEqualTo(-shareAccounts).isEqualTo(500_000);
    assertThat(quantified).as("members' quantified funds = 专项基金").isEqualTo(-b.get("311")).isEqualTo(1_000_000);
  }

  /**
   * Art. 43: the account records the member's part of the 公积金. coop-surplus-60 sets 10 % of the surplus
   * aside; it is quantified by the year's trade volume (杨 600,000, 陈 300,000, 李 none), to the fen, and the
   * members' parts sum to what the book's 盈余公积 received.
   */
  @Test
  void given_a_posted_surplus_run_then_its_provident_fund_is_quantified_to_the_members_by_trade_volume() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村公积金合作社", 3);
    String yang = coop.members.get(0);
    String chen = coop.members.get(1);
    String li = coop.members.get(2);
    assertThat(coop.income(1_000_003, "OFF_PLATFORM_SALES", day(100), "BANK").status()).isEqualTo(201);
    for (Map.Entry<String, Long> delivered : Map.of(yang, 600_000L, chen, 300_000L).entrySet()) {
      assertThat(server.http.post("/api/v1/cooperatives/" + coop.id + "/deliveries", coop.coopToken, new JsonObject()
          .put("householdId", delivered.getKey()).put("product", "葡萄").put("quantity", delivered.getValue() / 1200)
          .put("unit", "KG").put("valueFen", delivered.getValue()).put("date", day(150))).status()).isEqualTo(201);
    }
    JsonObject before = account(coop, yang, coop.coopToken).expect(200).body();
    assertThat(before.getLong("providentFundShareFen")).as("nothing set aside yet").isZero();

    coop.postedRun("coop-surplus-60", day(1), day(200));

    long setAside = -coop.balances().get("322");
    assertThat(setAside).as("10 % of 10,000.03 元").isEqualTo(100_000);
    long yangs = account(coop, yang, coop.coopToken).expect(200).body().getLong("providentFundShareFen");
    long chens = account(coop, chen, coop.coopToken).expect(200).body().getLong("providentFundShareFen");
    long lis = account(coop, li, coop.coopToken).expect(200).body().getLong("providentFundShareFen");
    assertThat(yangs + chens + lis).as("the members' parts = 盈余公积 set aside").isEqualTo(setAside);
    assertThat(lis).as("no trade, no part").isZero();
    // 100,000 fen over 600,000 : 300,000: two thirds and one third, the odd fen to the larger remainder
    assertThat(yangs).isEqualTo(66_667);
    assertThat(chens).isEqualTo(33_333);

    // the 成员权益变动表's member lines show the same parts as the member accounts
    JsonObject equity = server.http.get("/api/v1/cooperatives/" + coop.id + "/reports/member-equity?year="
        + server.today().getYear(), coop.coopToken).expect(200).body();
    Map<String, Long> inStatement = new java.util.HashMap<>();
    equity.getJsonArray("members").forEach(m -> inStatement.put(((JsonObject) m).getString("householdId"),
        ((JsonObject) m).getLong("providentFundShareFen")));
    assertThat(inStatement).containsEntry(yang, yangs).containsEntry(chen, chens).containsEntry(li, 0L);
    assertThat(equity.getLong("membersProvidentFundFen")).isEqualTo(setAside);
  }

  @Test
  void given_a_member_household_then_it_reads_its_own_account_only() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村读账合作社", 2);
    String yang = coop.members.get(0);
    String yangToken = server.userToken("household-" + yang, "HOUSEHOLD", yang);
    coop.contribution(yang, 300_000, day(10), "CAPITAL");

    assertThat(account(coop, yang, yangToken).expect(200).body().getLong("shareCapitalFen")).isEqualTo(300_000);
    assertThat(account(coop, coop.members.get(1), yangToken).status()).isEqualTo(403);
    assertThat(account(coop, coop.id, coop.coopToken).status()).as("not a member").isEqualTo(404);
    Http.Response noYear = server.http.get("/api/v1/cooperatives/" + coop.id + "/members/" + yang + "/account",
        coop.coopToken);
    assertThat(noYear.status()).isEqualTo(400);
    assertThat(noYear.body().getString("field")).isEqualTo("year");
  }
}
