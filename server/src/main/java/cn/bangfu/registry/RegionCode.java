package cn.bangfu.registry;

import java.util.regex.Pattern;

/** 统计用区划代码: 12 digits, province (2) · city (2) · county (2) · township (3) · village (3). */
public final class RegionCode {
  private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12}");

  private RegionCode() {
  }

  public static String problemWith(String code) {
    if (code == null || !TWELVE_DIGITS.matcher(code).matches()) {
      return "must be a 12-digit 统计用区划代码";
    }
    int province = Integer.parseInt(code.substring(0, 2));
    if (province < 11 || province > 82) {
      return "the first two digits must be a province code (11-82)";
    }
    return null;
  }
}
