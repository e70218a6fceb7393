package cn.bangfu.supply;

import cn.bangfu.registry.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/** Parsed, validated inputs of the lot routes. */
public final class LotCommands {
  private LotCommands() {
  }

  public record NewLot(long cooperativeId, String product, String grade, BigDecimal quantity, Unit unit,
      long unitPriceFen, LocalDate availableFrom, LocalDate availableTo, BigDecimal minOrderQuantity,
      Set<Certification> certifications) {
  }

  /** Search filters; null means "any". {@code openOn} keeps lots whose window contains that date. */
  public record LotQuery(String product, String regionPrefix, Long cooperativeId, Long minPriceFen, Long maxPriceFen,
      LocalDate openOn, LocalDate windowFrom, LocalDate windowTo, boolean onlyAvailable, int limit, int offset) {
  }
}
