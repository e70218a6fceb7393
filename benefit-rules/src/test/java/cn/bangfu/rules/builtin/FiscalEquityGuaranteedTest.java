package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.year2023;
import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.GuaranteeReading;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Exclusion;
import cn.bangfu.rules.result.Liability;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fiscal-equity-guaranteed, the Sichuan model: a cooperative with total equity of 1,000,000 元 (shares of 1 元),
 * 290,000 元 of it fiscal funds quantified to four poor households (29%), a 5% guaranteed dividend and a
 * profit of 100,000 元. The file reads the guarantee as a floor (issue 14, point 4); the plus_dividend
 * reading is the same file with {@code guaranteeReading: plus_dividend}.
 */
class FiscalEquityGuaranteedTest {
    static final LocalDate JAN1 = Facts.Y2023_START;

    static MemberFacts fiscal(long id, long units) {
        return MemberFacts.builder(id).status(HouseholdStatus.REGISTERED_POOR)
                .share(ShareHolding.of(ShareClass.FISCAL, units, JAN1)).build();
    }

    static MemberFacts capital(long id, long units) {
        return MemberFacts.builder(id).share(ShareHolding.of(ShareClass.CAPITAL, units, JAN1)).build();
    }

    static final List<MemberFacts> SICHUAN = List.of(fiscal(11, 100_000), fiscal(12, 80_000), fiscal(13, 60_000),
            fiscal(14, 50_000), capital(21, 400_000), capital(22, 200_000), capital(23, 110_000));

    static AllocationResult run(long profitYuan, List<MemberFacts> members) {
        return run(Facts.rule("fiscal-equity-guaranteed"), profitYuan, members);
    }

    /** The same file, read the other way: guarantee first, dividend on top. */
    static RuleSet plusDividend() {
        RuleSet floor = Facts.rule("fiscal-equity-guaranteed");
        assertThat(floor.parameters().guaranteeReading()).isEqualTo(GuaranteeReading.FLOOR);
        return RuleSetParser.parse(floor.fileName(), floor.yamlText()
                .replace("guaranteeReading: floor", "guaranteeReading: plus_dividend")).ruleSet();
    }

    static AllocationResult run(RuleSet rule, long profitYuan, List<MemberFacts> members) {
        // profit = revenue − costs
        return Allocator.allocate(rule,
                year2023(yuan(profitYuan + 250_000), List.of(new CostItem("ALL", yuan(250_000))),
                        members.toArray(MemberFacts[]::new)));
    }

    @Test
    void floor_reading_a_fiscal_household_gets_the_larger_of_guarantee_and_pro_rata_never_both() {
        // when: the file's own reading (floor). On main the guarantee was paid on top: fiscal holders got
        // 14,500 + 24,795 = 39,295 元 = 39.3 % of the profit on 29 % of the equity.
        AllocationResult r = run(100_000, SICHUAN);

        // then: guarantee 5% × 290,000 = 14,500 元 (5,000 / 4,000 / 3,000 / 2,500), paid first
        assertThat(r.amountFen("fiscal-guaranteed", 11)).isEqualTo(yuan(5_000));
        assertThat(r.amountFen("fiscal-guaranteed", 14)).isEqualTo(yuan(2_500));
        // pro rata of the whole profit: 29% × 100,000 = 29,000 元 → 10,000 / 8,000 / 6,000 / 5,000;
        // the dividend only tops up to it: 10,000 − 5,000 = 5,000; 8,000 − 4,000; 6,000 − 3,000; 5,000 − 2,500
        assertThat(r.amountFen("fiscal-dividend", 11)).isEqualTo(yuan(5_000));
        assertThat(r.amountFen("fiscal-dividend", 12)).isEqualTo(yuan(4_000));
        assertThat(r.amountFen("fiscal-dividend", 13)).isEqualTo(yuan(3_000));
        assertThat(r.amountFen("fiscal-dividend", 14)).isEqualTo(yuan(2_500));
        assertThat(r.householdTotalFen(11)).isEqualTo(yuan(10_000)); // max(5,000, 10,000)
        // fiscal holders together: 29,000 元 = 29 % of the profit on 29 % of the equity
        assertThat(r.step("fiscal-guaranteed").amountFen() + r.step("fiscal-dividend").amountFen())
                .isEqualTo(yuan(29_000));
        // the other 71,000 元 to the capital shares 400 : 200 : 110 → 40,000 / 20,000 / 11,000
        assertThat(r.step("other-dividend").amountFen()).isEqualTo(yuan(71_000));
        assertThat(r.amountFen("other-dividend", 21)).isEqualTo(yuan(40_000));
        assertThat(r.amountFen("other-dividend", 22)).isEqualTo(yuan(20_000));
        assertThat(r.amountFen("other-dividend", 23)).isEqualTo(yuan(11_000));
        assertThat(r.totalLinesFen()).isEqualTo(yuan(100_000));
    }

