package cn.bangfu.rules.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each validation rule: a draft that breaks it, and the problem that names file, line and field. */
class RuleValidationTest {

    static final String HEAD = Drafts.HEAD;

    static List<RuleProblem> problems(String yaml) {
        ParseResult r = RuleSetParser.parse("draft.yaml", yaml);
        assertThat(r.isValid()).as("should be invalid").isFalse();
        return r.problems();
    }

    static RuleProblem only(String yaml) {
        List<RuleProblem> p = problems(yaml);
        assertThat(p).as(p.toString()).hasSize(1);
        return p.get(0);
    }

    static String step(String id, String body) {
        return "  - id: " + id + "\n    nameZh: 步\n    nameEn: step\n" + body.indent(4);
    }

    @Test
    void a_valid_draft_parses() {
        ParseResult r = RuleSetParser.parse("draft.yaml", HEAD + "steps:\n"
                + step("a", "percent: 40\nrecipient: operator") + step("b", "remaining: true\nbasis: equal\nfallback: operator"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.ruleSet().toMap()).containsEntry("id", "draft");
    }

    @Test
    void percent_over_100_names_line_and_field() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "percent: 120\nrecipient: operator"));
        assertThat(p.file()).isEqualTo("draft.yaml");
        assertThat(p.field()).isEqualTo("steps[0].percent");
        assertThat(p.line()).isEqualTo(11); // 6 header lines, "steps:", then id, nameZh, nameEn, percent
        assertThat(p.column()).isEqualTo(5);
        assertThat(p.message()).contains("at most 100");
    }

    @Test
    void percentages_of_a_level_over_100() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "percent: 70\nrecipient: operator")
                + step("b", "percent: 40\nrecipient: village_collective"));
        assertThat(p.field()).isEqualTo("steps");
        assertThat(p.message()).contains("110%");
    }

    @Test
    void percentages_under_100_without_remaining_would_lose_money() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "percent: 70\nrecipient: operator"));
        assertThat(p.message()).contains("remaining: true");
    }

    @Test
    void two_remaining_steps() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "remaining: true\nrecipient: operator")
                + step("b", "remaining: true\nrecipient: village_collective"));
        assertThat(p.field()).isEqualTo("steps[1].remaining");
        assertThat(p.line()).isEqualTo(16);
    }

    @Test
    void unknown_basis() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "remaining: true\nbasis: by_need\nfallback: operator"));
        assertThat(p.field()).isEqualTo("steps[0].basis");
        assertThat(p.message()).contains("unknown basis 'by_need'").contains("labor_days");
    }

    @Test
    void a_household_step_without_a_fallback() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "remaining: true\nbasis: labor_days"));
        assertThat(p.field()).isEqualTo("steps[0].fallback");
        assertThat(p.message()).contains("no household is eligible");
    }

    @Test
    void a_fallback_step_must_be_a_later_sibling() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "remaining: true\nrecipient: operator")
                + step("b", "percent: 0.5\nbasis: equal\nfallbackStep: a"));
        assertThat(p.field()).isEqualTo("steps[1].fallbackStep");
    }

    @Test
    void a_cap_without_overflow_cannot_be_met() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "remaining: true\nbasis: equal\nfallback: operator\n"
                + "capPerHouseholdPerYearFen: 500000"));
        assertThat(p.field()).isEqualTo("steps[0].capPerHouseholdPerYearFen");
        assertThat(p.message()).contains("cannot be met").contains("overflowTo");
    }

    @Test
    void a_zero_cap_cannot_be_met() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "remaining: true\nbasis: equal\nfallback: operator\n"
                + "capPerHouseholdPerYearFen: 0\noverflowTo: village_collective"));
        assertThat(p.message()).contains("cannot be met");
    }

    @Test
    void a_cap_on_a_guarantee_cannot_be_met() {
        List<RuleProblem> ps = problems(HEAD + "steps:\n" + step("g", "guaranteed: {perUnitPerYearFen: 50000}\n"
                + "basis: land_mu\ncapPerHouseholdPerYearFen: 100\noverflowTo: operator")
                + step("r", "remaining: true\nrecipient: operator"));
        assertThat(ps).extracting(RuleProblem::message).anyMatch(m -> m.contains("cannot be met together with a guarantee"));
    }

    @Test
    void missing_id_and_version() {
        List<RuleProblem> ps = problems("nameZh: 草稿\nnameEn: Draft\nsource: {zh: 测试, en: test}\n"
                + "compliance:\n  - {id: c, kind: per_area_linkage, nameZh: 检查, nameEn: check, perMu: 100}\n");
        assertThat(ps).extracting(RuleProblem::field).containsExactlyInAnyOrder("id", "version");
        assertThat(ps).allMatch(p -> p.line() == 1);
    }

    @Test
    void unknown_field_suggests_the_known_spelling() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "percent: 100\nrecipient: operator\nrecipent: operator"));
        assertThat(p.field()).isEqualTo("steps[0].recipent");
        assertThat(p.message()).contains("did you mean 'recipient'");
    }

    @Test
    void unknown_recipient_status_and_pool_kind() {
        List<RuleProblem> ps = problems(HEAD.replace("surplus", "profit") + "steps:\n"
                + step("a", "percent: 50\nrecipient: township")
                + step("b", "remaining: true\nbasis: equal\nfallback: operator\neligibility: {status: [RICH]}"));
        assertThat(ps).extracting(RuleProblem::field)
                .containsExactlyInAnyOrder("pool.kind", "steps[0].recipient", "steps[1].eligibility.status");
    }

    @Test
    void a_step_needs_exactly_one_share_and_one_target() {
        List<RuleProblem> ps = problems(HEAD + "steps:\n" + step("a", "percent: 50\nremaining: true\n"
                + "recipient: operator\nbasis: equal\nfallback: operator"));
        assertThat(ps).extracting(RuleProblem::message)
                .anyMatch(m -> m.contains("exactly one of percent, remaining"))
                .anyMatch(m -> m.contains("exactly one of 'basis'"));
    }

    @Test
    void prior_claims_come_first() {
        RuleProblem p = only(HEAD + "steps:\n" + step("a", "percent: 50\nrecipient: operator")
                + step("b", "amountFen: 1000\nrecipient: village_collective")
                + step("c", "remaining: true\nrecipient: provident_fund"));
        assertThat(p.message()).contains("paid first");
    }

    @Test
    void duplicate_step_ids_and_duplicate_keys() {
        List<RuleProblem> ps = problems(HEAD + "steps:\n" + step("a", "percent: 50\nrecipient: operator")
                + step("a", "remaining: true\nrecipient: operator\nrecipient: village_collective"));
        assertThat(ps).extracting(RuleProblem::message)
                .anyMatch(m -> m.contains("used twice")).anyMatch(m -> m.contains("duplicate field"));
    }

    @Test
    void a_yaml_syntax_error_names_the_line() {
        RuleProblem p = only("id: x\nversion: [1\nnameZh: a\n");
        assertThat(p.field()).isEqualTo("(syntax)");
        assertThat(p.line()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_bad_fiscal_transition_and_guarantee_basis() {
        List<RuleProblem> ps = problems(HEAD + "steps:\n" + step("g", "guaranteed: {ratePercentPerYear: 5, unitValueFen: 100}\n"
                + "basis: labor_days") + step("r", "remaining: true\nbasis: share_units\nfallback: operator\n"
                + "eligibility: {fiscalTransition: three years}"));
        assertThat(ps).extracting(RuleProblem::field).contains("steps[0].basis", "steps[1].eligibility.fiscalTransition");
    }

    @Test
    void the_catalog_refuses_a_broken_file_and_names_it(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.yaml"), HEAD + "steps:\n" + step("a", "remaining: true\nrecipient: operator"));
        Files.writeString(dir.resolve("broken.yaml"), HEAD.replace("draft", "other") + "steps:\n"
                + step("a", "percent: 101\nrecipient: operator"));
        assertThatThrownBy(() -> RuleSetCatalog.loadDirectory(dir)).isInstanceOf(RuleSetException.class)
                .hasMessageContaining("broken.yaml:11:5").hasMessageContaining("steps[0].percent");
    }

    @Test
    void the_catalog_refuses_two_files_with_one_id(@TempDir Path dir) throws Exception {
        String ok = HEAD + "steps:\n" + step("a", "remaining: true\nrecipient: operator");
        Files.writeString(dir.resolve("a.yaml"), ok);
        Files.writeString(dir.resolve("b.yaml"), ok);
        assertThatThrownBy(() -> RuleSetCatalog.loadDirectory(dir)).hasMessageContaining("already defined in a.yaml");
    }
}
