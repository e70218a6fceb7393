package cn.bangfu.registry;

import static cn.bangfu.db.Tables.HOUSEHOLD_STATUS_CHANGE;

import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * SQL for a household's situation history (status with its low-income kind, labour capacity, blacklist).
 * Each row is a full snapshot in force from its effective date until the next one; the registration
 * snapshot has no date and is in force until the first dated change.
 */
public final class StatusHistoryRepository {

  public void insert(DSLContext db, HouseholdStatusChangeRecord change) {
    db.executeInsert(change);
  }

  /** The household's snapshots in the order they take effect (registration first, then by date, then as recorded). */
  public List<HouseholdStatusChangeRecord> history(DSLContext db, long householdId) {
    return db.selectFrom(HOUSEHOLD_STATUS_CHANGE).where(HOUSEHOLD_STATUS_CHANGE.HOUSEHOLD_ID.eq(householdId))
        .orderBy(HOUSEHOLD_STATUS_CHANGE.EFFECTIVE_ON.asc().nullsFirst(), HOUSEHOLD_STATUS_CHANGE.ID)
        .fetch();
  }

  /** The snapshot in force on {@code day}, if the household has any history. */
  public Optional<HouseholdStatusChangeRecord> inForceOn(DSLContext db, long householdId, LocalDate day) {
    return Optional.ofNullable(inForceOn(db, List.of(householdId), day).get(householdId));
  }

  /**
   * The snapshot in force on {@code day} for each of the households that has a history, in one query:
   * the last one dated on or before the day, else the registration snapshot. A household without history
   * (registered before histories were kept) is absent: its household row is its only situation.
   */
  public Map<Long, HouseholdStatusChangeRecord> inForceOn(DSLContext db, Collection<Long> householdIds,
      LocalDate day) {
    Map<Long, HouseholdStatusChangeRecord> inForce = new HashMap<>();
    if (householdIds.isEmpty()) {
      return inForce;
    }
    // ordered so the last row seen per household is the one in force
    db.selectFrom(HOUSEHOLD_STATUS_CHANGE)
        .where(HOUSEHOLD_STATUS_CHANGE.HOUSEHOLD_ID.in(householdIds),
            HOUSEHOLD_STATUS_CHANGE.EFFECTIVE_ON.isNull().or(HOUSEHOLD_STATUS_CHANGE.EFFECTIVE_ON.le(day)))
        .orderBy(HOUSEHOLD_STATUS_CHANGE.HOUSEHOLD_ID, HOUSEHOLD_STATUS_CHANGE.EFFECTIVE_ON.asc().nullsFirst(),
            HOUSEHOLD_STATUS_CHANGE.ID)
        .forEach(r -> inForce.put(r.getHouseholdId(), r));
    return inForce;
  }

  /** The snapshot that takes effect last: what the household row shows. */
  public Optional<HouseholdStatusChangeRecord> latest(DSLContext db, long householdId) {
    List<HouseholdStatusChangeRecord> all = history(db, householdId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }
}
