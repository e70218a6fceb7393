package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, the remaining money events of the 岑丰村 grape cooperative (seed 001): grapes bought from
 * members at delivery (交售, 12 元/公斤), public-welfare-post pay, land rent, and paying each of them.
 * Every one is a balanced entry on the chart; what is owed is paid at most once.
 */
class BookEventsTest {
  @ClassServer static TestServer server;
  /** The business day the test started on: the year being booked (closing it moves the clock past its end). */
  private static java.time.LocalDate started;

  private static java.time.LocalDate startDay() {
    if (started == null) {
      started = server.today();
    }
    return started;
  }

  static String day(int dayOfYear) {
    return startDay().withDayOfYear(Math.min(dayOfYear, startDay().getDayOfYear())).toString();
  }

  @Test
  void given_grapes_bought_from_a_member_then_it_is_owed_on_its_member_current_account_until_paid() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村葡萄交售合作社", 2);
    String yang = coop.members.get(0);
    // 500 公斤 at 12 元/公斤 = 6,000 元 owed to 杨
    Http.Response bought = coop.purchase(yang, 500, 600_000, day(230));
    assertThat(bought.status()).as(bought.text()).isEqualTo(201);
    assertThat(bought.body().getString("ledgerEntryId")).isNotNull();
    Map<String, Long> b = coop.balances();
    assertThat(b.get("521")).as("经营支出: the produce").isEqualTo(600_000);
    assertThat(b.get("114:" + yang)).as("杨's 成员往来: the cooperative owes 6,000 元").isEqualTo(-600_000);
    coop.assertBalanced("after 交售");

    assertThat(coop.payment("MEMBER_CURRENT", yang, 400_000, day(235), "BANK").status()).isEqualTo(201);
    Http.Response overpaid = coop.payment("MEMBER_CURRENT", yang, 250_000, day(236), "BANK");
    assertThat(overpaid.status()).as("2,000 元 are owed, not 2,500").isEqualTo(409);
    assertThat(overpaid.body().getString("field")).isEqualTo("amountFen");
    Http.Response other = coop.payment("MEMBER_CURRENT", coop.members.get(1), 1_000, day(236), "BANK");
    assertThat(other.status()).as("nothing is owed to 陈").isEqualTo(409);

    b = coop.balances();
    assertThat(b.get("114:" + yang)).isEqualTo(-200_000);
    assertThat(b.get("102")).as("银行存款").isEqualTo(-400_000);
    coop.assertBalanced("after paying 杨");

    Http.Response account = server.http.get("/api/v1/cooperatives/" + coop.id + "/members/" + yang + "/account?year="
        + startDay().getYear(), coop.coopToken);
    assertThat(account.body().getLong("tradeVolumeFen")).as("the 交售 is 杨's trade volume").isEqualTo(600_000);
  }

  @Test
  void given_public_welfare_post_pay_and_land_rent_owed_then_payments_clear_wages_and_payables() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村公益岗合作社", 1);
    // two 公益岗 for ten months at 800 元, and 10 亩 rented at 800 元 a 亩
    assertThat(coop.cost(1_600_000, "PUBLIC_WELFARE_POST", day(300), "PAYABLE").status()).isEqualTo(201);
    assertThat(coop.cost(800_000, "LAND_RENT", day(60), "PAYABLE").status()).isEqualTo(201);
    Map<String, Long> b = coop.balances();
    assertThat(b.get("212")).as("应付工资").isEqualTo(-1_600_000);
    assertThat(b.get("211")).as("应付款").isEqualTo(-800_000);

    assertThat(coop.payment("WAGES", null, 1_600_000, day(305), "BANK").status()).isEqualTo(201);
    assertThat(coop.payment("PAYABLE", null, 500_000, day(61), "CASH").status()).isEqualTo(201);
    assertThat(coop.payment("WAGES", null, 1, day(306), "BANK").status()).as("wages paid in full").isEqualTo(409);

    b = coop.balances();
    assertThat(b.get("212")).isZero();
    assertThat(b.get("211")).isEqualTo(-300_000);
    assertThat(b.get("101")).as("库存现金").isEqualTo(-500_000);
    assertThat(b.get("521")).as("经营支出").isEqualTo(2_400_000);
    coop.assertBalanced("after wages and rent");
  }

  @Test
  void given_a_payment_or_purchase_outside_the_vocabularies_then_400_naming_the_field_and_nothing_written() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村付款校验合作社", 1);
    String yang = coop.members.get(0);
    assertThat(coop.payment("DIVIDENDS", null, 1_000, day(10), "BANK").body().getString("field"))
        .as("rebates and dividends are paid by the run's payout").isEqualTo("payable");
    assertThat(coop.payment("WAGES", yang, 1_000, day(10), "BANK").body().getString("field")).isEqualTo("householdId");
    assertThat(coop.payment("MEMBER_CURRENT", null, 1_000, day(10), "BANK").body().getString("field"))
        .isEqualTo("householdId");
    assertThat(coop.payment("WAGES", null, 1_000, day(10), "ALIPAY").body().getString("field")).isEqualTo("from");
    Http.Response noPrice = coop.purchase(yang, 500, 0, day(10));
    assertThat(noPrice.status()).isEqualTo(400);
    assertThat(noPrice.body().getString("field")).isEqualTo("valueFen");
    Http.Response notMember = coop.purchase(coop.id, 500, 600_000, day(10));
    assertThat(notMember.status()).isEqualTo(422);
    assertThat(notMember.body().getString("field")).isEqualTo("householdId");
    assertThat(coop.accounts()).as("no entry, no account").isEmpty();
  }
}
