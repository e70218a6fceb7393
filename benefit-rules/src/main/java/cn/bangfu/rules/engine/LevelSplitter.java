package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.model.Step;
import cn.bangfu.rules.model.StepShare;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.Money;
import cn.bangfu.rules.result.StepAmount;
import cn.bangfu.rules.result.Warning;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an amount among sibling steps, then each step among its recipients. Prior claims (fixed amounts,
 * guarantees) are paid first in file order; percent, equity-fraction and remaining steps share the rest by
 * largest remainder, ties to the earlier step.
 */
final class LevelSplitter {
    private static final long HUNDRED_PERCENT_BP = 10_000;

    private LevelSplitter() {
    }

    static void split(List<Step> steps, long amount, String parentId, Run run) {
        int n = steps.size();
        long[] stepAmounts = new long[n];
        GuaranteePlan[] plans = new GuaranteePlan[n];
        long available = amount;
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            if (!s.share().isPriorClaim()) {
                continue;
            }
            long demand;
            if (s.share().kind() == StepShare.Kind.GUARANTEED) {
                plans[i] = GuaranteePlan.of(s, run);
                demand = plans[i].demand();
            } else {
                demand = s.share().amountFen();
            }
            long take = Math.min(demand, available);
            if (take < demand && s.share().kind() == StepShare.Kind.FIXED) {
                run.warn(Warning.Kind.FIXED_AMOUNT_SHORTFALL, s.id(), null, demand - take,
                        "「" + s.nameZh() + "」定额 " + Money.yuan(demand) + " 元，仅能支付 " + Money.yuan(take) + " 元",
                        "Step " + s.id() + ": fixed amount " + Money.yuan(demand) + " yuan, only " + Money.yuan(take)
                                + " yuan available");
            }
            stepAmounts[i] = take;
            available -= take;
        }
        splitShares(steps, available, stepAmounts, run);
        FloorPairs floors = FloorPairs.of(steps, plans, run);
        long[] grossAmounts = null;
        if (floors != null) {
            // under the floor reading the dividend is the pro-rata part of the whole level, guarantees included
            grossAmounts = new long[n];
            splitShares(steps, amount, grossAmounts, run);
        }

