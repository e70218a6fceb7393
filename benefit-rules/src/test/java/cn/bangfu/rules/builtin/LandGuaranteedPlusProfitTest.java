package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.year2023;
import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.model.FixedRecipient;
import cn.bangfu.rules.result.AllocationResult;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** land-guaranteed-plus-profit on a 450 亩 grape base put in by three households (200, 150 and 100 亩). */
class LandGuaranteedPlusProfitTest {
    static final MemberFacts A = MemberFacts.builder(31).landMu(200).build();
    static final MemberFacts B = MemberFacts.builder(32).landMu(150).build();
    static final MemberFacts C = MemberFacts.builder(33).landMu(100).build();

    @Test
    void guaranteed_500_yuan_per_mu_then_20_percent_of_the_remaining_profit_by_mu() {
        // given: revenue 1,000,000 元, costs 400,000 元 → profit 600,000 元
        var facts = year2023(yuan(1_000_000), List.of(new CostItem("ALL", yuan(400_000))), C, A, B);
        // when
        AllocationResult r = Allocator.allocate(Facts.rule("land-guaranteed-plus-profit"), facts);

        // then: guarantee 450 亩 × 500 元 = 225,000 元
        assertThat(r.amountFen("land-guaranteed", 31)).isEqualTo(yuan(100_000)); // 200 × 500
        assertThat(r.amountFen("land-guaranteed", 32)).isEqualTo(yuan(75_000));
        assertThat(r.amountFen("land-guaranteed", 33)).isEqualTo(yuan(50_000));
        // remaining 375,000 元; 20% = 75,000 元 = 7,500,000 fen by mu 200 : 150 : 100
        //   31: 3,333,333.33 → 3,333,333   32: 2,500,000   33: 1,666,666.67 → 1,666,667 (the leftover fen)
        assertThat(r.amountFen("land-dividend", 31)).isEqualTo(3_333_333);
        assertThat(r.amountFen("land-dividend", 32)).isEqualTo(2_500_000);
        assertThat(r.amountFen("land-dividend", 33)).isEqualTo(1_666_667);
        // operator keeps 80% = 300,000 元
        assertThat(r.step("operator-share").amountFen()).isEqualTo(yuan(300_000));
        assertThat(r.lines()).filteredOn(l -> l.recipient().fixed() == FixedRecipient.OPERATOR)
                .extracting(l -> l.amountFen()).containsExactly(yuan(300_000));
        assertThat(r.totalLinesFen()).isEqualTo(yuan(600_000));
    }

    @Test
    void a_half_year_period_owes_half_the_yearly_guarantee() {
        // given: the period 2023-01-01..2023-06-30 is 181 of 365 days; profit 600,000 元
        var facts = cn.bangfu.rules.facts.PeriodFacts.of(1, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 6, 30),
                yuan(600_000), List.of(), List.of(C));
        AllocationResult r = Allocator.allocate(Facts.rule("land-guaranteed-plus-profit"), facts);
        // then: 100 亩 × 500 元 × 181/365 = 24,794.52 元 → 2,479,452 fen (half up)
        assertThat(r.amountFen("land-guaranteed", 33)).isEqualTo(2_479_452);
    }

    @Test
    void land_put_in_on_1_december_is_owed_31_days_of_the_yearly_guarantee_not_the_whole_year() {
        // given: 100 亩 put in on 2026-12-01 (a dated LAND holding, as the server builds the facts), a 2026 run
        // with a profit of 600,000 元. On main the guarantee ignored the date and owed 50,000 元.
        MemberFacts late = MemberFacts.builder(34).landMu(100)
                .share(ShareHolding.of(ShareClass.LAND, 100, LocalDate.of(2026, 12, 1))).build();
        var facts = cn.bangfu.rules.facts.PeriodFacts.of(1, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                yuan(600_000), List.of(), List.of(late, A2026));
        AllocationResult r = Allocator.allocate(Facts.rule("land-guaranteed-plus-profit"), facts);
        // then: 100 亩 × 50,000 fen × 31/365 = 424,657.53 fen → 424,658 (half up) = 4,246.58 元
        assertThat(r.amountFen("land-guaranteed", 34)).isEqualTo(424_658);
        assertThat(r.lines()).filteredOn(l -> l.householdId() == 34 && l.stepId().equals("land-guaranteed"))
                .extracting(l -> l.owedFen()).containsExactly(424_658L);
        // land held all year is owed the whole year: 200 亩 × 500 元 = 100,000 元
        assertThat(r.amountFen("land-guaranteed", 31)).isEqualTo(yuan(100_000));
        assertThat(r.totalLinesFen()).isEqualTo(yuan(600_000));
    }

    static final MemberFacts A2026 = MemberFacts.builder(31).landMu(200)
            .share(ShareHolding.of(ShareClass.LAND, 200, LocalDate.of(2025, 3, 1))).build();
}
