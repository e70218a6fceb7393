package cn.bangfu.orders;

import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Order money: quantity (exact, 3 decimals) × unit price in fen, rounded half-up to the whole fen. */
public final class Amounts {
  private Amounts() {
  }

  public static long amountFen(BigDecimal quantity, long unitPriceFen, String field) {
    BigDecimal exact = quantity.multiply(BigDecimal.valueOf(unitPriceFen));
    BigDecimal fen = exact.setScale(0, RoundingMode.HALF_UP);
    if (fen.compareTo(BigDecimal.valueOf(Body.MAX_FEN)) > 0) {
      throw Problem.badRequest(field, field + " × unit price exceeds " + Body.MAX_FEN + " fen");
    }
    return fen.longValueExact();
  }
}
