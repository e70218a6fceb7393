package cn.bangfu.rules.facts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Days a household worked in the period on one registered public-welfare post (公益岗位), with the post's pay as
 * the registry holds it: {@code monthlyPayFen} for a full month of {@code workDaysPerMonth} days. Only days on
 * a registered post count for a welfare-post step; other labour (wage work, 返租倒包) does not.
 *
 * @param postId           the registry's post id, for explanations
 * @param postNameZh       the post's name as the village knows it (保洁员, 护林员 …)
 * @param days             days on the post within the period (half days occur)
 * @param monthlyPayFen    the post's pay for a full month
 * @param workDaysPerMonth days that make a full month on this post
 */
public record PostWork(String postId, String postNameZh, BigDecimal days, long monthlyPayFen, int workDaysPerMonth) {

    public PostWork {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(postNameZh, "postNameZh");
        Objects.requireNonNull(days, "days");
        if (days.signum() < 0 || monthlyPayFen < 0 || workDaysPerMonth <= 0) {
            throw new IllegalArgumentException("post " + postId + ": negative days or pay, or no work days per month");
        }
    }

    /** Pay earned, exact: days × monthly pay ÷ work days per month, as numerator over {@link #payDenominator()}. */
    BigInteger payNumerator(BigInteger commonDenominator) {
        BigInteger perDen = commonDenominator.divide(payDenominator());
        BigInteger tenthsOrDays = days.setScale(daysScale()).unscaledValue();
        return BigInteger.valueOf(monthlyPayFen).multiply(tenthsOrDays).multiply(perDen);
    }

    private int daysScale() {
        return Math.max(0, days.scale());
    }

    /** Denominator of this post's pay: work days per month × 10^scale of the days. */
    BigInteger payDenominator() {
        return BigInteger.valueOf(workDaysPerMonth).multiply(BigInteger.TEN.pow(daysScale()));
    }
}
