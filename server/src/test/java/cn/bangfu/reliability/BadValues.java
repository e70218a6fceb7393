package cn.bangfu.reliability;

import cn.bangfu.registry.IdentityNumber;
import cn.bangfu.registry.Uscc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * Values that are invalid for a field of a given kind — never accidentally valid, so a fuzzed request
 * must be refused. Free-text fields accept SQL and script fragments as text, so there those arrive
 * together with something that makes them invalid (a control character, too many characters).
 * {@link Raw} values are written into the JSON text verbatim (1e30, numbers beyond Long, NaN).
 */
final class BadValues {
  record Raw(String token) {
  }

  /** What a field holds; the bounds are the server's own (Body, LotRoutes, RegistryRoutes). */
  enum Kind { TEXT, ENUM, INTEGER, DECIMAL, ID, DATE, BOOLEAN, USCC, REGION, ID_NUMBER, USERNAME, PASSWORD,
    REGION_PREFIX, YAML, RULE_SET, CERTIFICATIONS, SHARES }

  record Field(String name, Kind kind, boolean required, int maxLength, long min, long max, int scale,
      BigDecimal minExclusive, BigDecimal maxDecimal) {
    static Field text(String name, int maxLength, boolean required) {
      return new Field(name, Kind.TEXT, required, maxLength, 0, 0, 0, null, null);
    }

    static Field of(String name, Kind kind, boolean required) {
      return new Field(name, kind, required, 40, 0, 0, 0, null, null);
    }

    static Field integer(String name, long min, long max) {
      return new Field(name, Kind.INTEGER, true, 0, min, max, 0, null, null);
    }

    static Field decimal(String name, int scale, String minExclusive, String max, boolean required) {
      return new Field(name, Kind.DECIMAL, required, 0, 0, 0, scale, new BigDecimal(minExclusive), new BigDecimal(max));
    }
  }

  static final List<String> INJECTIONS = List.of("' OR '1'='1", "1; DROP TABLE purchase_order; --",
      "\" OR \"\"=\"", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd",
      "%00", "\\u0000", "' UNION SELECT password_hash FROM app_user --", "admin'--", "<img src=x onerror=alert(1)>");
  private static final List<String> CONTROL = List.of("\u0000", "\u0007", "\n", "\r", "\u001b[31m", "\u007f",
      "\u0085", "\ufffd", "\u0008");
  private static final List<String> UNICODE = List.of("葡萄", "ＣＯＯＰ", "１２３", "٣٤٥", "🍇🍇", "Ω≈ç√", "\u200b",
      "\u202eevil", "ﷺ", "𝟘𝟙𝟚");
  private static final List<Object> NOT_TEXT = List.of(123, -1, 1.5, true, false, new JsonObject(),
      new JsonArray(), new JsonArray().add("a"), new JsonObject().put("a", 1), new Raw("1e30"));
  private static final List<Object> NOT_NUMBER = List.of("12", "", "abc", true, false, new JsonObject(),
      new JsonArray(), new JsonArray().add(1), "１２", new Raw("1e30"), new Raw("-1e30"), new Raw("1.5"),
      new Raw("0.000001"), new Raw("1e400"));

  private final Random random;

  BadValues(Random random) {
    this.random = random;
  }

