package cn.bangfu.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Typed, strict reads of a JSON request body. Every failure is a 400 problem naming the field, so
 * handlers never see half-parsed input and never write anything for a bad request.
 */
public final class Body {
  /** 10^15 fen = 10 trillion yuan: beyond any real amount, far below Long overflow in sums. */
  public static final long MAX_FEN = 1_000_000_000_000_000L;

  private final JsonObject json;
  private final String prefix;
  /** Dates are checked against the server's business day, which tests move. */
  private final BusinessClock clock;

  private Body(JsonObject json, String prefix, BusinessClock clock) {
    this.json = json;
    this.prefix = prefix;
    this.clock = clock;
  }

  public static Body of(RoutingContext ctx) {
    if (!isJsonInUtf8(ctx.request().getHeader("Content-Type"))) {
      throw new Problem(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json (UTF-8)", "Content-Type");
    }
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw Problem.malformedJson("a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw Problem.malformedJson("the body is not a JSON object");
    }
    if (parsed == null) {
      throw Problem.malformedJson("a JSON object body is required");
    }
    return new Body((JsonObject) parsed, "", BusinessClock.of(ctx));
  }

  /**
   * application/json exactly (not application/jsonx nor application/json-seq, which a prefix test let
   * through), with no charset or charset=utf-8: the body is always decoded as UTF-8, so a body declared
   * as UTF-16 or Latin-1 would be read as something other than what its sender meant.
   */
  static boolean isJsonInUtf8(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
        String charset = parameter.substring(equals + 1).strip().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  public static Body wrap(JsonObject json, String prefix, BusinessClock clock) {
    return new Body(json, prefix, clock);
  }

  /** Today in Beijing by the server's business clock, for checks that compare two dates of a body. */
  public LocalDate today() {
    return clock.today();
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String field) {
    return json.getValue(field) != null;
  }

  private String path(String field) {
    return prefix + field;
  }

  public String text(String field, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      throw Problem.badRequest(path(field), path(field) + " is required");
    }
    if (!(value instanceof String s)) {
      throw Problem.badRequest(path(field), path(field) + " must be a string");
    }
    String trimmed = s.strip();
    if (trimmed.isEmpty()) {
      throw Problem.badRequest(path(field), path(field) + " must not be blank");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      throw Problem.badRequest(path(field), path(field) + " is longer than " + maxLength + " characters");
    }
    if (trimmed.codePoints().anyMatch(cp -> Character.isISOControl(cp) || cp == 0xFFFD)) {
      throw Problem.badRequest(path(field), path(field) + " contains control characters");
    }
    if (!isValidUnicode(trimmed)) {
      throw Problem.badRequest(path(field), path(field) + " is not valid Unicode (an unpaired surrogate or a noncharacter)");
    }
    return trimmed;
  }

  public String optionalText(String field, int maxLength) {
    return has(field) ? text(field, maxLength) : null;
  }

  public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String raw = text(field, 40);
    try {
      return Enum.valueOf(type, raw);
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
      }
      throw Problem.badRequest(path(field), path(field) + " must be one of " + allowed);
    }
  }

  public long integer(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      throw Problem.badRequest(path(field), path(field) + " is required");
    }
    if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
      throw Problem.badRequest(path(field), path(field) + " must be a whole number");
    }
    BigInteger big = value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
    if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
      throw Problem.badRequest(path(field), path(field) + " must be between " + min + " and " + max);
    }
    return big.longValue();
  }

  /** Money in integer fen: a JSON whole number, never a fraction or a string. */
  public long fen(String field, long min) {
    return integer(field, min, MAX_FEN);
  }

  /** A decimal such as a quantity or share units, exact to {@code scale} places, given as number or string. */
  public BigDecimal decimal(String field, int scale, BigDecimal minExclusive, BigDecimal max) {
    Object value = json.getValue(field);
    if (value == null) {
      throw Problem.badRequest(path(field), path(field) + " is required");
    }
    BigDecimal decimal;
    try {
      if (value instanceof String s) {
        decimal = new BigDecimal(s.strip());
      } else if (value instanceof Number n) {
        decimal = new BigDecimal(n.toString());
      } else {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw Problem.badRequest(path(field), path(field) + " must be a decimal number");
    }
    if (decimal.stripTrailingZeros().scale() > scale) {
      throw Problem.badRequest(path(field), path(field) + " allows at most " + scale + " decimal places");
    }
    if (decimal.compareTo(minExclusive) <= 0 || decimal.compareTo(max) > 0) {
      throw Problem.badRequest(path(field), path(field) + " must be greater than " + minExclusive.toPlainString()
          + " and at most " + max.toPlainString());
    }
    return decimal.setScale(scale);
  }

  /** An id: JSON ids are strings of digits (numbers are accepted too), always a positive 64-bit value. */
  public long id(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw Problem.badRequest(path(field), path(field) + " is required");
    }
    String raw = value instanceof String s ? s.strip() : value instanceof Integer || value instanceof Long ? value.toString() : null;
    Long parsed = raw == null ? null : parseId(raw);
    if (parsed == null) {
      throw Problem.badRequest(path(field), path(field) + " must be an id (a string of digits)");
    }
    return parsed;
  }

  public static Long parseId(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    try {
      long id = Long.parseLong(raw);
      return id > 0 ? id : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A planned or calendar date (a lot's availability, a delivery deadline, a period bound, a share
   * term): from {@link BusinessDay#EARLIEST} to {@link BusinessClock#latestPlanned()}. Years such as
   * 0001 or 9999 are typos that would otherwise sit in reports for ever.
   */
  public LocalDate date(String field) {
    return dateWithin(field, clock.latestPlanned(), "more than " + BusinessDay.PLANNING_YEARS + " years ahead");
  }

  public LocalDate optionalDate(String field) {
    return has(field) ? date(field) : null;
  }

  /**
   * The date of something that has happened (a delivery, a day's labour, a cost, a payment): from
   * {@link BusinessDay#EARLIEST} to today in Beijing. A future date here would post to the ledger a
   * payment that has not been made.
   */
  public LocalDate pastDate(String field) {
    return dateWithin(field, clock.today(), "in the future");
  }

  public LocalDate optionalPastDate(String field) {
    return has(field) ? pastDate(field) : null;
  }

  private LocalDate dateWithin(String field, LocalDate latest, String tooLate) {
    String raw = text(field, 10);
    LocalDate date;
    try {
      date = LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(path(field), path(field) + " must be a date YYYY-MM-DD");
    }
    if (date.isBefore(BusinessDay.EARLIEST)) {
      throw Problem.badRequest(path(field), path(field) + " is before " + BusinessDay.EARLIEST);
    }
    if (date.isAfter(latest)) {
      throw Problem.badRequest(path(field), path(field) + " is " + tooLate + " (latest allowed " + latest + ")");
    }
    return date;
  }

  /**
   * False for text that cannot be stored as UTF-8 unchanged: an unpaired surrogate (JSON allows
   * "\ud800" escapes; the driver would store it as '?') or a noncharacter such as U+FFFE.
   */
  public static boolean isValidUnicode(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.getType(cp) == Character.SURROGATE || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  public JsonArray array(String field, int minSize, int maxSize) {
    Object value = json.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw Problem.badRequest(path(field), path(field) + (value == null ? " is required" : " must be an array"));
    }
    if (array.size() < minSize || array.size() > maxSize) {
      throw Problem.badRequest(path(field), path(field) + " must hold between " + minSize + " and " + maxSize + " items");
    }
    return array;
  }

  /** The i-th element of an array field as a nested body whose errors name e.g. {@code shares[2].units}. */
  public Body element(String field, JsonArray array, int index) {
    Object value = array.getValue(index);
    String at = path(field) + "[" + index + "]";
    if (!(value instanceof JsonObject object)) {
      throw Problem.badRequest(at, at + " must be an object");
    }
    return new Body(object, at + ".", clock);
  }
}