    @Test
    void floor_reading_with_a_small_profit_the_guarantee_is_the_whole_fiscal_part() {
        // given: profit 30,000 元: pro rata 29% = 8,700 元 < guarantee 14,500 元
        AllocationResult r = run(30_000, SICHUAN);
        // then: guarantee paid in full; pro rata 8,700 × 100/290 = 3,000 元 for 11 is below its 5,000 guarantee
        // (and likewise for 12, 13, 14), so no dividend on top
        assertThat(r.step("fiscal-guaranteed").amountFen()).isEqualTo(yuan(14_500));
        assertThat(r.step("fiscal-dividend").amountFen()).isZero();
        // the capital shares share 30,000 − 14,500 = 15,500 元 = 1,550,000 fen as 400 : 200 : 110:
        //   873,239.436 / 436,619.718 / 240,140.845 → floors sum 1,549,998, the 2 fen to .845 and .718
        assertThat(r.step("other-dividend").amountFen()).isEqualTo(yuan(15_500));
        assertThat(r.amountFen("other-dividend", 21)).isEqualTo(873_239);
        assertThat(r.amountFen("other-dividend", 22)).isEqualTo(436_620);
        assertThat(r.amountFen("other-dividend", 23)).isEqualTo(240_141);
        assertThat(r.totalLinesFen()).isEqualTo(yuan(30_000));
    }

    @Test
    void plus_dividend_reading_sichuan_cooperative_29_percent_fiscal_equity_5_percent_guarantee_100000_profit() {
        // when
        AllocationResult r = run(plusDividend(), 100_000, SICHUAN);

        // then: guarantee = 5% × 290,000 = 14,500 元, each household 5% of its shares
        assertThat(r.step("fiscal-guaranteed").amountFen()).isEqualTo(yuan(14_500));
        assertThat(r.amountFen("fiscal-guaranteed", 11)).isEqualTo(yuan(5_000));
        assertThat(r.amountFen("fiscal-guaranteed", 12)).isEqualTo(yuan(4_000));
        assertThat(r.amountFen("fiscal-guaranteed", 13)).isEqualTo(yuan(3_000));
        assertThat(r.amountFen("fiscal-guaranteed", 14)).isEqualTo(yuan(2_500));
        // the rest 100,000 − 14,500 = 85,500 元; fiscal fraction 290,000 / 1,000,000 = 29% → 24,795 元
        assertThat(r.step("fiscal-dividend").amountFen()).isEqualTo(yuan(24_795));
        assertThat(r.amountFen("fiscal-dividend", 11)).isEqualTo(yuan(8_550)); // 24,795 × 100/290
        assertThat(r.amountFen("fiscal-dividend", 12)).isEqualTo(yuan(6_840)); // × 80/290
        assertThat(r.amountFen("fiscal-dividend", 13)).isEqualTo(yuan(5_130)); // × 60/290
        assertThat(r.amountFen("fiscal-dividend", 14)).isEqualTo(yuan(4_275)); // × 50/290
        // remaining 71% = 60,705 元 to the capital shares 400 : 200 : 110
        assertThat(r.step("other-dividend").amountFen()).isEqualTo(yuan(60_705));
        assertThat(r.amountFen("other-dividend", 21)).isEqualTo(yuan(34_200));
        assertThat(r.amountFen("other-dividend", 22)).isEqualTo(yuan(17_100));
        assertThat(r.amountFen("other-dividend", 23)).isEqualTo(yuan(9_405));
        // a fiscal household's year: 5,000 + 8,550 = 13,550 元
        assertThat(r.householdTotalFen(11)).isEqualTo(yuan(13_550));
        assertThat(r.totalLinesFen()).isEqualTo(yuan(100_000));
        assertThat(r.liabilities()).isEmpty();
    }

