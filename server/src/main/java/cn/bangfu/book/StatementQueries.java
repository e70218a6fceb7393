package cn.bangfu.book;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.MEMBER_CONTRIBUTION;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import cn.bangfu.ledger.EntryKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The SQL of the statutory statements: everything is a sum of the cooperative's postings (the book
 * alone), grouped in the database so a cooperative of 150,000 members returns a few rows per chart
 * account, and per member only for the member-equity table. Sums are signed, debit positive.
 */
final class StatementQueries {

  /** Per chart code, the signed sum of its accounts' balances and the sum of the debit balances alone. */
  record CodeBalance(long balanceFen, long debitBalancesFen) {
  }

  /** Per chart code, how its accounts moved in a period, by the kind and reference of the entries. */
  record Movement(String code, String referenceType, String kind, long debitsFen, long creditsFen) {
  }

  /** One member's sub-account of {@code code}: balance before the year, allocated and paid in it, balance at its end. */
  record MemberSums(long householdId, String code, long openingFen, long allocatedFen, long paidFen, long closingFen) {
  }

  /**
   * Balances of the cooperative's accounts at the end of {@code asOf}, per chart code. The debit
   * balances are kept apart because a per-member account (成员往来) is an asset where the member owes
   * and a liability where the cooperative owes: the balance sheet shows both sides, not their net.
   */
  Map<String, CodeBalance> balancesAsOf(DSLContext db, long cooperativeId, LocalDate asOf) {
    Field<BigDecimal> balance = sum(LEDGER_POSTING.AMOUNT_FEN).as("balance");
    var perAccount = db.select(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.ID, balance)
        .from(LEDGER_ACCOUNT).join(LEDGER_POSTING).on(LEDGER_POSTING.ACCOUNT_ID.eq(LEDGER_ACCOUNT.ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_POSTING.EFFECTIVE_DATE.le(asOf))
        .groupBy(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.ID).asTable("per_account");
    Field<String> code = perAccount.field(LEDGER_ACCOUNT.CHART_CODE);
    Field<BigDecimal> b = perAccount.field(balance);
    Map<String, CodeBalance> balances = new HashMap<>();
    db.select(code, sum(b), sum(when(b.gt(BigDecimal.ZERO), b).otherwise(BigDecimal.ZERO)))
        .from(perAccount).groupBy(code)
        .forEach(r -> balances.put(r.value1(), new CodeBalance(r.value2().longValueExact(), r.value3().longValueExact())));
    return balances;
  }

  /** Debits and credits per chart code dated {@code from..to}, by the entries' reference type and kind. */
  List<Movement> movements(DSLContext db, long cooperativeId, LocalDate from, LocalDate to) {
    Field<Long> amount = LEDGER_POSTING.AMOUNT_FEN;
    List<Movement> movements = new ArrayList<>();
    db.select(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.KIND,
            sum(when(amount.gt(0L), amount).otherwise(inline(0L))), sum(when(amount.lt(0L), amount).otherwise(inline(0L))))
        .from(LEDGER_ACCOUNT).join(LEDGER_POSTING).on(LEDGER_POSTING.ACCOUNT_ID.eq(LEDGER_ACCOUNT.ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_POSTING.EFFECTIVE_DATE.between(from, to))
        .groupBy(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.KIND)
        .forEach(r -> movements.add(new Movement(r.value1(), r.value2(), r.value3(), r.value4().longValueExact(),
            -r.value5().longValueExact())));
    return movements;
  }

  /**
   * Every member's sub-accounts up to the end of {@code yearEnd}'s year: the balance before the year,
   * what the year's distributions (net of reversals) moved, what its payouts paid, the balance at its end.
   */
  List<MemberSums> memberSums(DSLContext db, long cooperativeId, LocalDate yearStart, LocalDate yearEnd) {
    Field<Long> amount = LEDGER_POSTING.AMOUNT_FEN;
    var inYear = LEDGER_POSTING.EFFECTIVE_DATE.ge(yearStart);
    List<MemberSums> sums = new ArrayList<>();
    db.select(LEDGER_ACCOUNT.HOUSEHOLD_ID, LEDGER_ACCOUNT.CHART_CODE,
            sum(when(inYear.not(), amount).otherwise(inline(0L))),
            sum(when(inYear.and(LEDGER_ENTRY.KIND.in(EntryKind.DISTRIBUTION.name(), EntryKind.REVERSAL.name())), amount)
                .otherwise(inline(0L))),
            sum(when(inYear.and(LEDGER_ENTRY.KIND.eq(EntryKind.DIVIDEND_PAYOUT.name())), amount).otherwise(inline(0L))),
            sum(amount))
        .from(LEDGER_ACCOUNT).join(LEDGER_POSTING).on(LEDGER_POSTING.ACCOUNT_ID.eq(LEDGER_ACCOUNT.ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_ACCOUNT.HOUSEHOLD_ID.gt(0L),
            LEDGER_POSTING.EFFECTIVE_DATE.le(yearEnd))
        .groupBy(LEDGER_ACCOUNT.HOUSEHOLD_ID, LEDGER_ACCOUNT.CHART_CODE)
        .forEach(r -> sums.add(new MemberSums(r.value1(), r.value2(), r.value3().longValueExact(),
            r.value4().longValueExact(), r.value5().longValueExact(), r.value6().longValueExact())));
    return sums;
  }

  /** Fiscal and donated funds quantified to each member (专项基金 量化), up to {@code asOf}. */
  Map<Long, Long> quantifiedFunds(DSLContext db, long cooperativeId, LocalDate asOf) {
    Map<Long, Long> funds = new HashMap<>();
    db.select(MEMBER_CONTRIBUTION.HOUSEHOLD_ID, sum(MEMBER_CONTRIBUTION.AMOUNT_FEN)).from(MEMBER_CONTRIBUTION)
        .where(MEMBER_CONTRIBUTION.COOPERATIVE_ID.eq(cooperativeId),
            MEMBER_CONTRIBUTION.KIND.ne(BookCategories.ContributionKind.CAPITAL.name()),
            MEMBER_CONTRIBUTION.CONTRIBUTED_ON.le(asOf))
        .groupBy(MEMBER_CONTRIBUTION.HOUSEHOLD_ID)
        .forEach(r -> funds.put(r.value1(), r.value2().longValueExact()));
    return funds;
  }

  /** The members that had joined by {@code asOf}, by household id. */
  List<Long> members(DSLContext db, long cooperativeId, LocalDate asOf) {
    return db.select(MEMBERSHIP.HOUSEHOLD_ID).from(MEMBERSHIP)
        .where(MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId), MEMBERSHIP.JOINED_ON.le(asOf))
        .orderBy(MEMBERSHIP.HOUSEHOLD_ID).fetch(MEMBERSHIP.HOUSEHOLD_ID);
  }
}