        Map<String, Long> carried = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            long a = stepAmounts[i] + carried.getOrDefault(s.id(), 0L);
            long moved;
            if (plans[i] != null) {
                plans[i].pay(a, parentId, run);
                moved = 0;
            } else if (floors != null && floors.guaranteeOf[i] >= 0) {
                GuaranteePlan plan = plans[floors.guaranteeOf[i]];
                int rem = floors.remainingIdx;
                long room = a + stepAmounts[rem];
                long placed = HouseholdSplitter.splitOverGuarantee(s, grossAmounts[i],
                        plan.paidByHousehold(stepAmounts[floors.guaranteeOf[i]]), room, parentId, run);
                if (placed < 0) {
                    moved = distribute(s, a, parentId, run);
                } else {
                    stepAmounts[rem] = room - placed;
                    moved = 0;
                }
            } else {
                moved = distribute(s, a, parentId, run);
            }
            if (moved > 0) {
                carried.merge(s.fallbackStep(), moved, Long::sum);
            }
        }
    }

    /**
     * Under the floor reading ({@code parameters.guaranteeReading: floor}), an equity-fraction step on the
     * same share classes as a guarantee step of its level is that guarantee's dividend: a household gets the
     * larger of the two. The parser puts such a step before the level's remaining step, which absorbs the
     * difference.
     */
    private record FloorPairs(int[] guaranteeOf, int remainingIdx) {
        static FloorPairs of(List<Step> steps, GuaranteePlan[] plans, Run run) {
            if (run.parameters.guaranteeReading() != cn.bangfu.rules.model.GuaranteeReading.FLOOR) {
                return null;
            }
            int n = steps.size();
            int[] of = new int[n];
            java.util.Arrays.fill(of, -1);
            int rem = -1;
            boolean any = false;
            for (int i = 0; i < n; i++) {
                Step s = steps.get(i);
                if (s.share().kind() == StepShare.Kind.REMAINING) {
                    rem = i;
                }
                if (s.share().kind() != StepShare.Kind.EQUITY_FRACTION) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (plans[j] != null && plans[j].step().isFloorOf(s)) {
                        of[i] = j;
                        any = true;
                    }
                }
            }
            return any && rem >= 0 ? new FloorPairs(of, rem) : null;
        }
    }

    /** Share steps' weights over one common denominator: basis points × (total share-days when needed). */
    private static void splitShares(List<Step> steps, long available, long[] stepAmounts, Run run) {
        int n = steps.size();
        BigInteger denominator = BigInteger.ONE;
        BigInteger[] equityNumerators = new BigInteger[n];
        BigInteger allShareDays = null;
        BigDecimal[] numerators = new BigDecimal[n];
        BigDecimal all = null;
        for (int i = 0; i < n; i++) {
            StepShare sh = steps.get(i).share();
            if (sh.kind() == StepShare.Kind.EQUITY_FRACTION) {
                if (all == null) {
                    all = totalShareDays(run, null, steps.get(i));
                }
                numerators[i] = totalShareDays(run, sh, steps.get(i));
            }
        }
        if (all != null) {
            // weighed units may carry decimals: one common scale makes every total an exact integer
            int scale = all.scale();
            for (BigDecimal d : numerators) {
                scale = d == null ? scale : Math.max(scale, d.scale());
            }
            allShareDays = all.setScale(scale).unscaledValue();
            for (int i = 0; i < n; i++) {
                equityNumerators[i] = numerators[i] == null ? null : numerators[i].setScale(scale).unscaledValue();
            }
        }
        if (allShareDays != null && allShareDays.signum() > 0) {
            denominator = allShareDays;
        }
        BigInteger whole = BigInteger.valueOf(HUNDRED_PERCENT_BP).multiply(denominator);
        BigInteger[] weights = new BigInteger[n];
        BigInteger used = BigInteger.ZERO;
        int remainingIdx = -1;
        boolean anyShare = false;
        for (int i = 0; i < n; i++) {
            StepShare sh = steps.get(i).share();
            weights[i] = BigInteger.ZERO;
            switch (sh.kind()) {
                case PERCENT -> weights[i] = BigInteger.valueOf(sh.basisPoints()).multiply(denominator);
                case EQUITY_FRACTION -> weights[i] = allShareDays.signum() == 0 ? BigInteger.ZERO
                        : BigInteger.valueOf(HUNDRED_PERCENT_BP).multiply(equityNumerators[i]);
                case REMAINING -> remainingIdx = i;
                default -> {
                    continue;
                }
            }
            anyShare = true;
            used = used.add(weights[i]);
        }
        if (remainingIdx >= 0) {
            weights[remainingIdx] = whole.subtract(used).max(BigInteger.ZERO);
        }
        if (!anyShare || available == 0) {
            return;
        }
        long[] parts = LargestRemainder.split(available, weights);
        for (int i = 0; i < n; i++) {
            if (!steps.get(i).share().isPriorClaim()) {
                stepAmounts[i] = parts[i];
            }
        }
    }

    /**
     * Nominal share-days of the whole membership: the equity structure, regardless of who may earn. A
     * fiscal share past its transition still counts here, so its part is re-split among the other
     * fiscal-share households rather than leaking to other classes.
     */
    private static BigDecimal totalShareDays(Run run, StepShare classesOf, Step step) {
        BigDecimal sum = BigDecimal.ZERO;
        var all = java.util.EnumSet.allOf(cn.bangfu.rules.model.ShareClass.class);
        var classes = classesOf == null ? all : classesOf.equityClasses();
        // numerator and denominator are weighed alike, over the whole equity: land by its value in 元
        ShareWeighting weighting = ShareWeighting.of(all, run.parameters);
        for (MemberFacts m : run.members) {
            sum = sum.add(BasisWeights.shareDays(m, classes, weighting, run.start, run.endExclusive, null));
        }
        return sum;
    }

    /** @return the amount to move to the step's fallbackStep */
    private static long distribute(Step s, long amount, String parentId, Run run) {
        if (s.recipient() != null) {
            StepAmount info = new StepAmount(s.id(), parentId, s.nameZh(), s.nameEn(), null, amount, null, 0);
            run.steps.add(info);
            run.lines.add(AllocationLine.fixed(AllocationLine.Kind.FIXED_RECIPIENT, info, s.recipient(), amount));
            return 0;
        }
        if (s.isSplit()) {
            run.steps.add(new StepAmount(s.id(), parentId, s.nameZh(), s.nameEn(), null, amount, null, 0));
            split(s.children(), amount, s.id(), run);
            return 0;
        }
        return HouseholdSplitter.split(s, amount, parentId, run);
    }
}
