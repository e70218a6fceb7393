package cn.bangfu.platform;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** How values leave the server in JSON (DESIGN.md 6): ids as strings, dates YYYY-MM-DD, times ISO-8601 UTC. */
public final class JsonValues {
  private JsonValues() {
  }

  public static String id(Long id) {
    return id == null ? null : Long.toString(id);
  }

  public static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }

  /** Stored times are UTC DATETIME(3) values. */
  public static String time(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC).toString();
  }
}
