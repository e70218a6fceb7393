package cn.bangfu.registry;

import cn.bangfu.platform.BusinessDay;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, and a check
 * character (0-9 or X) computed mod 11 over the first 17 digits. The number itself is never
 * returned or logged; {@link #mask} is the only form that leaves the server.
 */
public final class IdentityNumber {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private IdentityNumber() {
  }

  /** Upper-cases a trailing x so the same person always hashes the same. */
  public static String normalize(String raw) {
    return raw.strip().toUpperCase(java.util.Locale.ROOT);
  }

  /** Null when valid, else why not (without echoing the number). */
  public static String problemWith(String number) {
    if (number == null || number.length() != 18) {
      return "must be 18 characters";
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        return "the first 17 characters must be digits";
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    if (CHECK.charAt(sum % 11) != number.charAt(17)) {
      return "check digit does not match (GB 11643)";
    }
    try {
      LocalDate birth = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
          Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
      if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now(BusinessDay.ZONE))) {
        return "birth date is out of range";
      }
    } catch (DateTimeException e) {
      return "birth date is not a real date";
    }
    return null;
  }

  public static String withCheckDigit(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return first17 + CHECK.charAt(sum % 11);
  }

  /** 5101**********1234: the region's first four and the last four characters. */
  public static String mask(String number) {
    return number.substring(0, 4) + "*".repeat(10) + number.substring(14);
  }
}
