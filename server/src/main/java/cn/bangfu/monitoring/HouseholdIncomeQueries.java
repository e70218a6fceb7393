package cn.bangfu.monitoring;

import static cn.bangfu.db.Tables.DELIVERY;
import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.MONITORING_STEP;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import cn.bangfu.distribution.RunStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;

/**
 * Where a household's income is in the book, in one place: posted distribution lines (dividends, rebates,
 * guaranteed dividends, welfare-post pay, land), produce the cooperative paid for (交售) and recorded
 * assistance measures. The ledger is being moved onto the statutory chart of accounts (DESIGN.md 8.1);
 * this class is the only one in monitoring that knows those tables, so that move touches it alone.
 *
 * <p>A year's income: lines of runs POSTED (a reversed run drops out) whose period ends in the year,
 * deliveries dated in it, measures starting in it.
 */
public final class HouseholdIncomeQueries {
  /** The kinds of income, as the income route names them. */
  public static final String DIVIDEND = "DIVIDEND";
  public static final String REBATE = "REBATE";
  public static final String GUARANTEED_DIVIDEND = "GUARANTEED_DIVIDEND";
  public static final String WAGES = "WAGES";
  public static final String LAND_RENT = "LAND_RENT";
  public static final String PRODUCE_PAID = "PRODUCE_PAID";
  public static final String ASSISTANCE = "ASSISTANCE";

  static final Field<Long> HOUSEHOLD_ID = field(name("household_id"), Long.class);
  static final Field<BigDecimal> INCOME_FEN = field(name("income_fen"), BigDecimal.class);

  /** One source of a household's income in a year: its kind, the cooperative paying it (if any), the amount. */
  public record Source(String kind, Long cooperativeId, long amountFen) {
  }

  /** The household's income of the year by kind and cooperative (three indexed queries). */
  public List<Source> sources(DSLContext db, long householdId, int year) {
    List<Source> sources = new ArrayList<>();
    Field<String> kind = lineKind();
    db.select(kind, DISTRIBUTION_LINE.COOPERATIVE_ID, sum(DISTRIBUTION_LINE.AMOUNT_FEN))
        .from(DISTRIBUTION_LINE).join(DISTRIBUTION_RUN).on(DISTRIBUTION_RUN.ID.eq(DISTRIBUTION_LINE.RUN_ID))
        .where(DISTRIBUTION_LINE.HOUSEHOLD_ID.eq(householdId), postedIn(year))
        .groupBy(kind, DISTRIBUTION_LINE.COOPERATIVE_ID)
        .orderBy(kind, DISTRIBUTION_LINE.COOPERATIVE_ID)
        .forEach(r -> sources.add(new Source(r.value1(), r.value2(), r.value3().longValueExact())));
    db.select(DELIVERY.COOPERATIVE_ID, sum(DELIVERY.VALUE_FEN)).from(DELIVERY)
        .where(DELIVERY.HOUSEHOLD_ID.eq(householdId), DELIVERY.DELIVERED_ON.between(first(year), last(year)))
        .groupBy(DELIVERY.COOPERATIVE_ID).orderBy(DELIVERY.COOPERATIVE_ID)
        .forEach(r -> sources.add(new Source(PRODUCE_PAID, r.value1(), r.value2().longValueExact())));
    BigDecimal assistance = db.select(sum(MONITORING_STEP.AMOUNT_FEN)).from(MONITORING_STEP)
        .where(MONITORING_STEP.HOUSEHOLD_ID.eq(householdId), assistanceIn(year))
        .fetchOne(0, BigDecimal.class);
    if (assistance != null && assistance.signum() != 0) {
      sources.add(new Source(ASSISTANCE, null, assistance.longValueExact()));
    }
    return sources;
  }

