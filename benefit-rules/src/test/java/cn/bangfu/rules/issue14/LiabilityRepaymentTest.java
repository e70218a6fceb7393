package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 5: guarantee shortfalls of earlier runs are the first claim on a later run's pool. The
 * rooftop PV of 2026 could not pay its guarantees; in 2027 two households are still owed 1,362.03 元 and
 * 1,362.04 元, a third (ordinary, no guarantee this year) 500 元.
 */
class LiabilityRepaymentTest {
    static final LocalDate START = LocalDate.of(2027, 1, 1);
    static final LocalDate END = LocalDate.of(2027, 12, 31);

    static List<MemberFacts> members() {
        return List.of(
                MemberFacts.builder(1).status(HouseholdStatus.REGISTERED_POOR).outstandingLiabilityFen(136_203).build(),
                MemberFacts.builder(2).status(HouseholdStatus.REGISTERED_POOR).outstandingLiabilityFen(136_204).build(),
                MemberFacts.builder(3).status(HouseholdStatus.ORDINARY).outstandingLiabilityFen(50_000).build());
    }

    @Test
    void earlier_shortfalls_are_repaid_before_any_step_and_shown_on_the_household_lines() {
        // given: a pool of 20,000 元 (2,000,000 fen)
        AllocationResult r = Allocator.allocate(RuleSetCatalog.loadBuiltIn().get("household-rooftop-pv"),
                PeriodFacts.of(1, START, END, 0, List.of(), members())
                        .withIncome(List.of(IncomeItem.of("PV_GRID", 2_000_000))));

        // then: 136,203 + 136,204 + 50,000 = 322,407 fen repaid first, in full
        assertThat(r.step("liability-repayment").amountFen()).isEqualTo(322_407);
        assertThat(r.lines()).filteredOn(l -> l.kind() == AllocationLine.Kind.LIABILITY_REPAYMENT)
                .extracting(AllocationLine::householdId, AllocationLine::amountFen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 136_203L),
                        org.assertj.core.groups.Tuple.tuple(2L, 136_204L), org.assertj.core.groups.Tuple.tuple(3L, 50_000L));
        assertThat(r.lines().get(0).explanationZh()).contains("1,362.03").contains("已还清");
        // the steps share the rest: 2,000,000 − 322,407 = 1,677,593 fen; this year's guarantee 2 × 480,000 =
        // 960,000, the enterprise 717,593
        assertThat(r.step("household-guarantee").amountFen()).isEqualTo(960_000);
        assertThat(r.step("operator-share").amountFen()).isEqualTo(717_593);
        assertThat(r.totalLinesFen()).isEqualTo(2_000_000);
    }

    @Test
    void a_pool_smaller_than_the_debts_repays_them_in_proportion_and_says_what_is_still_owed() {
        // given: a pool of 1,000 元 = 100,000 fen against 322,407 fen owed
        AllocationResult r = Allocator.allocate(RuleSetCatalog.loadBuiltIn().get("household-rooftop-pv"),
                PeriodFacts.of(1, START, END, 0, List.of(), members())
                        .withIncome(List.of(IncomeItem.of("PV_GRID", 100_000))));

        // then: 100,000 × 136,203 / 322,407 = 42,245.67 → 42,246; × 136,204 / 322,407 = 42,245.98 → 42,246;
        //   × 50,000 / 322,407 = 15,508.35 → 15,508 (floors 42,245 + 42,245 + 15,508 = 99,998; 2 fen to .98, .67)
        assertThat(r.amountFen("liability-repayment", 1)).isEqualTo(42_246);
        assertThat(r.amountFen("liability-repayment", 2)).isEqualTo(42_246);
        assertThat(r.amountFen("liability-repayment", 3)).isEqualTo(15_508);
        // nothing is left for this year's guarantee: it is owed again (960,000 fen of new liabilities)
        assertThat(r.step("household-guarantee").amountFen()).isZero();
        assertThat(r.totalLiabilitiesFen()).isEqualTo(960_000);
        // 322,407 − 100,000 = 222,407 fen still owed, said in the warning
        assertThat(r.warnings()).filteredOn(w -> w.kind() == Warning.Kind.LIABILITY_OUTSTANDING)
                .extracting(Warning::amountFen).containsExactly(222_407L);
        assertThat(r.lines()).filteredOn(l -> l.householdId() == 3).first()
                .satisfies(l -> assertThat(l.explanationZh()).contains("仍欠本户 344.92 元"));
        assertThat(r.totalLinesFen()).isEqualTo(100_000);
    }

    @Test
    void fiscal_share_households_owed_from_last_year_are_paid_before_the_floor_and_dividends() {
        // given: fiscal-equity-guaranteed, household 11 (100,000 fiscal 元) still owed 1,551.72 元 from 2026,
        // household 21 with 100,000 元 of capital; profit 50,000 元
        MemberFacts fiscal = MemberFacts.builder(11).status(HouseholdStatus.REGISTERED_POOR).outstandingLiabilityFen(155_172)
                .share(ShareHolding.of(ShareClass.FISCAL, 100_000, START)).build();
        MemberFacts capital = MemberFacts.builder(21).share(ShareHolding.of(ShareClass.CAPITAL, 100_000, START)).build();
        AllocationResult r = Allocator.allocate(RuleSetCatalog.loadBuiltIn().get("fiscal-equity-guaranteed"),
                PeriodFacts.of(1, START, END, 5_000_000, List.of(), List.of(fiscal, capital)));
        // then: 155,172 repaid first; the level has 4,844,828 fen: guarantee 5,000 元 = 500,000; the fiscal
        // half pro rata 2,422,414 → dividend on top of the guarantee 1,922,414; capital the rest 2,422,414
        assertThat(r.amountFen("liability-repayment", 11)).isEqualTo(155_172);
        assertThat(r.amountFen("fiscal-guaranteed", 11)).isEqualTo(500_000);
        assertThat(r.amountFen("fiscal-dividend", 11)).isEqualTo(1_922_414);
        assertThat(r.amountFen("other-dividend", 21)).isEqualTo(2_422_414);
        assertThat(r.totalLinesFen()).isEqualTo(5_000_000);
    }
}
