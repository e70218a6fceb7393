package cn.bangfu.rules.facts;

import java.util.Objects;

/** A settled cost of the period, by category (e.g. OPERATION_MAINTENANCE, PACKAGING). */
public record CostItem(String category, long amountFen) {

    public CostItem {
        Objects.requireNonNull(category, "category");
        if (amountFen < 0) {
            throw new IllegalArgumentException("cost must not be negative: " + category + " " + amountFen);
        }
    }
}
