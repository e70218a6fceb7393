package cn.bangfu.supply;

import cn.bangfu.registry.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converting quantities between units. Mass units convert through kilograms (JIN = 斤 = 0.5 kg,
 * TON = 1000 kg); counted and volume units (PIECE, BOX, HEAD, LITER) only compare with themselves,
 * because a box of grapes has no fixed weight.
 */
public final class Units {
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal THOUSAND = new BigDecimal("1000");

  private Units() {
  }

  /** Kilograms per unit, or null for a unit that is not a mass. */
  static BigDecimal kilograms(Unit unit) {
    return switch (unit) {
      case KG -> BigDecimal.ONE;
      case JIN -> HALF;
      case TON -> THOUSAND;
      default -> null;
    };
  }

  public static boolean compatible(Unit a, Unit b) {
    return a == b || (kilograms(a) != null && kilograms(b) != null);
  }

  /** {@code quantity} of {@code from} expressed in {@code to} (exact for mass units); requires compatible units. */
  public static BigDecimal convert(BigDecimal quantity, Unit from, Unit to) {
    if (from == to) {
      return quantity;
    }
    BigDecimal kg = quantity.multiply(kilograms(from));
    return kg.divide(kilograms(to), 6, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /**
   * A price per {@code from} unit expressed per {@code to} unit, in fractional fen (for comparing
   * prices only; money that changes hands is always computed in whole fen elsewhere).
   */
  public static BigDecimal pricePer(long fenPerFrom, Unit from, Unit to) {
    if (from == to) {
      return BigDecimal.valueOf(fenPerFrom);
    }
    // fen per `to` = fen per `from` × (`from` units in one `to`) = fen × kg(to) / kg(from)
    return BigDecimal.valueOf(fenPerFrom).multiply(kilograms(to)).divide(kilograms(from), 6, RoundingMode.HALF_UP);
  }
}
