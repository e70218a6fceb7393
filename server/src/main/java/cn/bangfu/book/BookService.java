package cn.bangfu.book;

import cn.bangfu.book.BookCategories.ContributionKind;
import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.book.BookCategories.MoneyAccount;
import cn.bangfu.book.BookCategories.Payable;
import cn.bangfu.book.BookCategories.PaidFrom;
import cn.bangfu.db.tables.records.CooperativeIncomeRecord;
import cn.bangfu.db.tables.records.BookPaymentRecord;
import cn.bangfu.db.tables.records.CostRecordRecord;
import cn.bangfu.db.tables.records.DeliveryRecord;
import cn.bangfu.db.tables.records.MemberContributionRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Scopes;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.ClosedYears;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.Ledger;
import cn.bangfu.ledger.PeriodClose;
import cn.bangfu.ledger.PostedEntry;
import cn.bangfu.ledger.Posting;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import cn.bangfu.registry.Unit;
import cn.bangfu.rules.engine.LargestRemainder;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Posts the cooperative's own money events, each in one transaction with its row: the row and its
 * balanced entry are written together or not at all, and nothing is written into a closed year
 * (409 naming the date field).
 */
public final class BookService {
  private final Database database;
  private final Ledger ledger;
  private final BookRepository book;
  private final ParticipantRepository participants;
  private final Ids ids;
  private final BusinessClock clock;
  private final cn.bangfu.platform.HouseholdChanges changes;

  public BookService(Database database, Ledger ledger, BookRepository book, ParticipantRepository participants, Ids ids,
      BusinessClock clock, cn.bangfu.platform.HouseholdChanges changes) {
    this.changes = changes;
    this.database = database;
    this.ledger = ledger;
    this.book = book;
    this.participants = participants;
    this.ids = ids;
    this.clock = clock;
  }

  public record NewIncome(long amountFen, IncomeCategory category, LocalDate date, String note, MoneyAccount into) {
  }

  public record NewCost(long amountFen, CostCategory category, LocalDate date, String note, PaidFrom paidFrom) {
  }

  public record NewContribution(long householdId, long amountFen, LocalDate date, ContributionKind kind) {
  }

  /** 交售 bought from a member at a price: {@code valueFen} is what the cooperative owes it for the produce. */
  public record NewPurchase(long householdId, String product, BigDecimal quantity, Unit unit, long valueFen,
      LocalDate date) {
  }

  /** The delivery row (trade volume) and the cost row (the pool's deduction) one 交售 entry books. */
  public record Purchase(DeliveryRecord delivery, CostRecordRecord cost) {
  }

  /** Paying {@code amountFen} of a payable; {@code householdId} names the member for MEMBER_CURRENT only. */
  public record NewPayment(Payable payable, Long householdId, long amountFen, LocalDate date, MoneyAccount from,
      String note) {
  }

  /**
   * 成员账户 (Cooperative Law art. 43) of one member for a year: 股金 held at the year's end (from the
   * member's 股金 sub-account), fiscal and donated funds quantified to it up to then, its trade
   * volume (交售) in the year, the rebates (应付盈余返还) and dividends (应付剩余盈余) distributed to it
   * in the year net of reversals, what was paid out to it in the year, and its part of the year's 公积金.
   *
   * <p>{@code providentFundShareFen}: Cooperative Law art. 43 has the member account record "量化为该成员的
   * 公积金份额". The 盈余公积 the year's distributions set aside (net of reversals) is quantified to the members
   * in proportion to their trade volume with the cooperative in the year — the basis the law puts first for
   * returning surplus (art. 44) — split to the fen by {@link LargestRemainder} in household-id order, so the
   * members' shares sum to the amount set aside exactly. No trade in the year: nothing is quantified (0).
   */
  public record MemberAccount(long cooperativeId, long householdId, int year, long shareCapitalFen,
      long quantifiedFiscalFen, long quantifiedDonatedFen, long tradeVolumeFen, long rebatesFen, long dividendsFen,
      long paidFen, long providentFundShareFen) {
  }

