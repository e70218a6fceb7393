package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 points 2 and 3: every money event of the cooperative is a balanced entry on the chart of
 * 《农民专业合作社会计制度》, and 结账 closes a year. A PV-station village cooperative: 6,000 元 of grid
 * income, 1,200 元 of transport, 3,000 元 of 股金 and 4,500 元 of fiscal funds quantified to members.
 */
class CooperativeBookTest {
  @ClassServer static TestServer server;

  /** A date of the current business year that has passed (the routes refuse future dates). */
  static String thisYear(int dayOfYear) {
    return server.today().withDayOfYear(Math.min(dayOfYear, server.today().getDayOfYear())).toString();
  }

  @Test
  void given_off_platform_income_when_recorded_then_bank_or_cash_is_debited_and_the_income_account_credited() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村光伏合作社", 1);
    assertThat(coop.income(600_000, "PV_GRID", thisYear(90), "BANK").status()).isEqualTo(201);
    assertThat(coop.income(80_000, "SUBSIDY", thisYear(91), "CASH").status()).isEqualTo(201);

    Map<String, Long> b = coop.balances();
    assertThat(b.get("102")).as("银行存款").isEqualTo(600_000);
    assertThat(b.get("501")).as("经营收入").isEqualTo(-600_000);
    assertThat(b.get("101")).as("库存现金").isEqualTo(80_000);
    assertThat(b.get("502")).as("其他收入").isEqualTo(-80_000);
    coop.assertBalanced("after income");
  }

  @Test
  void given_costs_from_the_closed_list_when_recorded_then_each_posts_against_how_it_was_paid() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村葡萄合作社", 1);
    Http.Response transport = coop.cost(120_000, "TRANSPORT", thisYear(100), "CASH");
    assertThat(transport.status()).as(transport.text()).isEqualTo(201);
    assertThat(transport.body().getString("ledgerEntryId")).isNotNull();
    assertThat(coop.cost(50_000, "WAGES", thisYear(101), "PAYABLE").status()).isEqualTo(201);
    assertThat(coop.cost(30_000, "ADMIN", thisYear(102), "BANK").status()).isEqualTo(201);
    Http.Response unstated = coop.server.http.post("/api/v1/cooperatives/" + coop.id + "/costs", coop.coopToken,
        new io.vertx.core.json.JsonObject().put("amountFen", 20_000).put("category", "LAND_RENT")
            .put("date", thisYear(103)));
    assertThat(unstated.body().getString("paidFrom")).as("not stated: owed, never assumed paid").isEqualTo("PAYABLE");

    Map<String, Long> b = coop.balances();
    assertThat(b.get("521")).as("经营支出: transport, wages, land rent").isEqualTo(190_000);
    assertThat(b.get("522")).as("管理费用").isEqualTo(30_000);
    assertThat(b.get("101")).as("库存现金").isEqualTo(-120_000);
    assertThat(b.get("212")).as("应付工资").isEqualTo(-50_000);
    assertThat(b.get("211")).as("应付款").isEqualTo(-20_000);
    assertThat(b.get("102")).as("银行存款").isEqualTo(-30_000);
    coop.assertBalanced("after costs");
  }

  @Test
  void given_an_unknown_cost_category_or_payment_when_recorded_then_400_naming_the_field_and_nothing_written() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村蔬菜合作社", 1);
    Http.Response unknown = coop.cost(120_000, "化肥", thisYear(100), "BANK");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.isProblem()).isTrue();
    assertThat(unknown.body().getString("field")).isEqualTo("category");
    Http.Response wechat = coop.cost(120_000, "MATERIALS", thisYear(100), "WECHAT");
    assertThat(wechat.status()).isEqualTo(400);
    assertThat(wechat.body().getString("field")).isEqualTo("paidFrom");
    assertThat(coop.income(1_000, "LOTTERY", thisYear(100), "BANK").body().getString("field")).isEqualTo("category");
    assertThat(coop.accounts()).as("no entry, no account").isEmpty();
  }

  @Test
  void given_contributions_when_recorded_then_capital_is_the_members_share_account_and_quantified_funds_special_fund() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村茶叶合作社", 2);
    String yang = coop.members.get(0);
    assertThat(coop.contribution(yang, 300_000, thisYear(10), "CAPITAL").status()).isEqualTo(201);
    assertThat(coop.contribution(coop.members.get(1), 450_000, thisYear(11), "FISCAL_QUANTIFIED").status())
        .isEqualTo(201);
    Http.Response stranger = coop.contribution(coop.id, 1_000, thisYear(12), "CAPITAL");
    assertThat(stranger.status()).isEqualTo(422);
    assertThat(stranger.body().getString("field")).isEqualTo("householdId");

    Map<String, Long> b = coop.balances();
    assertThat(b.get("301:" + yang)).as("股金 of 杨").isEqualTo(-300_000);
    assertThat(b.get("311")).as("专项基金").isEqualTo(-450_000);
    assertThat(b.get("102")).as("银行存款").isEqualTo(750_000);
    coop.assertBalanced("after contributions");
  }

  @Test
  void given_a_year_of_events_when_closed_then_income_and_cost_move_into_surplus_distribution_and_the_year_refuses_entries() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村结账合作社", 1);
    int year = server.today().getYear();
    coop.income(600_000, "PV_GRID", thisYear(60), "BANK");
    coop.income(80_000, "SUBSIDY", thisYear(61), "BANK");
    coop.cost(120_000, "OPERATION_MAINTENANCE", thisYear(62), "BANK");
    coop.cost(30_000, "ADMIN", thisYear(63), "CASH");
    coop.contribution(coop.members.get(0), 300_000, thisYear(64), "CAPITAL");
    coop.assertBalanced("before close");

    Http.Response early = coop.close(year);
    assertThat(early.status()).as("the year has not ended").isEqualTo(409);
    assertThat(early.body().getString("field")).isEqualTo("year");

    server.clock().advance(Duration.ofDays(LocalDate.of(year, 12, 31).toEpochDay() - server.today().toEpochDay() + 2));
    Http.Response closed = coop.close(year);
    assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    assertThat(closed.body().getLong("surplusFen")).as("6,800 元 in, 1,500 元 out").isEqualTo(530_000);

    Map<String, Long> b = coop.balances();
    assertThat(b.get("501")).as("经营收入 closed").isZero();
    assertThat(b.get("502")).as("其他收入 closed").isZero();
    assertThat(b.get("521")).as("经营支出 closed").isZero();
    assertThat(b.get("522")).as("管理费用 closed").isZero();
    assertThat(b.get("331")).as("本年盈余 passed on").isZero();
    assertThat(b.get("332")).as("盈余分配").isEqualTo(-530_000);
    coop.assertBalanced("after close");
    Map<String, Long> c = coop.byClass();
    assertThat(c.getOrDefault("ASSET", 0L)).as("assets = liabilities + equity")
        .isEqualTo(-c.getOrDefault("LIABILITY", 0L) - c.getOrDefault("EQUITY", 0L));

    String inClosedYear = LocalDate.of(year, 12, 30).toString();
    for (Http.Response refused : new Http.Response[] {coop.income(1_000, "OTHER", inClosedYear, "BANK"),
        coop.cost(1_000, "OTHER", inClosedYear, "BANK"),
        coop.contribution(coop.members.get(0), 1_000, inClosedYear, "CAPITAL")}) {
      assertThat(refused.status()).as(refused.text()).isEqualTo(409);
      assertThat(refused.body().getString("field")).isEqualTo("date");
    }
    assertThat(coop.close(year).status()).as("closed once").isEqualTo(409);
    assertThat(coop.income(1_000, "OTHER", LocalDate.of(year + 1, 1, 1).toString(), "BANK").status())
        .as("the next year is open").isEqualTo(201);
    assertThat(coop.balances()).isNotEmpty();
  }
}
