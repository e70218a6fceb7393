package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.model.Step;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.Exclusion;
import cn.bangfu.rules.result.Liability;
import cn.bangfu.rules.result.Money;
import cn.bangfu.rules.result.StepAmount;
import cn.bangfu.rules.result.Warning;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 保底: what each eligible household is owed by a guaranteed step, pro-rated by days, and how a smaller pool
 * is shared (in proportion to what is owed; the rest becomes a liability, never silently dropped).
 */
final class GuaranteePlan {
    private final Step step;
    private final List<MemberFacts> owedTo = new ArrayList<>();
    private final List<BigDecimal> basisValues = new ArrayList<>();
    private final List<Long> owed = new ArrayList<>();
    private final List<MemberFacts> excluded = new ArrayList<>();
    private final List<Exclusion> excludedWhy = new ArrayList<>();
    private long demand;

    private GuaranteePlan(Step step) {
        this.step = step;
    }

    static GuaranteePlan of(Step step, Run run) {
        GuaranteePlan p = new GuaranteePlan(step);
        BigDecimal perUnit = step.guarantee().perUnitPerYearFen();
        BigDecimal denominator = BigDecimal.valueOf(DayCount.DENOMINATOR);
        for (MemberFacts m : run.members) {
            BigDecimal nominalBasis = nominalBasis(step, m, run);
            if (nominalBasis.signum() == 0) {
                continue;
            }
            Exclusion why = EligibilityCheck.check(step.eligibility(), m, step.basis());
            if (EligibilityCheck.outsideStep(why)) {
                continue;
            }
            // Σ units × year-fraction numerator: the unit-years owed, over DayCount.DENOMINATOR.
            BigDecimal unitYearsNum = why != null ? BigDecimal.ZERO : unitYearsNumerator(step, m, run);
            if (why == null && unitYearsNum.signum() == 0) {
                why = Exclusion.FISCAL_TRANSITION_ENDED;
            }
            if (why != null) {
                p.excluded.add(m);
                p.excludedWhy.add(why);
                continue;
            }
            long o = step.guarantee().postPay() ? m.postPayFen() : step.guarantee().perLaborDay()
                    ? perUnit.multiply(nominalBasis).setScale(0, RoundingMode.HALF_UP).longValueExact()
                    : perUnit.multiply(unitYearsNum).divide(denominator, 0, RoundingMode.HALF_UP).longValueExact();
            p.owedTo.add(m);
            p.basisValues.add(nominalBasis);
            p.owed.add(o);
            p.demand = Math.addExact(p.demand, o);
        }
        return p;
    }

    long demand() {
        return demand;
    }

    /** What each household will be paid from {@code take} (≤ demand): the same split {@link #pay} makes. */
    java.util.Map<Long, Long> paidByHousehold(long take) {
        long[] owedArr = owed.stream().mapToLong(Long::longValue).toArray();
        long[] paid = take == demand ? owedArr : LargestRemainder.split(take, owedArr);
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (int i = 0; i < paid.length; i++) {
            out.put(owedTo.get(i).householdId(), paid[i]);
        }
        return out;
    }

    Step step() {
        return step;
    }