  public Future<MemberAccount> memberAccount(Principal caller, long cooperativeId, long householdId, int year) {
    return database.read(db -> {
      var cooperative = participants.cooperative(db, cooperativeId)
          .orElseThrow(() -> Problem.notFound("cooperative", Long.toString(cooperativeId)));
      boolean allowed = switch (caller.role()) {
        case COOP -> caller.scopeEntityId() == cooperativeId;
        case HOUSEHOLD -> caller.scopeEntityId() == householdId;
        case REGULATOR -> Scopes.coversRegion(caller, cooperative.getRegionCode());
        default -> false;
      };
      Scopes.require(allowed, "member account of household " + householdId);
      if (!book.isMember(db, cooperativeId, householdId)) {
        throw Problem.notFound("member", Long.toString(householdId));
      }
      LocalDate start = LocalDate.of(year, 1, 1);
      LocalDate end = LocalDate.of(year, 12, 31);
      var inYear = book.memberSums(db, cooperativeId, householdId, start, end);
      var ever = book.memberSums(db, cooperativeId, householdId, LocalDate.of(1900, 1, 1), end);
      var quantified = book.contributionsByKind(db, cooperativeId, householdId, end);
      long shareCapital = -ever.getOrDefault(ChartAccount.SHARE_CAPITAL.code(), java.util.Map.of()).values().stream()
          .mapToLong(Long::longValue).sum();
      return new MemberAccount(cooperativeId, householdId, year, shareCapital,
          quantified.getOrDefault(ContributionKind.FISCAL_QUANTIFIED.name(), 0L),
          quantified.getOrDefault(ContributionKind.DONATED_QUANTIFIED.name(), 0L),
          book.tradeVolumeFen(db, cooperativeId, householdId, start, end),
          allocated(inYear, ChartAccount.REBATE_PAYABLE), allocated(inYear, ChartAccount.RESIDUAL_SURPLUS_PAYABLE),
          paid(inYear), quantifiedShare(householdId, book.reserveSetAsideFen(db, cooperativeId, start, end),
              book.tradeVolumes(db, cooperativeId, start, end)));
    });
  }

  /** The member's part of {@code pool}, split over every member's {@code weights} (household-id order). */
  static long quantifiedShare(long householdId, long pool, java.util.SortedMap<Long, Long> weights) {
    return providentShares(pool, weights).getOrDefault(householdId, 0L);
  }

  /** Every member's part of {@code pool} by trade volume, one split over all of them (household-id order). */
  static java.util.Map<Long, Long> providentShares(long pool, java.util.SortedMap<Long, Long> volumes) {
    long[] parts = providentShares(pool, volumes.values().stream().mapToLong(Long::longValue).toArray());
    java.util.Map<Long, Long> shares = new java.util.HashMap<>();
    int i = 0;
    for (Long household : volumes.keySet()) {
      shares.put(household, parts[i++]);
    }
    return shares;
  }

  /** The same split over {@code volumes} in household-id order: each member's part at its place. */
  static long[] providentShares(long pool, long[] volumes) {
    long total = java.util.Arrays.stream(volumes).sum();
    if (pool <= 0 || total == 0) {
      return new long[volumes.length];
    }
    return LargestRemainder.split(pool, volumes);
  }

  /** Credits of distributions to the payable, net of their reversals, as a positive amount. */
  private static long allocated(java.util.Map<String, java.util.Map<String, Long>> sums, ChartAccount payable) {
    var byKind = sums.getOrDefault(payable.code(), java.util.Map.of());
    return -(byKind.getOrDefault(EntryKind.DISTRIBUTION.name(), 0L) + byKind.getOrDefault(EntryKind.REVERSAL.name(), 0L));
  }

  private static long paid(java.util.Map<String, java.util.Map<String, Long>> sums) {
    return sums.getOrDefault(ChartAccount.REBATE_PAYABLE.code(), java.util.Map.of())
        .getOrDefault(EntryKind.DIVIDEND_PAYOUT.name(), 0L)
        + sums.getOrDefault(ChartAccount.RESIDUAL_SURPLUS_PAYABLE.code(), java.util.Map.of())
        .getOrDefault(EntryKind.DIVIDEND_PAYOUT.name(), 0L);
  }

  /** A year's 结账: its closing entry (none when nothing moved) and the surplus it carried into 盈余分配. */
  public record Closed(long cooperativeId, int year, Long closingEntryId, long surplusFen) {
  }

