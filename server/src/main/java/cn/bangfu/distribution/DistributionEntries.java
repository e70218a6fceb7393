package cn.bangfu.distribution;

import cn.bangfu.distribution.DistributionRepository.RecipientAmount;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryDraft;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.ledger.Posting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger entries a run posts, built purely from its stored lines.
 *
 * <p>Posting (盈余分配): 盈余分配 (332) is debited with the pool and every recipient credited on the
 * cooperative's chart: each member household's 应付盈余返还 (221) sub-account with its rebates by
 * trade volume (lines on the basis of 交售 value) and its 应付剩余盈余 (222) sub-account with the rest
 * (dividends on shares, land, labour), 盈余公积 (322) for the
 * provident fund, 应付款 (211) for the village collective and the operator. A guaranteed dividend the
 * pool could not pay is debited to 盈余分配 and credited to the member's 成员往来 (114), so a shortfall
 * is a liability on the books, never dropped, and repaid first by a later run (issue 14). Payout: each member's 应付盈余返还 and 应付剩余盈余 are debited and 银行存款 (102) credited
 * with the total: the cash leaves the cooperative.
 */
public final class DistributionEntries {
  /**
   * Where a member's unpaid guaranteed dividend is carried: 成员往来, the chart's per-member account for
   * what the cooperative and the member owe each other (a credit balance: the cooperative owes).
   */
  public static final ChartAccount GUARANTEE_OWED = ChartAccount.MEMBER_CURRENT;
  public static final ReferenceType REFERENCE = ReferenceType.DISTRIBUTION_RUN;

  private DistributionEntries() {
  }

  public static String postingRef(long runId) {
    return "distribution:" + runId;
  }

  public static String payoutRef(long runId) {
    return "distribution-payout:" + runId;
  }

  public static String reversalRef(long runId) {
    return "distribution-reversal:" + runId;
  }

  /** Null when the run moves no money (an empty pool and no shortfall). */
  public static EntryDraft posting(DistributionRunRecord run, List<RecipientAmount> amounts, long causedBy,
      LocalDate effectiveDate) {
    long coop = run.getCooperativeId();
    Map<Long, Long> rebates = new TreeMap<>();
    Map<Long, Long> byHousehold = new TreeMap<>();
    Map<String, Long> byFixed = new TreeMap<>();
    long total = 0;
    for (RecipientAmount amount : amounts) {
      total = Math.addExact(total, amount.amountFen());
      if (amount.householdId() != null) {
        (isRebate(amount) ? rebates : byHousehold).merge(amount.householdId(), amount.amountFen(), Math::addExact);
      } else {
        byFixed.merge(amount.recipient(), amount.amountFen(), Math::addExact);
      }
    }
    if (total != run.getPoolFen()) {
      throw new IllegalStateException("run " + run.getId() + " lines sum to " + total + " fen, pool is "
          + run.getPoolFen());
    }
    List<Posting> postings = new ArrayList<>();
    if (total > 0) {
      postings.add(new Posting(AccountRef.of(coop, ChartAccount.SURPLUS_DISTRIBUTION), total));
    }
    byFixed.forEach((recipient, amount) ->
        postings.add(new Posting(AccountRef.of(coop, fixedAccount(recipient)), -amount)));
    rebates.forEach((household, amount) -> postings.add(
        new Posting(AccountRef.member(coop, ChartAccount.REBATE_PAYABLE, household), -amount)));
    byHousehold.forEach((household, amount) -> postings.add(
        new Posting(AccountRef.member(coop, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, household), -amount)));
    guaranteeLiabilities(run, postings);
    if (postings.isEmpty()) {
      return null;
    }
    return new EntryDraft(EntryKind.DISTRIBUTION, REFERENCE, run.getId(), postingRef(run.getId()), coop, effectiveDate,
        causedBy, "分配方案 " + run.getRuleSetId() + " " + run.getPeriodStart() + "~" + run.getPeriodEnd(), postings);
  }

