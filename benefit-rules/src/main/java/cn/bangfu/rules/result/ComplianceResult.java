package cn.bangfu.rules.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a compliance check. {@code evaluated} is false when the facts lack what the check needs
 * (e.g. no area): that is reported, never assumed to pass.
 */
public record ComplianceResult(String checkId, String nameZh, String nameEn, boolean evaluated, boolean passed,
                               Map<String, Object> figures, String messageZh, String messageEn) {

    public ComplianceResult {
        figures = Map.copyOf(figures);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkId", checkId);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("evaluated", evaluated);
        m.put("passed", passed);
        m.put("figures", new java.util.TreeMap<>(figures));
        m.put("messageZh", messageZh);
        m.put("messageEn", messageEn);
        return m;
    }
}