  Object invalid(Field f) {
    return switch (f.kind()) {
      case TEXT -> badText(f.maxLength());
      case ENUM -> badToken();
      case INTEGER -> badInteger(f.min(), f.max());
      case DECIMAL -> badDecimal(f);
      case ID -> pick(List.of("0", "-1", "abc", "1.5", 1.5, 0, -7, "12345678901234567890", "9223372036854775808",
          "１２３", "1 OR 1=1", "1; DROP TABLE lot", "<script>", "", " ", true, new JsonObject(), new JsonArray(),
          new Raw("1e30"), new Raw("9223372036854775808"), new Raw("-9223372036854775809"), "0x1F", "+12", "1e5",
          injection()));
      case DATE -> pick(List.of("2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "20260101", 20260101,
          "2026-1-1", "yesterday", "２０２６-０１-０１", "2026-01-01T00:00:00", "", "+10000-01-01", "-2026-01-01",
          "2026-00-10", "0000-00-00", true, new JsonObject(), new JsonArray(), injection(), new Raw("1e30"),
          // well-formed but outside the business window (issue 12, finding 7)
          "0001-01-01", "1999-12-31", "9999-12-31", "2099-12-02"));
      case BOOLEAN -> pick(List.of("true", 1, 0, "yes", new JsonObject(), new JsonArray(), "false"));
      case USCC -> pick(List.of(wrongCheck(Uscc.withCheckCode("93450123" + digits(9))), "9345012300000000",
          "93450123000000000012", "IIIIIIIIIIIIIIIIII", "", 934501230000L, injection(), "９３４５０１２３"));
      case REGION -> pick(List.of("45012310520", "4501231052011", "45012310520X", "", "450123-05201",
          "990123105201", "000123105201", injection(), 450123105201L, "４５０１２３１０５２０１"));
      case ID_NUMBER -> pick(List.of(wrongCheck(IdentityNumber.withCheckDigit("45012319750101" + digits(3))),
          "45012319750101001", "4501231975010100123", "ABCDEFGHIJKLMNOPQR", "", 450123197501010011L, injection(),
          "４５０１２３１９７５０１０１００１X"));
      case USERNAME -> pick(List.of("ab", "x".repeat(65), "bad name", "名字名字", "a'--", "<script>", "", "ab\u0000cd",
          "admin", 42, injection()));
      case PASSWORD -> pick(List.of("short", "123456789", "", "x".repeat(201), 1234567890123L, new JsonArray(),
          "pass\u0000word-long"));
      case REGION_PREFIX -> pick(List.of("4", "4501a", "4501231052011", "abc", "", "45 01", injection(), 4501));
      case YAML -> pick(List.of("", "   ", 123, true, new JsonObject(), new JsonArray().add("id: x"), new Raw("1e30")));
      case RULE_SET -> random.nextBoolean() ? badText(64) : "no-such-rule-set-" + Long.toHexString(random.nextLong());
      case CERTIFICATIONS -> pick(List.of("GREEN", new JsonArray().add("BOGUS"), new JsonArray().add(1),
          new JsonArray().add("green"), new JsonArray().add("GREEN").add("ORGANIC").add("GEOGRAPHICAL_INDICATION")
              .add("POVERTY_PRODUCT").add("GREEN"), new JsonObject(), new JsonArray().add(new JsonArray()),
          new JsonArray().add(injection())));
      case SHARES -> badShares();
    };
  }

  private Object badText(int maxLength) {
    return switch (random.nextInt(7)) {
      case 0 -> pick(NOT_TEXT);
      case 1 -> pick(List.of("", "   ", "\t\n ", "\u3000"));
      case 2 -> longer(maxLength);
      case 3 -> withControl(pick(INJECTIONS));
      case 4 -> withControl(pick(UNICODE));
      // invalid Unicode as JSON escapes, which is how it arrives (issue 12, finding 8)
      case 5 -> new Raw(pick(List.of("\"合作社\\ud800x\"", "\"x\\udfff\"", "\"\\udbff\\udbffx\"", "\"a\\uffffb\"")));
      default -> withControl("合作社" + digits(3));
    };
  }

  /** Enum values are upper-case constants: anything lower-case, non-Latin or non-text is never one. */
  private Object badToken() {
    return switch (random.nextInt(5)) {
      case 0 -> pick(NOT_TEXT);
      case 1 -> pick(List.of("coop", "kg", "land", "school", "full", "Kg", "ＫＧ", "公斤", "", "   "));
      case 2 -> injection();
      case 3 -> pick(UNICODE);
      default -> longer(40);
    };
  }

  private Object badInteger(long min, long max) {
    return switch (random.nextInt(4)) {
      case 0 -> pick(NOT_NUMBER);
      case 1 -> pick(List.of(min - 1, min - 1 - random.nextInt(1_000_000), Long.MIN_VALUE, new Raw("-" + "9".repeat(25))));
      case 2 -> pick(List.of(max == Long.MAX_VALUE ? new Raw("9223372036854775808") : (Object) (max + 1),
          new Raw("9223372036854775808"), new Raw("1" + "0".repeat(30)), new Raw("1e30"),
          max < Long.MAX_VALUE - 2_000_000 ? (Object) (max + 1 + random.nextInt(1_000_000)) : new Raw("1e19")));
      default -> pick(List.of(new Raw((min + 1) + ".5"), new Raw("1.0"), String.valueOf(Math.max(min, 1)),
          new Raw("-0.5"), injection()));
    };
  }

