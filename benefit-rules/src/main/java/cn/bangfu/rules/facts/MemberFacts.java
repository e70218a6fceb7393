package cn.bangfu.rules.facts;

import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows of one household in the period. Labour days and land are decimals (half days,
 * tenths of a mu occur); money is fen.
 * {@code outstandingLiabilityFen} is what earlier runs still owe the household (guarantee shortfalls not yet
 * paid, read by the server from the book): the first claim on this run's pool.
 * {@code employedPersons} is how many of the household's people the cooperative paid a wage in the period (a
 * labour record with a wage): the 100+1+1 count of labourers employed is of persons, not of households.
 */
public record MemberFacts(long householdId, HouseholdStatus status, boolean blacklisted, LaborCapacity laborCapacity,
                          LocalDate exitDate, long deliveryValueFen, List<ShareHolding> shares, BigDecimal laborDays,
                          BigDecimal landMu, long outstandingLiabilityFen, int employedPersons) {

    public MemberFacts {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(laborCapacity, "laborCapacity");
        shares = shares == null ? List.of() : List.copyOf(shares);
        laborDays = laborDays == null ? BigDecimal.ZERO : laborDays;
        landMu = landMu == null ? BigDecimal.ZERO : landMu;
        if (deliveryValueFen < 0 || laborDays.signum() < 0 || landMu.signum() < 0) {
            throw new IllegalArgumentException("household " + householdId + ": negative delivery, labour days or land");
        }
        if (employedPersons < 0) {
            throw new IllegalArgumentException("household " + householdId + ": negative employed persons");
        }
        if (outstandingLiabilityFen < 0) {
            throw new IllegalArgumentException("household " + householdId + ": negative outstanding liability");
        }
    }

    public static Builder builder(long householdId) {
        return new Builder(householdId);
    }

    /** Builder for readable tests and for mapping database rows. */
    public static final class Builder {
        private final long householdId;
        private HouseholdStatus status = HouseholdStatus.ORDINARY;
        private boolean blacklisted;
        private LaborCapacity laborCapacity = LaborCapacity.FULL;
        private LocalDate exitDate;
        private long deliveryValueFen;
        private final List<ShareHolding> shares = new ArrayList<>();
        private BigDecimal laborDays = BigDecimal.ZERO;
        private BigDecimal landMu = BigDecimal.ZERO;
        private long outstandingLiabilityFen;
        private int employedPersons;

        private Builder(long householdId) {
            this.householdId = householdId;
        }

        public Builder status(HouseholdStatus v) { status = v; return this; }
        public Builder blacklisted(boolean v) { blacklisted = v; return this; }
        public Builder laborCapacity(LaborCapacity v) { laborCapacity = v; return this; }
        public Builder exitDate(LocalDate v) { exitDate = v; return this; }
        public Builder deliveryValueFen(long v) { deliveryValueFen = v; return this; }
        public Builder share(ShareHolding v) { shares.add(v); return this; }
        public Builder laborDays(BigDecimal v) { laborDays = v; return this; }
        public Builder laborDays(long v) { laborDays = BigDecimal.valueOf(v); return this; }
        public Builder landMu(BigDecimal v) { landMu = v; return this; }
        public Builder landMu(long v) { landMu = BigDecimal.valueOf(v); return this; }
        public Builder outstandingLiabilityFen(long v) { outstandingLiabilityFen = v; return this; }
        public Builder employedPersons(int v) { employedPersons = v; return this; }

        public MemberFacts build() {
            return new MemberFacts(householdId, status, blacklisted, laborCapacity, exitDate, deliveryValueFen,
                    shares, laborDays, landMu, outstandingLiabilityFen, employedPersons);
        }
    }
}
