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
 * @param laborMinimumPercent  the share of {@code minLaborDays} each capacity is held to (弱能 PARTIAL: 50 → half
 *                             the days); a capacity not named is held to 100 %
 */
public record Eligibility(Set<HouseholdStatus> statuses, boolean notBlacklisted, Set<LaborCapacity> laborCapacities,
                          BigDecimal minLaborDays, Set<LaborCapacity> laborExempt, Period fiscalTransition,
                          Map<LaborCapacity, BigDecimal> laborMinimumPercent) {

    public static final Eligibility ANYONE =
            new Eligibility(Set.of(), false, Set.of(), null, Set.of(LaborCapacity.NONE), null, Map.of());

    public Eligibility {
        statuses = Set.copyOf(statuses);
        laborCapacities = Set.copyOf(laborCapacities);
        laborExempt = Set.copyOf(laborExempt);
        laborMinimumPercent = laborMinimumPercent == null ? Map.of() : Map.copyOf(laborMinimumPercent);
    }

    public Eligibility(Set<HouseholdStatus> statuses, boolean notBlacklisted, Set<LaborCapacity> laborCapacities,
                       BigDecimal minLaborDays, Set<LaborCapacity> laborExempt, Period fiscalTransition) {
        this(statuses, notBlacklisted, laborCapacities, minLaborDays, laborExempt, fiscalTransition, Map.of());
    }

    /**
     * The labour days a household of this capacity must have worked (扶贫不扶懒), or null when it is exempt or
     * the step sets no minimum: {@code minLaborDays} × the capacity's percent, exact.
     */
    public BigDecimal requiredLaborDays(LaborCapacity capacity) {
        if (minLaborDays == null || laborExempt.contains(capacity)) {
            return null;
        }
        BigDecimal percent = laborMinimumPercent.get(capacity);
        return percent == null ? minLaborDays
                : minLaborDays.multiply(percent).divide(BigDecimal.valueOf(100)).stripTrailingZeros();
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
            Map<String, Object> percents = new LinkedHashMap<>();
            for (LaborCapacity c : LaborCapacity.values()) {
                if (!laborExempt.contains(c)) {
                    percents.put(c.name(), laborMinimumPercent.getOrDefault(c, BigDecimal.valueOf(100)).toPlainString());
                }
            }
            m.put("laborMinimumPercent", percents);
        }
        if (fiscalTransition != null) {
            m.put("fiscalTransition", fiscalTransition.toString());
        }
        return m;
    }
}
