package cn.bangfu.rules.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a compliance check. Only {@link Status#PASSED} is a pass: a check over an empty base is
 * {@link Status#NOT_APPLICABLE} with its reason, never a pass.
 */
public record ComplianceResult(String checkId, String nameZh, String nameEn, Status status,
                               Map<String, Object> figures, String messageZh, String messageEn) {

    public enum Status {
        PASSED, FAILED,
        /** The rule has nothing to measure (no base area, or less than one block of it): the reason says which. */
        NOT_APPLICABLE
    }

    public ComplianceResult {
        figures = Map.copyOf(figures);
    }

    /** Whether the check measured something (passed or failed). */
    public boolean evaluated() {
        return status == Status.PASSED || status == Status.FAILED;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkId", checkId);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("status", status.name());
        m.put("evaluated", evaluated());
        m.put("passed", passed());
        m.put("figures", new java.util.TreeMap<>(figures));
        m.put("messageZh", messageZh);
        m.put("messageEn", messageEn);
        return m;
    }
}
