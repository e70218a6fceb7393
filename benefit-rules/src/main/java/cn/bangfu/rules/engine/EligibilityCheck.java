package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.model.Basis;
import cn.bangfu.rules.model.Eligibility;
import cn.bangfu.rules.result.Exclusion;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Applies a step's eligibility to one household. */
final class EligibilityCheck {

    private EligibilityCheck() {
    }

    /**
     * The first reason the household is excluded, or null when it is eligible. The labour condition counts the
     * days the step is paid by: days on registered welfare posts for a {@code post_days} step, all labour days
     * otherwise; and holds each capacity to its share of the minimum ({@code laborMinimumPercent}).
     */
    static Exclusion check(Eligibility e, MemberFacts m, Basis basis) {
        if (!e.statuses().isEmpty() && !e.statuses().contains(m.status())) {
            return Exclusion.NOT_IN_STATUS;
        }
        if (!e.laborCapacities().isEmpty() && !e.laborCapacities().contains(m.laborCapacity())) {
            return Exclusion.CAPACITY_NOT_IN_SET;
        }
        if (e.notBlacklisted() && m.blacklisted()) {
            return Exclusion.BLACKLISTED;
        }
        BigDecimal required = e.requiredLaborDays(m.laborCapacity());
        if (required != null && countedDays(m, basis).compareTo(required) < 0) {
            return Exclusion.LABOR_DAYS_BELOW_MIN;
        }
        return null;
    }

    /** The days the labour condition of a step paid by {@code basis} counts. */
    static BigDecimal countedDays(MemberFacts m, Basis basis) {
        return basis == Basis.POST_DAYS ? m.postDays() : m.laborDays();
    }

    /**
     * Status and capacity sets say who a step is for; households outside them are not part of the step at
     * all. Blacklist, labour days and the fiscal transition are penalties: those households are shown with
     * what they would have had, and that money is reported as re-split.
     */
    static boolean outsideStep(Exclusion x) {
        return x == Exclusion.NOT_IN_STATUS || x == Exclusion.CAPACITY_NOT_IN_SET;
    }

    /** The first day fiscal shares no longer earn (exclusive end), or null when they earn throughout. */
    static LocalDate fiscalEarningEnd(Eligibility e, MemberFacts m) {
        if (e.fiscalTransition() == null || m.exitDate() == null) {
            return null;
        }
        return m.exitDate().plus(e.fiscalTransition());
    }
}
