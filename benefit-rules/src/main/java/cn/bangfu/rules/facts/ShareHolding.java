package cn.bangfu.rules.facts;

import cn.bangfu.rules.model.ShareClass;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Shares held by a household. {@code since} is the first day held; {@code until} is the first day no longer
 * held (exclusive), so a transfer on day X ends one holding and starts another without double counting.
 * Units are in the class's unit (元 for money classes, 亩 for land).
 *
 * @param valuationFenPerUnit for land: the fen value of one 亩 as the cooperative's charter set it when the
 *                            land was put in (recorded with the holding); null when none was recorded
 */
public record ShareHolding(ShareClass shareClass, BigDecimal units, LocalDate since, LocalDate until,
                           BigDecimal valuationFenPerUnit) {

    public ShareHolding {
        Objects.requireNonNull(shareClass, "shareClass");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(since, "since");
        if (units.signum() < 0) {
            throw new IllegalArgumentException("share units must not be negative: " + units);
        }
        if (units.stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException("share units carry at most 6 decimals: " + units);
        }
        if (until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("share holding ends before it starts: " + since + " .. " + until);
        }
        if (valuationFenPerUnit != null && valuationFenPerUnit.signum() <= 0) {
            throw new IllegalArgumentException("a valuation must be positive: " + valuationFenPerUnit);
        }
    }

    public ShareHolding(ShareClass shareClass, BigDecimal units, LocalDate since, LocalDate until) {
        this(shareClass, units, since, until, null);
    }

    public static ShareHolding of(ShareClass shareClass, long units, LocalDate since) {
        return new ShareHolding(shareClass, BigDecimal.valueOf(units), since, null);
    }
}
