package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ACCOUNT_LEGACY;
import static cn.bangfu.db.Tables.LEDGER_CHAIN;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import cn.bangfu.db.tables.records.LedgerAccountRecord;
import cn.bangfu.db.tables.records.LedgerChainRecord;
import cn.bangfu.db.tables.records.LedgerEntryRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Read-side SQL of the ledger. Balances are sums of postings answered from the covering index
 * (account_id, effective_date, amount_fen): an account's balance, its as-of balance and the trial
 * balance never read a table row, and nothing has to be kept in step with the postings.
 */
public final class LedgerQueries {

  public record TrialBalance(long totalDebitFen, long totalCreditFen) {
  }

  public record AccountLine(long entryId, int lineNo, long amountFen, LocalDate effectiveDate, String kind,
      String referenceType, long referenceId, LocalDateTime createdAt, Long reversesEntryId) {
  }

  /**
   * Debit balances and credit balances over all accounts, in one statement (so one consistent
   * InnoDB read view: a reader never sees half of an entry).
   */
  public TrialBalance trialBalance(DSLContext db) {
    return trialBalance(db, org.jooq.impl.DSL.trueCondition());
  }

  /**
   * The trial balance of the postings {@code postings} selects. Every posting carries its entry's
   * cooperative and entries balance, so selecting by cooperative keeps the result balanced: a
   * region's trial balance is that of its cooperatives' entries, with the buyer and household sides
   * of those entries.
   */
  public TrialBalance trialBalance(DSLContext db, Condition postings) {
    var perAccount = db.select(sum(LEDGER_POSTING.AMOUNT_FEN).as("balance")).from(LEDGER_POSTING)
        .where(postings)
        .groupBy(LEDGER_POSTING.ACCOUNT_ID).asTable("per_account");
    Field<BigDecimal> balance = perAccount.field("balance", BigDecimal.class);
    var row = db.select(
            coalesce(sum(when(balance.gt(BigDecimal.ZERO), balance).otherwise(BigDecimal.ZERO)), BigDecimal.ZERO),
            coalesce(sum(when(balance.lt(BigDecimal.ZERO), balance.neg()).otherwise(BigDecimal.ZERO)), BigDecimal.ZERO))
        .from(perAccount).fetchOne();
    return new TrialBalance(row.value1().longValueExact(), row.value2().longValueExact());
  }

  /** Balance of one account; with {@code asOf}, counting only postings effective on or before that date. */
  public long balance(DSLContext db, long accountId, LocalDate asOf) {
    Condition condition = LEDGER_POSTING.ACCOUNT_ID.eq(accountId);
    if (asOf != null) {
      condition = condition.and(LEDGER_POSTING.EFFECTIVE_DATE.le(asOf));
    }
    BigDecimal total = db.select(sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING).where(condition)
        .fetchOne().value1();
    return total == null ? 0 : total.longValueExact();
  }

  public Map<Long, Long> balances(DSLContext db, Collection<Long> accountIds) {
    Map<Long, Long> balances = new HashMap<>();
    db.select(LEDGER_POSTING.ACCOUNT_ID, sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
        .where(LEDGER_POSTING.ACCOUNT_ID.in(accountIds)).groupBy(LEDGER_POSTING.ACCOUNT_ID)
        .forEach(r -> balances.put(r.value1(), r.value2().longValueExact()));
    return balances;
  }

  /**
   * The posting sums (debit positive) of the cooperative's accounts of {@code classes} over the
   * postings dated {@code from..to}, by account; accounts summing to 0 are left out.
   */
  public Map<AccountRef, Long> periodSums(DSLContext db, long cooperativeId, LocalDate from, LocalDate to,
      Collection<ChartAccount.AccountClass> classes) {
    List<String> codes = java.util.Arrays.stream(ChartAccount.values()).filter(a -> classes.contains(a.accountClass()))
        .map(ChartAccount::code).toList();
    Map<AccountRef, Long> sums = new java.util.LinkedHashMap<>();
    db.select(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID, sum(LEDGER_POSTING.AMOUNT_FEN))
        .from(LEDGER_POSTING).join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .where(LEDGER_POSTING.COOPERATIVE_ID.eq(cooperativeId), LEDGER_POSTING.EFFECTIVE_DATE.between(from, to),
            LEDGER_ACCOUNT.CHART_CODE.in(codes))
        .groupBy(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID)
        .orderBy(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID)
        .forEach(r -> {
          long amount = r.value3().longValueExact();
          if (amount != 0) {
            sums.put(new AccountRef(cooperativeId, LedgerRepository.chartAccount(r.value1()), r.value2()), amount);
          }
        });
    return sums;
  }

  /** The cooperative's accounts and its members' sub-accounts, in chart order. */
  public List<LedgerAccountRecord> accountsOfCooperative(DSLContext db, long cooperativeId) {
    return db.selectFrom(LEDGER_ACCOUNT).where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID).fetch();
  }

  /** A household's member sub-accounts in every cooperative it belongs to. */
  public List<LedgerAccountRecord> accountsOfHousehold(DSLContext db, long householdId) {
    return db.selectFrom(LEDGER_ACCOUNT).where(LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(householdId))
        .orderBy(LEDGER_ACCOUNT.COOPERATIVE_ID, LEDGER_ACCOUNT.CHART_CODE).fetch();
  }

