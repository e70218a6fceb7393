package cn.bangfu.ledger;

import cn.bangfu.platform.Problem;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * 结账 of a cooperative's calendar year (DESIGN.md 8.1): the year's income and cost accounts (损益类)
 * are closed into 本年盈余 (331), and 本年盈余 into 盈余分配 (332), in one entry dated 31 December;
 * then the year is closed (ClosedYears) and takes no new entry dated in it. Used by the period-close
 * route and by the posting of a distribution run that covers a whole year (which is that year's
 * 结账 too), so a year is closed one way only.
 *
 * <p>The closing entry moves balances between equity and income/cost accounts only, so the trial
 * balance stays 0 and assets = liabilities + equity before and after it.
 */
public final class PeriodClose {
  private static final LedgerQueries QUERIES = new LedgerQueries();

  private PeriodClose() {
  }

  public static String closingRef(long cooperativeId, int year) {
    return "period-close:" + cooperativeId + ":" + year;
  }

  /**
   * Closes {@code year} of the cooperative in the caller's transaction: claims the year (409 when it
   * is closed already, by any path), posts the closing entry if the year moved any income or cost,
   * and records it. {@code runId} is the whole-year run closing it, null for the period-close route.
   */
  public static Closing closeYear(DSLContext tx, Ledger ledger, long cooperativeId, int year, Long runId,
      long causedBy, LocalDateTime now) {
    if (!ClosedYears.close(tx, cooperativeId, year, runId, now)) {
      throw Problem.conflict("year-closed", "the cooperative's year " + year + " is already closed (结账)", "year");
    }
    EntryDraft closing = closingEntry(tx, cooperativeId, year, causedBy);
    if (closing == null) {
      return new Closing(null, 0);
    }
    PostedEntry posted = ledger.post(tx, closing);
    ClosedYears.recordClosingEntry(tx, cooperativeId, year, posted.entryId());
    long surplus = closing.postings().stream()
        .filter(p -> p.account().account() == ChartAccount.SURPLUS_DISTRIBUTION).mapToLong(p -> -p.amountFen()).sum();
    return new Closing(posted.entryId(), surplus);
  }

  /**
   * What a 结账 did: its entry (null when no income or cost moved in the year) and the year's surplus
   * carried into 盈余分配 (income less cost; negative for a loss).
   */
  public record Closing(Long entryId, long surplusFen) {
  }

  /** Null when no income or cost account moved in the year. */
  static EntryDraft closingEntry(DSLContext tx, long cooperativeId, int year, long causedBy) {
    LocalDate end = LocalDate.of(year, 12, 31);
    Map<AccountRef, Long> sums = QUERIES.periodSums(tx, cooperativeId, LocalDate.of(year, 1, 1), end,
        EnumSet.of(ChartAccount.AccountClass.INCOME_AND_LOSS));
    if (sums.isEmpty()) {
      return null;
    }
    List<Posting> postings = new ArrayList<>();
    long net = 0; // debit-positive: a surplus (income above cost) is negative
    for (Map.Entry<AccountRef, Long> e : sums.entrySet()) {
      postings.add(new Posting(e.getKey(), -e.getValue()));
      net = Math.addExact(net, e.getValue());
    }
    if (net != 0) {
      AccountRef currentYear = AccountRef.of(cooperativeId, ChartAccount.CURRENT_YEAR_SURPLUS);
      postings.add(new Posting(currentYear, net)); // income and cost into 本年盈余
      postings.add(new Posting(currentYear, -net)); // 本年盈余 into 盈余分配
      postings.add(new Posting(AccountRef.of(cooperativeId, ChartAccount.SURPLUS_DISTRIBUTION), net));
    }
    return new EntryDraft(EntryKind.PERIOD_CLOSE, ReferenceType.PERIOD, year, closingRef(cooperativeId, year),
        cooperativeId, end, causedBy, "结账 " + year, postings);
  }
}
