package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.year2023;
import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PostWork;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Exclusion;
import cn.bangfu.rules.result.Warning;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pv-station-welfare-posts on a 60 kW village station in Dingnan (seed 001): 66,000 kWh × 0.98 元 = 64,680 元
 * income, 4,680 元 operation and maintenance, 60% to the village's poor households "通过开发村级公益性岗位等多种形式
 * …特别是失能或弱能的贫困户". Issue 14 point 7: only days on registered posts count, each post pays what the
 * registry says, a short fund is shared in proportion to the pay owed, 弱能 households are held to half the
 * labour minimum, and every exclusion states the threshold and the household's days.
 */
class PvStationWelfarePostsTest {
    /** 村道保洁员: 600 元 a month for 20 days, i.e. 30 元 a day. */
    static PostWork cleaner(long days) {
        return new PostWork("1", "村道保洁员", BigDecimal.valueOf(days), yuan(600), 20);
    }

    /** 护林员: 800 元 a month for 22 days (36.3636… 元 a day: rounded once, per household, half up). */
    static PostWork ranger(long days) {
        return new PostWork("2", "护林员", BigDecimal.valueOf(days), yuan(800), 22);
    }

    static MemberFacts poor(long id, LaborCapacity cap, PostWork... posts) {
        MemberFacts.Builder b = MemberFacts.builder(id).status(HouseholdStatus.REGISTERED_POOR).laborCapacity(cap);
        for (PostWork w : posts) {
            b.postWork(w).laborDays(w.days());
        }
        return b.build();
    }

    static final List<MemberFacts> VILLAGE = List.of(
            poor(101, LaborCapacity.NONE),                               // 失能: base share
            poor(102, LaborCapacity.NONE),                               // 失能: base share
            poor(103, LaborCapacity.FULL, cleaner(240)),                 // a full year: 12 × 20 days
            poor(104, LaborCapacity.PARTIAL, cleaner(12)),               // 弱能: 12 ≥ 10 days (half of 20)
            MemberFacts.builder(105).status(HouseholdStatus.MONITORED).postWork(ranger(250)).laborDays(250).build(),
            poor(106, LaborCapacity.FULL, cleaner(15)),                  // 扶贫不扶懒: 15 < 20 days
            MemberFacts.builder(107).status(HouseholdStatus.REGISTERED_POOR).blacklisted(true).postWork(ranger(100))
                    .laborDays(100).build(),                             // 失信
            MemberFacts.builder(108).status(HouseholdStatus.ORDINARY).postWork(cleaner(50)).laborDays(50).build(),
            MemberFacts.builder(109).status(HouseholdStatus.REGISTERED_POOR).laborDays(150).build(), // wage work, no post
            poor(110, LaborCapacity.PARTIAL, cleaner(8)));               // 弱能: 8 < 10 days

    static AllocationResult run(List<MemberFacts> members) {
        // insurance is not an O&M cost and is not subtracted
        return Allocator.allocate(Facts.rule("pv-station-welfare-posts"), year2023(0,
                List.of(new CostItem("OPERATION_MAINTENANCE", yuan(4_680)), new CostItem("INSURANCE", yuan(1_000))),
                members.toArray(MemberFacts[]::new)).withIncome(List.of(IncomeItem.of("PV_GRID", yuan(64_680)))));
    }

    @Test
    void posts_pay_their_registered_wage_and_what_is_left_goes_by_days_on_posts() {
        AllocationResult r = run(VILLAGE);

        // pool = 64,680 − 4,680 = 60,000 元; poor households 60% = 36,000; village collective 40% = 24,000
        assertThat(r.poolFen()).isEqualTo(yuan(60_000));
        assertThat(r.step("poor-households").amountFen()).isEqualTo(yuan(36_000));
        assertThat(r.step("village-collective").amountFen()).isEqualTo(yuan(24_000));
        // base share 20% × 36,000 = 7,200 元, equal between the two households unable to work
        assertThat(r.amountFen("base-share", 101)).isEqualTo(yuan(3_600));
        assertThat(r.amountFen("base-share", 102)).isEqualTo(yuan(3_600));
        // posts 28,800 元. Pay owed: 103 240 × 600 ÷ 20 = 7,200 元; 104 12 × 30 = 360 元;
        //   105 250 × 800 ÷ 22 = 9,090.9090… → 9,090.91 元. Together 16,650.91 元 ≤ 28,800: paid in full.
        assertThat(r.amountFen("post-pay", 103)).isEqualTo(720_000);
        assertThat(r.amountFen("post-pay", 104)).isEqualTo(36_000);
        assertThat(r.amountFen("post-pay", 105)).isEqualTo(909_091);
        assertThat(r.step("post-pay").amountFen()).isEqualTo(1_665_091);
        // the rest, 2,880,000 − 1,665,091 = 1,214,909 fen, by days on posts 240 : 12 : 250 (502 days)
        //   103: 580,832.99 → 580,833   104: 29,041.65 → 29,042   105: 605,034.36 → 605,034
        //   (floors sum to 1,214,907; the 2 leftover fen go to remainders .988 (103) and .649 (104))
        assertThat(r.amountFen("post-bonus", 103)).isEqualTo(580_833);
        assertThat(r.amountFen("post-bonus", 104)).isEqualTo(29_042);
        assertThat(r.amountFen("post-bonus", 105)).isEqualTo(605_034);
        // 109 worked 150 days, but for wages, not on a post: not part of the posts at all (it was, before)
        assertThat(r.householdTotalFen(109)).isZero();
        assertThat(r.lines()).noneMatch(l -> l.isHousehold() && l.householdId() == 109);
        // 108 is not poor; 106 (15 days), 107 (失信) and 110 (弱能, 8 days) get nothing
        assertThat(r.householdTotalFen(106) + r.householdTotalFen(107) + r.householdTotalFen(108)
                + r.householdTotalFen(110)).isZero();
        assertThat(r.lines()).filteredOn(l -> l.kind() == AllocationLine.Kind.EXCLUDED && l.stepId().equals("post-pay"))
                .extracting(AllocationLine::householdId, AllocationLine::exclusion)
                .containsExactly(tuple(106L, Exclusion.LABOR_DAYS_BELOW_MIN), tuple(107L, Exclusion.BLACKLISTED),
                        tuple(110L, Exclusion.LABOR_DAYS_BELOW_MIN));
        assertThat(r.warnings()).extracting(Warning::kind).doesNotContain(Warning.Kind.GUARANTEE_SHORTFALL);
        assertThat(r.totalLinesFen()).isEqualTo(yuan(60_000));
    }

