package cn.bangfu.rules.result;

import java.util.LinkedHashMap;
import java.util.Map;

/** A guaranteed amount the pool could not pay: owed by the operator (cooperative) to the household. */
public record Liability(long householdId, String stepId, long owedFen, long paidFen) {

    public long shortfallFen() {
        return owedFen - paidFen;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("householdId", String.valueOf(householdId));
        m.put("stepId", stepId);
        m.put("owedFen", owedFen);
        m.put("paidFen", paidFen);
        m.put("shortfallFen", shortfallFen());
        return m;
    }
}
