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

  /**
   * Search filters; null means "any". {@code openOn} keeps lots whose window contains that date; {@code place}
   * keeps lots of cooperatives whose registered name contains it (a county, township or village name, as
   * 岑巩县思旸镇岑丰村葡萄种植专业合作社 carries its place: a buyer knows 岑巩, not 522626).
   */
  public record LotQuery(String product, String regionPrefix, String place, Long cooperativeId, Long minPriceFen,
      Long maxPriceFen, LocalDate openOn, LocalDate windowFrom, LocalDate windowTo, boolean onlyAvailable, int limit,
      int offset) {
  }
}