  private Object badDecimal(Field f) {
    BigDecimal step = BigDecimal.ONE.movePointLeft(f.scale());
    return switch (random.nextInt(5)) {
      case 0 -> pick(List.of("abc", "", "1,5", "1..2", "0x10", "1e", "NaN", "Infinity", "-Infinity", true,
          new JsonObject(), new JsonArray(), "1 2", injection(), new Raw("1e400")));
      case 1 -> pick(List.of(f.minExclusive().toPlainString(), f.minExclusive().subtract(step).toPlainString(),
          new Raw(f.minExclusive().toPlainString()), new Raw(f.minExclusive().subtract(BigDecimal.TEN).toPlainString()),
          "-1", "-99999999999"));
      case 2 -> pick(List.of(f.maxDecimal().add(step).toPlainString(), new Raw(f.maxDecimal().add(BigDecimal.ONE)
          .toPlainString()), "1e30", new Raw("1e30"), "9".repeat(40), new Raw("9223372036854775808")));
      case 3 -> {
        // one decimal place too many, the last digit non-zero
        String tooFine = "1." + "0".repeat(f.scale()) + (1 + random.nextInt(9));
        yield random.nextBoolean() ? tooFine : new Raw(tooFine);
      }
      // not UNICODE: BigDecimal reads any script's digits ("１２３", "٣٤٥"), those would be valid numbers
      default -> pick(List.of("葡萄", "ＣＯＯＰ", "🍇", "Ω≈ç√", "\u200b", "一二三", "𝟘𝟙𝟚"));
    };
  }

  private Object badShares() {
    JsonObject good = new JsonObject().put("shareClass", "LAND").put("units", "4.5").put("since", "2026-01-01");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 51; i++) {
      many.add(good.copy());
    }
    JsonObject bad = good.copy();
    switch (random.nextInt(6)) {
      case 0 -> bad.put("shareClass", badToken());
      case 1 -> bad.put("units", badDecimal(Field.decimal("units", 3, "0", "1000000000", true)));
      case 2 -> bad.put("since", invalid(Field.of("since", Kind.DATE, true)));
      case 3 -> bad.remove(pick(List.of("shareClass", "units", "since")));
      case 4 -> bad.put("until", "2025-12-31");
      default -> bad.put("until", invalid(Field.of("until", Kind.DATE, false)));
    }
    return pick(List.of(new JsonArray().add(good.copy()).add(bad), new JsonArray().add(bad), many, good,
        new JsonArray().add(1), new JsonArray().add("LAND"), new JsonArray().add(new JsonArray()), "shares",
        new JsonArray().add(good.copy()).add((Object) null)));
  }

  private String longer(int maxLength) {
    int length = maxLength + 1 + (random.nextInt(4) == 0 ? random.nextInt(8_000) : random.nextInt(20));
    String alphabet = pick(List.of("葡", "a", "🍇", "Ω", "'", "<"));
    return alphabet.repeat(length);
  }

  private String withControl(String text) {
    int at = text.isEmpty() ? 0 : 1 + random.nextInt(Math.max(1, text.length() - 1));
    at = Math.min(at, text.length());
    // Inside the text: leading or trailing control characters that are also whitespace would be stripped.
    return "x" + text.substring(0, at) + pick(CONTROL) + text.substring(at) + "x";
  }

  String injection() {
    return pick(INJECTIONS);
  }

  private String digits(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  /** The same code with its last character replaced by another valid one: a wrong check digit or code. */
  private static String wrongCheck(String valid) {
    char last = valid.charAt(valid.length() - 1);
    char other = last == '0' ? '1' : '0';
    return valid.substring(0, valid.length() - 1) + other;
  }

  @SuppressWarnings("unchecked")
  <T> T pick(List<? extends T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
