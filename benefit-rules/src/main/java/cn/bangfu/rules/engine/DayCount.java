package cn.bangfu.rules.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Year fractions for "per year" amounts. Each day counts 1/365 or 1/366 of its own calendar year, so a whole
 * calendar year is exactly 1 whether or not it is a leap year. Fractions are returned as integer numerators
 * over {@link #DENOMINATOR} (lcm of 365 and 366) to stay exact.
 */
public final class DayCount {

    public static final long DENOMINATOR = 365L * 366L;

    private DayCount() {
    }

    /** Numerator of the year fraction of [from, toExclusive); 0 if empty. */
    public static long yearFractionNumerator(LocalDate from, LocalDate toExclusive) {
        long num = 0;
        LocalDate d = from;
        while (d.isBefore(toExclusive)) {
            LocalDate nextYear = LocalDate.of(d.getYear() + 1, 1, 1);
            LocalDate end = nextYear.isBefore(toExclusive) ? nextYear : toExclusive;
            long days = ChronoUnit.DAYS.between(d, end);
            num += days * (DENOMINATOR / d.lengthOfYear());
            d = end;
        }
        return num;
    }

    /** Days of [since, until) that fall within [start, endExclusive). */
    public static long overlapDays(LocalDate since, LocalDate until, LocalDate start, LocalDate endExclusive) {
        LocalDate from = since.isAfter(start) ? since : start;
        LocalDate to = until == null || until.isAfter(endExclusive) ? endExclusive : until;
        return from.isBefore(to) ? ChronoUnit.DAYS.between(from, to) : 0;
    }

    /** Like {@link #overlapDays} but as a year-fraction numerator. */
    public static long overlapYearNumerator(LocalDate since, LocalDate until, LocalDate start, LocalDate endExclusive) {
        LocalDate from = since.isAfter(start) ? since : start;
        LocalDate to = until == null || until.isAfter(endExclusive) ? endExclusive : until;
        return from.isBefore(to) ? yearFractionNumerator(from, to) : 0;
    }
}
