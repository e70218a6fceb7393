package cn.bangfu.book;

import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.ChartAccount.AccountClass;
import cn.bangfu.ledger.ChartAccount.NormalBalance;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The statutory statements of 《农民专业合作社会计制度》 (财会〔2021〕37号) read from the book alone:
 * 资产负债表 as of a date, 盈余及盈余分配表 and 成员权益变动表 of a year. Every figure is a sum of the
 * cooperative's postings, so they reconcile to the trial balance by construction; each statement
 * also carries the check a reader would do (balanced, reconciled).
 *
 * <p>未分配盈余 is the credit balance of 本年盈余 (331) and 盈余分配 (332) together with the income and
 * cost accounts of years not yet closed (结账 only moves amounts among these), so the balance sheet
 * balances on any day of a year, before and after its close.
 */
public final class BookStatements {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BookStatements.class);
  /** The pseudo-code of the 未分配盈余 line: 本年盈余 and 盈余分配 with the open years' income and costs. */
  public static final String UNDISTRIBUTED = "331+332";
  private static final String UNDISTRIBUTED_NAME = "未分配盈余";
  private static final String MEMBER_CREDIT_NAME = "成员往来（贷方余额）";

  private final Database database;
  private final ParticipantRepository participants;
  private final StatementQueries queries = new StatementQueries();
  private final BookRepository book = new BookRepository();

  public BookStatements(Database database, ParticipantRepository participants) {
    this.database = database;
    this.participants = participants;
  }

  /** One line of a statement: the chart code(s) it sums, its Chinese name, its amount in its natural direction. */
  public record Line(String code, String name, long amountFen) {
  }

  public record BalanceSheet(long cooperativeId, String cooperativeName, LocalDate date, List<Line> assets,
      List<Line> liabilities, List<Line> equity, long totalAssetsFen, long totalLiabilitiesAndEquityFen) {
    public boolean balanced() {
      return totalAssetsFen == totalLiabilitiesAndEquityFen;
    }
  }

  /**
   * 盈余及盈余分配表 of a year: income and cost lines (closing entries left out, so a closed year shows
   * what it earned), the year's surplus, 年初未分配盈余, what the year's distributions handed out by
   * destination, and 年末未分配盈余.
   */
  public record SurplusStatement(long cooperativeId, String cooperativeName, int year, List<Line> income,
      List<Line> costs, long revenueFen, long costFen, long surplusFen, long openingUndistributedFen,
      long providentFundFen, long rebateFen, long dividendFen, long payableFen, long guaranteeOwedFen,
      long distributedFen, long undistributedFen) {
    /** 年初未分配盈余 + 本年盈余 − 本年分配 = 年末未分配盈余, and the distribution's parts sum to it. */
    public boolean reconciled() {
      return openingUndistributedFen + surplusFen - distributedFen == undistributedFen
          && providentFundFen + rebateFen + dividendFen + payableFen + guaranteeOwedFen == distributedFen;
    }

    public long distributableFen() {
      return openingUndistributedFen + surplusFen;
    }
  }

  /** One column of 成员权益变动表 (股金, 专项基金, 资本公积, 盈余公积, 未分配盈余). */
  public record EquityColumn(String code, String name, long openingFen, long increaseFen, long decreaseFen,
      long closingFen) {
  }

  /**
   * A member's line (Cooperative Law art. 43): 股金 at the year's start and end, the fiscal and
   * donated funds quantified to it, the rebates (221) and dividends (222) distributed to it in the year,
   * what was paid out to it in the year, what is still owed, and its part of the 公积金 the year's
   * distributions set aside (split by trade volume exactly as its member account shows it,
   * {@link BookService#quantifiedShare}).
   */
  public record MemberEquity(long householdId, long shareCapitalOpeningFen, long shareCapitalClosingFen,
      long quantifiedFundFen, long rebatesFen, long dividendsFen, long paidFen, long owedFen,
      long providentFundShareFen) {
  }

  public record MemberEquityStatement(long cooperativeId, String cooperativeName, int year, List<EquityColumn> columns,
      List<MemberEquity> members) {
    public long membersShareCapitalFen() {
      return members.stream().mapToLong(MemberEquity::shareCapitalClosingFen).sum();
    }

    public long membersQuantifiedFundFen() {
      return members.stream().mapToLong(MemberEquity::quantifiedFundFen).sum();
    }

    public long membersProvidentFundFen() {
      return members.stream().mapToLong(MemberEquity::providentFundShareFen).sum();
    }
  }

  public Future<BalanceSheet> balanceSheet(Principal caller, long cooperativeId, LocalDate date) {
    return database.read(db -> balanceSheet(db, cooperativeId, visible(db, caller, cooperativeId), date));
  }

  public Future<SurplusStatement> surplus(Principal caller, long cooperativeId, int year) {
    return database.read(db -> surplus(db, cooperativeId, visible(db, caller, cooperativeId), year));
  }

  public Future<MemberEquityStatement> memberEquity(Principal caller, long cooperativeId, int year) {
    return memberEquity(caller, cooperativeId, year, s -> s);
  }

  /**
   * The statement rendered by {@code render} on a worker (a large cooperative's is megabytes). The
   * postings and the members are two independent reads, run side by side on two connections: each is
   * about half of a 150,000-member table's time (issue 13). Neither is a transaction anyway (each
   * statement query reads its own snapshot), so nothing is lost in consistency by splitting them.
   */
  public <T> Future<T> memberEquity(Principal caller, long cooperativeId, int year,
      java.util.function.Function<MemberEquityStatement, T> render) {
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate end = LocalDate.of(year, 12, 31);
    return database.read(db -> visible(db, caller, cooperativeId)).compose(name -> {
      long started = System.nanoTime();
      long[] readAt = new long[2];
      Future<BookSums> sums = database.read(db -> {
        BookSums s = sums(db, cooperativeId, start, end);
        readAt[0] = System.nanoTime();
        return s;
      });
      Future<Members> members = database.read(db -> {
        Members m = members(db, cooperativeId, start, end);
        readAt[1] = System.nanoTime();
        return m;
      });
      return Future.all(sums, members).compose(both -> database.read(db -> {
        long assembling = System.nanoTime();
        MemberEquityStatement statement = memberEquity(cooperativeId, name, year, sums.result(), members.result());
        long assembled = System.nanoTime();
        T rendered = render.apply(statement);
        LOG.info("member-equity {} of cooperative {}: {} members; postings summed in {} ms, members read in {} ms"
                + " (side by side), assembled in {} ms, rendered in {} ms", year, cooperativeId,
            statement.members().size(), (readAt[0] - started) / 1_000_000, (readAt[1] - started) / 1_000_000,
            (assembled - assembling) / 1_000_000, (System.nanoTime() - assembled) / 1_000_000);
        return rendered;
      }));
    });
  }

  BalanceSheet balanceSheet(DSLContext db, long cooperativeId, String name, LocalDate date) {
    BookSums sums = BookSums.balancesAt(date);
    queries.postings(db, cooperativeId, date, sums);
    Map<String, StatementQueries.CodeBalance> b = sums.closing();
    List<Line> assets = new ArrayList<>();
    List<Line> liabilities = new ArrayList<>();
    List<Line> equity = new ArrayList<>();
    for (ChartAccount account : ChartAccount.values()) {
      StatementQueries.CodeBalance cb = b.getOrDefault(account.code(), new StatementQueries.CodeBalance(0, 0));
      switch (account.accountClass()) {
        // a contra-asset (累计折旧) is shown as a deduction: debit-positive, so negative
        case ASSET, COST -> {
          if (account.byMember()) {
            // 成员往来: members who owe are a receivable, members owed are a payable (not netted)
            assets.add(new Line(account.code(), account.chineseName(), cb.debitBalancesFen()));
            liabilities.add(new Line(account.code(), MEMBER_CREDIT_NAME, cb.debitBalancesFen() - cb.balanceFen()));
          } else {
            assets.add(new Line(account.code(), account.chineseName(), cb.balanceFen()));
          }
        }
        case LIABILITY -> liabilities.add(new Line(account.code(), account.chineseName(), -cb.balanceFen()));
        case EQUITY -> {
          if (account != ChartAccount.CURRENT_YEAR_SURPLUS && account != ChartAccount.SURPLUS_DISTRIBUTION) {
            equity.add(new Line(account.code(), account.chineseName(), -cb.balanceFen()));
          }
        }
        case INCOME_AND_LOSS -> {
          // in 未分配盈余 below
        }
      }
    }
    equity.add(new Line(UNDISTRIBUTED, UNDISTRIBUTED_NAME, undistributed(b)));
    long totalAssets = assets.stream().mapToLong(Line::amountFen).sum();
    long totalOther = liabilities.stream().mapToLong(Line::amountFen).sum() + equity.stream().mapToLong(Line::amountFen).sum();
    return new BalanceSheet(cooperativeId, name, date, assets, liabilities, equity, totalAssets, totalOther);
  }

  SurplusStatement surplus(DSLContext db, long cooperativeId, String name, int year) {
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate end = LocalDate.of(year, 12, 31);
    BookSums sums = sums(db, cooperativeId, start, end);
    return surplus(cooperativeId, name, year, sums.movements(), sums.opening(), sums.closing());
  }

  /**
   * The 盈余及盈余分配表 from the year's movements and the balances before and after it, which the
   * member-equity table reads too: each is one pass over the cooperative's postings, so they are read once.
   */
  private static SurplusStatement surplus(long cooperativeId, String name, int year,
      List<StatementQueries.Movement> movements, Map<String, StatementQueries.CodeBalance> openingBalances,
      Map<String, StatementQueries.CodeBalance> closingBalances) {
    // closing entries (结账, and their reversal with a run) carry reference PERIOD: left out, they
    // would net every income and cost of a closed year to zero
    Map<String, long[]> operating = new HashMap<>();
    Map<String, long[]> distribution = new HashMap<>();
    for (StatementQueries.Movement m : movements) {
      if (ReferenceType.PERIOD.name().equals(m.referenceType())) {
        continue;
      }
      add(operating, m);
      boolean run = ReferenceType.DISTRIBUTION_RUN.name().equals(m.referenceType())
          && !EntryKind.DIVIDEND_PAYOUT.name().equals(m.kind());
      if (run) {
        add(distribution, m);
      }
    }
    List<Line> income = new ArrayList<>();
    List<Line> costs = new ArrayList<>();
    for (ChartAccount account : ChartAccount.values()) {
      if (account.accountClass() != AccountClass.INCOME_AND_LOSS) {
        continue;
      }
      long[] dc = operating.getOrDefault(account.code(), new long[2]);
      if (account.normalBalance() == NormalBalance.CREDIT) {
        income.add(new Line(account.code(), account.chineseName(), dc[1] - dc[0]));
      } else {
        costs.add(new Line(account.code(), account.chineseName(), dc[0] - dc[1]));
      }
    }
    long revenue = income.stream().mapToLong(Line::amountFen).sum();
    long cost = costs.stream().mapToLong(Line::amountFen).sum();
    long[] pool = operating.getOrDefault(ChartAccount.SURPLUS_DISTRIBUTION.code(), new long[2]);
    long opening = undistributed(openingBalances);
    long closing = undistributed(closingBalances);
    return new SurplusStatement(cooperativeId, name, year, income, costs, revenue, cost, revenue - cost, opening,
        credited(distribution, ChartAccount.SURPLUS_RESERVE), credited(distribution, ChartAccount.REBATE_PAYABLE),
        credited(distribution, ChartAccount.RESIDUAL_SURPLUS_PAYABLE), credited(distribution, ChartAccount.PAYABLE),
        credited(distribution, ChartAccount.MEMBER_CURRENT), pool[0] - pool[1], closing);
  }

  MemberEquityStatement memberEquity(DSLContext db, long cooperativeId, String name, int year) {
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate end = LocalDate.of(year, 12, 31);
    return memberEquity(cooperativeId, name, year, sums(db, cooperativeId, start, end),
        members(db, cooperativeId, start, end));
  }

  /**
   * The members of the table's year with their trade volumes, the funds quantified to them, and the
   * 盈余公积 the year's distributions set aside, which is split among them by trade volume: read by the
   * same query as each member's own account reads it, so the two cannot disagree.
   */
  private record Members(List<BookRepository.MemberTrade> trade, LongLongHashMap quantified, long[] providentShares) {
  }

  /**
   * Read, and the 公积金 split among the members, while the postings are still being summed. The shares
   * are in the members' order (household id), as {@link BookService#providentShares} splits them.
   */
  private Members members(DSLContext db, long cooperativeId, LocalDate start, LocalDate end) {
    List<BookRepository.MemberTrade> trade = book.memberTrade(db, cooperativeId, start, end);
    long[] providentShares = BookService.providentShares(book.reserveSetAsideFen(db, cooperativeId, start, end),
        trade.stream().mapToLong(BookRepository.MemberTrade::volumeFen).toArray());
    return new Members(trade, queries.quantifiedFunds(db, cooperativeId, end), providentShares);
  }

  private static MemberEquityStatement memberEquity(long cooperativeId, String name, int year, BookSums sums,
      Members read) {
    LocalDate end = LocalDate.of(year, 12, 31);
    var opening = sums.opening();
    var closing = sums.closing();
    List<StatementQueries.Movement> movements = sums.movements();
    Map<String, long[]> moved = new HashMap<>();
    movements.forEach(m -> add(moved, m));
    List<EquityColumn> columns = new ArrayList<>();
    for (ChartAccount account : List.of(ChartAccount.SHARE_CAPITAL, ChartAccount.SPECIAL_FUND,
        ChartAccount.CAPITAL_RESERVE, ChartAccount.SURPLUS_RESERVE)) {
      long[] dc = moved.getOrDefault(account.code(), new long[2]);
      columns.add(new EquityColumn(account.code(), account.chineseName(), -balance(opening, account), dc[1], dc[0],
          -balance(closing, account)));
    }
    SurplusStatement s = surplus(cooperativeId, name, year, movements, opening, closing);
    columns.add(new EquityColumn(UNDISTRIBUTED, UNDISTRIBUTED_NAME, s.openingUndistributedFen(), s.surplusFen(),
        s.distributedFen(), s.undistributedFen()));

    // each member's 股金, 应付盈余返还 and 应付剩余盈余 sub-accounts, in arrays by the member's place (150,000
    // members: no object per member until its line)
    List<BookRepository.MemberTrade> memberships = read.trade();
    int count = memberships.size();
    LongIntHashMap place = new LongIntHashMap(count);
    for (int i = 0; i < count; i++) {
      place.put(memberships.get(i).householdId(), i);
    }
    long[] sharesOpening = new long[count];
    long[] sharesClosing = new long[count];
    long[] rebates = new long[count];
    long[] dividends = new long[count];
    long[] paid = new long[count];
    long[] owed = new long[count];
    String shareCapital = ChartAccount.SHARE_CAPITAL.code();
    String rebatePayable = ChartAccount.REBATE_PAYABLE.code();
    String residualPayable = ChartAccount.RESIDUAL_SURPLUS_PAYABLE.code();
    sums.memberAccounts((household, code, openingFen, allocatedFen, paidFen, closingFen) -> {
      int i = place.getOrDefault(household, -1);
      if (i < 0) {
        return; // not a member (any more): not in the table
      }
      if (code.equals(shareCapital)) {
        sharesOpening[i] = -openingFen;
        sharesClosing[i] = -closingFen;
      } else if (code.equals(rebatePayable) || code.equals(residualPayable)) {
        if (code.equals(rebatePayable)) {
          rebates[i] = -allocatedFen;
        } else {
          dividends[i] = -allocatedFen;
        }
        paid[i] = Math.addExact(paid[i], paidFen);
        owed[i] = Math.subtractExact(owed[i], closingFen);
      }
    });
    LongLongHashMap quantified = read.quantified();
    long[] providentShares = read.providentShares();
    List<MemberEquity> members = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      BookRepository.MemberTrade member = memberships.get(i);
      if (member.joinedOn().isAfter(end)) {
        continue; // joined after the year: not in its table
      }
      long household = member.householdId();
      members.add(new MemberEquity(household, sharesOpening[i], sharesClosing[i], quantified.getOrDefault(household, 0L),
          rebates[i], dividends[i], paid[i], owed[i], providentShares[i]));
    }
    return new MemberEquityStatement(cooperativeId, name, year, columns, members);
  }

  /** One pass over the cooperative's postings up to {@code end}, the period being {@code start..end}. */
  private BookSums sums(DSLContext db, long cooperativeId, LocalDate start, LocalDate end) {
    BookSums sums = new BookSums(start, queries.entryKinds(db, cooperativeId, start, end));
    queries.postings(db, cooperativeId, end, sums);
    return sums;
  }

  /** 未分配盈余 from balances: 本年盈余, 盈余分配 and every income and cost account not yet closed. */
  private static long undistributed(Map<String, StatementQueries.CodeBalance> balances) {
    long sum = 0;
    for (ChartAccount account : ChartAccount.values()) {
      if (account == ChartAccount.CURRENT_YEAR_SURPLUS || account == ChartAccount.SURPLUS_DISTRIBUTION
          || account.accountClass() == AccountClass.INCOME_AND_LOSS) {
        sum += balance(balances, account);
      }
    }
    return -sum;
  }

  private static long balance(Map<String, StatementQueries.CodeBalance> balances, ChartAccount account) {
    StatementQueries.CodeBalance b = balances.get(account.code());
    return b == null ? 0 : b.balanceFen();
  }

  /** Accumulates {debits, credits} (both positive) per chart code. */
  private static void add(Map<String, long[]> sums, StatementQueries.Movement m) {
    long[] dc = sums.computeIfAbsent(m.code(), k -> new long[2]);
    dc[0] = Math.addExact(dc[0], m.debitsFen());
    dc[1] = Math.addExact(dc[1], m.creditsFen());
  }

  /** What the distributions credited to {@code account}, net of what they debited (a repaid shortfall, a reversal). */
  private static long credited(Map<String, long[]> sums, ChartAccount account) {
    long[] dc = sums.getOrDefault(account.code(), new long[2]);
    return dc[1] - dc[0];
  }

  /** The cooperative's name; its own COOP user, a regulator of its region or an admin reads its statements. */
  private String visible(DSLContext db, Principal caller, long cooperativeId) {
    var cooperative = participants.cooperative(db, cooperativeId)
        .orElseThrow(() -> Problem.notFound("cooperative", Long.toString(cooperativeId)));
    Scopes.require(Scopes.mayActOnCooperative(caller, cooperativeId, cooperative.getRegionCode()),
        "statements of cooperative " + cooperativeId);
    return cooperative.getName();
  }
}
