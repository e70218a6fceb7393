package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.ComplianceCheck;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.ComplianceResult;
import cn.bangfu.rules.result.Money;
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
        String deducted = ruleSet.pool() == null ? "" : String.join("、", ruleSet.pool().costCategories());
        for (CostItem c : pool.notPlaced()) {
            run.warn(Warning.Kind.COST_NOT_PLACED, null, null, c.amountFen(),
                    "本期成本 " + Money.yuan(c.amountFen()) + " 元（类别 " + c.category() + "）未计入本规则的资金池："
                            + (deducted.isEmpty() ? "本规则不扣除成本" : "本规则只扣除 " + deducted)
                            + "；如属本规则的费用，请按正确类别入账，否则留待以后的分配扣除",
                    "A cost of " + Money.yuan(c.amountFen()) + " yuan (category " + c.category() + ") is not placed in"
                            + " this rule's pool, which deducts " + (deducted.isEmpty() ? "no cost" : "only " + deducted)
                            + "; if it belongs here, book it under the right category, else a later run deducts it");
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
            if (r.status() == ComplianceResult.Status.NOT_APPLICABLE) {
                run.warn(Warning.Kind.COMPLIANCE_NOT_APPLICABLE, null, null, 0, r.messageZh(), r.messageEn());
            } else if (!r.passed()) {
                run.warn(Warning.Kind.COMPLIANCE_FAILED, null, null, 0, r.messageZh(), r.messageEn());
            }
        }
        return new AllocationResult(ruleSet.id(), ruleSet.version(), facts.cooperativeId(), facts.periodStart(),
                facts.periodEnd(), pool.amountFen(), pool.zh(), pool.en(), run.steps, run.lines, run.warnings,
                run.liabilities, compliance);
    }
}
