package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.ComplianceCheck;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.ComplianceResult;
import cn.bangfu.rules.result.Warning;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine: (rule set, period facts) → allocation. Pure and deterministic: no I/O, no clock, no shared
 * state; the same facts in any order give the same lines, because members are put in household-id order
 * before anything is decided.
 */
public final class Allocator {

    private Allocator() {
    }

    public static AllocationResult allocate(RuleSet ruleSet, PeriodFacts facts) {
        Run run = new Run(facts, ruleSet.parameters());
        PoolCalculator.Pool pool = PoolCalculator.compute(ruleSet.pool(), facts);
        if (pool.empty()) {
            run.warn(Warning.Kind.POOL_EMPTY, null, null, 0, pool.zh(), pool.en());
        }
        long forSteps = pool.amountFen();
        if (!ruleSet.steps().isEmpty()) {
            forSteps -= LiabilityRepayment.pay(pool.amountFen(), run);
            LevelSplitter.split(ruleSet.steps(), forSteps, null, run);
        }
        List<ComplianceResult> compliance = new ArrayList<>();
        for (ComplianceCheck c : ruleSet.compliance()) {
            ComplianceResult r = ComplianceEvaluator.evaluate(c, facts, run.members);
            compliance.add(r);
            if (!r.evaluated()) {
                run.warn(Warning.Kind.COMPLIANCE_NOT_EVALUATED, null, null, 0, r.messageZh(), r.messageEn());
            } else if (!r.passed()) {
                run.warn(Warning.Kind.COMPLIANCE_FAILED, null, null, 0, r.messageZh(), r.messageEn());
            }
        }
        return new AllocationResult(ruleSet.id(), ruleSet.version(), facts.cooperativeId(), facts.periodStart(),
                facts.periodEnd(), pool.amountFen(), pool.zh(), pool.en(), run.steps, run.lines, run.warnings,
                run.liabilities, compliance);
    }
}