    @Test
    void every_exclusion_states_the_threshold_and_the_households_own_days_in_plain_chinese() {
        AllocationResult r = run(VILLAGE);

        assertThat(explanation(r, "post-pay", 106)).contains("扶贫不扶懒", "有劳动能力（全劳力）", "在公益岗位出工至少 20 天",
                "本户实际在公益岗位出工 15 天");
        // 弱能 is held to half the minimum, and the notice says so
        assertThat(explanation(r, "post-pay", 110)).contains("弱劳动能力（弱能）", "至少 10 天（满劳力 20 天的 50%）",
                "本户实际在公益岗位出工 8 天");
        assertThat(explanation(r, "post-bonus", 110)).contains("至少 10 天", "实际在公益岗位出工 8 天", "重新分配");
        assertThat(explanation(r, "post-pay", 107)).contains("失信名单");
        // and the pay line says how the pay was reckoned
        assertThat(explanation(r, "post-pay", 105)).contains("在公益岗位出工 250 天", "应发 9,090.91 元", "全额发放");
    }

    @Test
    void a_fund_too_small_for_every_post_pays_each_in_proportion_to_its_wage_exactly() {
        // two more rangers for a full year (264 × 800 ÷ 22 = 9,600 元 each): pay owed 35,850.91 元 > 28,800 元
        List<MemberFacts> village = List.of(poor(101, LaborCapacity.NONE), poor(102, LaborCapacity.NONE),
                poor(103, LaborCapacity.FULL, cleaner(240)), poor(104, LaborCapacity.PARTIAL, cleaner(12)),
                poor(105, LaborCapacity.FULL, ranger(250)), poor(111, LaborCapacity.FULL, ranger(264)),
                poor(112, LaborCapacity.FULL, ranger(264)));
        AllocationResult r = run(village);

        // 2,880,000 fen by pay owed 720,000 : 36,000 : 909,091 : 960,000 : 960,000 (3,585,091)
        //   103: 578,395.36 → 578,395   104: 28,919.77 → 28,920   105: 730,297.24 → 730,297
        //   111, 112: 771,193.81 → 771,194 (floors sum to 2,879,997; 3 fen to .8135 (111, 112) and .768 (104))
        assertThat(r.amountFen("post-pay", 103)).isEqualTo(578_395);
        assertThat(r.amountFen("post-pay", 104)).isEqualTo(28_920);
        assertThat(r.amountFen("post-pay", 105)).isEqualTo(730_297);
        assertThat(r.amountFen("post-pay", 111)).isEqualTo(771_194);
        assertThat(r.amountFen("post-pay", 112)).isEqualTo(771_194);
        assertThat(r.step("post-bonus").amountFen()).isZero();
        // the shortfall 35,850.91 − 28,800 = 7,050.91 元 is said, and is no debt: a PV year is what it is
        assertThat(r.warnings()).filteredOn(w -> w.kind() == Warning.Kind.GUARANTEE_SHORTFALL)
                .extracting(Warning::amountFen).containsExactly(705_091L);
        assertThat(r.liabilities()).isEmpty();
        assertThat(explanation(r, "post-pay", 105)).contains("应发 9,090.91 元", "按各户应发工资的比例发放 7,302.97 元");
        assertThat(r.totalLinesFen()).isEqualTo(yuan(60_000));
    }

    @Test
    void without_households_unable_to_work_the_base_share_joins_the_welfare_posts() {
        AllocationResult r = run(List.of(poor(103, LaborCapacity.FULL, cleaner(240)),
                poor(104, LaborCapacity.PARTIAL, cleaner(120))));
        // all 36,000 元 to the posts: pay 7,200 + 3,600 = 10,800 元, the other 25,200 by days 240 : 120
        assertThat(r.householdTotalFen(103)).isEqualTo(yuan(7_200 + 16_800));
        assertThat(r.householdTotalFen(104)).isEqualTo(yuan(3_600 + 8_400));
        assertThat(r.warnings()).extracting(Warning::kind).contains(Warning.Kind.FALLBACK_USED);
    }

    private static String explanation(AllocationResult r, String step, long household) {
        return r.lines().stream().filter(l -> l.stepId().equals(step) && l.isHousehold() && l.householdId() == household)
                .findFirst().orElseThrow().explanationZh();
    }
}
