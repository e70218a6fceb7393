package cn.bangfu.book;

import cn.bangfu.ledger.EntryKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures every statutory statement is made of, summed in one pass over the cooperative's
 * postings dated up to the end of a period ({@link StatementQueries#postings}): balances per chart
 * code before the period and at its end, the period's movements by reference type and kind, and each
 * member's sub-accounts. Reading the postings once instead of once per figure keeps the member-equity
 * table of a 100,000-member cooperative near one read of its postings (BENCHMARKS.md, issue 13).
 */
final class BookSums implements StatementQueries.PostingSink {
  /** Per account: {balance before the period, allocated in it, paid in it, balance at its end}. */
  private static final int OPENING = 0;
  private static final int ALLOCATED = 1;
  private static final int PAID = 2;
  private static final int CLOSING = 3;

  private record Account(String code, long householdId, long[] sums) {
  }

  private final LocalDate from;
  private final Map<Long, StatementQueries.EntryKindOf> entryKinds;
  private final Map<Long, Account> accounts = new HashMap<>();
  /** The period's debits and credits per entry and chart code: entries are few, postings many. */
  private final Map<Long, Map<String, long[]>> moved = new HashMap<>();

  /**
   * Sums for the period starting {@code from}; {@code entryKinds} holds every entry of the cooperative
   * dated in it (an entry only ever touches its own cooperative's accounts, JournalPoster).
   */
  BookSums(LocalDate from, Map<Long, StatementQueries.EntryKindOf> entryKinds) {
    this.from = from;
    this.entryKinds = entryKinds;
  }

  /** Sums for balances at the end of {@code asOf} alone (the balance sheet): every posting is "before". */
  static BookSums balancesAt(LocalDate asOf) {
    return new BookSums(asOf.plusDays(1), Map.of());
  }

  @Override
  public void accept(long accountId, String code, long householdId, long entryId, LocalDate date, long amountFen) {
    long[] sums = accounts.computeIfAbsent(accountId, id -> new Account(code, householdId, new long[4])).sums();
    sums[CLOSING] = Math.addExact(sums[CLOSING], amountFen);
    if (date.isBefore(from)) {
      sums[OPENING] = Math.addExact(sums[OPENING], amountFen);
      return;
    }
    StatementQueries.EntryKindOf kind = entryKinds.get(entryId);
    if (kind == null) {
      throw new IllegalStateException("entry " + entryId + " posts to cooperative accounts outside its chain");
    }
    long[] dc = moved.computeIfAbsent(entryId, id -> new HashMap<>()).computeIfAbsent(code, c -> new long[2]);
    if (amountFen > 0) {
      dc[0] = Math.addExact(dc[0], amountFen);
    } else {
      dc[1] = Math.subtractExact(dc[1], amountFen);
    }
    if (EntryKind.DISTRIBUTION.name().equals(kind.kind()) || EntryKind.REVERSAL.name().equals(kind.kind())) {
      sums[ALLOCATED] = Math.addExact(sums[ALLOCATED], amountFen);
    } else if (EntryKind.DIVIDEND_PAYOUT.name().equals(kind.kind())) {
      sums[PAID] = Math.addExact(sums[PAID], amountFen);
    }
  }

  /** Balances per chart code before the period (at the end of the day before it starts). */
  Map<String, StatementQueries.CodeBalance> opening() {
    return codeBalances(OPENING);
  }

  /** Balances per chart code at the end of the period. */
  Map<String, StatementQueries.CodeBalance> closing() {
    return codeBalances(CLOSING);
  }

  /**
   * Per code, the signed sum of its accounts' balances and the sum of the debit balances alone (a
   * member's 成员往来 is an asset where the member owes and a liability where it is owed: not netted).
   */
  private Map<String, StatementQueries.CodeBalance> codeBalances(int which) {
    Map<String, long[]> byCode = new HashMap<>();
    for (Account account : accounts.values()) {
      long balance = account.sums()[which];
      long[] b = byCode.computeIfAbsent(account.code(), k -> new long[2]);
      b[0] = Math.addExact(b[0], balance);
      if (balance > 0) {
        b[1] = Math.addExact(b[1], balance);
      }
    }
    Map<String, StatementQueries.CodeBalance> balances = new HashMap<>();
    byCode.forEach((code, b) -> balances.put(code, new StatementQueries.CodeBalance(b[0], b[1])));
    return balances;
  }

  /** Debits and credits per chart code in the period, by the entries' reference type and kind. */
  List<StatementQueries.Movement> movements() {
    Map<List<String>, long[]> byKind = new HashMap<>();
    moved.forEach((entryId, byCode) -> {
      StatementQueries.EntryKindOf kind = entryKinds.get(entryId);
      byCode.forEach((code, dc) -> {
        long[] sum = byKind.computeIfAbsent(List.of(code, kind.referenceType(), kind.kind()), k -> new long[2]);
        sum[0] = Math.addExact(sum[0], dc[0]);
        sum[1] = Math.addExact(sum[1], dc[1]);
      });
    });
    List<StatementQueries.Movement> list = new ArrayList<>();
    byKind.forEach((key, dc) -> list.add(new StatementQueries.Movement(key.get(0), key.get(1), key.get(2), dc[0],
        dc[1])));
    return list;
  }

  /** Every member's sub-accounts (household id above 0): balance before, allocated, paid, balance at the end. */
  List<StatementQueries.MemberSums> memberSums() {
    List<StatementQueries.MemberSums> list = new ArrayList<>();
    for (Account account : accounts.values()) {
      if (account.householdId() > 0) {
        long[] sums = account.sums();
        list.add(new StatementQueries.MemberSums(account.householdId(), account.code(), sums[OPENING],
            sums[ALLOCATED], sums[PAID], sums[CLOSING]));
      }
    }
    return list;
  }
}
