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
  private Units() {
  }

  /** Grams per unit, or 0 for a unit that is not a mass: the one table of unit sizes. */
  private static long grams(Unit unit) {
    return switch (unit) {
      case KG -> 1_000;
      case JIN -> 500;
      case TON -> 1_000_000;
      default -> 0;
    };
  }

  /** Kilograms per unit, or null for a unit that is not a mass. */
  static BigDecimal kilograms(Unit unit) {
    long grams = grams(unit);
    return grams == 0 ? null : BigDecimal.valueOf(grams, 3);
  }

  /**
   * Grams per unit for a mass unit, 1 for a unit that only compares with itself: a quantity in
   * thousandths of a unit times this scale compares exactly with another converted the same way.
   */
  public static long scale(Unit unit) {
    long grams = grams(unit);
    return grams == 0 ? 1 : grams;
  }

  /** A quantity of at most 3 decimals (as stored: DECIMAL(18,3)) in thousandths of its unit. */
  public static long milli(BigDecimal quantity) {
    return quantity.movePointRight(3).longValueExact();
  }

  public static boolean compatible(Unit a, Unit b) {
    return a == b || (grams(a) != 0 && grams(b) != 0);
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
    // fen per `to` = fen per `from` × (`from` units in one `to`) = fen × kg(to) / kg(from); every scale
    // divides a million grams, so this is exact in millionths of a fen (matching compares it per lot)
    long perMillion = scale(to) * (1_000_000 / scale(from));
    if (Math.multiplyHigh(fenPerFrom, perMillion) == 0 && fenPerFrom * perMillion >= 0) {
      return BigDecimal.valueOf(fenPerFrom * perMillion, 6);
    }
    return BigDecimal.valueOf(fenPerFrom).multiply(kilograms(to)).divide(kilograms(from), 6, RoundingMode.HALF_UP);
  }
}
