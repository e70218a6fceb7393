package cn.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.matching.MatchScoring.CooperativeFacts;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.matching.MatchScoring.Score;
import cn.bangfu.registry.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Ranking keeps the best {@code limit} matches of many lots and skips, without building their
 * scores, those that cannot enter. Whatever the lots, it returns exactly what scoring every lot and sorting them all
 * would: the seed's canteen demand (2,000 公斤 of grapes at up to 13 元/公斤) against random lots.
 */
class RankingTest {
  static final LocalDate DELIVER_BY = LocalDate.of(2026, 9, 1);
  static final DemandFacts DEMAND = new DemandFacts(1, 100, "葡萄", new BigDecimal("2000"), Unit.KG, 1300, DELIVER_BY);

  @Provide
  Arbitrary<LotFacts> lot() {
    return Combinators.combine(
        Arbitraries.longs().between(1, 5), // cooperative
        Arbitraries.of(Unit.KG, Unit.JIN, Unit.TON, Unit.BOX),
        Arbitraries.longs().between(0, 3_000_000), // available, thousandths
        Arbitraries.longs().between(0, 3_000_000), // minimum order, thousandths
        Arbitraries.longs().between(500, 1_600), // fen per unit: few distinct prices, so ties happen
        Arbitraries.integers().between(-40, 20), // window start, days from deliver-by
        Arbitraries.integers().between(-10, 40), // window length
        Arbitraries.of(true, false))
        .as((coop, unit, available, minimum, price, start, length, poverty) -> new LotFacts(0, coop,
            "葡萄", unit, available, minimum, unit == Unit.TON ? price * 1000 : price,
            DELIVER_BY.plusDays(start), DELIVER_BY.plusDays(start + length), poverty));
  }

  @Property(tries = 300)
  void given_random_lots_when_ranked_then_the_top_equals_sorting_every_score(
      @ForAll @Size(max = 200) List<@net.jqwik.api.From("lot") LotFacts> drawn,
      @ForAll @IntRange(min = 1, max = 12) int limit,
      @ForAll @Size(min = 5, max = 5) List<@IntRange(min = 0, max = 10) Integer> poor) {
    List<LotFacts> lots = new ArrayList<>();
    for (int i = 0; i < drawn.size(); i++) {
      LotFacts l = drawn.get(i);
      lots.add(new LotFacts(i + 1, l.cooperativeId(), l.product(), l.unit(), l.availableMilli(), l.minOrderMilli(),
          l.unitPriceFen(), l.availableFrom(), l.availableTo(), l.povertyCertified()));
    }
    Map<Long, CooperativeFacts> cooperatives = new HashMap<>();
    for (long coop = 1; coop <= 5; coop++) {
      cooperatives.put(coop, new CooperativeFacts(coop % 2 == 0 ? "POINT_TO_POINT" : null, 10,
          poor.get((int) coop - 1)));
    }

    List<Score> everyScore = new ArrayList<>(lots.stream()
        .map(l -> MatchScoring.score(DEMAND, l, cooperatives.get(l.cooperativeId()))).filter(Objects::nonNull).toList());
    everyScore.sort(MatchScoring::compare);

    assertThat(Ranking.topLots(DEMAND, lots, cooperatives, limit))
        .containsExactlyElementsOf(everyScore.subList(0, Math.min(limit, everyScore.size())));
    for (LotFacts l : lots) {
      CooperativeFacts cooperative = cooperatives.get(l.cooperativeId());
      Score score = MatchScoring.score(DEMAND, l, cooperative);
      assertThat(MatchScoring.total(DEMAND, l, cooperative)).isEqualTo(score == null ? -1 : score.total());
      for (Score kept : everyScore) {
        assertThat(MatchScoring.ranksBefore(DEMAND, l, cooperative, kept))
            .isEqualTo(score != null && MatchScoring.compare(score, kept) < 0);
      }
    }
  }
}
