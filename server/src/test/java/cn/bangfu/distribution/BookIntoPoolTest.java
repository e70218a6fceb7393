package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_POSTING;

/**
 * Issue 13: the run and the book are the same money. Off-platform income (a PV station's grid income)
 * enters a surplus pool once; produce bought from a member (交售) is a cost of the pool and a debt on
 * the member's 成员往来, never mistaken for a guarantee shortfall; trade-volume rebates are credited to
 * 应付盈余返还 (221) and dividends on shares to 应付剩余盈余 (222), and the payout clears both. The
 * 岑丰村 grape cooperative: 杨 delivered 100 公斤 and 陈 200 公斤 at 12 元 on 2026-08-20, land shares
 * of 10 and 15 亩 since 2026-01-01.
 */
class BookIntoPoolTest {
  @ClassServer static TestServer server;

  @Test
  void off_platform_income_enters_the_pool_once_and_rebates_and_dividends_go_to_their_own_payables() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村光伏葡萄合作社", 2);
    String yang = coop.households.get(0);
    String chen = coop.households.get(1);
    coop.settledOrder(131_001, 1_000_000, LocalDate.of(2026, 6, 1));
    assertThat(coop.post("/api/v1/cooperatives/" + coop.id + "/income", coop.coopToken, new JsonObject()
        .put("amountFen", 600_000).put("category", "PV_GRID").put("date", "2026-05-10").put("into", "BANK"))
        .status()).isEqualTo(201);
    coop.cost(100_000, "2026-04-01");

    // pool 10,000 + 6,000 − 1,000 = 15,000 元: 10% = 1,500 元 公积金; of 13,500 元, 60% = 8,100 元 by 交售
    // 1,200 : 2,400 元 → 2,700 / 5,400 元; the other 5,400 元 by land shares 10 : 15 → 2,160 / 3,240 元
    JsonObject run = coop.postedRun("coop-surplus-60", "2026-01-01", "2026-09-30");
    assertThat(run.getLong("revenueFen")).as("platform revenue and PV grid income").isEqualTo(1_600_000);
    assertThat(run.getLong("poolFen")).isEqualTo(1_500_000);
    long id = Long.parseLong(coop.id);
    assertThat(balance(id, ChartAccount.SURPLUS_RESERVE, 0)).isEqualTo(-150_000);
    assertThat(balance(id, ChartAccount.REBATE_PAYABLE, Long.parseLong(yang))).isEqualTo(-270_000);
    assertThat(balance(id, ChartAccount.REBATE_PAYABLE, Long.parseLong(chen))).isEqualTo(-540_000);
    assertThat(balance(id, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, Long.parseLong(yang))).isEqualTo(-216_000);
    assertThat(balance(id, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, Long.parseLong(chen))).isEqualTo(-324_000);

    JsonObject again = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-01-01", "2026-10-31"));
    assertThat(again.getLong("revenueFen")).as("the PV income was distributed already").isZero();

    assertThat(coop.post("/api/v1/distributions/" + run.getString("id") + "/paid", coop.coopToken,
        new JsonObject().put("paidOn", "2026-11-01")).status()).isEqualTo(200);
    assertThat(balance(id, ChartAccount.REBATE_PAYABLE, Long.parseLong(yang))).as("rebate paid").isZero();
    assertThat(balance(id, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, Long.parseLong(chen))).as("dividend paid").isZero();
    // bank: 10,000 + 6,000 in, 13,500 元 paid to the members (the cost was not paid: 应付款)
    assertThat(balance(id, ChartAccount.BANK_DEPOSIT, 0)).isEqualTo(1_600_000 - 1_350_000);
  }

  @Test
  void produce_owed_to_a_member_is_a_cost_of_the_pool_and_not_a_guarantee_debt() {
    GrapeCooperative coop = new GrapeCooperative(server, "岑丰村交售收购合作社", 2);
    String yang = coop.households.get(0);
    coop.settledOrder(131_101, 1_000_000, LocalDate.of(2026, 9, 1));
    // 300 公斤 bought from 杨 at 12 元 = 3,600 元, not yet paid
    assertThat(coop.post("/api/v1/cooperatives/" + coop.id + "/produce-purchases", coop.coopToken, new JsonObject()
        .put("householdId", yang).put("product", "葡萄").put("quantity", 300).put("unit", "KG")
        .put("valueFen", 360_000).put("date", "2026-08-25")).status()).isEqualTo(201);

    var members = new PeriodFactsRepository().gather(server.server().database().dsl(), Long.parseLong(coop.id),
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 9, 30)).facts().members();
    assertThat(members).as("a produce debt is paid by a payment, not repaid out of a pool")
        .allMatch(m -> m.outstandingLiabilityFen() == 0);
    JsonObject draft = GrapeCooperative.createdBody(coop.draft("coop-surplus-60", "2026-01-01", "2026-09-30"));
    assertThat(draft.getLong("costFen")).as("the 交售 is the pool's cost").isEqualTo(360_000);
    assertThat(draft.getLong("poolFen")).isEqualTo(640_000);
  }

  private static long balance(long cooperativeId, ChartAccount account, long householdId) {
    BigDecimal sum = server.server().database().dsl().select(DSL.sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
        .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_ACCOUNT.CHART_CODE.eq(account.code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(householdId))
        .fetchOne(0, BigDecimal.class);
    return sum == null ? 0 : sum.longValueExact();
  }
}
