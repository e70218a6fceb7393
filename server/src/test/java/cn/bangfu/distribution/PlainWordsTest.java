package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.Basis;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The distribution vocabulary in plain Chinese (issue 15): every step of every built-in rule file that
 * pays households by a basis gets one of the kinds a household knows, never its code or the general word.
 */
class PlainWordsTest {
  private static final Set<String> KINDS = Set.of("按交易额返还", "按股分红", "保底分红", "公益岗位", "土地租金", "工资",
      "每户均分收益", "偿还往期保底欠款");

  @Test
  void the_steps_of_the_built_in_rule_files_are_named_by_the_kinds_of_the_household_page() {
    assertThat(PlainWords.kind("trade-rebate", "DELIVERY_VALUE")).isEqualTo("按交易额返还");
    assertThat(PlainWords.kind("share-dividend", "SHARE_UNITS")).isEqualTo("按股分红");
    assertThat(PlainWords.kind("fiscal-guaranteed", "SHARE_UNITS")).isEqualTo("保底分红");
    assertThat(PlainWords.kind("welfare-posts", "LABOR_DAYS")).isEqualTo("公益岗位");
    assertThat(PlainWords.kind("land-rent", "LAND_MU")).isEqualTo("土地租金");
    assertThat(PlainWords.kind("leaseback-wage", "LABOR_DAYS")).isEqualTo("工资");
    assertThat(PlainWords.kind("liability-repayment", null)).isEqualTo("偿还往期保底欠款");

    List<String> unnamed = new ArrayList<>();
    for (RuleSet rules : RuleSetCatalog.loadBuiltIn().all()) {
      for (Step step : steps(rules.steps())) {
        if (step.basis() != null && !KINDS.contains(PlainWords.kind(step.id(), step.basis().name()))) {
          unnamed.add(rules.id() + "/" + step.id() + " → " + PlainWords.kind(step.id(), step.basis().name()));
        }
      }
    }
    assertThat(unnamed).isEmpty();
  }

  @Test
  void every_run_status_and_basis_has_its_words() {
    for (RunStatus status : RunStatus.values()) {
      assertThat(PlainWords.RUN_STATUS.get(status)).as(status.name()).isNotBlank().doesNotContainPattern("[A-Za-z]");
    }
    for (Basis basis : Basis.values()) {
      assertThat(PlainWords.basis(basis.name())).as(basis.name()).isNotEqualTo("按规则").doesNotContainPattern("[A-Za-z]");
    }
  }

  private static List<Step> steps(List<Step> steps) {
    List<Step> all = new ArrayList<>();
    for (Step step : steps) {
      all.add(step);
      all.addAll(steps(step.children()));
    }
    return all;
  }
}
