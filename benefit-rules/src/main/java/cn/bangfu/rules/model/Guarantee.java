package cn.bangfu.rules.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 保底: an amount owed per basis unit per year, pro-rated by the days of the period (and, for shares, by
 * the days each share was held). Written either as {@code perUnitPerYearFen} or as
 * {@code ratePercentPerYear × unitValueFen}; both are kept exact.
 *
 * @param perUnitPerYearFen fen per basis unit (share, mu, household) per year, exact
 * @param liability          true: what the pool cannot pay is recorded as the operator's liability
 */
public record Guarantee(BigDecimal perUnitPerYearFen, boolean liability) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("perUnitPerYearFen", perUnitPerYearFen.toPlainString());
        m.put("liability", liability);
        return m;
    }
}
