package cn.bangfu.matching;

import static cn.bangfu.db.Tables.COOPERATIVE_MEMBER_COUNT;
import static cn.bangfu.db.Tables.DEMAND;
import static cn.bangfu.db.Tables.LOT;
import static cn.bangfu.db.Tables.PAIRING;

import cn.bangfu.db.tables.records.DemandRecord;
import cn.bangfu.matching.MatchScoring.DemandFacts;
import cn.bangfu.matching.MatchScoring.LotFacts;
import cn.bangfu.registry.Unit;
import cn.bangfu.platform.RecordStatements;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * SQL for demands and for the facts matching scores with. Candidates come from one range scan of
 * the (product, available_to) / (product, deliver_by) indexes, selecting only the columns scored;
 * matching's snapshot of open lots is kept fresh by re-reading only the lots changed since
 * (lot.changed_at); cooperative facts (pairing, poor-household share) are one query for all.
 */
public final class DemandRepository {
  private static final String POVERTY_PRODUCT = "POVERTY_PRODUCT";

  public void insert(DSLContext db, DemandRecord demand) {
    db.executeInsert(demand);
  }

  public Optional<DemandRecord> find(DSLContext db, long id) {
    return db.selectFrom(DEMAND).where(DEMAND.ID.eq(id)).fetchOptional();
  }

  /** Lots of the product whose window is not over; "open" also needs something left ({@link #openLotsOf}). */
  private static Condition windowNotOver(Field<String> product, Field<LocalDate> today) {
    return LOT.PRODUCT.eq(product).and(LOT.AVAILABLE_TO.ge(today));
  }

  private static Condition openLotsOf(Field<String> product, Field<LocalDate> today) {
    return windowNotOver(product, today).and(LOT.AVAILABLE_QUANTITY.gt(DSL.inline(BigDecimal.ZERO)));
  }

  // The columns scoring uses, read as plain JDBC: a busy product has 100,000 open lots, and mapping
  // them through jOOQ records took twice as long as the query itself.
  private static final Field<?>[] LOT_FACTS = {LOT.ID, LOT.COOPERATIVE_ID, LOT.UNIT, LOT.AVAILABLE_QUANTITY,
      LOT.MIN_ORDER_QUANTITY, LOT.UNIT_PRICE_FEN, LOT.AVAILABLE_FROM, LOT.AVAILABLE_TO, LOT.CERTIFICATIONS};
  /** Bound by position: product, today. */
  private static final String OPEN_LOTS = RecordStatements.RENDERER.select(LOT_FACTS).from(LOT)
      .where(openLotsOf(DSL.param("product", String.class), DSL.param("today", LocalDate.class)))
      .getSQL();
  /** Bound by position: product, today, since. Sold-out lots too: the snapshot must drop them. */
  private static final String CHANGED_LOTS = RecordStatements.RENDERER.select(LOT_FACTS).from(LOT)
      .where(windowNotOver(DSL.param("product", String.class), DSL.param("today", LocalDate.class)))
      .and(LOT.CHANGED_AT.ge(DSL.param("since", LocalDateTime.class)))
      .getSQL();

  /** The database's clock (UTC sessions), which also stamps lot.changed_at. */
  public LocalDateTime now(DSLContext db) {
    return db.fetchValue(DSL.field("now(6)", SQLDataType.LOCALDATETIME(6)));
  }

  /** Open lots of a product: window not over, something left. */
  public List<LotFacts> openLots(DSLContext db, String product, LocalDate today) {
    return lotRows(db, OPEN_LOTS, product, today, null);
  }

  /** Lots of a product with a window not over that changed at or after {@code since}, sold out or not. */
  public List<LotFacts> lotsChangedSince(DSLContext db, String product, LocalDate today, LocalDateTime since) {
    return lotRows(db, CHANGED_LOTS, product, today, since);
  }

