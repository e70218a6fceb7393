package cn.bangfu.rules.load;

import java.util.List;
import java.util.stream.Collectors;

/** A rule file (or the catalog) is invalid; the message names every file, line and field. */
public class RuleSetException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super("invalid rule set:\n  " + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
