package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.PostWork;
import cn.bangfu.rules.load.Drafts;
import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.result.AllocationResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 7 at the level of the format: {@code post_days} counts days on registered welfare posts only,
 * {@code guaranteed: {postPay: true}} pays each post's registered wage, {@code laborMinimumPercent} scales the
 * labour minimum by capacity; and what cannot be computed is refused naming the field.
 */
class WelfarePostRuleTest {

    static List<String> fields(String yaml) {
        return RuleSetParser.parse("draft.yaml", yaml).problems().stream().map(RuleProblem::field).toList();
    }

    @Test
    void post_pay_belongs_to_the_post_day_basis_and_takes_no_rate_of_its_own() {
        assertThat(fields(Drafts.HEAD + """
                steps:
                  - {id: p, nameZh: 岗位, nameEn: P, guaranteed: {postPay: true}, basis: labor_days, fallback: operator}
                  - {id: r, nameZh: 其余, nameEn: R, remaining: true, recipient: operator}
                """)).containsExactly("steps[0].basis");
        assertThat(fields(Drafts.HEAD + """
                steps:
                  - {id: p, nameZh: 岗位, nameEn: P, guaranteed: {postPay: true, perLaborDayFen: 3000}, basis: post_days, fallback: operator}
                  - {id: r, nameZh: 其余, nameEn: R, remaining: true, recipient: operator}
                """)).containsExactly("steps[0].guaranteed.perLaborDayFen");
        assertThat(fields(Drafts.HEAD + """
                steps:
                  - {id: p, nameZh: 岗位, nameEn: P, guaranteed: {perUnitPerYearFen: 3000}, basis: post_days, fallback: operator}
                  - {id: r, nameZh: 其余, nameEn: R, remaining: true, recipient: operator}
                """)).containsExactly("steps[0].basis");
    }

    @Test
    void the_labour_minimum_percent_is_above_0_at_most_100_and_scales_an_existing_minimum() {
        String step = """
                steps:
                  - {id: p, nameZh: 岗位, nameEn: P, remaining: true, basis: post_days, fallback: operator, eligibility: %s}
                """;
        assertThat(fields(Drafts.HEAD + step.formatted("{minLaborDays: 20, laborMinimumPercent: {PARTIAL: 150}}")))
                .containsExactly("steps[0].eligibility.laborMinimumPercent.PARTIAL");
        assertThat(fields(Drafts.HEAD + step.formatted("{minLaborDays: 20, laborMinimumPercent: {NONE: 50}}")))
                .containsExactly("steps[0].eligibility.laborMinimumPercent.NONE");   // NONE is exempt by default
        assertThat(fields(Drafts.HEAD + step.formatted("{laborMinimumPercent: {PARTIAL: 50}}")))
                .containsExactly("steps[0].eligibility.laborMinimumPercent");
        assertThat(fields(Drafts.HEAD + step.formatted("{minLaborDays: 20, laborMinimumPercent: {PARTIAL: 50}}"))).isEmpty();
    }

    @Test
    void half_days_on_two_posts_are_paid_exactly_and_rounded_once() {
        RuleSet r = RuleSetParser.parse("posts.yaml", Drafts.HEAD.replace("{kind: surplus}", "{kind: fixed, amountFen: 10000000}")
                + """
                steps:
                  - {id: pay, nameZh: 岗位工资, nameEn: Pay, guaranteed: {postPay: true, liability: false}, basis: post_days, fallback: operator}
                  - {id: rest, nameZh: 其余, nameEn: Rest, remaining: true, recipient: operator}
                """).ruleSet();
        // 保洁员 600 元 / 20 days: 10.5 days = 315 元; 护林员 800 元 / 22 days: 7.5 days = 272.7272… 元.
        // Rounded once per household: 587.727… → 587.73 元 (rounding each post first would give the same here,
        // but 3 × 7.5 days on three 护林员 posts would not: 818.18 vs 818.19).
        MemberFacts m = MemberFacts.builder(1).status(HouseholdStatus.REGISTERED_POOR).laborCapacity(LaborCapacity.FULL)
                .postWork(new PostWork("1", "村道保洁员", new BigDecimal("10.5"), 60_000, 20))
                .postWork(new PostWork("2", "护林员", new BigDecimal("7.5"), 80_000, 22)).build();
        AllocationResult res = Allocator.allocate(r, PeriodFacts.of(1, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                0, List.of(), List.of(m)));
        assertThat(res.amountFen("pay", 1)).isEqualTo(58_773);
        assertThat(res.totalLinesFen()).isEqualTo(10_000_000);

        MemberFacts three = MemberFacts.builder(2).status(HouseholdStatus.REGISTERED_POOR)
                .postWork(new PostWork("2", "护林员", new BigDecimal("7.5"), 80_000, 22))
                .postWork(new PostWork("3", "护林员", new BigDecimal("7.5"), 80_000, 22))
                .postWork(new PostWork("4", "护林员", new BigDecimal("7.5"), 80_000, 22)).build();
        // 22.5 days × 800 ÷ 22 = 818.1818… → 818.18 元 (27,272.73 fen rounded per post would sum to 818.19)
        assertThat(three.postPayFen()).isEqualTo(81_818);
    }
}
