package cn.bangfu.distribution;

import static cn.bangfu.db.Tables.COOPERATIVE_INCOME;
import static cn.bangfu.db.Tables.COST_RECORD;
import static cn.bangfu.db.Tables.DELIVERY;
import static cn.bangfu.db.Tables.DISTRIBUTION_CLAIM;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.LABOR_RECORD;
import static cn.bangfu.db.Tables.LAND_PLOT;
import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.SHARE_HOLDING;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.registry.StatusHistoryRepository;
import cn.bangfu.rules.facts.BaseArea;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.PostWork;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.welfare.WelfarePostRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Gathers a cooperative's period facts with a fixed number of set-based queries (however many
 * households): the undistributed settled revenue per order from the ledger, the book's off-platform
 * income per row with its category, the undistributed costs, members with their status, and
 * deliveries, shares, labour and days on welfare posts aggregated per household by the
 * database.
 *
 * <p>What the book says is still undistributed (DESIGN.md 8.1): revenue of orders settled in the
 * period and off-platform income received in it that no posted run has claimed, and every unclaimed cost dated on or before the period's
 * end. Costs carry forward until a run deducts them, so a period chosen to leave costs out cannot
 * escape them; revenue belongs to the period it was settled in.
 */
public final class PeriodFactsRepository {
  /** distribution_source / distribution_claim source types. */
  public static final String ORDER_SOURCE = ReferenceType.ORDER.name();
  public static final String COST_SOURCE = "COST";
  /** Off-platform income (a cooperative_income row: other sales, subsidies, a PV station's grid income). */
  public static final String INCOME_SOURCE = ReferenceType.INCOME.name();

  /**
   * The facts, plus where the pool's money came from (order id → revenue, income id → the book's
   * off-platform income by category, cost id → cost).
   */
  public record Gathered(PeriodFacts facts, Map<Long, Long> revenueByOrder, Map<Long, IncomeItem> incomeById,
      Map<Long, CostItem> costById) {
  }

  private final StatusHistoryRepository situations = new StatusHistoryRepository();

