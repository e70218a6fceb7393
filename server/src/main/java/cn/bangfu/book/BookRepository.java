package cn.bangfu.book;

import static cn.bangfu.db.Tables.BOOK_PAYMENT;
import static cn.bangfu.db.Tables.COOPERATIVE_INCOME;
import static cn.bangfu.db.Tables.COST_RECORD;
import static cn.bangfu.db.Tables.DELIVERY;
import static cn.bangfu.db.Tables.LEDGER_ACCOUNT;
import static cn.bangfu.db.Tables.LEDGER_ENTRY;
import static cn.bangfu.db.Tables.LEDGER_POSTING;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.MEMBER_CONTRIBUTION;

import cn.bangfu.db.tables.records.CooperativeIncomeRecord;
import cn.bangfu.db.tables.records.BookPaymentRecord;
import cn.bangfu.db.tables.records.CostRecordRecord;
import cn.bangfu.db.tables.records.DeliveryRecord;
import cn.bangfu.ledger.AccountRef;
import cn.bangfu.ledger.ChartAccount;
import cn.bangfu.ledger.EntryKind;
import cn.bangfu.ledger.ReferenceType;
import cn.bangfu.db.tables.records.MemberContributionRecord;
import org.jooq.DSLContext;

/** The book's rows: what the accountant typed beside each entry (category, note, whose share). */
public final class BookRepository {

  public void insertIncome(DSLContext db, CooperativeIncomeRecord row) {
    db.insertInto(COOPERATIVE_INCOME).set(row).execute();
  }

  public void insertCost(DSLContext db, CostRecordRecord row) {
    db.insertInto(COST_RECORD).set(row).execute();
  }

  public void insertContribution(DSLContext db, MemberContributionRecord row) {
    db.insertInto(MEMBER_CONTRIBUTION).set(row).execute();
  }

  public void insertDelivery(DSLContext db, DeliveryRecord row) {
    db.insertInto(DELIVERY).set(row).execute();
  }

  public void insertPayment(DSLContext db, BookPaymentRecord row) {
    db.insertInto(BOOK_PAYMENT).set(row).execute();
  }

