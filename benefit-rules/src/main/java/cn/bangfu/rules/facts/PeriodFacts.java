package cn.bangfu.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run is computed from. The period is inclusive of both ends.
 *
 * @param accounts             named balances for pools of kind {@code account} (e.g. a donation account)
 * @param areaMu               the base's area for compliance checks (100+1+1); null when unknown
 * @param poorLaborersEmployed poor labourers employed in the period, for compliance; null when unknown
 */
public record PeriodFacts(long cooperativeId, LocalDate periodStart, LocalDate periodEnd, long settledRevenueFen,
                          List<CostItem> costs, List<MemberFacts> members, Map<String, Long> accounts,
                          BigDecimal areaMu, Long poorLaborersEmployed) {

    public PeriodFacts {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("periodEnd " + periodEnd + " is before periodStart " + periodStart);
        }
        if (settledRevenueFen < 0) {
            throw new IllegalArgumentException("settledRevenueFen must not be negative");
        }
        costs = costs == null ? List.of() : List.copyOf(costs);
        members = members == null ? List.of() : List.copyOf(members);
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
    }

    /** Facts for a split without compliance data. */
    public static PeriodFacts of(long cooperativeId, LocalDate start, LocalDate end, long revenueFen,
                                 List<CostItem> costs, List<MemberFacts> members) {
        return new PeriodFacts(cooperativeId, start, end, revenueFen, costs, members, Map.of(), null, null);
    }

    public PeriodFacts withMembers(List<MemberFacts> newMembers) {
        return new PeriodFacts(cooperativeId, periodStart, periodEnd, settledRevenueFen, costs, newMembers, accounts,
                areaMu, poorLaborersEmployed);
    }

    public PeriodFacts withCompliance(BigDecimal area, Long poorLaborers) {
        return new PeriodFacts(cooperativeId, periodStart, periodEnd, settledRevenueFen, costs, members, accounts,
                area, poorLaborers);
    }
}
