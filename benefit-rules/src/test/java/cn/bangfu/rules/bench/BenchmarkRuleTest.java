package cn.bangfu.rules.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.bangfu.rules.load.RuleSetParser;
import org.junit.jupiter.api.Test;

/**
 * The benchmark command parses its rule only when it runs, outside the test suite: a validation rule added
 * later (land in 亩 mixed with money in 元 without a valuation, issue 14) broke {@code mvn -Pbench} without any
 * test noticing. This keeps the benchmark's rule valid under the same parser the server uses.
 */
class BenchmarkRuleTest {
  @Test
  void theAllocationBenchmarksRuleIsValid() {
    var parsed = RuleSetParser.parse("bench.yaml", AllocationBenchmark.RULE);
    assertTrue(parsed.isValid(), () -> "the benchmark's rule is invalid: " + parsed.problems());
  }
}
