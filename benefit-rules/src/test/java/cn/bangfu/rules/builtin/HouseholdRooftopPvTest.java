package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Liability;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * household-rooftop-pv, seed 001 (Dingnan): rooftop stations on 669 poor households' roofs (ids 1..669),
 * 4,800 元 a year guaranteed to each; one ordinary household (id 700) also has a roof and gets no guarantee.
 */
class HouseholdRooftopPvTest {
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);

    static List<MemberFacts> households() {
        List<MemberFacts> ms = new ArrayList<>();
        for (int id = 1; id <= 669; id++) {
            ms.add(MemberFacts.builder(id).status(id % 3 == 0 ? HouseholdStatus.MONITORED : HouseholdStatus.REGISTERED_POOR)
                    .build());
        }
        ms.add(MemberFacts.builder(700).status(HouseholdStatus.ORDINARY).build());
        return ms;
    }

    static AllocationResult year(long gridIncomeYuan, long maintenanceYuan) {
        return Allocator.allocate(Facts.rule("household-rooftop-pv"), PeriodFacts.of(1, START, END, 0,
                List.of(new CostItem("OPERATION_MAINTENANCE", yuan(maintenanceYuan))), households())
                .withIncome(List.of(IncomeItem.of("PV_GRID", yuan(gridIncomeYuan)))));
    }

    @Test
    void each_of_the_669_poor_households_gets_4800_yuan_and_the_enterprise_keeps_the_rest() {
        // given: grid income 3,600,000 元, O&M 200,000 元 → pool 3,400,000 元
        AllocationResult r = year(3_600_000, 200_000);
        // then: 669 × 4,800 = 3,211,200 元 to the households, 3,400,000 − 3,211,200 = 188,800 元 to the enterprise
        assertThat(r.poolFen()).isEqualTo(yuan(3_400_000));
        assertThat(r.step("household-guarantee").amountFen()).isEqualTo(yuan(3_211_200));
        assertThat(r.amountFen("household-guarantee", 1)).isEqualTo(yuan(4_800));
        assertThat(r.amountFen("household-guarantee", 669)).isEqualTo(yuan(4_800));
        assertThat(r.amountFen("household-guarantee", 700)).isZero(); // not poor: not in the step
        assertThat(r.step("operator-share").amountFen()).isEqualTo(yuan(188_800));
        assertThat(r.liabilities()).isEmpty();
        assertThat(r.totalLinesFen()).isEqualTo(yuan(3_400_000));
    }

    @Test
    void a_poor_year_shares_what_there_is_and_the_rest_is_owed_to_each_household() {
        // given: grid income 2,500,000 元, O&M 200,000 元 → pool 2,300,000 元 < 3,211,200 元 owed
        AllocationResult r = year(2_500_000, 200_000);
        // then: 230,000,000 fen / 669 = 343,796.71: floors 669 × 343,796 = 229,999,524, the 476 leftover fen
        // to the 476 lowest ids (equal remainders) → 1..476 get 343,797, 477..669 get 343,796
        assertThat(r.amountFen("household-guarantee", 1)).isEqualTo(343_797);
        assertThat(r.amountFen("household-guarantee", 476)).isEqualTo(343_797);
        assertThat(r.amountFen("household-guarantee", 477)).isEqualTo(343_796);
        assertThat(r.step("operator-share").amountFen()).isZero();
        // owed 480,000 each: shortfalls 136,203 / 136,204, together 3,211,200 − 2,300,000 = 911,200 元
        assertThat(r.totalLiabilitiesFen()).isEqualTo(yuan(911_200));
        assertThat(r.liabilities()).filteredOn(l -> l.householdId() == 477).extracting(Liability::shortfallFen)
                .containsExactly(136_204L);
        assertThat(r.warnings()).extracting(Warning::kind).contains(Warning.Kind.GUARANTEE_SHORTFALL);
    }
}