  /**
   * What the cooperative owes on a payable (its credit balance), the account's row locked for the rest
   * of the transaction so two payments of the same debt cannot both pass the check. On a member's
   * 成员往来 only the entries that are not a run's count: a guarantee shortfall is the next run's to repay.
   */
  public long owedFen(DSLContext db, AccountRef payable) {
    Long accountId = db.select(LEDGER_ACCOUNT.ID).from(LEDGER_ACCOUNT)
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(payable.cooperativeId()),
            LEDGER_ACCOUNT.CHART_CODE.eq(payable.account().code()),
            LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(payable.householdId()))
        .forUpdate().fetchOne(LEDGER_ACCOUNT.ID);
    if (accountId == null) {
      return 0;
    }
    org.jooq.Condition counted = payable.account() == ChartAccount.MEMBER_CURRENT
        ? LEDGER_ENTRY.REFERENCE_TYPE.ne(ReferenceType.DISTRIBUTION_RUN.name()) : org.jooq.impl.DSL.noCondition();
    java.math.BigDecimal sum = db.select(org.jooq.impl.DSL.sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_POSTING.ACCOUNT_ID.eq(accountId), counted)
        .fetchOne(0, java.math.BigDecimal.class);
    return sum == null ? 0 : -sum.longValueExact();
  }

  /** Costs recorded before V15 that no entry books yet (a few per start: the old route recorded them). */
  public java.util.List<CostRecordRecord> unbookedCosts(DSLContext db) {
    return db.selectFrom(COST_RECORD).where(COST_RECORD.LEDGER_ENTRY_ID.isNull()).orderBy(COST_RECORD.ID).fetch();
  }

  public void markBooked(DSLContext db, long costId, String paidFrom, long entryId) {
    db.update(COST_RECORD).set(COST_RECORD.PAID_FROM, paidFrom).set(COST_RECORD.LEDGER_ENTRY_ID, entryId)
        .where(COST_RECORD.ID.eq(costId)).execute();
  }

  /** A member's sub-account postings dated {@code from..to}, summed by chart code and entry kind. */
  public java.util.Map<String, java.util.Map<String, Long>> memberSums(DSLContext db, long cooperativeId,
      long householdId, java.time.LocalDate from, java.time.LocalDate to) {
    java.util.Map<String, java.util.Map<String, Long>> sums = new java.util.HashMap<>();
    db.select(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ENTRY.KIND, org.jooq.impl.DSL.sum(LEDGER_POSTING.AMOUNT_FEN))
        .from(LEDGER_POSTING).join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(householdId),
            LEDGER_POSTING.EFFECTIVE_DATE.between(from, to))
        .groupBy(LEDGER_ACCOUNT.CHART_CODE, LEDGER_ENTRY.KIND)
        .forEach(r -> sums.computeIfAbsent(r.value1(), k -> new java.util.HashMap<>())
            .put(r.value2(), r.value3().longValueExact()));
    return sums;
  }

  /** The member's contributions dated up to {@code asOf}, summed by kind. */
  public java.util.Map<String, Long> contributionsByKind(DSLContext db, long cooperativeId, long householdId,
      java.time.LocalDate asOf) {
    java.util.Map<String, Long> sums = new java.util.HashMap<>();
    db.select(MEMBER_CONTRIBUTION.KIND, org.jooq.impl.DSL.sum(MEMBER_CONTRIBUTION.AMOUNT_FEN)).from(MEMBER_CONTRIBUTION)
        .where(MEMBER_CONTRIBUTION.COOPERATIVE_ID.eq(cooperativeId), MEMBER_CONTRIBUTION.HOUSEHOLD_ID.eq(householdId),
            MEMBER_CONTRIBUTION.CONTRIBUTED_ON.le(asOf))
        .groupBy(MEMBER_CONTRIBUTION.KIND)
        .forEach(r -> sums.put(r.value1(), r.value2().longValueExact()));
    return sums;
  }

  /** The value of the member's 交售 dated {@code from..to} (its trade volume with the cooperative). */
  public long tradeVolumeFen(DSLContext db, long cooperativeId, long householdId, java.time.LocalDate from,
      java.time.LocalDate to) {
    java.math.BigDecimal sum = db.select(org.jooq.impl.DSL.sum(DELIVERY.VALUE_FEN)).from(DELIVERY)
        .where(DELIVERY.COOPERATIVE_ID.eq(cooperativeId), DELIVERY.HOUSEHOLD_ID.eq(householdId),
            DELIVERY.DELIVERED_ON.between(from, to))
        .fetchOne(0, java.math.BigDecimal.class);
    return sum == null ? 0 : sum.longValueExact();
  }

  /**
   * 盈余公积 (322) set aside by the distributions posted in the period, net of their reversals, as a positive
   * amount: the credits of DISTRIBUTION and REVERSAL entries to the cooperative's own account.
   */
  public long reserveSetAsideFen(DSLContext db, long cooperativeId, java.time.LocalDate from, java.time.LocalDate to) {
    java.math.BigDecimal sum = db.select(org.jooq.impl.DSL.sum(LEDGER_POSTING.AMOUNT_FEN)).from(LEDGER_POSTING)
        .join(LEDGER_ACCOUNT).on(LEDGER_ACCOUNT.ID.eq(LEDGER_POSTING.ACCOUNT_ID))
        .join(LEDGER_ENTRY).on(LEDGER_ENTRY.ID.eq(LEDGER_POSTING.ENTRY_ID))
        .where(LEDGER_ACCOUNT.COOPERATIVE_ID.eq(cooperativeId), LEDGER_ACCOUNT.HOUSEHOLD_ID.eq(0L),
            LEDGER_ACCOUNT.CHART_CODE.eq(ChartAccount.SURPLUS_RESERVE.code()),
            LEDGER_ENTRY.KIND.in(EntryKind.DISTRIBUTION.name(), EntryKind.REVERSAL.name()),
            LEDGER_POSTING.EFFECTIVE_DATE.between(from, to))
        .fetchOne(0, java.math.BigDecimal.class);
    return sum == null ? 0 : -sum.longValueExact();
  }

  /** A member of the cooperative: when it joined and the value of its 交售 in a period (its trade volume). */
  public record MemberTrade(long householdId, java.time.LocalDate joinedOn, long volumeFen) {
  }

  /**
   * Every member of the cooperative (whenever it joined), in household-id order, with its trade volume in
   * the period: one read, the deliveries summed per household in the database and joined to the members
   * (the member-equity table of a 100,000-member cooperative read members and volumes apart, issue 13).
   */
  public java.util.List<MemberTrade> memberTrade(DSLContext db, long cooperativeId, java.time.LocalDate from,
      java.time.LocalDate to) {
    var volumes = db.select(DELIVERY.HOUSEHOLD_ID, org.jooq.impl.DSL.sum(DELIVERY.VALUE_FEN).as("volume"))
        .from(DELIVERY)
        .where(DELIVERY.COOPERATIVE_ID.eq(cooperativeId), DELIVERY.DELIVERED_ON.between(from, to))
        .groupBy(DELIVERY.HOUSEHOLD_ID).asTable("volumes");
    var volume = volumes.field("volume", java.math.BigDecimal.class);
    // read from jOOQ's cursor as a JDBC result set: its records converted each date through a
    // java.util.Calendar, a third of this read for the province cooperative's 147,369 members (issue 13)
    try (java.sql.ResultSet rows = db.select(MEMBERSHIP.HOUSEHOLD_ID, MEMBERSHIP.JOINED_ON, volume)
        .from(MEMBERSHIP).leftJoin(volumes).on(volumes.field(DELIVERY.HOUSEHOLD_ID).eq(MEMBERSHIP.HOUSEHOLD_ID))
        .where(MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(MEMBERSHIP.HOUSEHOLD_ID)
        .fetchResultSet()) {
      java.util.List<MemberTrade> members = new java.util.ArrayList<>();
      while (rows.next()) {
        java.math.BigDecimal sum = rows.getBigDecimal(3);
        members.add(new MemberTrade(rows.getLong(1), rows.getObject(2, java.time.LocalDate.class),
            sum == null ? 0 : sum.longValueExact()));
      }
      return members;
    } catch (java.sql.SQLException e) {
      throw new org.jooq.exception.DataAccessException("reading the members of cooperative " + cooperativeId, e);
    }
  }

  /** Every member's trade volume (交售) with the cooperative in the period, by household, members without any at 0. */
  public java.util.SortedMap<Long, Long> tradeVolumes(DSLContext db, long cooperativeId, java.time.LocalDate from,
      java.time.LocalDate to) {
    return volumes(memberTrade(db, cooperativeId, from, to));
  }

  /** The trade volumes of {@code members} by household id. */
  public static java.util.SortedMap<Long, Long> volumes(java.util.List<MemberTrade> members) {
    java.util.SortedMap<Long, Long> volumes = new java.util.TreeMap<>();
    members.forEach(m -> volumes.put(m.householdId(), m.volumeFen()));
    return volumes;
  }

  public boolean isMember(DSLContext db, long cooperativeId, long householdId) {
    return db.fetchExists(MEMBERSHIP, MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId),
        MEMBERSHIP.HOUSEHOLD_ID.eq(householdId));
  }
}
