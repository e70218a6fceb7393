package cn.bangfu.platform;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Query-string reads for every capability's routes (lots, orders, procurement, monitoring), strict like
 * {@link Body}: a bad value is a 400 naming the parameter, an absent one is null. ("Today" for dates is
 * the server's BusinessClock.)
 */
public final class Params {
  private static final Pattern REGION_PREFIX = Pattern.compile("[0-9]{1,12}");

  private Params() {
  }

  private static String raw(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public static String text(RoutingContext ctx, String name, int maxLength) {
    String value = raw(ctx, name);
    if (value != null && (value.codePointCount(0, value.length()) > maxLength
        || value.codePoints().anyMatch(Character::isISOControl))) {
      throw Problem.badRequest(name, name + " must be at most " + maxLength + " printable characters");
    }
    return value;
  }

  public static Long fen(RoutingContext ctx, String name) {
    String value = raw(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      long fen = Long.parseLong(value);
      if (fen >= 0 && fen <= Body.MAX_FEN) {
        return fen;
      }
    } catch (NumberFormatException ignored) {
      // the problem below names the parameter
    }
    throw Problem.badRequest(name, name + " must be a whole number of fen between 0 and " + Body.MAX_FEN);
  }

  public static Long id(RoutingContext ctx, String name) {
    String value = raw(ctx, name);
    if (value == null) {
      return null;
    }
    Long id = Body.parseId(value);
    if (id == null) {
      throw Problem.badRequest(name, name + " must be an id (a string of digits)");
    }
    return id;
  }

  public static LocalDate date(RoutingContext ctx, String name) {
    String value = raw(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(name, name + " must be a date YYYY-MM-DD");
    }
  }

  public static String regionPrefix(RoutingContext ctx, String name) {
    String value = raw(ctx, name);
    if (value != null && !REGION_PREFIX.matcher(value).matches()) {
      throw Problem.badRequest(name, name + " must be 1 to 12 digits of a 统计用区划代码");
    }
    return value;
  }

  public static boolean isRegionPrefix(String value) {
    return value != null && REGION_PREFIX.matcher(value).matches();
  }

  public static boolean flag(RoutingContext ctx, String name) {
    String value = raw(ctx, name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw Problem.badRequest(name, name + " must be true or false");
  }

  /** ?year=, required, a plausible calendar year. */
  public static int year(RoutingContext ctx) {
    String value = raw(ctx, "year");
    if (value == null) {
      throw Problem.badRequest("year", "year is required");
    }
    try {
      int year = Integer.parseInt(value);
      if (year >= 2000 && year <= 2100) {
        return year;
      }
    } catch (NumberFormatException ignored) {
      // the problem below names the parameter
    }
    throw Problem.badRequest("year", "year must be a year between 2000 and 2100");
  }
}
