package cn.bangfu.registry;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.SHARE_HOLDING;

import cn.bangfu.db.tables.records.CostRecordRecord;
import cn.bangfu.db.tables.records.DeliveryRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.LaborRecordRecord;
import cn.bangfu.db.tables.records.MembershipRecord;
import cn.bangfu.db.tables.records.ShareHoldingRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for what a cooperative records about its members: membership, shares, deliveries, labour, costs. */
public final class CooperativeBookRepository {

  public Optional<MembershipRecord> membership(DSLContext db, long cooperativeId, long householdId) {
    return db.selectFrom(MEMBERSHIP)
        .where(MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId), MEMBERSHIP.HOUSEHOLD_ID.eq(householdId))
        .fetchOptional();
  }

  /** Inserts the membership unless it exists (the unique index arbitrates concurrent joins). */
  public MembershipRecord joinIfAbsent(DSLContext db, MembershipRecord candidate) {
    db.insertInto(MEMBERSHIP).set(candidate).onDuplicateKeyIgnore().execute();
    return membership(db, candidate.getCooperativeId(), candidate.getHouseholdId()).orElseThrow();
  }

  public void insertShares(DSLContext db, List<ShareHoldingRecord> holdings) {
    if (!holdings.isEmpty()) {
      db.batchInsert(holdings).execute();
    }
  }

  public List<ShareHoldingRecord> shares(DSLContext db, long cooperativeId, long householdId) {
    return db.selectFrom(SHARE_HOLDING)
        .where(SHARE_HOLDING.COOPERATIVE_ID.eq(cooperativeId), SHARE_HOLDING.HOUSEHOLD_ID.eq(householdId))
        .orderBy(SHARE_HOLDING.ID)
        .fetch();
  }

  /** Share holdings of the given members of one cooperative, by household, each list in id order. */
  public java.util.Map<Long, List<ShareHoldingRecord>> sharesOf(DSLContext db, long cooperativeId,
      java.util.Collection<Long> householdIds) {
    if (householdIds.isEmpty()) {
      return java.util.Map.of();
    }
    return db.selectFrom(SHARE_HOLDING)
        .where(SHARE_HOLDING.COOPERATIVE_ID.eq(cooperativeId), SHARE_HOLDING.HOUSEHOLD_ID.in(householdIds))
        .orderBy(SHARE_HOLDING.ID)
        .stream().collect(java.util.stream.Collectors.groupingBy(ShareHoldingRecord::getHouseholdId));
  }

  /** Up to {@code limit} member households of a cooperative, by name (the console's member picker). */
  public List<HouseholdRecord> memberHouseholds(DSLContext db, long cooperativeId, int limit) {
    return db.select(HOUSEHOLD.fields()).from(MEMBERSHIP).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBERSHIP.HOUSEHOLD_ID))
        .where(MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(HOUSEHOLD.NAME, HOUSEHOLD.ID).limit(limit)
        .fetchInto(HOUSEHOLD);
  }

  /** The member households among those whose identity numbers hash to {@code hashes} (the keyed blind index). */
  public List<HouseholdRecord> membersByIdNumberHash(DSLContext db, long cooperativeId,
      java.util.Collection<byte[]> hashes) {
    if (hashes.isEmpty()) {
      return List.of();
    }
    return db.select(HOUSEHOLD.fields()).from(HOUSEHOLD).join(MEMBERSHIP).on(MEMBERSHIP.HOUSEHOLD_ID.eq(HOUSEHOLD.ID),
            MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId))
        .where(HOUSEHOLD.ID_NUMBER_HASH.in(hashes))
        .fetchInto(HOUSEHOLD);
  }

  /** Every cooperative a household belongs to, oldest membership first. */
  public List<MembershipRecord> membershipsOf(DSLContext db, long householdId) {
    return db.selectFrom(MEMBERSHIP).where(MEMBERSHIP.HOUSEHOLD_ID.eq(householdId))
        .orderBy(MEMBERSHIP.JOINED_ON, MEMBERSHIP.ID).fetch();
  }

  public List<MembershipRecord> members(DSLContext db, long cooperativeId, int limit, int offset) {
    return db.selectFrom(MEMBERSHIP).where(MEMBERSHIP.COOPERATIVE_ID.eq(cooperativeId))
        .orderBy(MEMBERSHIP.HOUSEHOLD_ID).limit(limit).offset(offset).fetch();
  }

  public void insertDelivery(DSLContext db, DeliveryRecord delivery) {
    db.executeInsert(delivery);
  }

  public void insertLabor(DSLContext db, LaborRecordRecord labor) {
    db.executeInsert(labor);
  }

  public void insertCost(DSLContext db, CostRecordRecord cost) {
    db.executeInsert(cost);
  }
}
