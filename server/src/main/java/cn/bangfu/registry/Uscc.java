package cn.bangfu.registry;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, S, V, Z);
 * characters 3-8 are the registering region's administrative code; the last is a check code
 * over the first 17 with weights 3^i mod 31.
 */
public final class Uscc {
  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private Uscc() {
  }

  /** Null when valid, else why not. */
  public static String problemWith(String code) {
    if (code == null || code.length() != 18) {
      return "must be 18 characters";
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int value = ALPHABET.indexOf(code.charAt(i));
      if (value < 0) {
        return "character " + (i + 1) + " is not allowed in a USCC";
      }
      if (i >= 2 && i < 8 && value > 9) {
        return "characters 3-8 must be the digits of a region code";
      }
      sum += value * WEIGHTS[i];
    }
    int check = (31 - sum % 31) % 31;
    return ALPHABET.charAt(check) == code.charAt(17) ? null : "check code does not match (GB 32100)";
  }

  /** The check code for 17 leading characters; used by demo data and tests to make valid codes. */
  public static String withCheckCode(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    return first17 + ALPHABET.charAt((31 - sum % 31) % 31);
  }
}
