package cn.bangfu.rules.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A check that reports and never moves money. Kind {@code per_area_linkage} is the 100+1+1 rule:
 * for every complete {@code perMu} of area, at least {@code minPoorHouseholds} poor households linked and
 * {@code minPoorLaborers} poor labourers employed.
 */
public record ComplianceCheck(String id, String nameZh, String nameEn, BigDecimal perMu, long minPoorHouseholds,
                              long minPoorLaborers, Set<HouseholdStatus> poorStatuses) {

    public static final String KIND_PER_AREA_LINKAGE = "per_area_linkage";

    public ComplianceCheck {
        poorStatuses = Set.copyOf(poorStatuses);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", KIND_PER_AREA_LINKAGE);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("perMu", perMu.toPlainString());
        m.put("minPoorHouseholds", minPoorHouseholds);
        m.put("minPoorLaborers", minPoorLaborers);
        m.put("poorStatuses", poorStatuses.stream().map(Enum::name).sorted().toList());
        return m;
    }
}
