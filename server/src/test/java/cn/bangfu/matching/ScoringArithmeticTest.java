package cn.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.matching.MatchScoring.CooperativeFacts;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.matching.MatchScoring.Score;
import cn.bangfu.registry.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scoring function compares quantities and prices as integers (thousandths × grams per unit) so
 * it can run over 100,000 lots per request. These properties hold it to the documented rules written
 * out in exact decimals: kilograms per unit (斤 = 0.5 kg, 吨 = 1,000 kg), no rounding anywhere,
 * including quantities and prices far beyond a long once scaled.
 */
class ScoringArithmeticTest {
  static final LocalDate DELIVER_BY = LocalDate.of(2026, 9, 1);
  static final BigDecimal FIFTEEN = BigDecimal.valueOf(MatchScoring.QUANTITY_POINTS);

  @Provide
  Arbitrary<Unit> mass() {
    return Arbitraries.of(Unit.KG, Unit.JIN, Unit.TON);
  }

  @Provide
  Arbitrary<BigDecimal> quantity() {
    // thousandths from 1 to the column's limit (DECIMAL(18,3)), weighted towards everyday sizes
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 10_000_000L)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 999_999_999_999_999_999L)))
        .map(milli -> BigDecimal.valueOf(milli, 3));
  }

  @Provide
  Arbitrary<Long> fen() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 100_000L)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE / 2)));
  }

  static BigDecimal kilograms(Unit unit) {
    return switch (unit) {
      case KG -> BigDecimal.ONE;
      case JIN -> new BigDecimal("0.5");
      case TON -> new BigDecimal("1000");
      default -> throw new IllegalArgumentException(unit.name());
    };
  }

  @Property(tries = 2000)
  void given_any_mass_units_quantities_and_prices_when_scored_then_price_and_quantity_points_follow_the_exact_rules(
      @ForAll("mass") Unit lotUnit, @ForAll("mass") Unit demandUnit, @ForAll("quantity") BigDecimal available,
      @ForAll("quantity") BigDecimal minimum, @ForAll("quantity") BigDecimal wanted, @ForAll("fen") long lotPrice,
      @ForAll("fen") long budget) {
    DemandFacts demand = new DemandFacts(1, 2, "葡萄", wanted, demandUnit, budget, DELIVER_BY);
    LotFacts lot = new LotFacts(3, 4, "葡萄", lotUnit, available, minimum, lotPrice, DELIVER_BY, DELIVER_BY, false);

    Score score = MatchScoring.score(demand, lot, CooperativeFacts.NONE);

    // in kilograms, exactly
    BigDecimal availableKg = available.multiply(kilograms(lotUnit));
    BigDecimal wantedKg = wanted.multiply(kilograms(demandUnit));
    BigDecimal minimumKg = minimum.multiply(kilograms(lotUnit));
    BigDecimal pricePerKgTimesDemandKg = BigDecimal.valueOf(lotPrice).multiply(kilograms(demandUnit));
    boolean withinBudget = pricePerKgTimesDemandKg.compareTo(BigDecimal.valueOf(budget).multiply(kilograms(lotUnit))) <= 0;
    boolean belowMinimum = wantedKg.compareTo(minimumKg) < 0 && wantedKg.compareTo(availableKg) < 0;
    int quantityPoints = belowMinimum ? 0
        : availableKg.min(wantedKg).multiply(FIFTEEN).divide(wantedKg, 0, RoundingMode.FLOOR).intValueExact();

    assertThat(score.price()).isEqualTo(withinBudget ? MatchScoring.PRICE_POINTS : 0);
    assertThat(score.quantity()).isEqualTo(quantityPoints);
    assertThat(score.pricePerDemandUnit()).isEqualByComparingTo(
        BigDecimal.valueOf(lotPrice).multiply(kilograms(demandUnit)).divide(kilograms(lotUnit), 6, RoundingMode.HALF_UP));
  }

  @Property(tries = 500)
  void given_two_lots_when_ranked_then_the_cheaper_per_demand_unit_is_the_cheaper_in_exact_decimals(
      @ForAll("mass") Unit firstUnit, @ForAll("mass") Unit secondUnit, @ForAll("fen") long firstPrice,
      @ForAll("fen") long secondPrice) {
    DemandFacts demand = new DemandFacts(1, 2, "葡萄", new BigDecimal("2000"), Unit.KG, 1300, DELIVER_BY);
    Score first = MatchScoring.score(demand, new LotFacts(3, 4, "葡萄", firstUnit, new BigDecimal("5000"),
        BigDecimal.ZERO, firstPrice, DELIVER_BY, DELIVER_BY, false), CooperativeFacts.NONE);
    Score second = MatchScoring.score(demand, new LotFacts(5, 4, "葡萄", secondUnit, new BigDecimal("5000"),
        BigDecimal.ZERO, secondPrice, DELIVER_BY, DELIVER_BY, false), CooperativeFacts.NONE);
    BigDecimal firstPerKg = BigDecimal.valueOf(firstPrice).divide(kilograms(firstUnit), 6, RoundingMode.UNNECESSARY);
    BigDecimal secondPerKg = BigDecimal.valueOf(secondPrice).divide(kilograms(secondUnit), 6, RoundingMode.UNNECESSARY);

    assertThat(Integer.signum(first.pricePerDemandUnit().compareTo(second.pricePerDemandUnit())))
        .isEqualTo(Integer.signum(firstPerKg.compareTo(secondPerKg)));
  }
}