  public Future<CooperativeIncomeRecord> recordIncome(Principal caller, long cooperativeId, NewIncome in) {
    return database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      ClosedYears.requireOpen(db, cooperativeId, in.date(), "date");
      long id = ids.next();
      PostedEntry entry = postTwoLines(db, EntryKind.INCOME, ReferenceType.INCOME, id, cooperativeId, in.date(),
          caller.userId(), memo(in.category().name(), in.note()), AccountRef.of(cooperativeId, in.into().account()),
          AccountRef.of(cooperativeId, in.category().account()), in.amountFen());
      CooperativeIncomeRecord row = new CooperativeIncomeRecord().setId(id).setCooperativeId(cooperativeId)
          .setCategory(in.category().name()).setAmountFen(in.amountFen()).setReceivedOn(in.date())
          .setReceivedInto(in.into().name()).setNote(in.note()).setLedgerEntryId(entry.entryId())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      book.insertIncome(db, row);
      return row;
    });
  }

  public Future<CostRecordRecord> recordCost(Principal caller, long cooperativeId, NewCost c) {
    return database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      // 结账: a closed year's costs are final; a cost found later belongs to the next period
      ClosedYears.requireOpen(db, cooperativeId, c.date(), "date");
      long id = ids.next();
      PostedEntry entry = postTwoLines(db, EntryKind.COST, ReferenceType.COST, id, cooperativeId, c.date(),
          caller.userId(), memo(c.category().name(), c.note()), AccountRef.of(cooperativeId, c.category().account()),
          AccountRef.of(cooperativeId, c.paidFrom().account(c.category())), c.amountFen());
      CostRecordRecord row = new CostRecordRecord().setId(id).setCooperativeId(cooperativeId)
          .setAmountFen(c.amountFen()).setCategory(c.category().name()).setIncurredOn(c.date()).setNote(c.note())
          .setPaidFrom(c.paidFrom().name()).setLedgerEntryId(entry.entryId())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      book.insertCost(db, row);
      return row;
    });
  }

  public Future<MemberContributionRecord> recordContribution(Principal caller, long cooperativeId, NewContribution c) {
    return database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      requireMember(db, cooperativeId, c.householdId());
      ClosedYears.requireOpen(db, cooperativeId, c.date(), "date");
      long id = ids.next();
      AccountRef credited = c.kind().account().byMember()
          ? AccountRef.member(cooperativeId, c.kind().account(), c.householdId())
          : AccountRef.of(cooperativeId, c.kind().account());
      PostedEntry entry = postTwoLines(db, EntryKind.CONTRIBUTION, ReferenceType.CONTRIBUTION, id, cooperativeId,
          c.date(), caller.userId(), c.kind().name() + " " + c.householdId(),
          AccountRef.of(cooperativeId, ChartAccount.BANK_DEPOSIT), credited, c.amountFen());
      MemberContributionRecord row = new MemberContributionRecord().setId(id).setCooperativeId(cooperativeId)
          .setHouseholdId(c.householdId()).setKind(c.kind().name()).setAmountFen(c.amountFen())
          .setContributedOn(c.date()).setLedgerEntryId(entry.entryId()).setCreatedAt(clock.now())
          .setCreatedBy(caller.userId());
      book.insertContribution(db, row);
      return row;
    });
  }

  /**
   * Books the costs recorded before the chart (V15 added their ledger entry): each becomes the entry
   * the cost route posts today, dated when it was incurred. How they were paid was never recorded, so
   * they are booked as owed (应付款) and the accountant clears them with the payment; a free-text
   * category of the old route is an operating cost (经营支出), which is how the surplus always
   * treated it. Runs at start; idempotent (the entry's ref is the cost's), and a closed year does not
   * refuse it: it is the same cost, not a new event. Returns how many it booked.
   */
  public Future<Integer> bookLegacyCosts() {
    return database.tx(db -> {
      int booked = 0;
      for (CostRecordRecord cost : book.unbookedCosts(db)) {
        ChartAccount expense = java.util.Arrays.stream(CostCategory.values())
            .filter(c -> c.name().equals(cost.getCategory())).findFirst().map(CostCategory::account)
            .orElse(ChartAccount.OPERATING_EXPENSE);
        long coop = cost.getCooperativeId();
        PostedEntry entry = postTwoLines(db, EntryKind.COST, ReferenceType.COST, cost.getId(), coop,
            cost.getIncurredOn(), cost.getCreatedBy(), memo(cost.getCategory(), cost.getNote()),
            AccountRef.of(coop, expense), AccountRef.of(coop, ChartAccount.PAYABLE), cost.getAmountFen());
        book.markBooked(db, cost.getId(), PaidFrom.PAYABLE.name(), entry.entryId());
        booked++;
      }
      return booked;
    });
  }

  /**
   * 交售 bought at a price: the cooperative owes the member for its produce, 经营支出 / the member's
   * 成员往来 (114), until a payment clears it. The delivery row is the member's trade volume (rebates by
   * 交售 read it) and the cost row, category MEMBER_PRODUCE, is what a surplus run deducts, so the pool
   * and the book agree. The entry's reference type DELIVERY keeps this debt apart from a guarantee
   * shortfall, which a run carries on the same account under DISTRIBUTION_RUN.
   */
  public Future<Purchase> recordPurchase(Principal caller, long cooperativeId, NewPurchase p) {
    // produce the cooperative bought is the member's income of the year it was delivered in (monitoring)
    return changes.after(database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      return purchase(db, caller, cooperativeId, p);
    }), done -> List.of(p.householdId()), done -> p.date(), caller.userId());
  }

  /**
   * A season's 交售 (the console's delivery upload) in one transaction: all rows or none. A row the book
   * refuses fails the whole batch with the problem's field prefixed by {@code rows[i].}, so the page can
   * name the spreadsheet row.
   */
  public Future<List<Purchase>> recordPurchases(Principal caller, long cooperativeId, List<NewPurchase> batch) {
    Future<List<Purchase>> committed = database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      List<Purchase> done = new java.util.ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        try {
          done.add(purchase(db, caller, cooperativeId, batch.get(i)));
        } catch (Problem p) {
          throw p.atField("rows[" + i + "]." + (p.field() == null ? "" : p.field()));
        }
      }
      return done;
    });
    // the members' income changed in each year the season's rows are dated in: one re-evaluation per year
    java.util.Map<Integer, List<NewPurchase>> byYear = batch.stream()
        .collect(java.util.stream.Collectors.groupingBy(p -> p.date().getYear(), java.util.TreeMap::new,
            java.util.stream.Collectors.toList()));
    for (List<NewPurchase> year : byYear.values()) {
      committed = changes.after(committed, done -> year.stream().map(NewPurchase::householdId).distinct().toList(),
          done -> year.get(0).date(), caller.userId());
    }
    return committed;
  }

  private Purchase purchase(DSLContext db, Principal caller, long cooperativeId, NewPurchase p) {
    {
      requireMember(db, cooperativeId, p.householdId());
      ClosedYears.requireOpen(db, cooperativeId, p.date(), "date");
      long deliveryId = ids.next();
      String what = "交售 " + p.product() + " " + p.quantity().stripTrailingZeros().toPlainString() + " "
          + p.unit().name();
      PostedEntry entry = postTwoLines(db, EntryKind.PRODUCE_PURCHASE, ReferenceType.DELIVERY, deliveryId,
          cooperativeId, p.date(), caller.userId(), what + " " + p.householdId(),
          AccountRef.of(cooperativeId, CostCategory.MEMBER_PRODUCE.account()),
          AccountRef.member(cooperativeId, ChartAccount.MEMBER_CURRENT, p.householdId()), p.valueFen());
      DeliveryRecord delivery = new DeliveryRecord().setId(deliveryId).setCooperativeId(cooperativeId)
          .setHouseholdId(p.householdId()).setProduct(p.product()).setQuantity(p.quantity()).setUnit(p.unit().name())
          .setValueFen(p.valueFen()).setDeliveredOn(p.date()).setLedgerEntryId(entry.entryId())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      book.insertDelivery(db, delivery);
      CostRecordRecord cost = new CostRecordRecord().setId(ids.next()).setCooperativeId(cooperativeId)
          .setAmountFen(p.valueFen()).setCategory(CostCategory.MEMBER_PRODUCE.name()).setIncurredOn(p.date())
          .setNote(what).setPaidFrom(MEMBER_PAID_FROM).setLedgerEntryId(entry.entryId())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      book.insertCost(db, cost);
      return new Purchase(delivery, cost);
    }
  }

  /** cost_record.paid_from of a 交售: owed to the member on its 成员往来. */
  public static final String MEMBER_PAID_FROM = "MEMBER";

  /**
   * Pays part or all of a payable from the bank or cash: the payable is debited, the money credited.
   * More than is owed is a 409 naming amountFen (an overpayment would turn a debt into a claim on the
   * payee that nobody decided). A member's 成员往来 counts only its produce debts here: a guarantee
   * shortfall is repaid first by the next run, never by hand.
   */
  public Future<BookPaymentRecord> recordPayment(Principal caller, long cooperativeId, NewPayment p) {
    return database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      if (p.householdId() != null) {
        requireMember(db, cooperativeId, p.householdId());
      }
      ClosedYears.requireOpen(db, cooperativeId, p.date(), "date");
      AccountRef payable = p.householdId() == null ? AccountRef.of(cooperativeId, p.payable().account())
          : AccountRef.member(cooperativeId, p.payable().account(), p.householdId());
      long owed = book.owedFen(db, payable);
      if (p.amountFen() > owed) {
        throw Problem.conflict("overpayment", "the cooperative owes " + owed + " fen on " + payable.account().code()
            + " " + payable.account().chineseName() + "; " + p.amountFen() + " fen is more", "amountFen");
      }
      long id = ids.next();
      PostedEntry entry = postTwoLines(db, EntryKind.PAYMENT, ReferenceType.PAYMENT, id, cooperativeId, p.date(),
          caller.userId(), memo(p.payable().name(), p.note()), payable,
          AccountRef.of(cooperativeId, p.from().account()), p.amountFen());
      BookPaymentRecord row = new BookPaymentRecord().setId(id).setCooperativeId(cooperativeId)
          .setPayable(p.payable().name()).setHouseholdId(p.householdId()).setAmountFen(p.amountFen())
          .setPaidOn(p.date()).setPaidFrom(p.from().name()).setNote(p.note()).setLedgerEntryId(entry.entryId())
          .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
      book.insertPayment(db, row);
      return row;
    });
  }

  /**
   * The book's simple events are one debit and one credit of the same amount; the entry's ref is
   * "kind-of-row:id", so the row's id makes it idempotent.
   */
  private PostedEntry postTwoLines(DSLContext db, EntryKind kind, ReferenceType type, long id, long cooperativeId,
      LocalDate date, long causedBy, String memo, AccountRef debit, AccountRef credit, long fen) {
    return ledger.post(db, new EntryDraft(kind, type, id, type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id,
        cooperativeId, date, causedBy, memo, List.of(new Posting(debit, fen), new Posting(credit, -fen))));
  }

  private void requireMember(DSLContext db, long cooperativeId, long householdId) {
    if (!book.isMember(db, cooperativeId, householdId)) {
      throw new Problem(422, "not-a-member", "Not a member",
          "household " + householdId + " is not a member of cooperative " + cooperativeId, "householdId");
    }
  }

  /** 结账 of {@code year}: only once it has ended by the business clock; a closed year is a 409. */
  public Future<Closed> closePeriod(Principal caller, long cooperativeId, int year) {
    return database.tx(db -> {
      requireCooperative(db, caller, cooperativeId);
      if (!clock.today().isAfter(LocalDate.of(year, 12, 31))) {
        throw Problem.conflict("year-not-ended", "the year " + year + " has not ended (today is " + clock.today()
            + "); close it from " + (year + 1) + "-01-01 on", "year");
      }
      PeriodClose.Closing closing = PeriodClose.closeYear(db, ledger, cooperativeId, year, null, caller.userId(),
          clock.now());
      return new Closed(cooperativeId, year, closing.entryId(), closing.surplusFen());
    });
  }

  /** Writes are the cooperative's own: its COOP user (403 otherwise; 404 when it does not exist). */
  private void requireCooperative(DSLContext db, Principal caller, long cooperativeId) {
    participants.cooperative(db, cooperativeId)
        .orElseThrow(() -> Problem.notFound("cooperative", Long.toString(cooperativeId)));
    Scopes.require(caller.role() == cn.bangfu.identity.Role.COOP && caller.scopeEntityId() == cooperativeId,
        "cooperative " + cooperativeId);
  }

  private static String memo(String category, String note) {
    return note == null ? category : category + " " + note;
  }
}