  /** An account's postings, newest first, with the entry each belongs to. */
  public List<AccountLine> accountLines(DSLContext db, long accountId, int limit, int offset) {
    return db.select(LEDGER_POSTING.ENTRY_ID, LEDGER_POSTING.LINE_NO, LEDGER_POSTING.AMOUNT_FEN,
            LEDGER_POSTING.EFFECTIVE_DATE, LEDGER_ENTRY.KIND, LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.REFERENCE_ID,
            LEDGER_ENTRY.CREATED_AT, LEDGER_ENTRY.REVERSES_ENTRY_ID)
        .from(LEDGER_POSTING).join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_POSTING.ACCOUNT_ID.eq(accountId))
        .orderBy(LEDGER_POSTING.EFFECTIVE_DATE.desc(), LEDGER_POSTING.ENTRY_ID.desc(), LEDGER_POSTING.LINE_NO.desc())
        .limit(limit).offset(offset)
        .fetch(r -> new AccountLine(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
            r.value7(), r.value8(), r.value9()));
  }

  // --- verification reads ---

  public List<LedgerChainRecord> chains(DSLContext db) {
    return db.selectFrom(LEDGER_CHAIN).orderBy(LEDGER_CHAIN.COOPERATIVE_ID).fetch();
  }

  public List<LedgerEntryRecord> chainPage(DSLContext db, long cooperativeId, long afterSeq, int limit) {
    return db.selectFrom(LEDGER_ENTRY)
        .where(LEDGER_ENTRY.COOPERATIVE_ID.eq(cooperativeId).and(LEDGER_ENTRY.CHAIN_SEQ.gt(afterSeq)))
        .orderBy(LEDGER_ENTRY.CHAIN_SEQ).limit(limit).fetch();
  }

  /**
   * The lines of {@code entryIds} as hashed, grouped by entry: a posting made before the chart (V14)
   * by its legacy account's owner and purpose, any other by its chart account (see {@link
   * HashChain.Line}). A posting whose account row is gone comes back with a null owner type (the
   * verifier reports it).
   */
  public Map<Long, List<HashChain.Line>> lines(DSLContext db, Collection<Long> entryIds) {
    Map<Long, List<HashChain.Line>> lines = new HashMap<>();
    var legacy = LEDGER_ACCOUNT_LEGACY;
    db.select(LEDGER_POSTING.ENTRY_ID, LEDGER_ACCOUNT.COOPERATIVE_ID, LEDGER_ACCOUNT.CHART_CODE,
            LEDGER_ACCOUNT.HOUSEHOLD_ID, LEDGER_POSTING.AMOUNT_FEN, LEDGER_POSTING.HASHED_ACCOUNT_ID,
            legacy.OWNER_TYPE, legacy.OWNER_ID, legacy.PURPOSE)
        .from(LEDGER_POSTING).leftJoin(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .leftJoin(legacy).on(legacy.ID.eq(LEDGER_POSTING.HASHED_ACCOUNT_ID))
        .where(LEDGER_POSTING.ENTRY_ID.in(entryIds))
        .orderBy(LEDGER_POSTING.ENTRY_ID, LEDGER_POSTING.LINE_NO)
        .fetchSize(10_000)
        .forEach(r -> lines.computeIfAbsent(r.value1(), k -> new java.util.ArrayList<>()).add(hashedLine(r)));
    return lines;
  }

  private static HashChain.Line hashedLine(
      org.jooq.Record9<Long, Long, String, Long, Long, Long, String, Long, String> r) {
    long amount = r.value5();
    if (r.value6() != null) {
      return r.value7() == null ? new HashChain.Line(null, 0, null, amount)
          : new HashChain.Line(r.value7(), r.value8(), r.value9(), amount);
    }
    if (r.value2() == null) {
      return new HashChain.Line(null, 0, null, amount);
    }
    return r.value4() > 0 ? new HashChain.Line(HashChain.MEMBER, r.value4(), r.value3(), amount)
        : new HashChain.Line(HashChain.COOPERATIVE, r.value2(), r.value3(), amount);
  }

  /** Postings whose entry row does not exist (a deleted entry whose lines were left behind). */
  public long orphanPostings(DSLContext db) {
    return db.select(count()).from(LEDGER_POSTING).leftJoin(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ENTRY.ID.isNull()).fetchOne().value1();
  }

  /**
   * Entries no chain head accounts for (no head for their cooperative, or beyond it). One statement,
   * one read view: a legitimately posted entry commits together with its head, so this is 0 even
   * while others post.
   */
  public long entriesOutsideChains(DSLContext db) {
    return db.select(count()).from(LEDGER_ENTRY).leftJoin(LEDGER_CHAIN)
        .on(LEDGER_CHAIN.COOPERATIVE_ID.eq(LEDGER_ENTRY.COOPERATIVE_ID))
        .where(LEDGER_CHAIN.COOPERATIVE_ID.isNull().or(LEDGER_ENTRY.CHAIN_SEQ.gt(LEDGER_CHAIN.LAST_SEQ)))
        .fetchOne().value1();
  }
}