    /** Pays {@code take} (≤ demand) and records shortfalls as liabilities. */
    void pay(long take, String parentId, Run run) {
        BigDecimal total = basisValues.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        StepAmount info = new StepAmount(step.id(), parentId, step.nameZh(), step.nameEn(), step.basis(), take, total,
                owedTo.size());
        run.steps.add(info);
        long[] owedArr = owed.stream().mapToLong(Long::longValue).toArray();
        long[] paid = take == demand ? owedArr : LargestRemainder.split(take, owedArr);
        // Lines in household order: owed and excluded lists are each sorted; merge them.
        int a = 0;
        int b = 0;
        while (a < owedTo.size() || b < excluded.size()) {
            boolean takeOwed = b >= excluded.size()
                    || (a < owedTo.size() && owedTo.get(a).householdId() < excluded.get(b).householdId());
            if (takeOwed) {
                MemberFacts m = owedTo.get(a);
                run.lines.add(AllocationLine.guarantee(info, m, basisValues.get(a), paid[a], owedArr[a]));
                if (paid[a] < owedArr[a] && step.guarantee().liability()) {
                    run.liabilities.add(new Liability(m.householdId(), step.id(), owedArr[a], paid[a]));
                }
                a++;
            } else {
                MemberFacts m = excluded.get(b);
                run.lines.add(AllocationLine.excluded(info, m, nominalBasis(step, m, run), excludedWhy.get(b), 0,
                        step.eligibility()));
                b++;
            }
        }
        if (take < demand) {
            long shortfall = demand - take;
            String owner = step.guarantee().liability() ? "记为经营主体负债" : "本期不再补足";
            run.warn(Warning.Kind.GUARANTEE_SHORTFALL, step.id(), null, shortfall,
                    "「" + step.nameZh() + "」保底应付 " + Money.yuan(demand) + " 元，可分配仅 " + Money.yuan(take)
                            + " 元，差额 " + Money.yuan(shortfall) + " 元" + owner,
                    "Step " + step.id() + ": guaranteed " + Money.yuan(demand) + " yuan but only " + Money.yuan(take)
                            + " yuan available; the shortfall of " + Money.yuan(shortfall) + " yuan is "
                            + (step.guarantee().liability() ? "recorded as the operator's liability" : "not carried over"));
        }
    }

    private static BigDecimal nominalBasis(Step step, MemberFacts m, Run run) {
        return switch (step.basis()) {
            case SHARE_UNITS -> BasisWeights.shareDays(m, step.shareClasses(),
                    ShareWeighting.of(step.shareClasses(), run.parameters), run.start, run.endExclusive, null);
            case LAND_MU -> m.landMu();
            case LABOR_DAYS -> m.laborDays();
            case POST_DAYS -> m.postDays();
            case EQUAL -> BigDecimal.ONE;
            default -> throw new IllegalStateException("validated: guarantee on " + step.basis());
        };
    }

    private static BigDecimal unitYearsNumerator(Step step, MemberFacts m, Run run) {
        switch (step.basis()) {
            case LAND_MU:
                return landMuYearsNumerator(m, run);
            case EQUAL:
                return BigDecimal.valueOf(run.periodYearNumerator);
            case LABOR_DAYS:
                return m.laborDays(); // a wage per day: not a year fraction (see the caller)
            case POST_DAYS:
                return m.postDays(); // the posts' own pay (see the caller)
            default:
                break;
        }
        LocalDate fiscalEnd = EligibilityCheck.fiscalEarningEnd(step.eligibility(), m);
        ShareWeighting weighting = ShareWeighting.of(step.shareClasses(), run.parameters);
        BigDecimal sum = BigDecimal.ZERO;
        for (ShareHolding h : m.shares()) {
            if (!step.shareClasses().contains(h.shareClass())) {
                continue;
            }
            LocalDate end = run.endExclusive;
            if (fiscalEnd != null && h.shareClass() == ShareClass.FISCAL && fiscalEnd.isBefore(end)) {
                end = fiscalEnd;
            }
            long num = DayCount.overlapYearNumerator(h.since(), h.until(), run.start, end);
            sum = sum.add(weighting.units(h, m.householdId()).multiply(new BigDecimal(BigInteger.valueOf(num))));
        }
        return sum;
    }

    /**
     * Mu × year fraction of the days each piece of land was held within the period, like share-days: land put
     * in on 1 December is owed 31 days of the year, not the whole year. Facts with land but no dated land
     * holdings (a plain area) count the whole period.
     */
    private static BigDecimal landMuYearsNumerator(MemberFacts m, Run run) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean dated = false;
        for (ShareHolding h : m.shares()) {
            if (h.shareClass() != ShareClass.LAND) {
                continue;
            }
            dated = true;
            long num = DayCount.overlapYearNumerator(h.since(), h.until(), run.start, run.endExclusive);
            sum = sum.add(h.units().multiply(BigDecimal.valueOf(num)));
        }
        return dated ? sum : m.landMu().multiply(BigDecimal.valueOf(run.periodYearNumerator));
    }
}
