package cn.bangfu.distribution;

import java.util.Locale;
import java.util.Map;

/**
 * The distribution vocabulary in plain Chinese for the pages for people (issue 15): one table per code
 * list, here in the capability that owns the codes, so no page shows SHARE_UNITS, trade-rebate or
 * POSTED. A new rule step or basis without a word here falls back to a general word, never to its code.
 */
public final class PlainWords {
  private PlainWords() {
  }

  /** Run statuses as a household reads them. */
  public static final Map<RunStatus, String> RUN_STATUS = Map.of(
      RunStatus.DRAFT, "草稿", RunStatus.PUBLICIZED, "正在公示", RunStatus.APPROVED, "已审批，等待入账",
      RunStatus.POSTED, "已入账", RunStatus.REVERSED, "已撤销",
      RunStatus.REJECTED, "已被退回，合作社重新制定");

  /** How a step splits its money, by the basis code the line stores (upper or lower case). */
  private static final Map<String, String> BASIS = Map.of(
      "delivery_value", "按交售额", "share_units", "按持股", "labor_days", "按劳动日",
      "land_mu", "按入股土地亩数", "equal", "每户均分", "post_days", "按公益岗位出工天数");

  /**
   * The kind of money a line is, from its rule step and basis: 保底分红 for guaranteed steps, 公益岗位,
   * 土地租金 and 工资 by their steps, then 按交易额返还 (delivery value), 按股分红 (shares, land shares).
   */
  public static String kind(String stepId, String basis) {
    String step = stepId == null ? "" : stepId.toLowerCase(Locale.ROOT);
    String by = basis == null ? "" : basis.toLowerCase(Locale.ROOT);
    if (step.contains("repayment")) {
      return "偿还往期保底欠款";
    }
    if (step.contains("guarantee")) {
      return "保底分红";
    }
    if (step.contains("welfare") || step.startsWith("post-")) {
      return "公益岗位";
    }
    if (step.contains("rent")) {
      return "土地租金";
    }
    return switch (by) {
      case "delivery_value" -> "按交易额返还";
      case "labor_days" -> "工资";
      case "post_days" -> "公益岗位";
      case "share_units", "land_mu" -> "按股分红";
      case "equal" -> "每户均分收益";
      default -> "分红";
    };
  }

  /** "按交售额", "按持股" …; a basis without a word: "按规则". */
  public static String basis(String basis) {
    return basis == null ? "按规则" : BASIS.getOrDefault(basis.toLowerCase(Locale.ROOT), "按规则");
  }
}
