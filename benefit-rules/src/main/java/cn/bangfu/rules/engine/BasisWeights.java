package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.Basis;
import cn.bangfu.rules.model.Eligibility;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.model.Step;
import cn.bangfu.rules.result.Exclusion;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * The basis values of a step's participants (households with a nominal basis &gt; 0), both nominal (as if
 * everyone were eligible) and effective (after eligibility and the fiscal transition). Decimal bases are
 * scaled to a common number of decimals so the split runs on exact longs.
 */
final class BasisWeights {
    final int[] memberIdx;
    final long[] nominal;
    final long[] effective;
    final Exclusion[] exclusion;
    final int scale;
    final int count;
    final long totalEffective;
    final long totalNominal;
    final int eligible;
    /** Some participant gets less than its nominal basis: money was withheld and must be reported. */
    final boolean anyReduced;

    private BasisWeights(int[] memberIdx, long[] nominal, long[] effective, Exclusion[] exclusion, int scale, int count) {
        this.memberIdx = memberIdx;
        this.nominal = nominal;
        this.effective = effective;
        this.exclusion = exclusion;
        this.scale = scale;
        this.count = count;
        long te = 0;
        long tn = 0;
        int el = 0;
        boolean reduced = false;
        for (int i = 0; i < count; i++) {
            te = Math.addExact(te, effective[i]);
            tn = Math.addExact(tn, nominal[i]);
            if (effective[i] > 0) {
                el++;
            }
            reduced |= effective[i] < nominal[i];
        }
        this.totalEffective = te;
        this.totalNominal = tn;
        this.eligible = el;
        this.anyReduced = reduced;
    }

    BigDecimal value(long scaled) {
        return BigDecimal.valueOf(scaled, scale);
    }

    static BasisWeights of(Step step, Run run) {
        return switch (step.basis()) {
            case DELIVERY_VALUE, EQUAL -> ofLongs(step, run);
            case SHARE_UNITS, LABOR_DAYS, POST_DAYS, LAND_MU -> ofDecimals(step, run);
        };
    }

    private static BasisWeights ofLongs(Step step, Run run) {
        MemberFacts[] ms = run.members;
        int n = ms.length;
        int[] idx = new int[n];
        long[] nom = new long[n];
        long[] eff = new long[n];
        Exclusion[] why = new Exclusion[n];
        Eligibility e = step.eligibility();
        boolean equal = step.basis() == Basis.EQUAL;
        int c = 0;
        for (int i = 0; i < n; i++) {
            MemberFacts m = ms[i];
            long v = equal ? 1 : m.deliveryValueFen();
            if (v == 0) {
                continue;
            }
            Exclusion x = EligibilityCheck.check(e, m, step.basis());
            if (EligibilityCheck.outsideStep(x)) {
                continue;
            }
            idx[c] = i;
            nom[c] = v;
            eff[c] = x == null ? v : 0;
            why[c] = x;
            c++;
        }
        return new BasisWeights(idx, nom, eff, why, 0, c);
    }

