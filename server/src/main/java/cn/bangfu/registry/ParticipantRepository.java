package cn.bangfu.registry;

import static cn.bangfu.db.Tables.BUYER;
import static cn.bangfu.db.Tables.COOPERATIVE;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.MEMBERSHIP;
import static cn.bangfu.db.Tables.PAIRING;

import cn.bangfu.db.tables.records.BuyerRecord;
import cn.bangfu.db.tables.records.CooperativeRecord;
import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.PairingRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * SQL for the participants: cooperatives, households, buyers and pairings. Uniqueness (USCC,
 * identity-number hash, buyer-cooperative pair) is decided by unique indexes, so two concurrent
 * registrations of the same thing cannot both succeed.
 */
public final class ParticipantRepository {

  /** Thrown when a unique index refuses an insert; the service turns it into a 409. */
  public static final class Duplicate extends RuntimeException {
    public Duplicate() {
      super(null, null, false, false);
    }
  }

  private static void insert(Runnable insert) {
    try {
      insert.run();
    } catch (IntegrityConstraintViolationException e) {
      throw new Duplicate();
    }
  }

  public void insertCooperative(DSLContext db, CooperativeRecord cooperative) {
    insert(() -> db.executeInsert(cooperative));
  }

  public Optional<CooperativeRecord> cooperative(DSLContext db, long id) {
    return db.selectFrom(COOPERATIVE).where(COOPERATIVE.ID.eq(id)).fetchOptional();
  }

  /** The names of the cooperatives {@code ids}, by id, in one read (a buyer's page names every seller). */
  public java.util.Map<Long, String> cooperativeNames(DSLContext db, java.util.Collection<Long> ids) {
    java.util.Map<Long, String> names = new java.util.HashMap<>();
    if (!ids.isEmpty()) {
      db.select(COOPERATIVE.ID, COOPERATIVE.NAME).from(COOPERATIVE).where(COOPERATIVE.ID.in(ids))
          .forEach(r -> names.put(r.value1(), r.value2()));
    }
    return names;
  }

  public List<CooperativeRecord> cooperativesInRegion(DSLContext db, String regionPrefix, int limit, int offset) {
    return db.selectFrom(COOPERATIVE)
        .where(regionPrefix == null ? org.jooq.impl.DSL.trueCondition() : COOPERATIVE.REGION_CODE.startsWith(regionPrefix))
        .orderBy(COOPERATIVE.ID)
        .limit(limit).offset(offset)
        .fetch();
  }

  /**
   * The ids of the cooperatives whose region code starts with {@code regionPrefix}, as a sub-select
   * for another capability's statement (the regional trial balance), so that statement stays one
   * consistent read.
   */
  public org.jooq.Select<org.jooq.Record1<Long>> cooperativeIdsInRegion(String regionPrefix) {
    return org.jooq.impl.DSL.select(COOPERATIVE.ID).from(COOPERATIVE).where(COOPERATIVE.REGION_CODE.startsWith(regionPrefix));
  }

  public void insertHousehold(DSLContext db, HouseholdRecord household) {
    insert(() -> db.executeInsert(household));
  }

  /** Rendered once: every household page view reads it (issue 15). */
  private static final cn.bangfu.platform.RecordStatements<HouseholdRecord>.Lookup HOUSEHOLD_BY_ID =
      new cn.bangfu.platform.RecordStatements<>(HOUSEHOLD).lookup(HOUSEHOLD.ID);

  public Optional<HouseholdRecord> household(DSLContext db, long id) {
    return HOUSEHOLD_BY_ID.fetch(db, id);
  }

  /**
   * Households of a region whose name or masked identity number contains {@code text} (jOOQ's contains
   * escapes % and _), in id order: the regulator's search. The full identity number is never searched
   * here: only its keyed hash could be, and a regulator types a name or the last digits.
   */
  public List<HouseholdRecord> searchHouseholds(DSLContext db, String regionPrefix, String text, int limit) {
    return db.selectFrom(HOUSEHOLD)
        .where(HOUSEHOLD.REGION_CODE.startsWith(regionPrefix))
        .and(HOUSEHOLD.NAME.contains(text).or(HOUSEHOLD.ID_NUMBER_MASKED.contains(text)))
        .orderBy(HOUSEHOLD.ID).limit(limit).fetch();
  }

  /** The household, its row locked until the transaction ends (status changes and joins serialize on it). */
  /** The household registered with the identity number whose keyed hash is {@code hash} (unique index), locked. */
  public Optional<HouseholdRecord> householdByIdNumberHash(DSLContext db, byte[] hash) {
    return db.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID_NUMBER_HASH.eq(hash)).forUpdate().fetchOptional();
  }

  public Optional<HouseholdRecord> householdForUpdate(DSLContext db, long id) {
    return db.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID.eq(id)).forUpdate().fetchOptional();
  }

  /** Writes a household's changed status fields (status and proposal, labour capacity, blacklist, exit date). */
  public void updateHouseholdStatus(DSLContext db, HouseholdRecord household) {
    db.update(HOUSEHOLD)
        .set(HOUSEHOLD.STATUS, household.getStatus())
        .set(HOUSEHOLD.PROPOSED_STATUS, household.getProposedStatus())
        .set(HOUSEHOLD.LOW_INCOME_KIND, household.getLowIncomeKind())
        .set(HOUSEHOLD.LABOR_CAPACITY, household.getLaborCapacity())
        .set(HOUSEHOLD.BLACKLISTED, household.getBlacklisted())
        .set(HOUSEHOLD.EXIT_DATE, household.getExitDate())
        .where(HOUSEHOLD.ID.eq(household.getId()))
        .execute();
  }

  /** Cooperatives a household belongs to or was registered by: they may see it. */
  public List<Long> cooperativesRelatedTo(DSLContext db, HouseholdRecord household) {
    List<Long> related = new java.util.ArrayList<>(db.select(MEMBERSHIP.COOPERATIVE_ID).from(MEMBERSHIP)
        .where(MEMBERSHIP.HOUSEHOLD_ID.eq(household.getId()))
        .fetch(MEMBERSHIP.COOPERATIVE_ID));
    if (household.getRegisteredByCooperativeId() != null) {
      related.add(household.getRegisteredByCooperativeId());
    }
    return related;
  }

  public void insertBuyer(DSLContext db, BuyerRecord buyer) {
    insert(() -> db.executeInsert(buyer));
  }

  public Optional<BuyerRecord> buyer(DSLContext db, long id) {
    return db.selectFrom(BUYER).where(BUYER.ID.eq(id)).fetchOptional();
  }

  public void insertPairing(DSLContext db, PairingRecord pairing) {
    insert(() -> db.executeInsert(pairing));
  }

  public List<PairingRecord> pairingsOfBuyer(DSLContext db, long buyerId) {
    return db.selectFrom(PAIRING).where(PAIRING.BUYER_ID.eq(buyerId)).orderBy(PAIRING.ID).fetch();
  }
}
