package cn.bangfu.ledger;

import static cn.bangfu.db.Tables.YEAR_CLOSE;

import cn.bangfu.platform.Problem;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * 结账 (DESIGN.md 8.1): a cooperative's closed calendar years. A year is closed by the posting of a
 * distribution covering all of it, and reopened only by that run's reversal. A closed year takes
 * no new cost or settlement dated in it — what the book distributed must stay what it says — so
 * corrections go to the next period. Lives with the ledger because closing is a property of the
 * book, read by every capability that writes into it.
 */
public final class ClosedYears {
  private ClosedYears() {
  }

  /** The run that closed {@code year} of the cooperative, if it is closed. */
  public static Optional<Long> closedBy(DSLContext db, long cooperativeId, int year) {
    return db.select(YEAR_CLOSE.RUN_ID).from(YEAR_CLOSE)
        .where(YEAR_CLOSE.COOPERATIVE_ID.eq(cooperativeId), YEAR_CLOSE.FISCAL_YEAR.eq(year))
        .fetchOptional(YEAR_CLOSE.RUN_ID);
  }

  /** Whether {@code year} of the cooperative is closed (by a run or by the period-close route). */
  public static boolean isClosed(DSLContext db, long cooperativeId, int year) {
    return db.fetchExists(YEAR_CLOSE, YEAR_CLOSE.COOPERATIVE_ID.eq(cooperativeId), YEAR_CLOSE.FISCAL_YEAR.eq(year));
  }

  /** The first closed year among {@code from..to} of the cooperative, if any. */
  public static Optional<Integer> firstClosed(DSLContext db, long cooperativeId, int from, int to) {
    return db.select(YEAR_CLOSE.FISCAL_YEAR).from(YEAR_CLOSE)
        .where(YEAR_CLOSE.COOPERATIVE_ID.eq(cooperativeId), YEAR_CLOSE.FISCAL_YEAR.between(from, to))
        .orderBy(YEAR_CLOSE.FISCAL_YEAR).limit(1)
        .fetchOptional(YEAR_CLOSE.FISCAL_YEAR);
  }

  /** Refuses (409 naming {@code field}) a record dated in a closed year of the cooperative. */
  public static void requireOpen(DSLContext db, long cooperativeId, LocalDate date, String field) {
    if (isClosed(db, cooperativeId, date.getYear())) {
      throw Problem.conflict("year-closed", "the cooperative's year " + date.getYear()
          + " is closed (结账); record it in the next period", field);
    }
  }

  /**
   * Closes {@code year} (by run {@code runId}, or by the period-close route when null); false when it
   * was closed already (the key refuses a second closing, also from a concurrent transaction).
   */
  public static boolean close(DSLContext db, long cooperativeId, int year, Long runId, LocalDateTime at) {
    return db.insertInto(YEAR_CLOSE).set(YEAR_CLOSE.COOPERATIVE_ID, cooperativeId).set(YEAR_CLOSE.FISCAL_YEAR, year)
        .set(YEAR_CLOSE.RUN_ID, runId).set(YEAR_CLOSE.CLOSED_AT, at)
        .onDuplicateKeyIgnore().execute() == 1;
  }

  /** Records the closing entry (本年盈余 → 盈余分配) of a year this transaction closed. */
  public static void recordClosingEntry(DSLContext db, long cooperativeId, int year, long entryId) {
    db.update(YEAR_CLOSE).set(YEAR_CLOSE.CLOSING_ENTRY_ID, entryId)
        .where(YEAR_CLOSE.COOPERATIVE_ID.eq(cooperativeId), YEAR_CLOSE.FISCAL_YEAR.eq(year)).execute();
  }

  /** The closing entries of the years {@code runId} closed, by year (to reverse with the run). */
  public static java.util.Map<Integer, Long> closingEntriesOf(DSLContext db, long runId) {
    return db.select(YEAR_CLOSE.FISCAL_YEAR, YEAR_CLOSE.CLOSING_ENTRY_ID).from(YEAR_CLOSE)
        .where(YEAR_CLOSE.RUN_ID.eq(runId), YEAR_CLOSE.CLOSING_ENTRY_ID.isNotNull())
        .fetchMap(YEAR_CLOSE.FISCAL_YEAR, YEAR_CLOSE.CLOSING_ENTRY_ID);
  }

  /** Reopens the years the reversed run had closed. */
  public static void reopen(DSLContext db, long runId) {
    db.deleteFrom(YEAR_CLOSE).where(YEAR_CLOSE.RUN_ID.eq(runId)).execute();
  }
}
