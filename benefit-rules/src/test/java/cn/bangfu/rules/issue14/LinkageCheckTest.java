package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.BaseArea;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.ComplianceResult;
import cn.bangfu.rules.result.ComplianceResult.Status;
import cn.bangfu.rules.result.Warning;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 3: the 100+1+1 check (seed 001, 定南油茶: 每发展 100 亩油茶需带动 1 户贫困户脱贫，雇佣 1 名以上
 * 有劳动能力的贫困人口就业; 累计带动贫困户 155 户) cannot pass over an empty base, measures the base the cooperative
 * registered, counts persons paid a wage and counts exited households as linked.
 */
class LinkageCheckTest {
    static final RuleSet CHECK = RuleSetCatalog.loadBuiltIn().get("100-1-1");
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);

    static ComplianceResult check(PeriodFacts f) {
        return Allocator.allocate(CHECK, f).compliance().get(0);
    }

    static PeriodFacts year(List<MemberFacts> members) {
        return PeriodFacts.of(1, START, END, 0, List.of(), members);
    }

    /**
     * Dingnan's 155 linked households on 15,500 亩 of oil tea: 120 on the register, 20 monitored, 15 exited in the
     * year. 100 households have one person paid a wage, 30 have two: 160 persons. None of them put land in as shares:
     * the base is leased land.
     */
    static List<MemberFacts> dingnan155() {
        List<MemberFacts> ms = new ArrayList<>();
        for (int id = 1; id <= 155; id++) {
            HouseholdStatus s = id <= 120 ? HouseholdStatus.REGISTERED_POOR
                    : id <= 140 ? HouseholdStatus.MONITORED : HouseholdStatus.EXITED;
            int persons = id <= 100 ? 1 : id <= 130 ? 2 : 0;
            ms.add(MemberFacts.builder(id).status(s).employedPersons(persons).laborDays(persons == 0 ? 30 : 200).build());
        }
        return ms;
    }

    @Test
    void a_cooperative_with_no_members_and_no_base_is_not_applicable_never_passed() {
        // on main this reported "基地 0 亩 … 达标" with passed: true
        AllocationResult r = Allocator.allocate(CHECK, year(List.of()));
        ComplianceResult c = r.compliance().get(0);
        assertThat(c.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(c.passed()).isFalse();
        assertThat(c.messageZh()).contains("无基地面积").contains("不适用").doesNotContain("达标。");
        assertThat(r.warnings()).extracting(Warning::kind).containsExactly(Warning.Kind.COMPLIANCE_NOT_APPLICABLE);
        assertThat(c.toMap()).containsEntry("status", "NOT_APPLICABLE").containsEntry("passed", false);
    }

    @Test
    void a_base_smaller_than_one_block_is_not_applicable_with_its_figures() {
        // 96.5 亩 registered: no complete block of 100 亩, so nothing is required and nothing can be certified
        ComplianceResult c = check(year(dingnan155()).withBaseArea(BaseArea.plots(new BigDecimal("96.5"))));
        assertThat(c.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(c.messageZh()).startsWith("基地 96.5 亩（登记地块）不足 100 亩");
    }

    @Test
    void the_registered_plots_are_the_base_and_exited_households_and_wage_earners_count() {
        // given: 15,500 亩 of registered plots → 155 blocks → 155 households and 155 labourers required
        ComplianceResult c = check(year(dingnan155()).withBaseArea(BaseArea.plots(new BigDecimal("15500"))));
        // then: linked = 120 + 20 + 15 exited = 155 ≥ 155; employed persons = 100 × 1 + 30 × 2 = 160 ≥ 155
        //   (counting households with any labour record would give 155, counting without the exited 140)
        assertThat(c.figures()).containsEntry("areaMu", "15500").containsEntry("areaSource", "PLOTS")
                .containsEntry("requiredPoorHouseholds", 155L).containsEntry("requiredPoorLaborers", 155L)
                .containsEntry("poorHouseholdsLinked", 155L).containsEntry("poorLaborersEmployed", 160L);
        assertThat(c.status()).isEqualTo(Status.PASSED);
        assertThat(c.messageZh()).contains("基地 15500 亩（登记地块）").endsWith("达标。");
    }

    @Test
    void households_with_labour_days_but_no_wage_do_not_count_as_employed() {
        // given: the same households, but nobody was paid a wage (labour days only) on a contract area of 15,500 亩
        List<MemberFacts> unpaid = dingnan155().stream().map(m -> MemberFacts.builder(m.householdId())
                .status(m.status()).laborDays(m.laborDays()).build()).toList();
        ComplianceResult c = check(year(unpaid).withBaseArea(BaseArea.contract(new BigDecimal("15500"))));
        // then: 0 < 155 labourers: failed, on the labourers only
        assertThat(c.figures()).containsEntry("poorLaborersEmployed", 0L).containsEntry("areaSource", "CONTRACT");
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.messageZh()).contains("雇用人数不足").doesNotContain("带动户数不足");
    }

    @Test
    void low_income_alone_and_ordinary_households_are_not_linked() {
        List<MemberFacts> ms = new ArrayList<>(dingnan155());
        ms.add(MemberFacts.builder(200).status(HouseholdStatus.LOW_INCOME).employedPersons(3).build());
        ms.add(MemberFacts.builder(201).status(HouseholdStatus.ORDINARY).employedPersons(4).build());
        ComplianceResult c = check(year(ms).withBaseArea(BaseArea.plots(new BigDecimal("15600"))));
        // 156 required; still 155 linked and 160 employed: the 低保 household's 3 and the ordinary 4 do not count
        assertThat(c.figures()).containsEntry("poorHouseholdsLinked", 155L).containsEntry("poorLaborersEmployed", 160L);
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.messageZh()).contains("带动户数不足").doesNotContain("雇用人数不足");
    }

    @Test
    void without_plots_or_contract_area_the_members_land_shares_are_the_base_and_the_source_says_so() {
        // 3 poor households put in 40 + 35.5 + 30 = 105.5 亩 as land shares → 1 block
        List<MemberFacts> ms = List.of(
                land(1, HouseholdStatus.REGISTERED_POOR, "40", 1),
                land(2, HouseholdStatus.EXITED, "35.5", 0),
                land(3, HouseholdStatus.ORDINARY, "30", 0));
        ComplianceResult c = check(year(ms));
        assertThat(c.figures()).containsEntry("areaMu", "105.5").containsEntry("areaSource", "LAND_SHARES")
                .containsEntry("requiredPoorHouseholds", 1L).containsEntry("poorHouseholdsLinked", 2L)
                .containsEntry("poorLaborersEmployed", 1L);
        assertThat(c.status()).isEqualTo(Status.PASSED);
        assertThat(c.messageZh()).contains("（成员土地入股）");
    }

    private static MemberFacts land(long id, HouseholdStatus s, String mu, int persons) {
        return MemberFacts.builder(id).status(s).landMu(new BigDecimal(mu)).employedPersons(persons)
                .share(new ShareHolding(ShareClass.LAND, new BigDecimal(mu), START, null)).build();
    }
}
