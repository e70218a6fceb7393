package cn.bangfu.registry;

import static cn.bangfu.db.Tables.COOPERATIVE_MEMBER_COUNT;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.MEMBERSHIP;

import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.StatusSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Each cooperative's member counts (all, and poor: {@link StatusSet#POOR_OR_EXITED}, the reach of
 * buyer matching, defined once in benefit-rules beside the rule sets' sets), changed by
 * relative increments in the transaction that changes a membership or a household's status. Both
 * writers lock the household row first ({@link ParticipantRepository#householdForUpdate}), so a join and a status change of the same household are
 * counted in one order or the other, never both or neither.
 */
public final class MemberCountRepository {
  private static boolean isPoor(HouseholdStatus householdStatus) {
    return StatusSet.POOR_OR_EXITED.contains(householdStatus);
  }

  /** A household of {@code status} has just become a member of the cooperative. */
  public void joined(DSLContext db, long cooperativeId, HouseholdStatus status) {
    int poor = isPoor(status) ? 1 : 0;
    // relative increments in the update part, so no VALUES()/excluded reference is needed
    db.insertInto(COOPERATIVE_MEMBER_COUNT, COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID, COOPERATIVE_MEMBER_COUNT.MEMBERS,
            COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS)
        .values(cooperativeId, 1, poor)
        .onDuplicateKeyUpdate()
        .set(COOPERATIVE_MEMBER_COUNT.MEMBERS, COOPERATIVE_MEMBER_COUNT.MEMBERS.plus(1))
        .set(COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS, COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS.plus(poor))
        .execute();
  }

  /** The household's status changed from {@code before} to {@code after}: every cooperative it belongs to. */
  public void statusChanged(DSLContext db, long householdId, HouseholdStatus before, HouseholdStatus after) {
    int delta = (isPoor(after) ? 1 : 0) - (isPoor(before) ? 1 : 0);
    if (delta == 0) {
      return;
    }
    db.update(COOPERATIVE_MEMBER_COUNT)
        .set(COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS, COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS.plus(delta))
        .where(COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID.in(DSL.select(MEMBERSHIP.COOPERATIVE_ID).from(MEMBERSHIP)
            .where(MEMBERSHIP.HOUSEHOLD_ID.eq(householdId))))
        .execute();
  }

  /**
   * Recounts every cooperative from the memberships (one pass over them): for bulk loads that write
   * memberships directly (benchmark datasets); the running system never needs it.
   */
  public void recount(DSLContext db) {
    db.deleteFrom(COOPERATIVE_MEMBER_COUNT).execute();
    db.insertInto(COOPERATIVE_MEMBER_COUNT, COOPERATIVE_MEMBER_COUNT.COOPERATIVE_ID, COOPERATIVE_MEMBER_COUNT.MEMBERS,
            COOPERATIVE_MEMBER_COUNT.POOR_MEMBERS)
        .select(DSL.select(MEMBERSHIP.COOPERATIVE_ID, DSL.count(),
                DSL.count().filterWhere(HOUSEHOLD.STATUS.in(StatusSet.POOR_OR_EXITED.statuses())))
            .from(MEMBERSHIP).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBERSHIP.HOUSEHOLD_ID))
            .groupBy(MEMBERSHIP.COOPERATIVE_ID))
        .execute();
  }
}
