package cn.bangfu.rules.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 保底: an amount owed per basis unit per year, pro-rated by the days of the period (and, for shares, by
 * the days each share was held). Written either as {@code perUnitPerYearFen} or as
 * {@code ratePercentPerYear × unitValueFen}; both are kept exact.
 *
 * Or, for a wage on labour days ({@code perLaborDayFen}), an amount per day worked in the period, not
 * pro-rated (the days are already the period's).
 *
 * @param perUnitPerYearFen fen per basis unit (share, mu, household) per year, exact; or per labour day
 * @param liability          true: what the pool cannot pay is recorded as the operator's liability
 * @param perLaborDay        true: {@code perUnitPerYearFen} is fen per labour day (basis labor_days)
 * @param postPay            true: the pay of each registered public-welfare post (basis post_days): days on the
 *                           post × its monthly pay ÷ its work days per month; {@code perUnitPerYearFen} is unused
 */
public record Guarantee(BigDecimal perUnitPerYearFen, boolean liability, boolean perLaborDay, boolean postPay) {

    public Guarantee(BigDecimal perUnitPerYearFen, boolean liability) {
        this(perUnitPerYearFen, liability, false, false);
    }

    public Guarantee(BigDecimal perUnitPerYearFen, boolean liability, boolean perLaborDay) {
        this(perUnitPerYearFen, liability, perLaborDay, false);
    }

    /** The pay each post was registered with, per day worked on it. */
    public static Guarantee postPay(boolean liability) {
        return new Guarantee(BigDecimal.ZERO, liability, false, true);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (postPay) {
            m.put("postPay", true);
            m.put("liability", liability);
            return m;
        }
        m.put(perLaborDay ? "perLaborDayFen" : "perUnitPerYearFen", perUnitPerYearFen.toPlainString());
        m.put("liability", liability);
        return m;
    }
}
