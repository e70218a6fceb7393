package cn.bangfu.rules.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which household statuses count as "poor". A rule file names one of these sets
 * ({@code status: [poor]}) instead of listing statuses, so a rule that needs another set says so by name.
 */
public enum StatusSet {
    /** 帮扶对象: on the poverty register, under 防返贫 monitoring, or on 低保. The platform's definition of poor. */
    POOR("poor", EnumSet.of(HouseholdStatus.REGISTERED_POOR, HouseholdStatus.MONITORED, HouseholdStatus.LOW_INCOME)),
    /**
     * What the 100+1+1 check counts as a linked poor household or an employed poor labourer: on the register,
     * under monitoring, or exited (脱贫户). An exited household is the success the rule asks for, so it stays
     * counted; 低保 alone is social assistance, not the register the rule was written against.
     */
    LINKABLE("linkable", EnumSet.of(HouseholdStatus.REGISTERED_POOR, HouseholdStatus.MONITORED, HouseholdStatus.EXITED)),
    /** Poor now or formerly (脱贫户 included): the reach of buyer matching (any status but ORDINARY). */
    POOR_OR_EXITED("poor_or_exited", EnumSet.complementOf(EnumSet.of(HouseholdStatus.ORDINARY)));

    private final String yamlName;
    private final Set<HouseholdStatus> statuses;

    StatusSet(String yamlName, Set<HouseholdStatus> statuses) {
        this.yamlName = yamlName;
        this.statuses = Set.copyOf(statuses);
    }

    public String yamlName() {
        return yamlName;
    }

    public Set<HouseholdStatus> statuses() {
        return statuses;
    }

    public boolean contains(HouseholdStatus s) {
        return statuses.contains(s);
    }

    public static Optional<StatusSet> fromYaml(String s) {
        return Arrays.stream(values()).filter(v -> v.yamlName.equals(s)).findFirst();
    }
}