  /**
   * The year's income of every household {@code households} selects, as a derived table
   * (household_id, income_fen) for set-based alert queries: households with no income are absent.
   */
  public Table<?> incomeByHousehold(Select<Record1<Long>> households, int year) {
    var lines = select(DISTRIBUTION_LINE.HOUSEHOLD_ID.as(HOUSEHOLD_ID), DISTRIBUTION_LINE.AMOUNT_FEN.as("amount_fen"))
        .from(DISTRIBUTION_LINE).join(DISTRIBUTION_RUN).on(DISTRIBUTION_RUN.ID.eq(DISTRIBUTION_LINE.RUN_ID))
        .where(DISTRIBUTION_LINE.HOUSEHOLD_ID.in(households), postedIn(year));
    var produce = select(DELIVERY.HOUSEHOLD_ID, DELIVERY.VALUE_FEN).from(DELIVERY)
        .where(DELIVERY.HOUSEHOLD_ID.in(households), DELIVERY.DELIVERED_ON.between(first(year), last(year)));
    var assistance = select(MONITORING_STEP.HOUSEHOLD_ID, MONITORING_STEP.AMOUNT_FEN).from(MONITORING_STEP)
        .where(MONITORING_STEP.HOUSEHOLD_ID.in(households), assistanceIn(year));
    Table<?> all = lines.unionAll(produce).unionAll(assistance).asTable("income_parts");
    Field<Long> household = all.field(0, Long.class);
    Field<Long> amount = all.field(1, Long.class);
    return select(household.as(HOUSEHOLD_ID), sum(amount).as(INCOME_FEN)).from(all).groupBy(household)
        .asTable("income_" + year);
  }

  /**
   * Posted, not yet paid distribution lines (household_id, amount, posted_at) of households selected,
   * posted on or before {@code postedBy}.
   */
  public org.jooq.Result<org.jooq.Record3<Long, BigDecimal, java.time.LocalDateTime>> unpaid(DSLContext db,
      Select<Record1<Long>> households, java.time.LocalDateTime postedBy) {
    return db.select(DISTRIBUTION_LINE.HOUSEHOLD_ID, sum(DISTRIBUTION_LINE.AMOUNT_FEN),
            org.jooq.impl.DSL.min(DISTRIBUTION_RUN.POSTED_AT))
        .from(DISTRIBUTION_LINE).join(DISTRIBUTION_RUN).on(DISTRIBUTION_RUN.ID.eq(DISTRIBUTION_LINE.RUN_ID))
        .where(DISTRIBUTION_LINE.HOUSEHOLD_ID.in(households), DISTRIBUTION_RUN.STATUS.eq(RunStatus.POSTED),
            DISTRIBUTION_RUN.PAID_AT.isNull(), DISTRIBUTION_RUN.POSTED_AT.le(postedBy),
            DISTRIBUTION_LINE.AMOUNT_FEN.gt(0L))
        .groupBy(DISTRIBUTION_LINE.HOUSEHOLD_ID)
        .fetch();
  }

  /** A line's kind of income from its rule step: guaranteed steps first, then by the basis it was split by. */
  private static Field<String> lineKind() {
    Field<String> basis = lower(DISTRIBUTION_LINE.BASIS);
    return when(lower(DISTRIBUTION_LINE.STEP_ID).contains("guarantee"), inline(GUARANTEED_DIVIDEND))
        .when(basis.eq("delivery_value"), inline(REBATE))
        .when(basis.eq("labor_days"), inline(WAGES))
        .when(basis.eq("land_mu"), inline(LAND_RENT))
        .otherwise(inline(DIVIDEND));
  }

  private static Condition postedIn(int year) {
    return DISTRIBUTION_RUN.STATUS.eq(RunStatus.POSTED)
        .and(DISTRIBUTION_RUN.PERIOD_END.between(first(year), last(year)));
  }

  private static Condition assistanceIn(int year) {
    return MONITORING_STEP.STEP.eq(ChainStep.MEASURE).and(MONITORING_STEP.AMOUNT_FEN.isNotNull())
        .and(MONITORING_STEP.START_ON.between(first(year), last(year)));
  }

  static LocalDate first(int year) {
    return LocalDate.of(year, 1, 1);
  }

  static LocalDate last(int year) {
    return LocalDate.of(year, 12, 31);
  }
}
