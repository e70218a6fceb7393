package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationResult;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * land-leaseback (返租倒包), seed 001: three households lease their land to the cooperative and work it back.
 * A: 10 亩 since 2025, 120 days of work; B: 5 亩 since 2025, 60 days; C: 8 亩 put in on 2026-07-01 (184 days
 * of 2026), unable to work.
 */
class LandLeasebackTest {
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final MemberFacts A = MemberFacts.builder(1).landMu(10).laborDays(120)
            .share(ShareHolding.of(ShareClass.LAND, 10, LocalDate.of(2025, 3, 1))).build();
    static final MemberFacts B = MemberFacts.builder(2).landMu(5).laborDays(60)
            .share(ShareHolding.of(ShareClass.LAND, 5, LocalDate.of(2025, 3, 1))).build();
    static final MemberFacts C = MemberFacts.builder(3).landMu(8).laborCapacity(LaborCapacity.NONE)
            .share(ShareHolding.of(ShareClass.LAND, 8, LocalDate.of(2026, 7, 1))).build();

    @Test
    void rent_plus_wage_plus_share_of_profit() {
        // given: revenue 150,000 元, costs 40,000 元 → surplus 110,000 元
        AllocationResult r = Allocator.allocate(Facts.rule("land-leaseback"), PeriodFacts.of(1, START, END,
                yuan(150_000), List.of(new CostItem("农资", yuan(40_000))), List.of(A, B, C)));

        // then: rent 600 元 per 亩 a year: A 6,000, B 3,000, C 8 × 600 × 184/365 = 2,419.726 → 241,973 fen
        assertThat(r.amountFen("land-rent", 1)).isEqualTo(yuan(6_000));
        assertThat(r.amountFen("land-rent", 2)).isEqualTo(yuan(3_000));
        assertThat(r.amountFen("land-rent", 3)).isEqualTo(241_973);
        // wage 100 元 per day: A 120 days = 12,000, B 60 days = 6,000, C none
        assertThat(r.amountFen("leaseback-wage", 1)).isEqualTo(yuan(12_000));
        assertThat(r.amountFen("leaseback-wage", 2)).isEqualTo(yuan(6_000));
        // left after rent and wages: 11,000,000 − 2,941,973 = 8,058,027 fen; 30% = 2,417,408.1 → 2,417,408,
        // the operator 5,640,618.9 → 5,640,619 (the leftover fen)
        assertThat(r.step("land-dividend").amountFen()).isEqualTo(2_417_408);
        assertThat(r.step("operator-share").amountFen()).isEqualTo(5_640_619);
        // by mu-days 3,650 : 1,825 : 1,472 (of 6,947): 1,270,121.75 / 635,060.87 / 512,225.37
        //   floors sum 2,417,406; the 2 fen to .87 (B) and .75 (A)
        assertThat(r.amountFen("land-dividend", 1)).isEqualTo(1_270_122);
        assertThat(r.amountFen("land-dividend", 2)).isEqualTo(635_061);
        assertThat(r.amountFen("land-dividend", 3)).isEqualTo(512_225);
        // A's year: 6,000 + 12,000 + 12,701.22 = 30,701.22 元
        assertThat(r.householdTotalFen(1)).isEqualTo(3_070_122);
        assertThat(r.totalLinesFen()).isEqualTo(yuan(110_000));
    }
}
