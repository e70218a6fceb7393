package cn.bangfu.rules.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.BaseArea;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.ComplianceResult;
import cn.bangfu.rules.result.Warning;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 100-1-1 on a Dingnan oil-tea base: per 100 亩, 1 poor household linked and 1 poor labourer employed. */
class Check100Plus1Plus1Test {

    /** The first {@code poorLaborers} poor households each have one person paid a wage; ordinary members have two. */
    static PeriodFacts oilTeaBase(int poorHouseholds, long poorLaborers, String areaMu) {
        List<MemberFacts> members = new ArrayList<>();
        for (int i = 1; i <= poorHouseholds; i++) {
            members.add(MemberFacts.builder(i).status(i % 2 == 0 ? HouseholdStatus.MONITORED
                    : HouseholdStatus.REGISTERED_POOR).employedPersons(i <= poorLaborers ? 1 : 0).build());
        }
        for (int i = 1; i <= 5; i++) {
            members.add(MemberFacts.builder(1000 + i).status(HouseholdStatus.ORDINARY).employedPersons(2).build());
        }
        return PeriodFacts.of(7, Facts.Y2023_START, Facts.Y2023_END, 50_000_000, List.of(), members)
                .withBaseArea(areaMu == null ? null : BaseArea.plots(new BigDecimal(areaMu)));
    }

    @Test
    void a_3250_mu_base_needs_32_households_and_32_labourers_and_fails_with_30_employed() {
        // given: 3,250 亩 → 32 complete blocks of 100 亩; 33 poor households linked, 30 poor labourers employed
        AllocationResult r = Allocator.allocate(Facts.rule("100-1-1"), oilTeaBase(33, 30, "3250"));
        ComplianceResult c = r.compliance().get(0);
        // then: households 33 ≥ 32 pass, labourers 30 < 32 fail
        assertThat(c.evaluated()).isTrue();
        assertThat(c.passed()).isFalse();
        assertThat(c.figures()).containsEntry("requiredPoorHouseholds", 32L).containsEntry("requiredPoorLaborers", 32L)
                .containsEntry("poorHouseholdsLinked", 33L).containsEntry("poorLaborersEmployed", 30L);
        assertThat(c.messageZh()).contains("雇用人数不足").doesNotContain("带动户数不足");
        assertThat(r.warnings()).extracting(Warning::kind).containsExactly(Warning.Kind.COMPLIANCE_FAILED);
        // and it never moves money, although the facts carry 500,000 元 of revenue
        assertThat(r.poolFen()).isZero();
        assertThat(r.lines()).isEmpty();
    }

    @Test
    void the_same_base_passes_with_32_employed() {
        ComplianceResult c = Allocator.allocate(Facts.rule("100-1-1"), oilTeaBase(33, 32, "3250")).compliance().get(0);
        assertThat(c.passed()).isTrue();
        assertThat(c.messageZh()).endsWith("达标。");
    }

    @Test
    void without_any_base_the_check_is_not_applicable_never_passed() {
        // no plots, no contract area, and the members hold no land shares
        AllocationResult r = Allocator.allocate(Facts.rule("100-1-1"), oilTeaBase(33, 32, null));
        assertThat(r.compliance().get(0).status()).isEqualTo(ComplianceResult.Status.NOT_APPLICABLE);
        assertThat(r.compliance().get(0).passed()).isFalse();
        assertThat(r.warnings()).extracting(Warning::kind).containsExactly(Warning.Kind.COMPLIANCE_NOT_APPLICABLE);
    }
}
