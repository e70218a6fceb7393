package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.year2023;
import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Exclusion;
import cn.bangfu.rules.result.Warning;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pv-station-welfare-posts on a 60 kW village station in Dingnan (seed 001): 66,000 kWh × 0.98 元 = 64,680 元
 * income, 4,680 元 operation and maintenance, 60% to the village's poor households.
 */
class PvStationWelfarePostsTest {
    static MemberFacts poor(long id, LaborCapacity cap, long days) {
        return MemberFacts.builder(id).status(HouseholdStatus.REGISTERED_POOR).laborCapacity(cap).laborDays(days).build();
    }

    static final List<MemberFacts> VILLAGE = List.of(
            poor(101, LaborCapacity.NONE, 0),                        // 失能: base share
            poor(102, LaborCapacity.NONE, 0),                        // 失能: base share
            poor(103, LaborCapacity.FULL, 120),
            poor(104, LaborCapacity.PARTIAL, 60),
            MemberFacts.builder(105).status(HouseholdStatus.MONITORED).laborDays(100).build(),
            poor(106, LaborCapacity.FULL, 10),                       // 扶贫不扶懒: fewer than 20 days
            MemberFacts.builder(107).status(HouseholdStatus.REGISTERED_POOR).blacklisted(true).laborDays(80).build(),
            MemberFacts.builder(108).status(HouseholdStatus.ORDINARY).laborDays(50).build());

    static AllocationResult run(List<MemberFacts> members) {
        // insurance is not an O&M cost and is not subtracted
        return Allocator.allocate(Facts.rule("pv-station-welfare-posts"), year2023(0,
                List.of(new CostItem("OPERATION_MAINTENANCE", yuan(4_680)), new CostItem("INSURANCE", yuan(1_000))),
                members.toArray(MemberFacts[]::new)).withIncome(List.of(IncomeItem.of("PV_GRID", yuan(64_680)))));
    }

    @Test
    void sixty_percent_to_poor_households_through_welfare_posts_by_labour_days() {
        AllocationResult r = run(VILLAGE);

        // pool = 64,680 − 4,680 = 60,000 元; poor households 60% = 36,000; village collective 40% = 24,000
        assertThat(r.poolFen()).isEqualTo(yuan(60_000));
        assertThat(r.step("poor-households").amountFen()).isEqualTo(yuan(36_000));
        assertThat(r.step("village-collective").amountFen()).isEqualTo(yuan(24_000));
        // base share 20% × 36,000 = 7,200 元, equal between the two households unable to work
        assertThat(r.amountFen("base-share", 101)).isEqualTo(yuan(3_600));
        assertThat(r.amountFen("base-share", 102)).isEqualTo(yuan(3_600));
        // posts 28,800 元 = 2,880,000 fen over 120 + 60 + 100 = 280 eligible labour days
        //   103: 1,234,285.71 → 1,234,286   104: 617,142.86 → 617,143   105: 1,028,571.43 → 1,028,571
        //   (floors sum to 2,879,998; the 2 leftover fen go to remainders .857 (104) and .714 (103))
        assertThat(r.amountFen("welfare-posts", 103)).isEqualTo(1_234_286);
        assertThat(r.amountFen("welfare-posts", 104)).isEqualTo(617_143);
        assertThat(r.amountFen("welfare-posts", 105)).isEqualTo(1_028_571);
        // 106 (10 days) and 107 (失信) get nothing; 108 is not poor, so not part of the step at all.
        // What 106 and 107 would have had over 370 days (77,837.84 → 77,838 and 622,702.70 → 622,703) is re-split.
        assertThat(r.amountFen("welfare-posts", 106)).isZero();
        assertThat(r.amountFen("welfare-posts", 107)).isZero();
        assertThat(r.amountFen("welfare-posts", 108)).isZero();
        assertThat(r.lines()).filteredOn(l -> l.kind() == AllocationLine.Kind.EXCLUDED)
                .extracting(AllocationLine::exclusion)
                .containsExactly(Exclusion.LABOR_DAYS_BELOW_MIN, Exclusion.BLACKLISTED);
        assertThat(r.warnings()).filteredOn(w -> w.kind() == Warning.Kind.WITHHELD_RESPLIT)
                .extracting(Warning::amountFen).containsExactly(77_838L + 622_703L);
        assertThat(r.totalLinesFen()).isEqualTo(yuan(60_000));
        assertThat(r.lines()).filteredOn(l -> l.recipient().isHousehold() && l.recipient().householdId() == 106)
                .first().extracting(AllocationLine::explanationZh).asString().contains("扶贫不扶懒");
    }

    @Test
    void without_households_unable_to_work_the_base_share_joins_the_welfare_posts() {
        AllocationResult r = run(List.of(poor(103, LaborCapacity.FULL, 120), poor(104, LaborCapacity.PARTIAL, 60)));
        // all 36,000 元 by labour days 120 : 60
        assertThat(r.amountFen("welfare-posts", 103)).isEqualTo(yuan(24_000));
        assertThat(r.amountFen("welfare-posts", 104)).isEqualTo(yuan(12_000));
        assertThat(r.warnings()).extracting(Warning::kind).contains(Warning.Kind.FALLBACK_USED);
    }
}
