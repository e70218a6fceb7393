package cn.bangfu.statements;

import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.DELIVERY;
import static cn.bangfu.db.Tables.DISTRIBUTION_LINE;
import static cn.bangfu.db.Tables.DISTRIBUTION_RUN;
import static cn.bangfu.db.Tables.DISTRIBUTION_SOURCE;
import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.jooq.impl.DSL.sum;

import cn.bangfu.distribution.DistributionEntries;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.platform.RecordStatements;
import cn.bangfu.platform.RenderedSelect;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/** SQL for household statements: three indexed queries per statement, whatever the ledger's size. */
public final class StatementRepository {

  /**
   * The household's lines with their runs and the run's cooperative region; {@code onlyCooperative}
   * (not null) keeps one cooperative's lines: a cooperative reads only what it distributed itself.
   */
  public Result<Record> lines(DSLContext db, long householdId, Integer year, Long onlyCooperative) {
    Result<Record> lines;
    if (year == null && onlyCooperative == null) {
      lines = EVERY_LINE.fetch(db, householdId);
    } else {
      Condition inYear = year == null ? DSL.trueCondition()
          : DISTRIBUTION_RUN.PERIOD_END.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
      Condition ofCooperative = onlyCooperative == null ? DSL.trueCondition()
          : DISTRIBUTION_RUN.COOPERATIVE_ID.eq(onlyCooperative);
      lines = linesOf(db, DISTRIBUTION_LINE.HOUSEHOLD_ID.eq(householdId), inYear, ofCooperative).fetch();
    }
    // ordered here, not by the database: a household has a few lines, and ORDER BY across the join
    // made MariaDB build a temporary table for each statement and page (issue 15)
    return lines.sortAsc(java.util.Comparator.comparing((Record r) -> r.get(DISTRIBUTION_RUN.PERIOD_END))
        .thenComparing(r -> r.get(DISTRIBUTION_LINE.RUN_ID)).thenComparing(r -> r.get(DISTRIBUTION_LINE.LINE_NO)));
  }

  private static org.jooq.SelectConditionStep<Record> linesOf(DSLContext db, Condition... where) {
    return db.select(DISTRIBUTION_LINE.fields())
        .select(DISTRIBUTION_RUN.COOPERATIVE_ID, DISTRIBUTION_RUN.RULE_SET_ID, DISTRIBUTION_RUN.STATUS,
            DISTRIBUTION_RUN.POSTED_AT, DISTRIBUTION_RUN.PAID_AT, DISTRIBUTION_RUN.PERIOD_START,
            DISTRIBUTION_RUN.PERIOD_END, DISTRIBUTION_RUN.PUBLICITY_END, COOPERATIVE.REGION_CODE, COOPERATIVE.NAME)
        .from(DISTRIBUTION_LINE).join(DISTRIBUTION_RUN).on(DISTRIBUTION_RUN.ID.eq(DISTRIBUTION_LINE.RUN_ID))
        .join(COOPERATIVE).on(COOPERATIVE.ID.eq(DISTRIBUTION_RUN.COOPERATIVE_ID))
        .where(where);
  }

  /** Every line of a household, bound by its id. Rendered once: the household page reads it on every view. */
  private static final RenderedSelect EVERY_LINE = new RenderedSelect(
      linesOf(RecordStatements.RENDERER, DISTRIBUTION_LINE.HOUSEHOLD_ID.eq(DSL.param("household", Long.class))));

  /** Each run's summary (steps with their basis totals; no lines), for the household page's sentences. */
  public Map<Long, String> runSummaries(DSLContext db, Collection<Long> runIds) {
    if (runIds.isEmpty()) {
      return Map.of();
    }
    return db.select(DISTRIBUTION_RUN.ID, DISTRIBUTION_RUN.RESULT_JSON).from(DISTRIBUTION_RUN)
        .where(DISTRIBUTION_RUN.ID.in(runIds)).fetchMap(DISTRIBUTION_RUN.ID, DISTRIBUTION_RUN.RESULT_JSON);
  }

