package cn.bangfu.rules.result;

import java.util.LinkedHashMap;
import java.util.Map;

/** Something a reviewer must see: money re-split, a shortfall, a compliance failure. */
public record Warning(Kind kind, String stepId, Long householdId, long amountFen, String messageZh, String messageEn) {

    public enum Kind {
        POOL_EMPTY, WITHHELD_RESPLIT, GUARANTEE_SHORTFALL, FIXED_AMOUNT_SHORTFALL, FALLBACK_USED, CAP_OVERFLOW,
        COMPLIANCE_FAILED, COMPLIANCE_NOT_EVALUATED, COMPLIANCE_NOT_APPLICABLE, LIABILITY_OUTSTANDING,
        /** A cost of the period that a pool of kind {@code book} did not place: it stays for a later run. */
        COST_NOT_PLACED
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name());
        m.put("stepId", stepId);
        m.put("householdId", householdId == null ? null : String.valueOf(householdId));
        m.put("amountFen", amountFen);
        m.put("messageZh", messageZh);
        m.put("messageEn", messageEn);
        return m;
    }
}
