package cn.bangfu.platform;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar business dates are checked against. Dates in this ledger are Beijing dates (a
 * delivery on 2026-08-20 happened on that day in China), so "today" is today in Asia/Shanghai.
 * "Today" itself comes from the server's {@link BusinessClock}; this class holds the calendar's fixed bounds.
 */
public final class BusinessDay {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** No record of this ledger predates the targeted poverty-alleviation programmes; earlier dates are typos. */
  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  /** Planned dates (lots on offer, deliveries due, share terms) reach at most this many years ahead. */
  public static final int PLANNING_YEARS = 5;

  private BusinessDay() {
  }

}
