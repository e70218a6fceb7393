package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.model.FixedRecipient;
import cn.bangfu.rules.model.Step;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.Money;
import cn.bangfu.rules.result.StepAmount;
import cn.bangfu.rules.result.Warning;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Splits one step's amount among households by its basis: eligibility, re-split, caps, fallback. */
final class HouseholdSplitter {

    private HouseholdSplitter() {
    }

    /**
     * @return the amount that must move to the step's {@code fallbackStep} (0 when placed here)
     */
    static long split(Step step, long amount, String parentId, Run run) {
        BasisWeights w = BasisWeights.of(step, run);
        StepAmount info = new StepAmount(step.id(), parentId, step.nameZh(), step.nameEn(), step.basis(), amount,
                w.value(w.totalEffective), w.eligible);
        run.steps.add(info);
        long[] nominalParts = w.anyReduced && w.totalNominal > 0
                ? LargestRemainder.split(amount, compact(w.nominal, w.count)) : null;

        if (w.totalEffective == 0) {
            emitExcluded(info, w, nominalParts, step, run);
            if (amount == 0) {
                return 0;
            }
            if (step.fallbackStep() != null) {
                run.warn(Warning.Kind.FALLBACK_USED, step.id(), null, amount,
                        "「" + step.nameZh() + "」无符合条件的户，" + Money.yuan(amount) + " 元转入步骤 " + step.fallbackStep(),
                        "Step " + step.id() + " had no eligible household; " + Money.yuan(amount)
                                + " yuan moved to step " + step.fallbackStep());
                return amount;
            }
            FixedRecipient to = step.fallbackRecipient();
            run.lines.add(AllocationLine.fixed(AllocationLine.Kind.FALLBACK, info, to, amount));
            run.warn(Warning.Kind.FALLBACK_USED, step.id(), null, amount,
                    "「" + step.nameZh() + "」无符合条件的户，" + Money.yuan(amount) + " 元转入" + to.nameZh(),
                    "Step " + step.id() + " had no eligible household; " + Money.yuan(amount) + " yuan went to the "
                            + to.nameEn());
            return 0;
        }

        long[] eff = compact(w.effective, w.count);
        long[] parts = LargestRemainder.split(amount, eff);
        long capFen = -1;
        boolean[] capped = null;
        if (step.capPerHouseholdPerYearFen() != null) {
            capFen = BigInteger.valueOf(step.capPerHouseholdPerYearFen())
                    .multiply(BigInteger.valueOf(run.periodYearNumerator))
                    .divide(BigInteger.valueOf(DayCount.DENOMINATOR)).longValueExact();
            capped = new boolean[w.count];
            long overflow = applyCap(parts, eff, capFen, capped);
            if (overflow > 0) {
                run.warn(Warning.Kind.CAP_OVERFLOW, step.id(), null, overflow,
                        "「" + step.nameZh() + "」各户均达上限，" + Money.yuan(overflow) + " 元转入" + step.overflowTo().nameZh(),
                        "Step " + step.id() + ": every household reached the cap; " + Money.yuan(overflow)
                                + " yuan went to the " + step.overflowTo().nameEn());
            }
            if (overflow > 0) {
                emitLines(info, w, parts, nominalParts, capped, capFen, step, run);
                run.lines.add(AllocationLine.fixed(AllocationLine.Kind.OVERFLOW, info, step.overflowTo(), overflow));
                return 0;
            }
        }
        emitLines(info, w, parts, nominalParts, capped, capFen, step, run);
        warnWithheld(step, w, parts, nominalParts, run);
        return 0;
    }

    /** Penalties re-split money: the reviewer is told how much and among how many. */
    private static void warnWithheld(Step step, BasisWeights w, long[] parts, long[] nominalParts, Run run) {
        if (nominalParts != null) {
            long withheld = 0;
            int excluded = 0;
            for (int k = 0; k < w.count; k++) {
                if (w.effective[k] < w.nominal[k]) {
                    withheld += Math.max(0, nominalParts[k] - parts[k]);
                    excluded++;
                }
            }
            run.warn(Warning.Kind.WITHHELD_RESPLIT, step.id(), null, withheld,
                    "「" + step.nameZh() + "」有 " + excluded + " 户不符合条件或基数被扣减，" + Money.yuan(withheld)
                            + " 元已在符合条件的 " + w.eligible + " 户间重新分配",
                    "Step " + step.id() + ": " + excluded + " household(s) not eligible or with a reduced basis; "
                            + Money.yuan(withheld) + " yuan was re-split among the " + w.eligible + " eligible households");
        }
    }

