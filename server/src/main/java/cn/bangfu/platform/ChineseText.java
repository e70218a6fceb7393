package cn.bangfu.platform;

import cn.bangfu.rules.result.Money;
import java.time.LocalDate;

/**
 * How the pages write figures for people (issue 15): amounts in 元 with two decimals and thousands
 * separators, dates as 2026年12月2日. One place, so every page and every printed notice agree.
 */
public final class ChineseText {
  private ChineseText() {
  }

  /** 300000 fen → "3,000.00" (元 is written by the page beside it). */
  public static String yuan(long fen) {
    return Money.yuan(fen);
  }

  /**
   * A quantity to read, grouped like money: 30000 → "30,000", 150.500 → "150.5" (null → ""). Never in a
   * form's input: a number typed back with a comma is refused there, so inputs keep {@link #plainQuantity}.
   */
  public static String quantity(java.math.BigDecimal q) {
    if (q == null) {
      return "";
    }
    java.text.DecimalFormat grouped = new java.text.DecimalFormat("#,##0.######",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    return grouped.format(q.stripTrailingZeros());
  }

  /** A quantity as a form's input holds it: 30000, 150.5 (null → ""). */
  public static String plainQuantity(java.math.BigDecimal q) {
    return q == null ? "" : q.stripTrailingZeros().toPlainString();
  }

  /** 2026-12-02 → "2026年12月2日". */
  public static String date(LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /**
   * What a person typed as 元 ("3000", "3,000.50", "12.5") → fen, or null when it is not a positive
   * amount with at most two decimals (the page then names the field). Exact: no floating point.
   */
  public static Long fenOf(String typedYuan) {
    if (typedYuan == null) {
      return null;
    }
    String plain = typedYuan.strip().replace(",", "").replace("，", "");
    if (plain.isEmpty() || !plain.matches("[0-9]{1,13}(\\.[0-9]{1,2})?")) {
      return null;
    }
    long fen = new java.math.BigDecimal(plain).movePointRight(2).longValueExact();
    return fen > 0 ? fen : null;
  }
}