  public Gathered gather(DSLContext db, long cooperativeId, LocalDate start, LocalDate end) {
    Map<Long, Long> revenueByOrder = undistributedOrderRevenue(db, cooperativeId, start, end);
    Map<Long, IncomeItem> incomeById = bookIncome(db, cooperativeId, start, end);
    long revenue = revenueByOrder.values().stream().mapToLong(Long::longValue).sum()
        + incomeById.values().stream().mapToLong(IncomeItem::amountFen).sum();

    Map<Long, CostItem> costById = new LinkedHashMap<>();
    db.select(COST_RECORD.ID, COST_RECORD.CATEGORY, COST_RECORD.AMOUNT_FEN).from(COST_RECORD)
        .where(COST_RECORD.COOPERATIVE_ID.eq(cooperativeId), COST_RECORD.INCURRED_ON.le(end),
            unclaimed(cooperativeId, COST_SOURCE, COST_RECORD.ID))
        .orderBy(COST_RECORD.ID)
        .forEach(r -> costById.put(r.value1(), new CostItem(r.value2(), r.value3())));
    List<CostItem> costs = new ArrayList<>(costById.values());

    Map<Long, Long> deliveries = new HashMap<>();
    db.select(DELIVERY.HOUSEHOLD_ID, sum(DELIVERY.VALUE_FEN)).from(DELIVERY)
        .where(DELIVERY.COOPERATIVE_ID.eq(cooperativeId), DELIVERY.DELIVERED_ON.between(start, end))
        .groupBy(DELIVERY.HOUSEHOLD_ID)
        .forEach(r -> deliveries.put(r.value1(), r.value2().longValueExact()));

    Map<Long, BigDecimal> laborDays = new HashMap<>();
    Map<Long, Integer> employed = new HashMap<>();
    // Persons paid a wage: the most workers any paid record of the period names (the same person's
    // daily records must not add up to several persons)
    db.select(LABOR_RECORD.HOUSEHOLD_ID, sum(LABOR_RECORD.DAYS),
            max(when(LABOR_RECORD.WAGE_FEN.gt(0L), LABOR_RECORD.WORKERS).otherwise(0)))
        .from(LABOR_RECORD)
        .where(LABOR_RECORD.COOPERATIVE_ID.eq(cooperativeId), LABOR_RECORD.WORKED_ON.between(start, end))
        .groupBy(LABOR_RECORD.HOUSEHOLD_ID)
        .forEach(r -> {
          laborDays.put(r.value1(), r.value2());
          employed.put(r.value1(), r.value3());
        });

    Map<Long, List<ShareHolding>> shares = new HashMap<>();
    db.select(SHARE_HOLDING.HOUSEHOLD_ID, SHARE_HOLDING.SHARE_CLASS, SHARE_HOLDING.UNITS, SHARE_HOLDING.SINCE,
            SHARE_HOLDING.UNTIL).from(SHARE_HOLDING)
        .where(SHARE_HOLDING.COOPERATIVE_ID.eq(cooperativeId), SHARE_HOLDING.SINCE.le(end),
            SHARE_HOLDING.UNTIL.isNull().or(SHARE_HOLDING.UNTIL.gt(start)))
        .forEach(r -> shares.computeIfAbsent(r.value1(), k -> new ArrayList<>())
            .add(new ShareHolding(r.value2(), r.value3(), r.value4(), r.value5())));

    Map<Long, Long> owed = outstandingGuaranteeLiabilities(db, cooperativeId);
    // days on registered welfare posts, post by post with each post's pay (issue 14 point 7)
    Map<Long, List<PostWork>> postWork = WelfarePostRepository.postWork(db, cooperativeId, start, end);

    List<MemberFacts> members = new ArrayList<>();
    var rows = db.select(HOUSEHOLD.ID, HOUSEHOLD.STATUS, HOUSEHOLD.BLACKLISTED, HOUSEHOLD.LABOR_CAPACITY,
            HOUSEHOLD.EXIT_DATE)
        .from(MEMBERSHIP).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBERSHIP.HOUSEHOLD_ID))
        .where(MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId), MEMBERSHIP.JOINED_ON.le(end))
        .orderBy(HOUSEHOLD.ID)
        .fetch();
    // Eligibility reads the situation in force on the period's last day (DESIGN.md 8.3): a change
    // effective on or before periodEnd counts for the whole period, a later one not at all. The last
    // day, not "most days", because a status is decided for a reason (exit verified, blacklist entry)
    // and a run drafted after it should not pay out against that decision.
    Map<Long, HouseholdStatusChangeRecord> inForce = situations.inForceOn(db, rows.map(r -> r.value1()), end);
    for (var r : rows) {
      long id = r.value1();
      HouseholdStatusChangeRecord situation = inForce.get(id);
      List<ShareHolding> held = shares.getOrDefault(id, List.of());
      BigDecimal land = held.stream().filter(s -> s.shareClass() == ShareClass.LAND).map(ShareHolding::units)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal days = laborDays.getOrDefault(id, BigDecimal.ZERO);
      HouseholdStatus status = situation != null ? situation.getStatus() : r.value2();
      MemberFacts.Builder member = MemberFacts.builder(id)
          .status(status)
          .blacklisted(situation != null ? situation.getBlacklisted() : Boolean.TRUE.equals(r.value3()))
          .laborCapacity(situation != null ? situation.getLaborCapacity() : r.value4())
          .exitDate(r.value5())
          .deliveryValueFen(deliveries.getOrDefault(id, 0L))
          .laborDays(days)
          .landMu(land)
          .outstandingLiabilityFen(owed.getOrDefault(id, 0L))
          .employedPersons(employed.getOrDefault(id, 0));
      held.forEach(member::share);
      postWork.getOrDefault(id, List.of()).forEach(member::postWork);
      members.add(member.build());
    }
    PeriodFacts facts = new PeriodFacts(cooperativeId, start, end, Math.max(0, revenue), costs, members, Map.of(),
        registeredBase(db, cooperativeId, end), new ArrayList<>(incomeById.values()));
    return new Gathered(facts, revenueByOrder, incomeById, costById);
  }

  /**
   * What this cooperative still owes each household from earlier guarantee shortfalls: the credit balance
   * of the member's 成员往来 sub-account in this cooperative's book (credits are
   * negative, so the debt is their negation). Every posted run up to now counts, whatever its period.
   * Only the runs' entries (and their reversals) count: the same account also carries what the
   * cooperative owes the member for produce (交售, reference DELIVERY) and its payment, which is no
   * guarantee debt and must not be repaid out of a pool.
   */
  private static Map<Long, Long> outstandingGuaranteeLiabilities(DSLContext db, long cooperativeId) {
    Map<Long, Long> owed = new HashMap<>();
    db.select(LEDGER_ACCOUNT.HOUSEHOLD_ID, sum(LEDGER_POSTING.AMOUNT_FEN))
        .from(LEDGER_POSTING).join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId),
            LEDGER_ACCOUNT.CHART_CODE.eq(DistributionEntries.GUARANTEE_OWED.code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.gt(0L),
            LEDGER_ENTRY.REFERENCE_TYPE.eq(DistributionEntries.REFERENCE.name()))
        .groupBy(LEDGER_ACCOUNT.HOUSEHOLD_ID)
        .forEach(r -> {
          long fen = -r.value2().longValueExact();
          if (fen > 0) {
            owed.put(r.value1(), fen);
          }
        });
    return owed;
  }

  /**
   * The base the cooperative registered: its plots in force on the period's last day, or null when it
   * registered none (the 100+1+1 check then falls back to members' land shares and says so).
   */
  private static BaseArea registeredBase(DSLContext db, long cooperativeId, LocalDate day) {
    BigDecimal mu = db.select(sum(LAND_PLOT.AREA_MU)).from(LAND_PLOT)
        .where(LAND_PLOT.COOPERATIVE_ID.eq(cooperativeId), LAND_PLOT.SINCE.le(day),
            LAND_PLOT.UNTIL.isNull().or(LAND_PLOT.UNTIL.gt(day)))
        .fetchOne(0, BigDecimal.class);
    return mu == null ? null : BaseArea.plots(mu);
  }

  /**
   * The book's off-platform income received in the period that no posted run has claimed, per row, with
   * its category and the chart account it was credited to: what a pool of kind {@code book} (the PV rule
   * sets) is made of.
   */
  private static Map<Long, IncomeItem> bookIncome(DSLContext db, long cooperativeId, LocalDate start, LocalDate end) {
    Map<Long, IncomeItem> byId = new LinkedHashMap<>();
    db.select(COOPERATIVE_INCOME.ID, COOPERATIVE_INCOME.CATEGORY, COOPERATIVE_INCOME.AMOUNT_FEN)
        .from(COOPERATIVE_INCOME)
        .where(COOPERATIVE_INCOME.COOPERATIVE_ID.eq(cooperativeId), COOPERATIVE_INCOME.RECEIVED_ON.between(start, end),
            unclaimed(cooperativeId, INCOME_SOURCE, COOPERATIVE_INCOME.ID))
        .orderBy(COOPERATIVE_INCOME.ID)
        .forEach(r -> {
          ChartAccount account = IncomeCategory.valueOf(r.value2()).account();
          byId.put(r.value1(), new IncomeItem(r.value2(), account.code(), account.chineseName(), r.value3()));
        });
    return byId;
  }

  /** No posted run has consumed the source yet. */
  private static org.jooq.Condition unclaimed(long cooperativeId, String sourceType, org.jooq.Field<Long> sourceId) {
    return notExists(selectOne().from(DISTRIBUTION_CLAIM).where(DISTRIBUTION_CLAIM.COOPERATIVE_ID.eq(cooperativeId),
        DISTRIBUTION_CLAIM.SOURCE_TYPE.eq(sourceType), DISTRIBUTION_CLAIM.SOURCE_ID.eq(sourceId)));
  }

  /**
   * Unclaimed revenue of platform orders settled in the period (reference ORDER), read from the
   * cooperative's income accounts (经营收入, 其他收入) in the ledger, the source of truth for money.
   * Credits are negative, so income is their negation; a reversed settlement nets to zero and drops out.
   * Off-platform income comes with its category from {@link #bookIncome}.
   */
  private static Map<Long, Long> undistributedOrderRevenue(DSLContext db, long cooperativeId, LocalDate start,
      LocalDate end) {
    Map<Long, Long> byOrder = new LinkedHashMap<>();
    for (var r : db.select(LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.REFERENCE_ID, sum(LEDGER_POSTING.AMOUNT_FEN))
        .from(LEDGER_ACCOUNT).join(LEDGER_POSTING).on(LEDGER_POSTING.ACCOUNT_ID.eq(LEDGER_ACCOUNT.ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId),
            LEDGER_ACCOUNT.CHART_CODE.in(ChartAccount.OPERATING_REVENUE.code(), ChartAccount.OTHER_INCOME.code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(0L), LEDGER_POSTING.EFFECTIVE_DATE.between(start, end),
            LEDGER_ENTRY.REFERENCE_TYPE.eq(ORDER_SOURCE),
            notExists(selectOne().from(DISTRIBUTION_CLAIM).where(DISTRIBUTION_CLAIM.COOPERATIVE_ID.eq(cooperativeId),
                DISTRIBUTION_CLAIM.SOURCE_TYPE.eq(LEDGER_ENTRY.REFERENCE_TYPE),
                DISTRIBUTION_CLAIM.SOURCE_ID.eq(LEDGER_ENTRY.REFERENCE_ID))))
        .groupBy(LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.REFERENCE_ID)
        .orderBy(LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.REFERENCE_ID)
        .fetch()) {
      long income = -r.value3().longValueExact();
      if (income != 0) {
        byOrder.put(r.value2(), income);
      }
    }
    return byOrder;
  }

  /** The ledger reference type order settlements are posted with. */
  public static final String ORDER_REFERENCE = ReferenceType.ORDER.name();
}