  private static List<LotFacts> lotRows(DSLContext db, String sql, String product, LocalDate today,
      LocalDateTime since) {
    return db.connectionResult(conn -> {
      List<LotFacts> lots = new ArrayList<>();
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        ps.setString(1, product);
        ps.setObject(2, today);
        if (since != null) {
          ps.setObject(3, since);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            lots.add(new LotFacts(rs.getLong(1), rs.getLong(2), product, Unit.valueOf(rs.getString(3)),
                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6), rs.getObject(7, LocalDate.class),
                rs.getObject(8, LocalDate.class), rs.getString(9).contains(POVERTY_PRODUCT)));
          }
        }
      }
      return lots;
    });
  }

  /** Open demands of a product: deliver-by date not passed. */
  public List<DemandFacts> openDemands(DSLContext db, String product, LocalDate today) {
    return db.select(DEMAND.ID, DEMAND.BUYER_ID, DEMAND.QUANTITY, DEMAND.UNIT, DEMAND.MAX_UNIT_PRICE_FEN,
            DEMAND.DELIVER_BY)
        .from(DEMAND)
        .where(DEMAND.PRODUCT.eq(product)).and(DEMAND.DELIVER_BY.ge(today))
        .fetch(r -> new DemandFacts(r.value1(), r.value2(), product, r.value3(), Unit.valueOf(r.value4()),
            r.value5(), r.value6()));
  }

  public static LotFacts lotFacts(cn.bangfu.db.tables.records.LotRecord lot) {
    return new LotFacts(lot.getId(), lot.getCooperativeId(), lot.getProduct(), Unit.valueOf(lot.getUnit()),
        lot.getAvailableQuantity(), lot.getMinOrderQuantity(), lot.getUnitPriceFen(), lot.getAvailableFrom(),
        lot.getAvailableTo(), lot.getCertifications().contains(POVERTY_PRODUCT));
  }

  public static DemandFacts demandFacts(DemandRecord d) {
    return new DemandFacts(d.getId(), d.getBuyerId(), d.getProduct(), d.getQuantity(), Unit.valueOf(d.getUnit()),
        d.getMaxUnitPriceFen(), d.getDeliverBy());
  }

  /** cooperativeId → pairing form, for one buyer. */
  public Map<Long, String> pairingsOfBuyer(DSLContext db, long buyerId) {
    Map<Long, String> forms = new HashMap<>();
    db.select(PAIRING.COOPERATIVE_ID, PAIRING.FORM).from(PAIRING).where(PAIRING.BUYER_ID.eq(buyerId))
        .forEach(r -> forms.put(r.value1(), r.value2().name()));
    return forms;
  }

  /** buyerId → pairing form, for one cooperative. */
  public Map<Long, String> pairingsOfCooperative(DSLContext db, long cooperativeId) {
    Map<Long, String> forms = new HashMap<>();
    db.select(PAIRING.BUYER_ID, PAIRING.FORM).from(PAIRING).where(PAIRING.COOPERATIVE_ID.eq(cooperativeId))
        .forEach(r -> forms.put(r.value1(), r.value2().name()));
    return forms;
  }

  /** Members and poor members ({@code StatusSet.POOR_OR_EXITED}) of the cooperatives with open lots of a product. */
  public Map<Long, int[]> memberCountsForProduct(DSLContext db, String product, LocalDate today) {
    return memberCounts(db, COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID.in(
        DSL.selectDistinct(LOT.COOPERATIVE_ID).from(LOT).where(openLotsOf(DSL.val(product), DSL.val(today)))));
  }

  /** The same for the given cooperatives. */
  public Map<Long, int[]> memberCounts(DSLContext db, Collection<Long> cooperativeIds) {
    return cooperativeIds.isEmpty() ? Map.of()
        : memberCounts(db, COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID.in(cooperativeIds));
  }

  public int[] memberCounts(DSLContext db, long cooperativeId) {
    return memberCounts(db, COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID.eq(cooperativeId))
        .getOrDefault(cooperativeId, new int[2]);
  }

  private Map<Long, int[]> memberCounts(DSLContext db, Condition which) {
    Map<Long, int[]> counts = new HashMap<>();
    // maintained by the registry (registry.MemberCountRepository): one row per cooperative
    db.select(COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID, COOPERATIVE_MEMBER_COUNT.MEMBERS,
            COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS)
        .from(COOPERATIVE_MEMBER_COUNT).where(which)
        .forEach(r -> counts.put(r.value1(), new int[] {r.value2(), r.value3()}));
    return counts;
  }
}
