package cn.bangfu.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.RuleSetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool names the book's categories; one the book does not have would match nothing (a county's PV pool
 * of 0 元, or costs never deducted), so the server refuses to start with it, naming the file and field.
 */
class RuleSetCategoriesTest {
  static final String FILE = """
      id: county-pv
      version: 1
      nameZh: 县级光伏
      nameEn: County PV
      source: {zh: 县文件, en: county notice}
      pool: {kind: book, incomeCategories: [PV_GRIDS], costCategories: [OPERATION_MAINTENANCE, INSURANCE]}
      steps:
        - {id: all, nameZh: 村集体, nameEn: Village, remaining: true, recipient: village_collective}
      """;

  @Test
  void a_rule_file_naming_categories_the_book_does_not_have_stops_the_start(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("county-pv.yaml"), FILE);
    assertThatThrownBy(() -> RuleSets.load(dir.toString())).isInstanceOfSatisfying(RuleSetException.class, e -> {
      assertThat(e.problems()).extracting(RuleProblem::field)
          .containsExactly("pool.incomeCategories", "pool.costCategories");
      assertThat(e.problems().get(0).file()).endsWith("county-pv.yaml");
      assertThat(e.problems().get(0).message()).contains("PV_GRIDS").contains("PV_SUBSIDY");
      assertThat(e.problems().get(1).message()).contains("INSURANCE");
    });
  }

  @Test
  void the_built_in_rule_sets_name_only_the_books_categories(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("county-pv.yaml"), FILE.replace("PV_GRIDS", "PV_GRID").replace(", INSURANCE", ""));
    assertThat(RuleSets.load(dir.toString()).find("county-pv")).isPresent();
    assertThat(RuleSets.load(null).find("household-rooftop-pv")).isPresent();
  }
}
