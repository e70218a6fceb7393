package cn.bangfu.rules.model;

import java.math.BigDecimal;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may receive from a step. An empty set means "no condition".
 *
 * @param statuses             household status must be one of these
 * @param notBlacklisted       households on the 失信 list receive nothing
 * @param laborCapacities      labour capacity must be one of these (e.g. only NONE for a base share)
 * @param minLaborDays         扶贫不扶懒: households able to work need at least this many labour days
 * @param laborExempt          capacities exempt from minLaborDays (NONE unless the file says otherwise)
 * @param fiscalTransition     fiscal shares stop earning at exitDate + this period; null = no limit
 */
public record Eligibility(Set<HouseholdStatus> statuses, boolean notBlacklisted, Set<LaborCapacity> laborCapacities,
                          BigDecimal minLaborDays, Set<LaborCapacity> laborExempt, Period fiscalTransition) {

    public static final Eligibility ANYONE =
            new Eligibility(Set.of(), false, Set.of(), null, Set.of(LaborCapacity.NONE), null);

    public Eligibility {
        statuses = Set.copyOf(statuses);
        laborCapacities = Set.copyOf(laborCapacities);
        laborExempt = Set.copyOf(laborExempt);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!statuses.isEmpty()) {
            m.put("status", statuses.stream().map(Enum::name).sorted().toList());
        }
        m.put("notBlacklisted", notBlacklisted);
        if (!laborCapacities.isEmpty()) {
            m.put("laborCapacity", laborCapacities.stream().map(Enum::name).sorted().toList());
        }
        if (minLaborDays != null) {
            m.put("minLaborDays", minLaborDays.toPlainString());
            m.put("laborExempt", laborExempt.stream().map(Enum::name).sorted().toList());
        }
        if (fiscalTransition != null) {
            m.put("fiscalTransition", fiscalTransition.toString());
        }
        return m;
    }
}
