package cn.bangfu.distribution;

import cn.bangfu.distribution.DistributionRepository.RecipientAmount;
import cn.bangfu.db.tables.records.DistributionRunRecord;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.AccountRef.OwnerType;
import cn.bangfu.ledger.AccountRef.Purpose;
import cn.bangfu.ledger.EntryDraft;
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
 * <p>Posting: the cooperative's revenue is debited with the pool and every recipient credited
 * (households' dividend payable, the provident fund, the collective's and the operator's payables);
 * a guaranteed dividend the pool could not pay is debited to distributable surplus and credited to
 * the household's guarantee liability, so a shortfall is on the books, never dropped, and repaid
 * first by a later run. Payout: each household's
 * payable is debited and its paid account credited, so the household's total stays what its
 * statement says.
 */
public final class DistributionEntries {
  public static final String REFERENCE = "DISTRIBUTION_RUN";

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
    Map<Long, Long> byHousehold = new TreeMap<>();
    Map<String, Long> byFixed = new TreeMap<>();
    long total = 0;
    for (RecipientAmount amount : amounts) {
      total = Math.addExact(total, amount.amountFen());
      if (amount.householdId() != null) {
        byHousehold.merge(amount.householdId(), amount.amountFen(), Math::addExact);
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
      postings.add(new Posting(new AccountRef(OwnerType.COOPERATIVE, coop, Purpose.COOP_REVENUE), total));
    }
    byFixed.forEach((recipient, amount) ->
        postings.add(new Posting(new AccountRef(OwnerType.COOPERATIVE, coop, fixedPurpose(recipient)), -amount)));
    byHousehold.forEach((household, amount) ->
        postings.add(new Posting(new AccountRef(OwnerType.HOUSEHOLD, household, Purpose.DIVIDEND_PAYABLE), -amount)));
    guaranteeLiabilities(run, postings);
    if (postings.isEmpty()) {
      return null;
    }
    return new EntryDraft("DISTRIBUTION", REFERENCE, run.getId(), postingRef(run.getId()), coop, effectiveDate,
        causedBy, "分配方案 " + run.getRuleSetId() + " " + run.getPeriodStart() + "~" + run.getPeriodEnd(), postings);
  }

  /**
   * A guarantee shortfall is the cooperative's debt to one household: credited to that household's guarantee
   * liability (postings carry the cooperative, so each cooperative's debts stay apart), debited to
   * distributable surplus. A repayment of an earlier shortfall (paid first from this pool, issue 14) debits
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
      postings.add(new Posting(new AccountRef(OwnerType.COOPERATIVE, coop, Purpose.DISTRIBUTABLE_SURPLUS),
          shortfall - repaid));
    }
    byHousehold.forEach((household, fen) -> {
      if (fen != 0) {
        postings.add(new Posting(new AccountRef(OwnerType.HOUSEHOLD, household, Purpose.GUARANTEE_LIABILITY), fen));
      }
    });
  }

  /** Null when no household receives anything. */
  public static EntryDraft payout(DistributionRunRecord run, List<RecipientAmount> amounts, long causedBy,
      LocalDate paidOn) {
    Map<Long, Long> byHousehold = new TreeMap<>();
    for (RecipientAmount amount : amounts) {
      if (amount.householdId() != null) {
        byHousehold.merge(amount.householdId(), amount.amountFen(), Math::addExact);
      }
    }
    List<Posting> postings = new ArrayList<>();
    byHousehold.forEach((household, amount) -> {
      postings.add(new Posting(new AccountRef(OwnerType.HOUSEHOLD, household, Purpose.DIVIDEND_PAYABLE), amount));
      postings.add(new Posting(new AccountRef(OwnerType.HOUSEHOLD, household, Purpose.DIVIDEND_PAID), -amount));
    });
    if (postings.isEmpty()) {
      return null;
    }
    return new EntryDraft("DIVIDEND_PAYOUT", REFERENCE, run.getId(), payoutRef(run.getId()), run.getCooperativeId(),
        paidOn, causedBy, "一卡通发放 " + run.getId(), postings);
  }

  private static Purpose fixedPurpose(String recipient) {
    return switch (recipient) {
      case "PROVIDENT_FUND" -> Purpose.PROVIDENT_FUND;
      case "VILLAGE_COLLECTIVE" -> Purpose.VILLAGE_COLLECTIVE_PAYABLE;
      case "OPERATOR" -> Purpose.OPERATOR_PAYABLE;
      default -> throw new IllegalStateException("unknown fixed recipient " + recipient);
    };
  }
}