  /** What the household delivered (交售) to the cooperative in the period: the products' names. */
  public List<String> products(DSLContext db, long householdId, long cooperativeId, LocalDate from, LocalDate to) {
    return db.selectDistinct(DELIVERY.PRODUCT).from(DELIVERY)
        .where(DELIVERY.HOUSEHOLD_ID.eq(householdId), DELIVERY.COOPERATIVE_ID.eq(cooperativeId),
            DELIVERY.DELIVERED_ON.between(from, to))
        .orderBy(DELIVERY.PRODUCT).fetch(DELIVERY.PRODUCT);
  }

  /**
   * What each cooperative still owes the household from guarantee shortfalls (issue 14): the credit
   * balance of its 成员往来 (114) sub-account there, by cooperative name; only debts above zero.
   */
  public Map<String, Long> guaranteeDebts(DSLContext db, long householdId) {
    // summed here by cooperative, not grouped by the database: a household has a posting or two on each
    // such account, and GROUP BY made MariaDB build a temporary table for every page (issue 15)
    Map<String, Long> balances = new java.util.TreeMap<>();
    GUARANTEE_POSTINGS.fetch(db, householdId)
        .forEach(r -> balances.merge(r.get(COOPERATIVE.NAME), r.get(LEDGER_POSTING.AMOUNT_FEN), Math::addExact));
    Map<String, Long> owed = new java.util.TreeMap<>();
    balances.forEach((cooperative, balance) -> {
      if (balance < 0) {
        owed.put(cooperative, -balance);
      }
    });
    return owed;
  }

  /** The household's postings on 成员往来 (114), bound by its id. Rendered once: the household page reads it. */
  private static final RenderedSelect GUARANTEE_POSTINGS = new RenderedSelect(RecordStatements.RENDERER
      .select(COOPERATIVE.NAME, LEDGER_POSTING.AMOUNT_FEN).from(LEDGER_POSTING)
      .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
      .join(COOPERATIVE).on(COOPERATIVE.ID.eq(LEDGER_ACCOUNT.COOPERATIVE_ID))
      .where(LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(DSL.param("household", Long.class)),
          LEDGER_ACCOUNT.CHART_CODE.eq(DSL.inline(DistributionEntries.GUARANTEE_OWED.code()))));

  public Map<Long, List<Long>> orderSources(DSLContext db, Collection<Long> runIds) {
    if (runIds.isEmpty()) {
      return Map.of();
    }
    return db.select(DISTRIBUTION_SOURCE.RUN_ID, DISTRIBUTION_SOURCE.SOURCE_ID).from(DISTRIBUTION_SOURCE)
        .where(DISTRIBUTION_SOURCE.RUN_ID.in(runIds), DISTRIBUTION_SOURCE.SOURCE_TYPE.eq("ORDER"))
        .orderBy(DISTRIBUTION_SOURCE.SOURCE_ID)
        .fetchGroups(DISTRIBUTION_SOURCE.RUN_ID, DISTRIBUTION_SOURCE.SOURCE_ID);
  }

  /**
   * What the ledger says the household has been allocated (paid or not), as a positive amount: the
   * credits of distributions (less their reversals) to its 应付盈余返还 and 应付剩余盈余 sub-accounts
   * in every cooperative. Payouts debit those accounts when the cash leaves, so they are left out.
   */
  public long ledgerDividendsFen(DSLContext db, long householdId) {
    BigDecimal credits = db.select(sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
        .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(householdId),
            LEDGER_ACCOUNT.CHART_CODE.in(ChartAccount.REBATE_PAYABLE.code(), ChartAccount.RESIDUAL_SURPLUS_PAYABLE.code()),
            LEDGER_ENTRY.KIND.ne(EntryKind.DIVIDEND_PAYOUT.name()))
        .fetchOne(0, BigDecimal.class);
    return credits == null ? 0 : -credits.longValueExact();
  }
}
