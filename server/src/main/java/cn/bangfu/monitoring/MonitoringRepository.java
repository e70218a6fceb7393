package cn.bangfu.monitoring;

import static cn.bangfu.db.Tables.APP_USER;
import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.HOUSEHOLD_STATUS_CHANGE;
import static cn.bangfu.db.Tables.MONITORING_ALERT;
import static cn.bangfu.db.Tables.MONITORING_DAILY_RUN;
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
  /** Rows per multi-row statement and ids per IN list: far below the server's 65,535 placeholders. */
  static final int CHUNK = 1_000;
  /** Alerts inserted as plain JDBC: a province's first evaluation opens over a million (issue 17). */
  private static final cn.bangfu.platform.RecordStatements<MonitoringAlertRecord> ALERTS =
      new cn.bangfu.platform.RecordStatements<>(MONITORING_ALERT);

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

  /** Bound by position: household, the year's last day, its first. Rendered once: the household page reads it. */
  private static final cn.bangfu.platform.RenderedSelect MEASURES = new cn.bangfu.platform.RenderedSelect(
      cn.bangfu.platform.RecordStatements.RENDERER.select(MONITORING_STEP.fields()).from(MONITORING_STEP)
          .where(MONITORING_STEP.HOUSEHOLD_ID.eq(DSL.param("household", Long.class)),
              MONITORING_STEP.STEP.eq(DSL.inline(ChainStep.MEASURE, MONITORING_STEP.STEP)),
              MONITORING_STEP.START_ON.le(DSL.param("last", java.time.LocalDate.class)))
          .and(MONITORING_STEP.END_ON.isNull().or(MONITORING_STEP.END_ON.ge(DSL.param("first", java.time.LocalDate.class))))
          .orderBy(MONITORING_STEP.START_ON, MONITORING_STEP.ID));

  /** The household's assistance measures in force during {@code year} (ix_monitoring_step_household). */
  public List<MonitoringStepRecord> measures(DSLContext db, long householdId, int year) {
    java.time.LocalDate first = java.time.LocalDate.of(year, 1, 1);
    return MEASURES.fetch(db, householdId, first.plusYears(1).minusDays(1), first).into(MONITORING_STEP);
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
    // what reconciling needs (id, open key, detail): a province has over a million open alerts
    return db.select(MONITORING_ALERT.ID, MONITORING_ALERT.OPEN_KEY, MONITORING_ALERT.DETAIL).from(MONITORING_ALERT)
        .where(MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), MONITORING_ALERT.ALERT_YEAR.eq(year), households)
        .fetchInto(MONITORING_ALERT);
  }

  /**
   * Inserts open alerts, a multi-row statement per {@link #CHUNK}, skipping any whose household, kind and
   * year another evaluation opened first; returns those inserted.
   */
  public List<MonitoringAlertRecord> openAlerts(DSLContext db, List<MonitoringAlertRecord> alerts) {
    List<MonitoringAlertRecord> inserted = new java.util.ArrayList<>();
    for (int from = 0; from < alerts.size(); from += CHUNK) {
      List<MonitoringAlertRecord> chunk = alerts.subList(from, Math.min(alerts.size(), from + CHUNK));
      int rows = ALERTS.insertIgnore(db, chunk);
      if (rows == chunk.size()) {
        inserted.addAll(chunk);
      } else {
        java.util.Set<Long> mine = new java.util.HashSet<>(db.select(MONITORING_ALERT.ID).from(MONITORING_ALERT)
            .where(MONITORING_ALERT.ID.in(chunk.stream().map(MonitoringAlertRecord::getId).toList()))
            .fetch(MONITORING_ALERT.ID));
        chunk.stream().filter(a -> mine.contains(a.getId())).forEach(inserted::add);
      }
    }
    return inserted;
  }

  /**
   * The first household id of each part of the region when its households, in id order, are cut into
   * parts of {@code perPart}: ascending, empty for a region without households. Numbered in the
   * database, so only the part boundaries travel (a province has 2,000,000 households).
   */
  public List<Long> partStarts(DSLContext db, String regionPrefix, int perPart) {
    var number = DSL.rowNumber().over(DSL.orderBy(HOUSEHOLD.ID)).as("n");
    var numbered = DSL.select(HOUSEHOLD.ID, number).from(HOUSEHOLD)
        .where(HOUSEHOLD.REGION_CODE.startsWith(regionPrefix)).asTable("numbered");
    var id = numbered.field(HOUSEHOLD.ID);
    return db.select(id).from(numbered)
        .where(numbered.field(number).minus(1).mod(perPart).eq(0))
        .orderBy(id).fetch(id);
  }

  /** How many alerts of the year are open in the region. */
  public int countOpen(DSLContext db, String regionPrefix, int year) {
    return db.fetchCount(MONITORING_ALERT, MONITORING_ALERT.REGION_CODE.startsWith(regionPrefix),
        MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), MONITORING_ALERT.ALERT_YEAR.eq(year));
  }

  /** The account names of users, by id (for who did what on a chain). */
  public java.util.Map<Long, String> userNames(DSLContext db, java.util.Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return java.util.Map.of();
    }
    return db.select(APP_USER.ID, APP_USER.USERNAME).from(APP_USER).where(APP_USER.ID.in(userIds))
        .fetchMap(APP_USER.ID, APP_USER.USERNAME);
  }

  public void updateDetail(DSLContext db, long alertId, String detail) {
    db.update(MONITORING_ALERT).set(MONITORING_ALERT.DETAIL, detail).where(MONITORING_ALERT.ID.eq(alertId)).execute();
  }

  /** Claims the business day's evaluation: true for the one transaction that inserted its row. */
  public boolean claimDailyRun(DSLContext db, java.time.LocalDate day, LocalDateTime at) {
    return db.insertInto(MONITORING_DAILY_RUN).set(MONITORING_DAILY_RUN.RUN_DAY, day)
        .set(MONITORING_DAILY_RUN.STARTED_AT, at).set(MONITORING_DAILY_RUN.OPENED, 0)
        .set(MONITORING_DAILY_RUN.RESOLVED, 0).onDuplicateKeyIgnore().execute() == 1;
  }

  /** Gives back the day's claim of a daily evaluation that failed, so the next check runs it again. */
  public void releaseDailyRun(DSLContext db, java.time.LocalDate day) {
    db.deleteFrom(MONITORING_DAILY_RUN).where(MONITORING_DAILY_RUN.RUN_DAY.eq(day)).execute();
  }

  public void recordDailyRun(DSLContext db, java.time.LocalDate day, int opened, int resolved) {
    db.update(MONITORING_DAILY_RUN).set(MONITORING_DAILY_RUN.OPENED, opened)
        .set(MONITORING_DAILY_RUN.RESOLVED, resolved).where(MONITORING_DAILY_RUN.RUN_DAY.eq(day)).execute();
  }

  /** Ends open alerts: RESOLVED by evaluation or CLOSED by the regulator; the open key frees the slot. */
  public void endAlerts(DSLContext db, Condition which, AlertStatus status, LocalDateTime at, Long by) {
    db.update(MONITORING_ALERT)
        .set(MONITORING_ALERT.STATUS, status)
        .set(MONITORING_ALERT.OPEN_KEY, DSL.castNull(String.class))
        .set(MONITORING_ALERT.ENDED_AT, at)
        .set(MONITORING_ALERT.ENDED_BY, by)
        .where(MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), which)
        .execute();
  }

  /** One alert as the export lists it, with its household's name (masked by the export) and region. */
  public record ExportedAlert(long id, long householdId, String householdName, String regionCode, AlertKind kind,
      int year, String detail, AlertStatus status, LocalDateTime since, LocalDateTime endedAt) {
  }

  /** Every alert of the region for the year, whatever its status, in household then time order. */
  public void forEachAlert(DSLContext db, String regionPrefix, int year,
      java.util.function.Consumer<ExportedAlert> each) {
    db.select(MONITORING_ALERT.ID, MONITORING_ALERT.HOUSEHOLD_ID, HOUSEHOLD.NAME, MONITORING_ALERT.REGION_CODE,
            MONITORING_ALERT.KIND, MONITORING_ALERT.ALERT_YEAR, MONITORING_ALERT.DETAIL, MONITORING_ALERT.STATUS,
            MONITORING_ALERT.SINCE, MONITORING_ALERT.ENDED_AT)
        .from(MONITORING_ALERT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MONITORING_ALERT.HOUSEHOLD_ID))
        .where(MONITORING_ALERT.REGION_CODE.startsWith(regionPrefix), MONITORING_ALERT.ALERT_YEAR.eq(year))
        .orderBy(MONITORING_ALERT.REGION_CODE, MONITORING_ALERT.HOUSEHOLD_ID, MONITORING_ALERT.SINCE,
            MONITORING_ALERT.ID)
        .fetchSize(Integer.MIN_VALUE) // streamed row by row: a province's alerts never sit in memory at once
        .forEach(r -> each.accept(new ExportedAlert(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
            r.value6(), r.value7(), r.value8(), r.value9(), r.value10())));
  }

  /** A household under monitoring as the export lists it: its situation and its chain in figures. */
  public record MonitoredHousehold(long id, String name, String regionCode, int members,
      cn.bangfu.rules.model.HouseholdStatus status, cn.bangfu.registry.LowIncomeKind lowIncomeKind, int openAlerts, int measures, java.time.LocalDate lastMeasure,
      LocalDateTime lastClosure) {
  }

  /**
   * Households of the region under monitoring: a watched status, or an alert of the year (an ordinary
   * household can be warned too); with their open alerts, measures of the year and last closure.
   */
  public void forEachMonitored(DSLContext db, String regionPrefix, int year,
      java.util.function.Consumer<MonitoredHousehold> each) {
    org.jooq.Field<Integer> open = DSL.select(DSL.count()).from(MONITORING_ALERT).where(MONITORING_ALERT.HOUSEHOLD_ID.eq(HOUSEHOLD.ID),
        MONITORING_ALERT.STATUS.eq(AlertStatus.OPEN), MONITORING_ALERT.ALERT_YEAR.eq(year)).asField("open_alerts");
    var measureOfYear = MONITORING_STEP.HOUSEHOLD_ID.eq(HOUSEHOLD.ID).and(MONITORING_STEP.STEP.eq(ChainStep.MEASURE))
        .and(MONITORING_STEP.START_ON.between(java.time.LocalDate.of(year, 1, 1), java.time.LocalDate.of(year, 12, 31)));
    org.jooq.Field<Integer> measures = DSL.select(DSL.count()).from(MONITORING_STEP).where(measureOfYear).asField("measures");
    org.jooq.Field<java.time.LocalDate> lastMeasure = DSL.select(DSL.max(MONITORING_STEP.START_ON)).from(MONITORING_STEP).where(measureOfYear)
        .asField("last_measure");
    org.jooq.Field<LocalDateTime> lastClosure = DSL.select(DSL.max(MONITORING_STEP.CREATED_AT)).from(MONITORING_STEP)
        .where(MONITORING_STEP.HOUSEHOLD_ID.eq(HOUSEHOLD.ID), MONITORING_STEP.STEP.eq(ChainStep.CLOSURE))
        .asField("last_closure");
    db.select(HOUSEHOLD.ID, HOUSEHOLD.NAME, HOUSEHOLD.REGION_CODE, HOUSEHOLD.MEMBERS, HOUSEHOLD.STATUS,
            HOUSEHOLD.LOW_INCOME_KIND, open, measures, lastMeasure, lastClosure)
        .from(HOUSEHOLD)
        .where(HOUSEHOLD.REGION_CODE.startsWith(regionPrefix),
            HOUSEHOLD.STATUS.in(AlertQueries.WATCHED).or(DSL.exists(DSL.selectOne().from(MONITORING_ALERT)
                .where(MONITORING_ALERT.HOUSEHOLD_ID.eq(HOUSEHOLD.ID), MONITORING_ALERT.ALERT_YEAR.eq(year)))))
        .orderBy(HOUSEHOLD.REGION_CODE, HOUSEHOLD.ID)
        .fetchSize(Integer.MIN_VALUE)
        .forEach(r -> each.accept(new MonitoredHousehold(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
            r.value6(), r.value7(), r.value8(), r.value9(), r.value10())));
  }

  /** A page of the region's alerts of a year and status (OPEN by default), newest first. */
  public List<MonitoringAlertRecord> alertsInRegion(DSLContext db, String regionPrefix, AlertKind kind, int year,
      AlertStatus status, int limit, int offset) {
    return db.selectFrom(MONITORING_ALERT)
        .where(MONITORING_ALERT.REGION_CODE.startsWith(regionPrefix), MONITORING_ALERT.STATUS.eq(status),
            MONITORING_ALERT.ALERT_YEAR.eq(year),
            kind == null ? DSL.trueCondition() : MONITORING_ALERT.KIND.eq(kind))
        .orderBy(MONITORING_ALERT.SINCE.desc(), MONITORING_ALERT.ID.desc())
        .limit(limit).offset(offset)
        .fetch();
  }
}