    private static BasisWeights ofDecimals(Step step, Run run) {
        MemberFacts[] ms = run.members;
        int n = ms.length;
        // First pass: the common scale. BigDecimal.scale() is a field read; stripping zeros would divide.
        ShareWeighting weighting = ShareWeighting.of(step.shareClasses(), run.parameters);
        int scale = 0;
        for (MemberFacts m : ms) {
            scale = Math.max(scale, switch (step.basis()) {
                case LABOR_DAYS -> m.laborDays().scale();
                case POST_DAYS -> m.postDays().scale();
                case LAND_MU -> m.landMu().scale();
                default -> maxUnitScale(m, step.shareClasses(), weighting);
            });
        }
        int[] idx = new int[n];
        long[] nom = new long[n];
        long[] eff = new long[n];
        Exclusion[] why = new Exclusion[n];
        Eligibility e = step.eligibility();
        long startDay = run.start.toEpochDay();
        long endDay = run.endExclusive.toEpochDay();
        int c = 0;
        try {
            for (int i = 0; i < n; i++) {
                MemberFacts m = ms[i];
                long v = switch (step.basis()) {
                    case LABOR_DAYS -> scaled(m.laborDays(), scale);
                    case POST_DAYS -> scaled(m.postDays(), scale);
                    case LAND_MU -> scaled(m.landMu(), scale);
                    default -> scaledShareDays(m, step.shareClasses(), weighting, startDay, endDay, Long.MAX_VALUE, scale);
                };
                if (v == 0) {
                    continue;
                }
                Exclusion x = EligibilityCheck.check(e, m, step.basis());
                if (EligibilityCheck.outsideStep(x)) {
                    continue;
                }
                long ev = v;
                if (x != null) {
                    ev = 0;
                } else if (step.basis() == Basis.SHARE_UNITS) {
                    LocalDate fiscalEnd = EligibilityCheck.fiscalEarningEnd(e, m);
                    if (fiscalEnd != null) {
                        ev = scaledShareDays(m, step.shareClasses(), weighting, startDay, endDay, fiscalEnd.toEpochDay(),
                                scale);
                        if (ev == 0) {
                            x = Exclusion.FISCAL_TRANSITION_ENDED;
                        }
                    }
                }
                idx[c] = i;
                nom[c] = v;
                eff[c] = ev;
                why[c] = x;
                c++;
            }
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("step " + step.id() + ": basis values too large or too precise to split"
                    + " exactly (more than 18 significant digits)", tooLarge);
        }
        return new BasisWeights(idx, nom, eff, why, scale, c);
    }

    private static int maxUnitScale(MemberFacts m, Set<ShareClass> classes, ShareWeighting weighting) {
        int s = 0;
        for (ShareHolding h : m.shares()) {
            if (classes.contains(h.shareClass())) {
                s = Math.max(s, weighting.units(h, m.householdId()).scale());
            }
        }
        return s;
    }

    private static long scaled(BigDecimal v, int scale) {
        if (v.scale() == scale) {
            return v.scale() == 0 ? v.longValueExact() : v.unscaledValue().longValueExact();
        }
        return v.setScale(scale).unscaledValue().longValueExact();
    }

    /** Share-days as an exact long at {@code scale} decimals, without allocating for whole units. */
    private static long scaledShareDays(MemberFacts m, Set<ShareClass> classes, ShareWeighting weighting, long startDay,
                                        long endDay, long fiscalEndDay, int scale) {
        long sum = 0;
        for (ShareHolding h : m.shares()) {
            if (!classes.contains(h.shareClass())) {
                continue;
            }
            long from = Math.max(h.since().toEpochDay(), startDay);
            long to = h.until() == null ? endDay : Math.min(h.until().toEpochDay(), endDay);
            if (h.shareClass() == ShareClass.FISCAL) {
                to = Math.min(to, fiscalEndDay);
            }
            if (from < to) {
                sum = Math.addExact(sum, Math.multiplyExact(scaled(weighting.units(h, m.householdId()), scale), to - from));
            }
        }
        return sum;
    }

    /**
     * Units (weighed to a common unit) × days held within the period, counting only the given classes; fiscal shares count only until
     * {@code fiscalEnd} when it is set.
     */
    static BigDecimal shareDays(MemberFacts m, Set<ShareClass> classes, ShareWeighting weighting, LocalDate start,
                                LocalDate endExclusive, LocalDate fiscalEnd) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ShareHolding h : m.shares()) {
            if (!classes.contains(h.shareClass())) {
                continue;
            }
            LocalDate end = endExclusive;
            if (fiscalEnd != null && h.shareClass() == ShareClass.FISCAL && fiscalEnd.isBefore(end)) {
                end = fiscalEnd;
            }
            long days = DayCount.overlapDays(h.since(), h.until(), start, end);
            if (days > 0) {
                sum = sum.add(weighting.units(h, m.householdId()).multiply(BigDecimal.valueOf(days)));
            }
        }
        return sum;
    }
}
