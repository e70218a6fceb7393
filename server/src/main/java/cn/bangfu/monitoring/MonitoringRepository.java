package cn.bangfu.monitoring;

import static cn.bangfu.db.Tables.HOUSEHOLD_STATUS_CHANGE;
import static cn.bangfu.db.Tables.MONITORING_ALERT;
import static cn.bangfu.db.Tables.MONITORING_LINE;
import static cn.bangfu.db.Tables.MONITORING_STEP;

import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
import cn.bangfu.db.tables.records.MonitoringAlertRecord;
import cn.bangfu.db.tables.records.MonitoringStepRecord;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for monitoring lines, chain steps and stored alerts. */
public final class MonitoringRepository {
  public void putLine(DSLContext db, String regionPrefix, int year, long perCapitaFen, long by, LocalDateTime at) {
    db.insertInto(MONITORING_LINE, MONITORING_LINE.REGION_PREFIX, MONITORING_LINE.LINE_YEAR,
            MONITORING_LINE.PER_CAPITA_INCOME_FEN, MONITORING_LINE.SET_BY, MONITORING_LINE.SET_AT)
        .values(regionPrefix, year, perCapitaFen, by, at)
        .onDuplicateKeyUpdate()
        .set(MONITORING_LINE.PER_CAPITA_INCOME_FEN, perCapitaFen)
        .set(MONITORING_LINE.SET_BY, by)
        .set(MONITORING_LINE.SET_AT, at)
        .execute();
  }

  public void insertStep(DSLContext db, MonitoringStepRecord step) {
    db.executeInsert(step);
  }

  public List<MonitoringStepRecord> steps(DSLContext db, long householdId) {
    return db.selectFrom(MONITORING_STEP).where(MONITORING_STEP.HOUSEHOLD_ID.eq(householdId))
        .orderBy(MONITORING_STEP.CREATED_AT, MONITORING_STEP.ID).fetch();
  }

  public boolean referralExists(DSLContext db, long householdId, long referralId) {
    return db.fetchExists(MONITORING_STEP, MONITORING_STEP.ID.eq(referralId),
        MONITORING_STEP.HOUSEHOLD_ID.eq(householdId), MONITORING_STEP.STEP.eq(ChainStep.REFERRAL));
  }

  public List<HouseholdStatusChangeRecord> statusChanges(DSLContext db, long householdId) {
    return db.selectFrom(HOUSEHOLD_STATUS_CHANGE).where(HOUSEHOLD_STATUS_CHANGE.HOUSEHOLD_ID.eq(householdId))
        .orderBy(HOUSEHOLD_STATUS_CHANGE.CHANGED_AT, HOUSEHOLD_STATUS_CHANGE.ID).fetch();
  }

  public List<MonitoringAlertRecord> alertsOf(DSLContext db, long householdId) {
    return db.selectFrom(MONITORING_ALERT).where(MONITORING_ALERT.HOUSEHOLD_ID.eq(householdId))
        .orderBy(MONITORING_ALERT.SINCE, MONITORING_ALERT.ID).fetch();
  }

  /** Open alerts of the year whose household matches {@code households}, for the evaluation to reconcile. */
  public List<MonitoringAlertRecord> openAlerts(DSLContext db, Condition households, int year) {
    return db.selectFrom(MONITORING_ALERT)
        .where(MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), MONITORING_ALERT.ALERT_YEAR.eq(year), households)
        .fetch();
  }

  /** Inserts an open alert unless one of its household, kind and year is already open; true if inserted. */
  public boolean openAlert(DSLContext db, MonitoringAlertRecord alert) {
    return db.insertInto(MONITORING_ALERT).set(alert).onDuplicateKeyIgnore().execute() == 1;
  }

  public void updateDetail(DSLContext db, long alertId, String detail) {
    db.update(MONITORING_ALERT).set(MONITORING_ALERT.DETAIL, detail).where(MONITORING_ALERT.ID.eq(alertId)).execute();
  }

  /** Ends open alerts: RESOLVED by evaluation or CLOSED by the regulator; the open key frees the slot. */
  public void endAlerts(DSLContext db, Condition which, AlertStatus status, LocalDateTime at) {
    db.update(MONITORING_ALERT)
        .set(MONITORING_ALERT.STATUS, status)
        .set(MONITORING_ALERT.OPEN_KEY, DSL.castNull(String.class))
        .set(MONITORING_ALERT.ENDED_AT, at)
        .where(MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), which)
        .execute();
  }

  /** A page of the region's alerts of a status (OPEN by default), newest first. */
  public List<MonitoringAlertRecord> alertsInRegion(DSLContext db, String regionPrefix, AlertKind kind, AlertStatus status,
      int limit, int offset) {
    return db.selectFrom(MONITORING_ALERT)
        .where(MONITORING_ALERT.REGION_CODE.startsWith(regionPrefix), MONITORING_ALERT.STATUS.eq(status),
            kind == null ? DSL.trueCondition() : MONITORING_ALERT.KIND.eq(kind))
        .orderBy(MONITORING_ALERT.SINCE.desc(), MONITORING_ALERT.ID.desc())
        .limit(limit).offset(offset)
        .fetch();
  }
}
