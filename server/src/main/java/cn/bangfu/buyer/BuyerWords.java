package cn.bangfu.buyer;

import cn.bangfu.coop.CoopPage;
import cn.bangfu.matching.MatchScoring;
import cn.bangfu.matching.MatchScoring.Score;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.supply.Units;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A match's reasons as a canteen buyer reads them: from the score's own points (MatchScoring), in Chinese,
 * with 元 and 公斤 rather than the API's bilingual fen/KG reasons, which programs read.
 */
final class BuyerWords {
  private BuyerWords() {
  }

  static List<String> reasons(Score s) {
    List<String> reasons = new ArrayList<>();
    String unit = CoopPage.UNITS.get(s.demand().unit());
    if (s.paired() > 0) {
      reasons.add("结对帮扶的合作社，优先采购");
    }
    String price = ChineseText.yuan(s.pricePerDemandUnit().setScale(0, RoundingMode.HALF_UP).longValueExact());
    String budget = ChineseText.yuan(s.demand().maxUnitPriceFen());
    reasons.add(s.price() > 0 ? "单价 " + price + " 元/" + unit + "，在预算 " + budget + " 元以内"
        : "单价 " + price + " 元/" + unit + "，超出预算 " + budget + " 元");
    String deliverBy = ChineseText.date(s.demand().deliverBy());
    if (s.window() == MatchScoring.WINDOW_POINTS) {
      reasons.add("供货期赶得上" + deliverBy + "交货");
    } else if (s.window() > 0) {
      reasons.add("供货期在" + deliverBy + "以前结束，要提前收货");
    } else {
      reasons.add("供货期晚于" + deliverBy + "，赶不上交货");
    }
    BigDecimal available = Units.convert(s.lot().availableQuantity(), s.lot().unit(), s.demand().unit());
    BigDecimal covered = available.min(s.demand().quantity());
    reasons.add(s.quantity() > 0 || covered.signum() > 0
        ? "能供 " + cn.bangfu.platform.ChineseText.quantity(covered) + " " + unit + "（您要 " + cn.bangfu.platform.ChineseText.quantity(s.demand().quantity()) + " "
            + unit + "）"
        : "您要的数量低于起订量");
    if (s.povertyProduct() > 0) {
      reasons.add("已认定为扶贫产品");
    }
    if (s.cooperative().members() > 0) {
      reasons.add("合作社 " + s.cooperative().members() + " 户成员中有 " + s.cooperative().poorMembers()
          + " 户脱贫户或监测户");
    }
    return reasons;
  }

  static String demandError(String field) {
    return switch (field) {
      case "product" -> "请填写要买的品名，例如“葡萄”。";
      case "quantity" -> "数量要大于 0，最多三位小数。";
      case "unit" -> "请选择计量单位。";
      case "maxPrice" -> "最高单价请填元，最多两位小数，例如 13 或 12.50。";
      case "deliverBy" -> "交货日期要写成 2026-12-20 这样，不能早于今天。";
      default -> "这一项填得不对，请检查。";
    };
  }
}
