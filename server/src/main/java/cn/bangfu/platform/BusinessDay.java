package cn.bangfu.platform;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar business dates are checked against. Dates in this ledger are Beijing dates (a
 * delivery on 2026-08-20 happened on that day in China), so "today" is today in Asia/Shanghai.
 * Every range check reads the day through {@link #today()} so one injected clock can replace it later.
 */
public final class BusinessDay {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** No record of this ledger predates the targeted poverty-alleviation programmes; earlier dates are typos. */
  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  /** Planned dates (lots on offer, deliveries due, share terms) reach at most this many years ahead. */
  public static final int PLANNING_YEARS = 5;

  private BusinessDay() {
  }

  public static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /** The last plannable date: today plus {@link #PLANNING_YEARS} years. */
  public static LocalDate latestPlanned() {
    return today().plusYears(PLANNING_YEARS);
  }
}