  /**
   * A guarantee shortfall is the cooperative's debt to one household: credited to that member's 成员往来
   * (114) sub-account in this cooperative's book (a credit balance there is what the cooperative owes the
   * member), debited to 盈余分配. A repayment of an earlier shortfall (paid first from this pool, issue 14) debits
   * the household's liability back. PeriodFactsRepository reads these balances into the next run's facts.
   */
  private static void guaranteeLiabilities(DistributionRunRecord run, List<Posting> postings) {
    JsonObject result = new JsonObject(run.getResultJson());
    Map<Long, Long> byHousehold = new TreeMap<>();
    long shortfall = 0;
    for (Object o : result.getJsonArray("liabilities", new JsonArray())) {
      JsonObject l = (JsonObject) o;
      long fen = l.getLong("shortfallFen");
      shortfall = Math.addExact(shortfall, fen);
      byHousehold.merge(Long.parseLong(l.getString("householdId")), -fen, Math::addExact);
    }
    long repaid = 0;
    for (Object o : result.getJsonArray("liabilityRepayments", new JsonArray())) {
      JsonObject r = (JsonObject) o;
      long fen = r.getLong("repaidFen");
      repaid = Math.addExact(repaid, fen);
      byHousehold.merge(Long.parseLong(r.getString("householdId")), fen, Math::addExact);
    }
    if (shortfall != run.getLiabilityFen()) {
      throw new IllegalStateException("run " + run.getId() + " liabilities sum to " + shortfall + " fen, the run says "
          + run.getLiabilityFen());
    }
    long coop = run.getCooperativeId();
    if (shortfall - repaid != 0) {
      postings.add(new Posting(AccountRef.of(coop, ChartAccount.SURPLUS_DISTRIBUTION), shortfall - repaid));
    }
    byHousehold.forEach((household, fen) -> {
      if (fen != 0) {
        postings.add(new Posting(AccountRef.member(coop, GUARANTEE_OWED, household), fen));
      }
    });
  }

  /** Null when no household receives anything. */
  public static EntryDraft payout(DistributionRunRecord run, List<RecipientAmount> amounts, long causedBy,
      LocalDate paidOn) {
    Map<Long, Long> rebates = new TreeMap<>();
    Map<Long, Long> byHousehold = new TreeMap<>();
    for (RecipientAmount amount : amounts) {
      if (amount.householdId() != null) {
        (isRebate(amount) ? rebates : byHousehold).merge(amount.householdId(), amount.amountFen(), Math::addExact);
      }
    }
    long coop = run.getCooperativeId();
    List<Posting> postings = new ArrayList<>();
    long paid = 0;
    for (Map.Entry<Long, Long> e : rebates.entrySet()) {
      postings.add(new Posting(AccountRef.member(coop, ChartAccount.REBATE_PAYABLE, e.getKey()), e.getValue()));
      paid = Math.addExact(paid, e.getValue());
    }
    for (Map.Entry<Long, Long> e : byHousehold.entrySet()) {
      postings.add(new Posting(AccountRef.member(coop, ChartAccount.RESIDUAL_SURPLUS_PAYABLE, e.getKey()), e.getValue()));
      paid = Math.addExact(paid, e.getValue());
    }
    if (postings.isEmpty()) {
      return null;
    }
    postings.add(new Posting(AccountRef.of(coop, ChartAccount.BANK_DEPOSIT), -paid));
    return new EntryDraft(EntryKind.DIVIDEND_PAYOUT, REFERENCE, run.getId(), payoutRef(run.getId()), run.getCooperativeId(),
        paidOn, causedBy, "一卡通发放 " + run.getId(), postings);
  }

  /** A line on the basis of the member's 交售 value is a rebate by trade volume (Cooperative Law art. 44). */
  private static boolean isRebate(RecipientAmount amount) {
    return cn.bangfu.rules.model.Basis.DELIVERY_VALUE.name().equals(amount.basis());
  }

  private static ChartAccount fixedAccount(String recipient) {
    return switch (recipient) {
      case "PROVIDENT_FUND" -> ChartAccount.SURPLUS_RESERVE;
      case "VILLAGE_COLLECTIVE", "OPERATOR" -> ChartAccount.PAYABLE;
      default -> throw new IllegalStateException("unknown fixed recipient " + recipient);
    };
  }
}
