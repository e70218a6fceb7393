package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.load.Drafts;
import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.RuleSetParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The issue-14 parameters refuse what cannot be computed, naming the field. */
class ParameterValidationTest {

    static List<String> fields(String yaml) {
        return RuleSetParser.parse("draft.yaml", yaml).problems().stream().map(RuleProblem::field).toList();
    }

    static final String DIVIDEND = """
            steps:
              - {id: d, nameZh: 分红, nameEn: Dividend, remaining: true, basis: share_units, fallback: operator}
            """;

    @Test
    void a_valuation_and_class_weights_together_or_a_non_positive_valuation_are_refused() {
        assertThat(fields(Drafts.HEAD.replace("pool:", "parameters: {landValueFenPerMu: 80000, classWeights: {LAND: 800,"
                + " CAPITAL: 1, FISCAL: 1, DONATED: 1}}\npool:") + DIVIDEND)).containsExactly("parameters.classWeights");
        assertThat(fields(Drafts.HEAD.replace("pool:", "parameters: {landValueFenPerMu: 0}\npool:") + DIVIDEND))
                .contains("parameters.landValueFenPerMu");
    }

    @Test
    void class_weights_must_weigh_every_class_of_a_mixed_basis() {
        assertThat(fields(Drafts.HEAD.replace("pool:", "parameters: {classWeights: {LAND: 800}}\npool:") + DIVIDEND))
                .containsExactly("steps[0].basis");
    }

    @Test
    void an_unknown_reading_is_refused() {
        assertThat(fields(Drafts.HEAD.replace("pool:", "parameters: {guaranteeReading: both}\npool:") + """
                steps:
                  - {id: a, nameZh: 甲, nameEn: A, remaining: true, recipient: operator}
                """)).containsExactly("parameters.guaranteeReading");
    }

    @Test
    void under_the_floor_reading_the_dividend_must_come_before_the_remaining_step() {
        String steps = """
                steps:
                  - {id: g, nameZh: 保底, nameEn: G, guaranteed: {perUnitPerYearFen: 5}, basis: share_units, shareClasses: [FISCAL]}
                  - {id: rest, nameZh: 其余, nameEn: Rest, remaining: true, recipient: operator}
                  - {id: d, nameZh: 分红, nameEn: D, equityFractionOf: [FISCAL], basis: share_units, shareClasses: [FISCAL], fallback: operator}
                """;
        String head = Drafts.HEAD.replace("pool:", "parameters: {landValueFenPerMu: 80000}\npool:");
        assertThat(fields(head + steps)).containsExactly("steps[2].equityFractionOf");
        assertThat(fields(head.replace("{landValueFenPerMu: 80000}",
                "{landValueFenPerMu: 80000, guaranteeReading: plus_dividend}") + steps)).isEmpty();
    }

    @Test
    void a_wage_per_labour_day_needs_the_labour_day_basis() {
        assertThat(fields(Drafts.HEAD + """
                steps:
                  - {id: w, nameZh: 工资, nameEn: Wage, guaranteed: {perLaborDayFen: 10000}, basis: equal}
                  - {id: rest, nameZh: 其余, nameEn: Rest, remaining: true, recipient: operator}
                """)).containsExactly("steps[0].guaranteed.perLaborDayFen");
    }
}
