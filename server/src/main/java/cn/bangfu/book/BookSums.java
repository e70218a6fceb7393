package cn.bangfu.book;

import cn.bangfu.ledger.EntryKind;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.LongIntHashMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
  private static final int FIGURES = 4;

  private final LocalDate from;
  // keyed by ledger ids in primitive maps that mix the id's bits (server/pom.xml: HPPC)
  private final LongObjectHashMap<StatementQueries.EntryKindOf> entryKinds;
  /**
   * The accounts in slots of plain arrays, not an object each: a province cooperative has 294,743 of them,
   * alive for the whole statement, and copying 300,000 small objects between young generations is what
   * made the garbage collector's pauses 0.1–0.25 s during each member-equity table (issue 13).
   */
  private final LongIntHashMap slotOfAccount = new LongIntHashMap();
  private long[] householdOf = new long[1024];
  private int[] codeOf = new int[1024];
  private long[] figures = new long[1024 * FIGURES];
  private int accounts;
  /** The chart codes met, by their index in codeOf. */
  private final List<String> codes = new ArrayList<>();
  private final Map<String, Integer> codeIndex = new HashMap<>();
  /** The period's debits and credits per entry and chart code: entries are few, postings many. */
  private final LongObjectHashMap<Map<String, long[]>> moved = new LongObjectHashMap<>();

  /**
   * Sums for the period starting {@code from}; {@code entryKinds} holds every entry of the cooperative
   * dated in it (an entry only ever touches its own cooperative's accounts, JournalPoster).
   */
  BookSums(LocalDate from, LongObjectHashMap<StatementQueries.EntryKindOf> entryKinds) {
    this.from = from;
    this.entryKinds = entryKinds;
  }

  /** Sums for balances at the end of {@code asOf} alone (the balance sheet): every posting is "before". */
  static BookSums balancesAt(LocalDate asOf) {
    return new BookSums(asOf.plusDays(1), new LongObjectHashMap<>());
  }

  @Override
  public void accept(long accountId, String code, long householdId, long entryId, LocalDate date, long amountFen) {
    int slot = slotOfAccount.getOrDefault(accountId, -1);
    if (slot < 0) {
      slot = newSlot(code, householdId);
      slotOfAccount.put(accountId, slot);
    }
    int at = slot * FIGURES;
    figures[at + CLOSING] = Math.addExact(figures[at + CLOSING], amountFen);
    if (date.isBefore(from)) {
      figures[at + OPENING] = Math.addExact(figures[at + OPENING], amountFen);
      return;
    }
    StatementQueries.EntryKindOf kind = entryKinds.get(entryId);
    if (kind == null) {
      throw new IllegalStateException("entry " + entryId + " posts to cooperative accounts outside its chain");
    }
    Map<String, long[]> byCode = moved.get(entryId);
    if (byCode == null) {
      byCode = new HashMap<>();
      moved.put(entryId, byCode);
    }
    long[] dc = byCode.computeIfAbsent(code, c -> new long[2]);
    if (amountFen > 0) {
      dc[0] = Math.addExact(dc[0], amountFen);
    } else {
      dc[1] = Math.subtractExact(dc[1], amountFen);
    }
    if (EntryKind.DISTRIBUTION.name().equals(kind.kind()) || EntryKind.REVERSAL.name().equals(kind.kind())) {
      figures[at + ALLOCATED] = Math.addExact(figures[at + ALLOCATED], amountFen);
    } else if (EntryKind.DIVIDEND_PAYOUT.name().equals(kind.kind())) {
      figures[at + PAID] = Math.addExact(figures[at + PAID], amountFen);
    }
  }

  private int newSlot(String code, long householdId) {
    if (accounts == householdOf.length) {
      householdOf = Arrays.copyOf(householdOf, accounts * 2);
      codeOf = Arrays.copyOf(codeOf, accounts * 2);
      figures = Arrays.copyOf(figures, accounts * 2 * FIGURES);
    }
    Integer index = codeIndex.get(code);
    if (index == null) {
      index = codes.size();
      codes.add(code);
      codeIndex.put(code, index);
    }
    householdOf[accounts] = householdId;
    codeOf[accounts] = index;
    return accounts++;
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
    long[][] byCode = new long[codes.size()][2];
    for (int slot = 0; slot < accounts; slot++) {
      long balance = figures[slot * FIGURES + which];
      long[] b = byCode[codeOf[slot]];
      b[0] = Math.addExact(b[0], balance);
      if (balance > 0) {
        b[1] = Math.addExact(b[1], balance);
      }
    }
    Map<String, StatementQueries.CodeBalance> balances = new HashMap<>();
    for (int i = 0; i < byCode.length; i++) {
      balances.put(codes.get(i), new StatementQueries.CodeBalance(byCode[i][0], byCode[i][1]));
    }
    return balances;
  }

  /** Debits and credits per chart code in the period, by the entries' reference type and kind. */
  List<StatementQueries.Movement> movements() {
    Map<List<String>, long[]> byKind = new HashMap<>();
    moved.forEach((com.carrotsearch.hppc.procedures.LongObjectProcedure<Map<String, long[]>>) (entryId, byCode) -> {
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

  /** One member's sub-account: its balance before the period, allocated and paid in it, its balance at the end. */
  interface MemberAccountSink {
    void accept(long householdId, String code, long openingFen, long allocatedFen, long paidFen, long closingFen);
  }

  /** Every member's sub-accounts (household id above 0). */
  void memberAccounts(MemberAccountSink sink) {
    for (int slot = 0; slot < accounts; slot++) {
      if (householdOf[slot] > 0) {
        int at = slot * FIGURES;
        sink.accept(householdOf[slot], codes.get(codeOf[slot]), figures[at + OPENING], figures[at + ALLOCATED],
            figures[at + PAID], figures[at + CLOSING]);
      }
    }
  }
}
