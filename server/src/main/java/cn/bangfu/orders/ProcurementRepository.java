package cn.bangfu.orders;

import static cn.bangfu.db.Tables.BUYER;
import static cn.bangfu.db.Tables.PURCHASE_ORDER;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Sums of settled orders by year (预留份额 tracking). Settled amounts are the orders' final
 * amountFen; the year is the settlement date's. Targets are annual food budget × reserved-share
 * percent, half-up to the fen, computed per buyer in exact DECIMAL arithmetic.
 */
public final class ProcurementRepository {

  public record Line(long id, String name, long targetFen, long amountFen, int orders) {
  }

  private static Condition settledIn(int year) {
    return PURCHASE_ORDER.STATUS.eq(OrderStatus.SETTLED)
        .and(PURCHASE_ORDER.SETTLED_ON.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
  }

  /** ROUND on an exact DECIMAL rounds half away from zero: half-up for these non-negative figures. */
  private static Field<BigDecimal> target() {
    return DSL.round(BUYER.ANNUAL_FOOD_BUDGET_FEN.cast(SQLDataType.DECIMAL(20, 0))
        .mul(BUYER.RESERVED_SHARE_PERCENT).div(DSL.inline(new BigDecimal(100))), 0);
  }

  public long[] buyerTotals(DSLContext db, long buyerId, int year) {
    var row = db.select(DSL.coalesce(DSL.sum(PURCHASE_ORDER.AMOUNT_FEN), BigDecimal.ZERO), DSL.count())
        .from(PURCHASE_ORDER)
        .where(PURCHASE_ORDER.BUYER_ID.eq(buyerId)).and(settledIn(year))
        .fetchOne();
    return new long[] {row.value1().longValueExact(), row.value2()};
  }

  /** Buyers of a region with their target and settled purchases; the page in id order. */
  public List<Line> regionBuyers(DSLContext db, String regionPrefix, int year, int limit, int offset) {
    Field<BigDecimal> purchased = DSL.coalesce(DSL.sum(PURCHASE_ORDER.AMOUNT_FEN), BigDecimal.ZERO);
    return db.select(BUYER.ID, BUYER.NAME, target(), purchased, DSL.count(PURCHASE_ORDER.ID))
        .from(BUYER)
        .leftJoin(PURCHASE_ORDER).on(PURCHASE_ORDER.BUYER_ID.eq(BUYER.ID)).and(settledIn(year))
        .where(BUYER.REGION_CODE.startsWith(regionPrefix))
        .groupBy(BUYER.ID, BUYER.NAME, BUYER.ANNUAL_FOOD_BUDGET_FEN, BUYER.RESERVED_SHARE_PERCENT)
        .orderBy(BUYER.ID).limit(limit).offset(offset)
        .fetch(r -> new Line(r.value1(), r.value2(), r.value3().longValueExact(), r.value4().longValueExact(),
            r.value5()));
  }

  /** {sum of targets, sum of settled purchases, buyers} over every buyer of a region. */
  public long[] regionTotals(DSLContext db, String regionPrefix, int year) {
    var targets = db.select(DSL.coalesce(DSL.sum(target()), BigDecimal.ZERO), DSL.count())
        .from(BUYER).where(BUYER.REGION_CODE.startsWith(regionPrefix)).fetchOne();
    BigDecimal purchased = db.select(DSL.coalesce(DSL.sum(PURCHASE_ORDER.AMOUNT_FEN), BigDecimal.ZERO))
        .from(PURCHASE_ORDER).join(BUYER).on(BUYER.ID.eq(PURCHASE_ORDER.BUYER_ID))
        .where(BUYER.REGION_CODE.startsWith(regionPrefix)).and(settledIn(year))
        .fetchOne().value1();
    return new long[] {targets.value1().longValueExact(), purchased.longValueExact(), targets.value2()};
  }

  /** A cooperative's settled sales of a year by buyer, largest first. */
  public List<Line> salesByBuyer(DSLContext db, long cooperativeId, int year) {
    Field<BigDecimal> sold = DSL.sum(PURCHASE_ORDER.AMOUNT_FEN);
    return db.select(BUYER.ID, BUYER.NAME, sold, DSL.count())
        .from(PURCHASE_ORDER).join(BUYER).on(BUYER.ID.eq(PURCHASE_ORDER.BUYER_ID))
        .where(PURCHASE_ORDER.COOPERATIVE_ID.eq(cooperativeId)).and(settledIn(year))
        .groupBy(BUYER.ID, BUYER.NAME)
        .orderBy(sold.desc(), BUYER.ID)
        .fetch(r -> new Line(r.value1(), r.value2(), 0, r.value3().longValueExact(), r.value4()));
  }
}
