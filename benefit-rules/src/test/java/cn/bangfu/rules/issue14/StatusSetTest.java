package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.Drafts;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.StatusSet;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Issue 14, point 8: one definition of "poor", in StatusSet, named in the rule files. */
class StatusSetTest {
    static final RuleSetCatalog CATALOG = RuleSetCatalog.loadBuiltIn();

    @Test
    void the_sets_are_defined_once() {
        assertThat(StatusSet.POOR.statuses()).containsExactlyInAnyOrder(HouseholdStatus.REGISTERED_POOR,
                HouseholdStatus.MONITORED, HouseholdStatus.LOW_INCOME);
        // 100+1+1: on the register, monitored, or exited (脱贫 is the success the rule counts); not 低保 alone
        assertThat(StatusSet.LINKABLE.statuses()).containsExactlyInAnyOrder(
                HouseholdStatus.REGISTERED_POOR, HouseholdStatus.MONITORED, HouseholdStatus.EXITED);
        // matching's reach: every status but ORDINARY
        assertThat(StatusSet.POOR_OR_EXITED.statuses()).isEqualTo(EnumSet.complementOf(EnumSet.of(HouseholdStatus.ORDINARY)));
    }

    @Test
    void the_rule_files_name_the_set_they_need() {
        assertThat(CATALOG.get("pv-station-welfare-posts").yamlText()).contains("status: [poor]");
        assertThat(CATALOG.get("pv-station-welfare-posts").steps().get(0).children().get(1).children().get(0).eligibility().statuses())
                .isEqualTo(StatusSet.POOR.statuses());
        assertThat(CATALOG.get("100-1-1").yamlText()).contains("poorStatuses: [linkable]");
        assertThat(CATALOG.get("100-1-1").compliance().get(0).poorStatuses())
                .isEqualTo(StatusSet.LINKABLE.statuses());
        assertThat(CATALOG.get("household-rooftop-pv").steps().get(0).eligibility().statuses())
                .isEqualTo(StatusSet.POOR.statuses());
    }

    @Test
    void an_unknown_set_name_lists_the_named_sets() {
        var p = RuleSetParser.parse("draft.yaml", Drafts.HEAD + """
                steps:
                  - {id: a, nameZh: 甲, nameEn: A, remaining: true, basis: equal, eligibility: {status: [needy]}, fallback: operator}
                """);
        assertThat(p.problems()).extracting(RuleProblem::field).containsExactly("steps[0].eligibility.status");
        assertThat(p.problems().get(0).message()).contains("poor, linkable, poor_or_exited");
    }
}
