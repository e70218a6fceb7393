package cn.bangfu.rules.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of its level a step takes. FIXED and GUARANTEED steps are prior claims paid first in file order;
 * PERCENT, EQUITY_FRACTION and REMAINING steps then split what is left by largest remainder.
 *
 * @param basisPoints    PERCENT: hundredths of a percent (12.5% = 1250)
 * @param amountFen      FIXED: the amount
 * @param equityClasses  EQUITY_FRACTION: the step takes these classes' share-days ÷ all share-days
 */
public record StepShare(Kind kind, long basisPoints, long amountFen, Set<ShareClass> equityClasses) {

    public enum Kind { PERCENT, REMAINING, FIXED, GUARANTEED, EQUITY_FRACTION }

    public StepShare {
        equityClasses = equityClasses == null ? Set.of() : Set.copyOf(equityClasses);
    }

    public static StepShare percent(long basisPoints) {
        return new StepShare(Kind.PERCENT, basisPoints, 0, null);
    }

    public static StepShare remaining() {
        return new StepShare(Kind.REMAINING, 0, 0, null);
    }

    public static StepShare fixed(long amountFen) {
        return new StepShare(Kind.FIXED, 0, amountFen, null);
    }

    public static StepShare guaranteed() {
        return new StepShare(Kind.GUARANTEED, 0, 0, null);
    }

    public static StepShare equityFraction(Set<ShareClass> classes) {
        return new StepShare(Kind.EQUITY_FRACTION, 0, 0, classes);
    }

    public boolean isPriorClaim() {
        return kind == Kind.FIXED || kind == Kind.GUARANTEED;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (kind) {
            case PERCENT -> m.put("percent", java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString());
            case REMAINING -> m.put("remaining", true);
            case FIXED -> m.put("amountFen", amountFen);
            case GUARANTEED -> m.put("guaranteed", true);
            case EQUITY_FRACTION -> m.put("equityFractionOf", List.copyOf(equityClasses.stream().map(Enum::name).sorted().toList()));
        }
        return m;
    }
}
