package cn.bangfu.rules.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run is computed from. The period is inclusive of both ends.
 *
 * @param accounts  named balances for pools of kind {@code account} (e.g. a donation account)
 * @param baseArea  the base's area for area-based checks (100+1+1) from the plot register or the contract area;
 *                  null when the server knows neither (the check then falls back to members' land shares)
 * @param income    the book's income of the period by category and account, for pools of kind {@code book}
 */
public record PeriodFacts(long cooperativeId, LocalDate periodStart, LocalDate periodEnd, long settledRevenueFen,
                          List<CostItem> costs, List<MemberFacts> members, Map<String, Long> accounts,
                          BaseArea baseArea, List<IncomeItem> income) {

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
        income = income == null ? List.of() : List.copyOf(income);
    }

    /** Facts for a split without compliance data. */
    public static PeriodFacts of(long cooperativeId, LocalDate start, LocalDate end, long revenueFen,
                                 List<CostItem> costs, List<MemberFacts> members) {
        return new PeriodFacts(cooperativeId, start, end, revenueFen, costs, members, Map.of(), null, List.of());
    }

    public PeriodFacts withMembers(List<MemberFacts> newMembers) {
        return new PeriodFacts(cooperativeId, periodStart, periodEnd, settledRevenueFen, costs, newMembers, accounts,
                baseArea, income);
    }

    public PeriodFacts withBaseArea(BaseArea area) {
        return new PeriodFacts(cooperativeId, periodStart, periodEnd, settledRevenueFen, costs, members, accounts,
                area, income);
    }

    public PeriodFacts withIncome(List<IncomeItem> bookIncome) {
        return new PeriodFacts(cooperativeId, periodStart, periodEnd, settledRevenueFen, costs, members, accounts,
                baseArea, bookIncome);
    }
}
