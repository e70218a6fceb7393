package cn.bangfu.distribution;

import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule sets this server runs: the built-in files of benefit-rules/, plus, when LEDGER_RULES_DIR
 * names a folder, a county's or cooperative's own *.yaml files. All are validated together at start;
 * one broken file stops the server with file, line and field (RuleSetException's message).
 */
public final class RuleSets {
  private RuleSets() {
  }

  public static RuleSetCatalog load(String extraDirectory) {
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
}
