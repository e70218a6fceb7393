package cn.bangfu.rules.load;

import cn.bangfu.rules.model.RuleSet;
import java.util.List;

/** Either a valid rule set or the problems found; never both. */
public record ParseResult(RuleSet ruleSet, List<RuleProblem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
        if ((ruleSet == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a parse result holds a rule set or problems, not both");
        }
    }

    public boolean isValid() {
        return ruleSet != null;
    }

    /** The rule set, or a {@link RuleSetException} listing every problem. */
    public RuleSet orThrow() {
        if (ruleSet == null) {
            throw new RuleSetException(problems);
        }
        return ruleSet;
    }
}
