package cn.bangfu.rules.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the money of a run comes from.
 *
 * @param costCategories for REVENUE_MINUS_COSTS and BOOK: the cost categories subtracted (others are ignored by
 *                       REVENUE_MINUS_COSTS and reported as not placed by BOOK)
 * @param incomeCategories for BOOK: the income categories of the book the pool is made of
 * @param account        for ACCOUNT: the name of an account balance in the period facts
 * @param amountFen      for FIXED: the amount
 */
public record PoolDefinition(Kind kind, List<String> costCategories, List<String> incomeCategories, String account,
                             Long amountFen) {

    public enum Kind {
        /** settled revenue − all costs; nothing if ≤ 0 (合作社可分配盈余). */
        SURPLUS("surplus"),
        /** settled revenue − the named cost categories; nothing if ≤ 0. */
        REVENUE_MINUS_COSTS("revenue_minus_costs"),
        /**
         * the book's income of the named categories (e.g. a PV station's grid income and subsidies) − the named
         * cost categories; nothing if ≤ 0. Every other cost of the period is reported as not placed.
         */
        BOOK("book"),
        /** the balance of a named account in the facts. */
        ACCOUNT("account"),
        /** a fixed amount. */
        FIXED("fixed");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    public PoolDefinition {
        costCategories = costCategories == null ? List.of() : List.copyOf(costCategories);
        incomeCategories = incomeCategories == null ? List.of() : List.copyOf(incomeCategories);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.yamlName());
        if (!costCategories.isEmpty()) {
            m.put("costCategories", costCategories);
        }
        if (!incomeCategories.isEmpty()) {
            m.put("incomeCategories", incomeCategories);
        }
        if (account != null) {
            m.put("account", account);
        }
        if (amountFen != null) {
            m.put("amountFen", amountFen);
        }
        return m;
    }
}
