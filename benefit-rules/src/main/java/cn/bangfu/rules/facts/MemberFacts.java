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
 * {@code postWork} is the household's days on registered public-welfare posts (公益岗位) in the period, post by
 * post with each post's pay: the basis of {@code post_days} steps. {@code laborDays} is all labour, posts included.
 * {@code employedPersons} is how many of the household's people the cooperative paid a wage in the period (a
 * labour record with a wage): the 100+1+1 count of labourers employed is of persons, not of households.
 */
public record MemberFacts(long householdId, HouseholdStatus status, boolean blacklisted, LaborCapacity laborCapacity,
                          LocalDate exitDate, long deliveryValueFen, List<ShareHolding> shares, BigDecimal laborDays,
                          BigDecimal landMu, long outstandingLiabilityFen, int employedPersons,
                          List<PostWork> postWork) {

    public MemberFacts {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(laborCapacity, "laborCapacity");
        shares = shares == null ? List.of() : List.copyOf(shares);
        postWork = postWork == null ? List.of() : List.copyOf(postWork);
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

    /** Days on registered public-welfare posts in the period, all posts together. */
    public BigDecimal postDays() {
        BigDecimal sum = BigDecimal.ZERO;
        for (PostWork w : postWork) {
            sum = sum.add(w.days());
        }
        return sum;
    }

    /**
     * Pay earned on the posts, Σ days × monthly pay ÷ work days per month, exact until this one rounding half up
     * to the fen (a post of 600 元 for 22 days: 15 days earn 409.090… → 409.09 元).
     */
    public long postPayFen() {
        java.math.BigInteger den = java.math.BigInteger.ONE;
        for (PostWork w : postWork) {
            java.math.BigInteger d = w.payDenominator();
            den = den.divide(den.gcd(d)).multiply(d);
        }
        java.math.BigInteger num = java.math.BigInteger.ZERO;
        for (PostWork w : postWork) {
            num = num.add(w.payNumerator(den));
        }
        return new BigDecimal(num).divide(new BigDecimal(den), 0, java.math.RoundingMode.HALF_UP).longValueExact();
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
        private final List<PostWork> postWork = new ArrayList<>();
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
        public Builder postWork(PostWork v) { postWork.add(v); return this; }
        public Builder employedPersons(int v) { employedPersons = v; return this; }

        public MemberFacts build() {
            return new MemberFacts(householdId, status, blacklisted, laborCapacity, exitDate, deliveryValueFen,
                    shares, laborDays, landMu, outstandingLiabilityFen, employedPersons, postWork);
        }
    }
}
