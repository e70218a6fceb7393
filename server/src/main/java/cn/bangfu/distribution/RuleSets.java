package cn.bangfu.distribution;

import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.load.RuleSetException;
import cn.bangfu.rules.model.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule sets this server runs: the built-in files of benefit-rules/, plus, when LEDGER_RULES_DIR
 * names a folder, a county's or cooperative's own *.yaml files. All are validated together at start;
 * one broken file stops the server with file, line and field (RuleSetException's message).
 */
public final class RuleSets {
  private RuleSets() {
  }

  public static RuleSetCatalog load(String extraDirectory) {
    return knownCategories(catalog(extraDirectory));
  }

  private static RuleSetCatalog catalog(String extraDirectory) {
    RuleSetCatalog builtIn = RuleSetCatalog.loadBuiltIn();
    if (extraDirectory == null || extraDirectory.isBlank()) {
      return builtIn;
    }
    Path dir = Path.of(extraDirectory);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("LEDGER_RULES_DIR " + dir + " is not a directory");
    }
    List<String[]> files = new ArrayList<>();
    for (RuleSet ruleSet : builtIn.all()) {
      files.add(new String[] {ruleSet.fileName(), ruleSet.yamlText()});
    }
    for (RuleSet ruleSet : RuleSetCatalog.loadDirectory(dir).all()) {
      files.add(new String[] {dir.resolve(ruleSet.fileName()).toString(), ruleSet.yamlText()});
    }
    return RuleSetCatalog.of(files);
  }

  /**
   * A pool's categories are the book's closed vocabularies (BookCategories): benefit-rules cannot know
   * them, and a misspelt one would match nothing and silently empty or inflate a pool, so the server
   * refuses it at start, naming the file and field.
   */
  static RuleSetCatalog knownCategories(RuleSetCatalog catalog) {
    Set<String> income = names(IncomeCategory.values());
    Set<String> costs = names(CostCategory.values());
    List<RuleProblem> problems = new ArrayList<>();
    for (RuleSet ruleSet : catalog.all()) {
      if (ruleSet.pool() == null) {
        continue;
      }
      unknown(ruleSet, "pool.incomeCategories", ruleSet.pool().incomeCategories(), income, problems);
      unknown(ruleSet, "pool.costCategories", ruleSet.pool().costCategories(), costs, problems);
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return catalog;
  }

  private static void unknown(RuleSet ruleSet, String field, List<String> named, Set<String> known,
      List<RuleProblem> problems) {
    for (String category : named) {
      if (!known.contains(category)) {
        problems.add(new RuleProblem(ruleSet.fileName(), 0, 0, field, "unknown category '" + category
            + "' (the book's categories: " + String.join(", ", new TreeSet<>(known)) + ")"));
      }
    }
  }

  private static Set<String> names(Enum<?>[] values) {
    Set<String> out = new HashSet<>();
    for (Enum<?> v : values) {
      out.add(v.name());
    }
    return out;
  }
}