    @Test
    void a_profit_below_the_guarantee_is_shared_pro_rata_and_the_shortfall_becomes_a_liability() {
        // given: profit 10,000 元 < guarantee 14,500 元
        AllocationResult r = run(10_000, SICHUAN);

        // then: 1,000,000 fen split 5,000 : 4,000 : 3,000 : 2,500
        //   11: 344,827.59 → 344,828 (remainder .586, second largest, gets a leftover fen)
        //   12: 275,862.07 → 275,862   13: 206,896.55 → 206,896   14: 172,413.79 → 172,414 (largest)
        assertThat(r.amountFen("fiscal-guaranteed", 11)).isEqualTo(344_828);
        assertThat(r.amountFen("fiscal-guaranteed", 12)).isEqualTo(275_862);
        assertThat(r.amountFen("fiscal-guaranteed", 13)).isEqualTo(206_896);
        assertThat(r.amountFen("fiscal-guaranteed", 14)).isEqualTo(172_414);
        // nothing is left for the later steps
        assertThat(r.step("fiscal-dividend").amountFen()).isZero();
        assertThat(r.step("other-dividend").amountFen()).isZero();
        // 14,500 − 10,000 = 4,500 元 owed by the cooperative, per household
        assertThat(r.totalLiabilitiesFen()).isEqualTo(yuan(4_500));
        assertThat(r.liabilities()).extracting(Liability::householdId, Liability::shortfallFen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(11L, 155_172L),
                        org.assertj.core.groups.Tuple.tuple(12L, 124_138L),
                        org.assertj.core.groups.Tuple.tuple(13L, 93_104L),
                        org.assertj.core.groups.Tuple.tuple(14L, 77_586L));
        assertThat(r.warnings()).extracting(Warning::kind).contains(Warning.Kind.GUARANTEE_SHORTFALL);
        assertThat(r.totalLinesFen()).isEqualTo(yuan(10_000));
    }

    @Test
    void the_guarantee_is_pro_rated_by_the_days_the_shares_were_held() {
        // given: 36,500 fiscal shares quantified on 2023-07-01: held 184 of 365 days
        MemberFacts late = MemberFacts.builder(15).status(HouseholdStatus.REGISTERED_POOR)
                .share(ShareHolding.of(ShareClass.FISCAL, 36_500, LocalDate.of(2023, 7, 1))).build();
        AllocationResult r = run(100_000, List.of(late, capital(21, 400_000)));
        // then: 36,500 × 1 元 × 5% × 184/365 = 920 元
        assertThat(r.amountFen("fiscal-guaranteed", 15)).isEqualTo(yuan(920));
    }

    @Test
    void fiscal_shares_stop_earning_after_exit_plus_three_years_and_their_part_goes_to_the_other_fiscal_households() {
        // given: household 17 exited 2019-06-30; its fiscal shares earned until 2022-06-30
        MemberFacts exited = MemberFacts.builder(17).status(HouseholdStatus.EXITED).exitDate(LocalDate.of(2019, 6, 30))
                .share(ShareHolding.of(ShareClass.FISCAL, 100_000, JAN1)).build();
        AllocationResult r = run(plusDividend(), 100_000, List.of(fiscal(11, 100_000), exited, capital(21, 800_000)));

        // then: guarantee only for 11 (5,000 元); the rest 95,000 元; fiscal equity 200,000 / 1,000,000 = 20%
        assertThat(r.amountFen("fiscal-guaranteed", 11)).isEqualTo(yuan(5_000));
        assertThat(r.amountFen("fiscal-guaranteed", 17)).isZero();
        assertThat(r.step("fiscal-dividend").amountFen()).isEqualTo(yuan(19_000)); // 20% × 95,000
        assertThat(r.amountFen("fiscal-dividend", 11)).isEqualTo(yuan(19_000));   // 17's half re-split to 11
        assertThat(r.amountFen("fiscal-dividend", 17)).isZero();
        assertThat(r.amountFen("other-dividend", 21)).isEqualTo(yuan(76_000));    // 80% × 95,000
        assertThat(r.lines()).filteredOn(l -> l.exclusion() != null).extracting(l -> l.exclusion())
                .containsOnly(Exclusion.FISCAL_TRANSITION_ENDED);
        assertThat(r.warnings()).filteredOn(w -> w.kind() == Warning.Kind.WITHHELD_RESPLIT)
                .extracting(Warning::amountFen).containsExactly(yuan(9_500));

        // floor reading: gross fiscal dividend 20% × 100,000 = 20,000 元, 17's half re-split to 11 (10,000
        // withheld); 11 gets max(5,000, 20,000) = 20,000 in all, i.e. 15,000 on top of its guarantee
        AllocationResult f = run(100_000, List.of(fiscal(11, 100_000), exited, capital(21, 800_000)));
        assertThat(f.amountFen("fiscal-dividend", 11)).isEqualTo(yuan(15_000));
        assertThat(f.householdTotalFen(11)).isEqualTo(yuan(20_000));
        assertThat(f.amountFen("other-dividend", 21)).isEqualTo(yuan(80_000));
        assertThat(f.warnings()).filteredOn(w -> w.kind() == Warning.Kind.WITHHELD_RESPLIT)
                .extracting(Warning::amountFen).containsExactly(yuan(10_000));
    }
}
