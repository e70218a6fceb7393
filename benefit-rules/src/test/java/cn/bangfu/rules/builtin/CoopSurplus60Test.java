package cn.bangfu.rules.builtin;

import static cn.bangfu.rules.builtin.Facts.year2023;
import static cn.bangfu.rules.builtin.Facts.yuan;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Warning;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * coop-surplus-60 on the Cenfeng village grape cooperative (岑丰村, seed 001): 450 亩 of contract grapes
 * sold at 12 元/公斤. 杨启宇's 30 亩 yield 10,000 kg = 120,000 元, as the seed reports.
 */
class CoopSurplus60Test {

    // Deliveries at 12 元/kg: 10,000 kg, 2,500 kg, 1,500 kg, 1,000 kg.
    static final MemberFacts YANG = MemberFacts.builder(1).status(HouseholdStatus.ORDINARY)
            .deliveryValueFen(yuan(120_000)).share(ShareHolding.of(ShareClass.CAPITAL, 50_000, Facts.Y2023_START)).build();
    static final MemberFacts POOR_A = MemberFacts.builder(2).status(HouseholdStatus.REGISTERED_POOR)
            .deliveryValueFen(yuan(30_000)).share(ShareHolding.of(ShareClass.FISCAL, 20_000, Facts.Y2023_START)).build();
    static final MemberFacts POOR_B = MemberFacts.builder(3).status(HouseholdStatus.REGISTERED_POOR)
            .deliveryValueFen(yuan(18_000)).share(ShareHolding.of(ShareClass.FISCAL, 20_000, Facts.Y2023_START)).build();
    static final MemberFacts MONITORED = MemberFacts.builder(4).status(HouseholdStatus.MONITORED)
            .deliveryValueFen(yuan(12_000)).share(ShareHolding.of(ShareClass.CAPITAL, 10_000, Facts.Y2023_START)).build();

    @Test
    void cenfeng_grape_cooperative_surplus_is_split_to_the_fen() {
        // given: revenue 270,000 元; costs: produce paid to members 180,000, packaging 15,000, transport 9,000
        var facts = year2023(yuan(270_000), List.of(new CostItem("PRODUCE", yuan(180_000)),
                new CostItem("PACKAGING", yuan(15_000)), new CostItem("TRANSPORT", yuan(9_000))),
                MONITORED, POOR_B, YANG, POOR_A);

        // when
        AllocationResult r = Allocator.allocate(Facts.rule("coop-surplus-60"), facts);

        // then: surplus = 270,000 − 204,000 = 66,000 元
        assertThat(r.poolFen()).isEqualTo(yuan(66_000));
        // provident fund 10% = 6,600 元; distributable 90% = 59,400 元
        assertThat(r.step("provident-fund").amountFen()).isEqualTo(yuan(6_600));
        assertThat(r.step("distributable").amountFen()).isEqualTo(yuan(59_400));
        // rebate 60% × 59,400 = 35,640 元 over deliveries 120,000 + 30,000 + 18,000 + 12,000 = 180,000 元
        assertThat(r.step("trade-rebate").amountFen()).isEqualTo(yuan(35_640));
        assertThat(r.amountFen("trade-rebate", 1)).isEqualTo(yuan(23_760)); // 35,640 × 120/180
        assertThat(r.amountFen("trade-rebate", 2)).isEqualTo(yuan(5_940));  // 35,640 × 30/180
        assertThat(r.amountFen("trade-rebate", 3)).isEqualTo(yuan(3_564));  // 35,640 × 18/180
        assertThat(r.amountFen("trade-rebate", 4)).isEqualTo(yuan(2_376));  // 35,640 × 12/180
        // dividend 40% × 59,400 = 23,760 元 over 100,000 shares held all year (share-days ×365 cancel out)
        assertThat(r.step("share-dividend").amountFen()).isEqualTo(yuan(23_760));
        assertThat(r.amountFen("share-dividend", 1)).isEqualTo(yuan(11_880)); // 50%
        assertThat(r.amountFen("share-dividend", 2)).isEqualTo(yuan(4_752));  // 20%
        assertThat(r.amountFen("share-dividend", 3)).isEqualTo(yuan(4_752));  // 20%
        assertThat(r.amountFen("share-dividend", 4)).isEqualTo(yuan(2_376));  // 10%
        assertThat(r.totalLinesFen()).isEqualTo(r.poolFen());
        assertThat(r.lines().get(0).explanationZh()).contains("公积金").contains("6,600.00");
        assertThat(r.lines().get(1).explanationZh()).contains("按交售额").contains("23,760.00");
        // in words a grower can read aloud (issue 15): how the fen are rounded, not the method's name
        assertThat(r.lines().get(1).explanationZh()).contains("分不尽的几分钱依次补给零头最大的户")
                .doesNotContain("最大余数法");
    }

    @Test
    void a_share_dividend_explains_share_days_in_whole_grouped_numbers_a_reader_can_check() {
        var facts = year2023(yuan(270_000), List.of(new CostItem("PRODUCE", yuan(180_000))), MONITORED, POOR_B, YANG,
                POOR_A);

        AllocationResult r = Allocator.allocate(Facts.rule("coop-surplus-60"), facts);

        String yang = r.lines().stream().filter(l -> l.stepId().equals("share-dividend") && l.householdId() == 1)
                .findFirst().orElseThrow().explanationZh();
        // 50,000 shares held all 365 days of 2023, of 100,000 shares: not the engine's 18250000.00000
        assertThat(yang).contains("本户 18,250,000 股·日，合计 36,500,000 股·日").contains("股数乘持有天数")
                .doesNotContain(".00000");
    }

    @Test
    void no_surplus_means_nothing_to_allocate_and_says_so() {
        // given: costs exceed revenue
        var facts = year2023(yuan(100_000), List.of(new CostItem("PRODUCE", yuan(120_000))), YANG, POOR_A);
        // when
        AllocationResult r = Allocator.allocate(Facts.rule("coop-surplus-60"), facts);
        // then
        assertThat(r.poolFen()).isZero();
        assertThat(r.totalLinesFen()).isZero();
        assertThat(r.warnings()).extracting(Warning::kind).contains(Warning.Kind.POOL_EMPTY);
    }
}
