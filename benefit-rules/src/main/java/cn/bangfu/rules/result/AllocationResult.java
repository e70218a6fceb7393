package cn.bangfu.rules.result;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run: the pool, what each step received, one line per recipient and step, and what a
 * reviewer must see. Lines are ordered by step (file order, depth first), then household id.
 */
public record AllocationResult(String ruleSetId, int ruleSetVersion, long cooperativeId, LocalDate periodStart,
                               LocalDate periodEnd, long poolFen, String poolExplanationZh, String poolExplanationEn,
                               List<StepAmount> steps, List<AllocationLine> lines, List<Warning> warnings,
                               List<Liability> liabilities, List<ComplianceResult> compliance) {

    public AllocationResult {
        steps = List.copyOf(steps);
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
        liabilities = List.copyOf(liabilities);
        compliance = List.copyOf(compliance);
    }

    /** Sum of all lines to a household, over every step. */
    public long householdTotalFen(long householdId) {
        long sum = 0;
        for (AllocationLine l : lines) {
            if (l.isHousehold() && l.householdId() == householdId) {
                sum += l.amountFen();
            }
        }
        return sum;
    }

    /** The household's line in a step, amount 0 when it has none. */
    public long amountFen(String stepId, long householdId) {
        return lines.stream()
                .filter(l -> l.stepId().equals(stepId) && l.isHousehold() && l.householdId() == householdId)
                .mapToLong(AllocationLine::amountFen).sum();
    }

    public StepAmount step(String stepId) {
        return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + stepId));
    }

    public long totalLinesFen() {
        long sum = 0;
        for (AllocationLine l : lines) {
            sum = Math.addExact(sum, l.amountFen());
        }
        return sum;
    }

    public long totalLiabilitiesFen() {
        return liabilities.stream().mapToLong(Liability::shortfallFen).sum();
    }

    public Map<String, Object> toMap() {
        return map(true);
    }

    /**
     * Everything but the lines: what a draft stores beside its line rows. Not {@code toMap()} less its
     * lines — a province cooperative's 294,739 lines made into maps only to be dropped took 5 s of its draft.
     */
    public Map<String, Object> summaryMap() {
        return map(false);
    }

    private Map<String, Object> map(boolean withLines) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleSetId", ruleSetId);
        m.put("ruleSetVersion", ruleSetVersion);
        m.put("cooperativeId", String.valueOf(cooperativeId));
        m.put("periodStart", periodStart.toString());
        m.put("periodEnd", periodEnd.toString());
        m.put("poolFen", poolFen);
        m.put("poolExplanationZh", poolExplanationZh);
        m.put("poolExplanationEn", poolExplanationEn);
        m.put("steps", steps.stream().map(StepAmount::toMap).toList());
        if (withLines) {
            m.put("lines", lines.stream().map(AllocationLine::toMap).toList());
        }
        m.put("warnings", warnings.stream().map(Warning::toMap).toList());
        m.put("liabilities", liabilities.stream().map(Liability::toMap).toList());
        m.put("liabilityRepayments", lines.stream().filter(l -> l.kind() == AllocationLine.Kind.LIABILITY_REPAYMENT)
                .map(l -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("householdId", String.valueOf(l.householdId()));
                    r.put("outstandingFen", l.owedFen());
                    r.put("repaidFen", l.amountFen());
                    r.put("stillOwedFen", l.owedFen() - l.amountFen());
                    return r;
                }).toList());
        m.put("compliance", compliance.stream().map(ComplianceResult::toMap).toList());
        return m;
    }
}
