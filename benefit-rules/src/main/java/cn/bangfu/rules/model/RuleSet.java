package cn.bangfu.rules.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated rule set. {@code pool} is null only for compliance-only rule sets (such as 100-1-1), which
 * have no steps. {@link #yamlText()} keeps the file as written, Chinese comments included, so what is shown
 * to a cooperative is exactly what was validated.
 */
public record RuleSet(String id, int version, String nameZh, String nameEn, String sourceZh, String sourceEn,
                      PoolDefinition pool, List<Step> steps, List<ComplianceCheck> compliance, String fileName,
                      String yamlText, RuleParameters parameters) {

    public RuleSet {
        parameters = parameters == null ? RuleParameters.DEFAULTS : parameters;
        steps = List.copyOf(steps);
        compliance = List.copyOf(compliance);
    }

    /** A JSON-friendly tree (maps, lists, strings, numbers, booleans) for GET /rule-sets/{id}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("zh", sourceZh);
        source.put("en", sourceEn);
        m.put("source", source);
        m.put("parameters", parameters.toMap());
        m.put("pool", pool == null ? null : pool.toMap());
        m.put("steps", steps.stream().map(Step::toMap).toList());
        m.put("compliance", compliance.stream().map(ComplianceCheck::toMap).toList());
        m.put("fileName", fileName);
        return m;
    }

    /** A short summary for listings (GET /rule-sets). */
    public Map<String, Object> toSummaryMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("sourceZh", sourceZh);
        m.put("sourceEn", sourceEn);
        m.put("complianceOnly", steps.isEmpty());
        return m;
    }
}