    /**
     * The dividend step of a guarantee read as a floor (保底): each household's pro-rata part of {@code gross}
     * is reduced by what the guarantee already paid it, so it ends with the larger of the two, never both.
     * What the step does not need stays with the level's remaining step; if the dividends exceed
     * {@code room} (guarantees far above the profit) they are cut in proportion.
     *
     * @return the fen placed, or -1 when no household is eligible (the caller falls back as usual)
     */
    static long splitOverGuarantee(Step step, long gross, java.util.Map<Long, Long> guaranteePaid, long room,
                                   String parentId, Run run) {
        BasisWeights w = BasisWeights.of(step, run);
        if (w.totalEffective == 0) {
            return -1;
        }
        long[] parts = LargestRemainder.split(gross, compact(w.effective, w.count));
        long[] nominalParts = w.anyReduced && w.totalNominal > 0
                ? LargestRemainder.split(gross, compact(w.nominal, w.count)) : null;
        warnWithheld(step, w, parts, nominalParts, run);
        long placed = 0;
        for (int k = 0; k < w.count; k++) {
            long credit = guaranteePaid.getOrDefault(run.members[w.memberIdx[k]].householdId(), 0L);
            parts[k] = Math.max(0, parts[k] - credit);
            placed += parts[k];
        }
        if (placed > room) {
            parts = LargestRemainder.split(room, parts);
            placed = room;
        }
        StepAmount info = new StepAmount(step.id(), parentId, step.nameZh(), step.nameEn(), step.basis(), placed,
                w.value(w.totalEffective), w.eligible);
        run.steps.add(info);
        emitLines(info, w, parts, nominalParts, null, -1, step, run);
        return placed;
    }

    /**
     * Water-filling: parts above the cap are cut to it and the excess re-split among the others by their
     * basis, until nobody is above the cap. Returns what no household can take.
     */
    static long applyCap(long[] parts, long[] weights, long cap, boolean[] capped) {
        while (true) {
            long excess = 0;
            for (int i = 0; i < parts.length; i++) {
                if (!capped[i] && parts[i] >= cap && weights[i] > 0) {
                    excess += parts[i] - cap;
                    parts[i] = cap;
                    capped[i] = true;
                }
            }
            if (excess == 0) {
                return 0;
            }
            long[] open = new long[parts.length];
            boolean any = false;
            for (int i = 0; i < parts.length; i++) {
                if (!capped[i]) {
                    open[i] = weights[i];
                    any |= weights[i] > 0;
                }
            }
            if (!any) {
                return excess;
            }
            long[] extra = LargestRemainder.split(excess, open);
            for (int i = 0; i < parts.length; i++) {
                parts[i] += extra[i];
            }
        }
    }

    private static void emitLines(StepAmount info, BasisWeights w, long[] parts, long[] nominalParts, boolean[] capped,
                                  long capFen, Step step, Run run) {
        for (int k = 0; k < w.count; k++) {
            MemberFacts m = run.members[w.memberIdx[k]];
            if (w.exclusion[k] != null) {
                run.lines.add(AllocationLine.excluded(info, m, w.value(w.nominal[k]), w.exclusion[k],
                        nominalParts == null ? 0 : nominalParts[k], step.eligibility()));
            } else {
                boolean isCapped = capped != null && capped[k] && parts[k] == capFen;
                run.lines.add(AllocationLine.share(info, m, w.effective[k], w.scale, parts[k], isCapped ? capFen : 0));
            }
        }
    }

    private static void emitExcluded(StepAmount info, BasisWeights w, long[] nominalParts, Step step, Run run) {
        for (int k = 0; k < w.count; k++) {
            MemberFacts m = run.members[w.memberIdx[k]];
            BigDecimal v = w.value(w.nominal[k]);
            run.lines.add(AllocationLine.excluded(info, m, v, w.exclusion[k], nominalParts == null ? 0 : nominalParts[k],
                    step.eligibility()));
        }
    }

    private static long[] compact(long[] a, int count) {
        return a.length == count ? a : java.util.Arrays.copyOf(a, count);
    }
}
