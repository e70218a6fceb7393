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

  /** 2026-12-02 → "2026年12月2日". */
  public static String date(LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }
}
