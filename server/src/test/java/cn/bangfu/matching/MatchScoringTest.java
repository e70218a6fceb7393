package cn.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.matching.MatchScoring.CooperativeFacts;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.matching.MatchScoring.Score;
import cn.bangfu.registry.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per factor of the scoring function. The base case is seed 001: a school canteen wants
 * 2,000 公斤 of grapes by 9 月 1 日 at up to 13 元/公斤; the Cenfeng cooperative offers 12 元/公斤.
 */
class MatchScoringTest {
  static final LocalDate DELIVER_BY = LocalDate.of(2026, 9, 1);
  static final DemandFacts DEMAND = new DemandFacts(1, 100, "葡萄", new BigDecimal("2000"), Unit.KG, 1300, DELIVER_BY);
  static final CooperativeFacts UNPAIRED_NO_MEMBERS = new CooperativeFacts(null, 0, 0);

  static LotFacts lot(long id, Unit unit, String available, long price, boolean poverty) {
    return new LotFacts(id, 7, "葡萄", unit, new BigDecimal(available), BigDecimal.ZERO, price,
        LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 30), poverty);
  }

  static final LotFacts BASE = lot(10, Unit.KG, "5000", 1200, false);

  @Test
  void given_another_product_or_an_incompatible_unit_or_nothing_left_when_scored_then_it_is_no_match() {
    LotFacts apples = new LotFacts(11, 7, "苹果", Unit.KG, new BigDecimal("5000"), BigDecimal.ZERO, 800,
        BASE.availableFrom(), BASE.availableTo(), false);
    assertThat(MatchScoring.score(DEMAND, apples, UNPAIRED_NO_MEMBERS)).isNull();
    assertThat(MatchScoring.score(DEMAND, lot(12, Unit.BOX, "500", 6000, false), UNPAIRED_NO_MEMBERS)).isNull();
    assertThat(MatchScoring.score(DEMAND, lot(13, Unit.KG, "0", 1200, false), UNPAIRED_NO_MEMBERS)).isNull();
    Score grapes = MatchScoring.score(DEMAND, BASE, UNPAIRED_NO_MEMBERS);
    assertThat(grapes).isNotNull();
    assertThat(grapes.reasons().get(0)).contains("葡萄");
  }

  @Test
  void given_price_within_or_above_budget_when_scored_then_price_points_follow_and_jin_is_converted_to_kg() {
    assertThat(MatchScoring.score(DEMAND, BASE, UNPAIRED_NO_MEMBERS).price()).isEqualTo(MatchScoring.PRICE_POINTS);
    assertThat(MatchScoring.score(DEMAND, lot(14, Unit.KG, "5000", 1301, false), UNPAIRED_NO_MEMBERS).price()).isZero();
    // 6.5 元/斤 = 13 元/公斤: exactly the budget; 6.51 元/斤 = 13.02 元/公斤: over it.
    Score atBudget = MatchScoring.score(DEMAND, lot(15, Unit.JIN, "10000", 650, false), UNPAIRED_NO_MEMBERS);
    assertThat(atBudget.price()).isEqualTo(MatchScoring.PRICE_POINTS);
    assertThat(atBudget.pricePerDemandUnit()).isEqualByComparingTo("1300");
    Score over = MatchScoring.score(DEMAND, lot(16, Unit.JIN, "10000", 651, false), UNPAIRED_NO_MEMBERS);
    assertThat(over.price()).isZero();
    assertThat(over.reasons()).anyMatch(r -> r.contains("超出预算") && r.contains("1302 fen/KG"));
  }

  @Test
  void given_windows_around_the_deliver_by_date_when_scored_then_covering_beats_early_beats_late() {
    LotFacts covering = BASE;
    LotFacts endsEarly = new LotFacts(17, 7, "葡萄", Unit.KG, new BigDecimal("5000"), BigDecimal.ZERO, 1200,
        LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 15), false);
    LotFacts opensLate = new LotFacts(18, 7, "葡萄", Unit.KG, new BigDecimal("5000"), BigDecimal.ZERO, 1200,
        LocalDate.of(2026, 9, 2), LocalDate.of(2026, 10, 15), false);
    assertThat(MatchScoring.score(DEMAND, covering, UNPAIRED_NO_MEMBERS).window()).isEqualTo(MatchScoring.WINDOW_POINTS);
    assertThat(MatchScoring.score(DEMAND, endsEarly, UNPAIRED_NO_MEMBERS).window())
        .isEqualTo(MatchScoring.EARLY_WINDOW_POINTS);
    Score late = MatchScoring.score(DEMAND, opensLate, UNPAIRED_NO_MEMBERS);
    assertThat(late.window()).isZero();
    assertThat(late.reasons()).anyMatch(r -> r.contains("opens after deliverBy 2026-09-01"));
  }

  @Test
  void given_partial_quantity_when_scored_then_coverage_points_are_proportional_and_floored() {
    assertThat(MatchScoring.score(DEMAND, BASE, UNPAIRED_NO_MEMBERS).quantity()).isEqualTo(15);
    // 1,000 of 2,000 公斤 → floor(7.5) = 7; 2 吨 = 2,000 公斤 → full.
    assertThat(MatchScoring.score(DEMAND, lot(19, Unit.KG, "1000", 1200, false), UNPAIRED_NO_MEMBERS).quantity())
        .isEqualTo(7);
    assertThat(MatchScoring.score(DEMAND, lot(20, Unit.TON, "2", 1_200_000, false), UNPAIRED_NO_MEMBERS).quantity())
        .isEqualTo(15);
    assertThat(MatchScoring.score(DEMAND, lot(21, Unit.KG, "133", 1200, false), UNPAIRED_NO_MEMBERS).quantity())
        .isZero();
  }

  @Test
  void given_a_demand_below_the_lots_minimum_order_when_scored_then_no_quantity_points() {
    LotFacts wholesale = new LotFacts(22, 7, "葡萄", Unit.TON, new BigDecimal("50"), new BigDecimal("5"), 1_200_000,
        BASE.availableFrom(), BASE.availableTo(), false);
    Score score = MatchScoring.score(DEMAND, wholesale, UNPAIRED_NO_MEMBERS);
    assertThat(score.quantity()).isZero();
    assertThat(score.reasons()).anyMatch(r -> r.contains("低于起订量") && r.contains("5 TON"));
  }

  @Test
  void given_a_paired_cooperative_when_scored_then_it_gets_the_pairing_points_and_ranks_above_an_equal_lot() {
    Score paired = MatchScoring.score(DEMAND, BASE, new CooperativeFacts("POINT_TO_POINT", 0, 0));
    assertThat(paired.paired()).isEqualTo(MatchScoring.PAIRED_POINTS);
    assertThat(paired.reasons()).anyMatch(r -> r.contains("结对帮扶") && r.contains("POINT_TO_POINT"));

    LotFacts samePairedLater = new LotFacts(99, 8, "葡萄", Unit.KG, new BigDecimal("5000"), BigDecimal.ZERO, 1200,
        BASE.availableFrom(), BASE.availableTo(), false);
    List<Score> ranked = Ranking.topLots(DEMAND, List.of(BASE, samePairedLater),
        Map.of(7L, UNPAIRED_NO_MEMBERS, 8L, new CooperativeFacts("REGIONAL", 0, 0)), 10);
    assertThat(ranked).extracting(s -> s.lot().lotId()).containsExactly(99L, 10L);
  }

  @Test
  void given_a_poverty_product_certification_when_scored_then_it_adds_its_points() {
    Score certified = MatchScoring.score(DEMAND, lot(23, Unit.KG, "5000", 1200, true), UNPAIRED_NO_MEMBERS);
    assertThat(certified.povertyProduct()).isEqualTo(MatchScoring.POVERTY_PRODUCT_POINTS);
    assertThat(MatchScoring.score(DEMAND, BASE, UNPAIRED_NO_MEMBERS).povertyProduct()).isZero();
    assertThat(certified.reasons()).anyMatch(r -> r.contains("扶贫产品认定"));
  }

  @Test
  void given_the_share_of_poor_households_among_members_when_scored_then_points_are_its_floored_tenth() {
    // Cenfeng: 30 of 50 members poor (60%) → 6 points; 0 members → 0; all poor → 10.
    assertThat(MatchScoring.score(DEMAND, BASE, new CooperativeFacts(null, 50, 30)).poorShare()).isEqualTo(6);
    assertThat(MatchScoring.score(DEMAND, BASE, new CooperativeFacts(null, 3, 2)).poorShare()).isEqualTo(6);
    assertThat(MatchScoring.score(DEMAND, BASE, new CooperativeFacts(null, 12, 12)).poorShare()).isEqualTo(10);
    assertThat(MatchScoring.score(DEMAND, BASE, UNPAIRED_NO_MEMBERS).poorShare()).isZero();
  }

  @Test
  void given_a_perfect_lot_when_scored_then_the_total_is_100_and_ranking_is_best_first_and_bounded() {
    Score perfect = MatchScoring.score(DEMAND, lot(24, Unit.KG, "5000", 1200, true),
        new CooperativeFacts("KEY_LINK", 10, 10));
    assertThat(perfect.total()).isEqualTo(100);
    List<Score> top = Ranking.topLots(DEMAND,
        List.of(lot(1, Unit.KG, "100", 1400, false), lot(2, Unit.KG, "5000", 1200, true), BASE,
            lot(3, Unit.KG, "5000", 1100, false)),
        Map.of(), 3);
    // lot 2 has the certification; 3 and 10 tie on points, the cheaper (3) first; lot 1 is cut.
    assertThat(top).extracting(s -> s.lot().lotId()).containsExactly(2L, 3L, 10L);
  }
}
