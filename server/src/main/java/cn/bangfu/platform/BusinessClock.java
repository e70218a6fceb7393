package cn.bangfu.platform;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one clock business time is read from (issue 18, point 1): "today" for date checks, publicity
 * windows, order expiry and ledger dates, and "now" for the recorded times of rows and entries.
 * Dates in this ledger are Beijing dates (a delivery on 2026-08-20 happened on that day in China), so
 * today is today in {@link BusinessDay#ZONE}; stored times are UTC. Production runs on the system
 * clock; tests give it a clock they advance, so a 公示 period ends by moving time, not by rewriting
 * rows. Token expiry and the throttles deliberately keep their own clocks (they measure elapsed
 * seconds of real time, which a business calendar must not stretch).
 */
public final class BusinessClock {
  /** Where {@link #of(RoutingContext)} finds the server's clock: put there for every request. */
  public static final String CONTEXT_KEY = "cn.bangfu.businessClock";

  private final Clock clock;

  public BusinessClock(Clock clock) {
    this.clock = clock;
  }

  public static BusinessClock system() {
    return new BusinessClock(Clock.systemUTC());
  }

  /** The clock this server put on the request (see LedgerServer's first route). */
  public static BusinessClock of(RoutingContext ctx) {
    BusinessClock clock = ctx.get(CONTEXT_KEY);
    if (clock == null) {
      // a wiring error, not bad input: every route passes the handler that puts it there
      throw new IllegalStateException("no business clock on this request");
    }
    return clock;
  }

  public Clock clock() {
    return clock;
  }

  public Instant instant() {
    return clock.instant();
  }

  /** Today in Beijing. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), BusinessDay.ZONE);
  }

  /**
   * Now in UTC to the millisecond, as rows store it: millisecond precision so that a time hashed
   * into a ledger entry is exactly the time read back from the DATETIME(3) column.
   */
  public LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  /** The last plannable date: today plus {@link BusinessDay#PLANNING_YEARS} years. */
  public LocalDate latestPlanned() {
    return today().plusYears(BusinessDay.PLANNING_YEARS);
  }

  /** The zone business dates are in. */
  public ZoneId zone() {
    return BusinessDay.ZONE;
  }
}
