package cn.bangfu.book;

import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static cn.bangfu.db.Tables.MEMBER_CONTRIBUTION;
import static org.jooq.impl.DSL.sum;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

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

  /** What a posting is: its entry's reference type and kind. */
  record EntryKindOf(String referenceType, String kind) {
  }

  /** One posting of the cooperative's accounts, with its account's chart code and member (0: the cooperative's). */
  interface PostingSink {
    void accept(long accountId, String code, long householdId, long entryId, LocalDate date, long amountFen);
  }

  /**
   * Every posting of the cooperative's accounts dated up to {@code to}, streamed row by row: each
   * statutory statement is summed from one such pass in Java ({@link BookSums}). Grouping in the
   * database by account and entry kind needs a temporary table and took three times as long as
   * reading the rows (measured on the 100,000-member benchmark cooperative, issue 13). The rows are
   * read from jOOQ's lazy cursor as a JDBC result set: a jOOQ record per posting made the pass over
   * the province cooperative's 309,480 postings 2–3 times slower than the read itself (0.8–2.0 s
   * against 0.35 s, issue 13).
   */
  void postings(DSLContext db, long cooperativeId, LocalDate to, PostingSink sink) {
    try (ResultSet rows = db.select(LEDGER_POSTING.ACCOUNT_ID, LEDGER_ACCOUNT.CHART_CODE, LEDGER_ACCOUNT.HOUSEHOLD_ID,
            LEDGER_POSTING.ENTRY_ID, LEDGER_POSTING.EFFECTIVE_DATE, LEDGER_POSTING.AMOUNT_FEN)
        .from(LEDGER_ACCOUNT).join(LEDGER_POSTING).on(LEDGER_POSTING.ACCOUNT_ID.eq(LEDGER_ACCOUNT.ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_POSTING.EFFECTIVE_DATE.le(to))
        .fetchSize(Integer.MIN_VALUE) // streamed: a province cooperative's postings never sit in memory at once
        .fetchResultSet()) {
      while (rows.next()) {
        sink.accept(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
            rows.getObject(5, LocalDate.class), rows.getLong(6));
      }
    } catch (SQLException e) {
      throw new DataAccessException("reading the postings of cooperative " + cooperativeId, e);
    }
  }

  /** The reference type and kind of the cooperative's entries dated {@code from..to}, by entry id. */
  LongObjectHashMap<EntryKindOf> entryKinds(DSLContext db, long cooperativeId, LocalDate from, LocalDate to) {
    LongObjectHashMap<EntryKindOf> kinds = new LongObjectHashMap<>();
    db.select(LEDGER_ENTRY.ID, LEDGER_ENTRY.REFERENCE_TYPE, LEDGER_ENTRY.KIND).from(LEDGER_ENTRY)
        .where(LEDGER_ENTRY.COOPERATIVE_ID.eq(cooperativeId), LEDGER_ENTRY.EFFECTIVE_DATE.between(from, to))
        .forEach(r -> kinds.put(r.value1(), new EntryKindOf(r.value2(), r.value3())));
    return kinds;
  }

  /** Fiscal and donated funds quantified to each member (专项基金 量化), up to {@code asOf}. */
  LongLongHashMap quantifiedFunds(DSLContext db, long cooperativeId, LocalDate asOf) {
    LongLongHashMap funds = new LongLongHashMap();
    db.select(MEMBER_CONTRIBUTION.HOUSEHOLD_ID, sum(MEMBER_CONTRIBUTION.AMOUNT_FEN)).from(MEMBER_CONTRIBUTION)
        .where(MEMBER_CONTRIBUTION.COOPERATIVE_ID.eq(cooperativeId),
            MEMBER_CONTRIBUTION.KIND.ne(BookCategories.ContributionKind.CAPITAL.name()),
            MEMBER_CONTRIBUTION.CONTRIBUTED_ON.le(asOf))
        .groupBy(MEMBER_CONTRIBUTION.HOUSEHOLD_ID)
        .forEach(r -> funds.put(r.value1(), r.value2().longValueExact()));
    return funds;
  }
}
