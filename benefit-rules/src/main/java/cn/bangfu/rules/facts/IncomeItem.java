package cn.bangfu.rules.facts;

import java.util.Objects;

/**
 * Income the cooperative's book holds for the period, by category and the chart account it was credited to
 * (e.g. PV_GRID on 经营收入, SUBSIDY on 其他收入). Pools of kind {@code book} read these instead of platform
 * order revenue, because a PV station's money never passes through an order.
 */
public record IncomeItem(String category, String accountCode, String accountName, long amountFen) {

    public IncomeItem {
        Objects.requireNonNull(category, "category");
        if (amountFen < 0) {
            throw new IllegalArgumentException("income must not be negative: " + category + " " + amountFen);
        }
    }

    public static IncomeItem of(String category, long amountFen) {
        return new IncomeItem(category, null, null, amountFen);
    }
}
