package cn.bangfu.matching;

import static cn.bangfu.db.Tables.LOT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.LotRepository;
import cn.bangfu.supply.LotService;
import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Fixtures;
import cn.bangfu.support.Market;
import cn.bangfu.support.TestServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Matching's in-memory snapshot of a product's open lots follows what other server instances do to
 * the lots — reservations, sell-outs, releases, new lots — by re-reading only the changed rows, and
 * ends equal to reading everything again. Refreshes are triggered directly (refreshNow) instead of
 * waiting for the background one.
 */
class OpenLotsTest {
  @ClassServer static TestServer server;
  @ClassServer(secondInstance = true) static TestServer second;
  static Market here;
  static Market there;

  @BeforeAll
  static void world() {
    here = Market.open(server, "岑峰村葡萄", Fixtures.REGION);
    there = Market.of(second, here.coop, here.coopToken, here.buyer, here.buyerToken);
  }

  static OpenLots snapshots() {
    Database database = server.server().database();
    return new OpenLots(database, new DemandRepository(),
        new LotService(database, new LotRepository(), new ParticipantRepository(), new Ids(3), server.server().clock()));
  }

  static String lot(Market market, String product, String quantity) {
    return Market.created(market.server.http.post("/api/v1/lots", market.coopToken,
        market.lotBody(quantity).put("product", product)));
  }

  static Map<Long, BigDecimal> available(OpenLots.Snapshot snapshot) {
    Map<Long, BigDecimal> available = new TreeMap<>();
    snapshot.lots().forEach(l -> available.put(l.lotId(), l.availableQuantity()));
    return available;
  }

  static OpenLots.Snapshot refreshed(OpenLots lots, String product) {
    return lots.refreshNow(server.server().database().dsl(), product, server.today());
  }

  @Test
  void given_a_snapshot_when_another_instance_reserves_sells_out_releases_and_posts_then_a_refresh_shows_it_all() {
    String product = "葡萄-" + UUID.randomUUID();
    String grapes = lot(here, product, "450");
    String small = lot(here, product, "30");
    OpenLots lots = snapshots();
    OpenLots.Snapshot before = refreshed(lots, product);
    assertThat(available(before)).containsEntry(Long.parseLong(grapes), new BigDecimal("450.000")).hasSize(2);

    // when, on the other instance: 50 kg of the 450, all 30 of the small lot, a new lot; then a cancel
    there.placedOrder(grapes, "50");
    String cancelled = there.placedOrder(grapes, "100");
    there.placedOrder(small, "30");
    String fresh = lot(there, product, "200");
    assertThat(there.act(there.buyerToken, cancelled, "cancel", null).status()).isEqualTo(200);

    OpenLots.Snapshot after = refreshed(lots, product);

    assertThat(available(after)).containsExactly(
        Map.entry(Long.parseLong(grapes), new BigDecimal("400.000")),
        Map.entry(Long.parseLong(fresh), new BigDecimal("200.000")));
    assertThat(after.lots()).isEqualTo(refreshed(snapshots(), product).lots());
  }

  @Test
  void given_a_reservation_that_commits_after_a_later_change_was_read_when_refreshed_then_it_is_not_missed()
      throws Exception {
    String product = "葡萄-" + UUID.randomUUID();
    String slow = lot(here, product, "450");
    String quick = lot(here, product, "450");
    OpenLots lots = snapshots();
    refreshed(lots, product);
    try (Connection held = server.server().database().dataSource().getConnection()) {
      held.setAutoCommit(false);
      // given: a reservation written (changed_at = now) but not yet committed
      int taken = org.jooq.impl.DSL.using(held).update(LOT)
          .set(LOT.AVAILABLE_QUANTITY, LOT.AVAILABLE_QUANTITY.minus(new BigDecimal("70")))
          .where(LOT.ID.eq(Long.parseLong(slow))).execute();
      assertThat(taken).isEqualTo(1);
      // and a later reservation on another lot, committed and read by a refresh
      there.placedOrder(quick, "20");
      assertThat(available(refreshed(lots, product))).containsEntry(Long.parseLong(slow), new BigDecimal("450.000"))
          .containsEntry(Long.parseLong(quick), new BigDecimal("430.000"));
      // when the first one commits
      held.commit();
    }

    // then the next refresh reads it although its changed_at is older than the change already seen
    assertThat(available(refreshed(lots, product))).containsEntry(Long.parseLong(slow), new BigDecimal("380.000"));
  }

  static LotFacts facts(long id, long availableMilli) {
    return new LotFacts(id, id % 3, "葡萄", Unit.KG, availableMilli, 0, 1200, LocalDate.of(2026, 8, 1),
        LocalDate.of(2026, 9, 30), false);
  }

  @Property(tries = 300)
  void given_open_lots_and_changes_when_merged_then_the_result_equals_applying_them_one_by_one(
      @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 60) Integer> openIds,
      @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 80) Integer> changedIds,
      @ForAll @Size(min = 20, max = 20) List<@IntRange(min = 0, max = 3) Integer> leftOver) {
    Map<Long, LotFacts> expected = new TreeMap<>();
    openIds.forEach(id -> expected.put((long) id, facts(id, 1_000 + id)));
    List<LotFacts> open = new ArrayList<>(expected.values());
    open.sort(OpenLots.ORDER);
    Map<Long, LotFacts> changes = new TreeMap<>();
    for (int i = 0; i < changedIds.size(); i++) {
      long id = changedIds.get(i);
      changes.put(id, facts(id, leftOver.get(i) * 500L));
    }
    changes.forEach((id, lot) -> {
      if (lot.availableMilli() > 0) {
        expected.put(id, lot);
      } else {
        expected.remove(id);
      }
    });

    List<LotFacts> changed = new ArrayList<>(changes.values());
    changed.sort(OpenLots.ORDER);
    List<LotFacts> after = new ArrayList<>(expected.values());
    after.sort(OpenLots.ORDER);

    assertThat(OpenLots.merge(open, changed)).containsExactlyElementsOf(after);
  }
}
