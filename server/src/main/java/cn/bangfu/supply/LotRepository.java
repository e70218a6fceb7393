package cn.bangfu.supply;

import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.LOT;

import cn.bangfu.db.tables.records.LotRecord;
import cn.bangfu.platform.RecordStatements;
import cn.bangfu.supply.LotCommands.LotQuery;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * SQL for lots. The reservation is the one statement that keeps a lot from being oversold: a
 * conditional decrement whose WHERE clause re-checks the available quantity inside the database, so
 * any number of concurrent requests on any number of server instances can only take what is there.
 */
public final class LotRepository {
  // order placement's two lot statements, rendered once (see RecordStatements)
  private static final RecordStatements<LotRecord>.Lookup BY_ID = new RecordStatements<>(LOT).lookup(LOT.ID);
  /** Bound by position: quantity, lot id, quantity, quantity, quantity. */
  private static final String RESERVE = RecordStatements.RENDERER.update(LOT)
      .set(LOT.AVAILABLE_QUANTITY, LOT.AVAILABLE_QUANTITY.minus(DSL.param("quantity", BigDecimal.class)))
      .where(LOT.ID.eq(DSL.param("lot", Long.class)))
      .and(LOT.AVAILABLE_QUANTITY.ge(DSL.param("quantity", BigDecimal.class)))
      .and(LOT.MIN_ORDER_QUANTITY.le(DSL.param("quantity", BigDecimal.class))
          .or(LOT.AVAILABLE_QUANTITY.eq(DSL.param("quantity", BigDecimal.class))))
      .getSQL();

  public void insert(DSLContext db, LotRecord lot) {
    db.executeInsert(lot);
  }

  public Optional<LotRecord> find(DSLContext db, long id) {
    return BY_ID.fetch(db, id);
  }

  public List<LotRecord> search(DSLContext db, LotQuery q) {
    List<Condition> where = new ArrayList<>();
    if (q.product() != null) {
      where.add(LOT.PRODUCT.eq(q.product()));
    }
    if (q.regionPrefix() != null) {
      where.add(LOT.REGION_CODE.startsWith(q.regionPrefix()));
    }
    if (q.place() != null) {
      // the place's own % and _ are letters here, not wildcards
      where.add(LOT.COOPERATIVE_ID.in(DSL.select(COOPERATIVE.ID).from(COOPERATIVE)
          .where(COOPERATIVE.NAME.like("%" + DSL.escape(q.place(), '!') + "%", '!'))));
    }
    if (q.cooperativeId() != null) {
      where.add(LOT.COOPERATIVE_ID.eq(q.cooperativeId()));
    }
    if (q.minPriceFen() != null) {
      where.add(LOT.UNIT_PRICE_FEN.ge(q.minPriceFen()));
    }
    if (q.maxPriceFen() != null) {
      where.add(LOT.UNIT_PRICE_FEN.le(q.maxPriceFen()));
    }
    if (q.openOn() != null) {
      where.add(LOT.AVAILABLE_FROM.le(q.openOn()).and(LOT.AVAILABLE_TO.ge(q.openOn())));
    }
    // Overlap with [windowFrom, windowTo]: the lot's window starts before it ends and ends after it starts.
    if (q.windowTo() != null) {
      where.add(LOT.AVAILABLE_FROM.le(q.windowTo()));
    }
    if (q.windowFrom() != null) {
      where.add(LOT.AVAILABLE_TO.ge(q.windowFrom()));
    }
    if (q.onlyAvailable()) {
      where.add(LOT.AVAILABLE_QUANTITY.gt(BigDecimal.ZERO));
    }
    return db.selectFrom(LOT).where(where).orderBy(LOT.ID.desc()).limit(q.limit()).offset(q.offset()).fetch();
  }

  /**
   * Takes {@code quantity} from the lot if, at this instant, it has that much and the quantity meets
   * the minimum order (or is everything that is left). Returns false when nothing was taken.
   */
  public boolean reserve(DSLContext db, long lotId, BigDecimal quantity) {
    return db.connectionResult(conn -> {
      try (PreparedStatement ps = conn.prepareStatement(RESERVE)) {
        ps.setBigDecimal(1, quantity);
        ps.setLong(2, lotId);
        ps.setBigDecimal(3, quantity);
        ps.setBigDecimal(4, quantity);
        ps.setBigDecimal(5, quantity);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * Closes a lot (下架) for good: what is left can no longer be ordered. Orders already placed keep their
   * quantity; one cancelled later gives nothing back to a closed lot (see {@link #release}). Closing
   * twice keeps the first time.
   */
  public void withdraw(DSLContext db, long lotId, LocalDateTime at) {
    db.update(LOT).set(LOT.AVAILABLE_QUANTITY, BigDecimal.ZERO.setScale(3))
        .set(LOT.CLOSED_AT, DSL.coalesce(LOT.CLOSED_AT, DSL.val(at)))
        .where(LOT.ID.eq(lotId)).execute();
  }

  /** Gives back what a cancelled or rejected order had reserved, unless the cooperative closed the lot. */
  public void release(DSLContext db, long lotId, BigDecimal quantity) {
    int updated = db.update(LOT)
        .set(LOT.AVAILABLE_QUANTITY, DSL.when(LOT.CLOSED_AT.isNull(), LOT.AVAILABLE_QUANTITY.plus(quantity))
            .otherwise(LOT.AVAILABLE_QUANTITY))
        .where(LOT.ID.eq(lotId))
        .execute();
    if (updated != 1) {
      throw new IllegalStateException("lot " + lotId + " vanished while releasing an order");
    }
  }

  public static String encode(Set<Certification> certifications) {
    return certifications.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
  }

  public static Set<Certification> decode(String stored) {
    EnumSet<Certification> set = EnumSet.noneOf(Certification.class);
    if (stored != null && !stored.isEmpty()) {
      for (String name : stored.split(",")) {
        set.add(Certification.valueOf(name));
      }
    }
    return set;
  }
}
