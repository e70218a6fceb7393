package cn.bangfu.monitoring;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.MONITORING_ALERT;

import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.MonitoringAlertRecord;
import cn.bangfu.db.tables.records.MonitoringStepRecord;
import cn.bangfu.identity.Principal;
import cn.bangfu.identity.Role;
import cn.bangfu.identity.Scopes;
import cn.bangfu.monitoring.AlertQueries.Finding;
import cn.bangfu.monitoring.MonitoringCommands.NewEvent;
import cn.bangfu.monitoring.MonitoringCommands.NewFollowUp;
import cn.bangfu.monitoring.MonitoringCommands.NewMeasure;
import cn.bangfu.monitoring.MonitoringCommands.NewReferral;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.Database;
import cn.bangfu.platform.Ids;
import cn.bangfu.platform.Problem;
import cn.bangfu.registry.ParticipantRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Monitoring: lines, the chain's steps, alerts. Every write that can change an indicator re-evaluates
 * the alerts of the households it touches in its own transaction (one household for an event or a
 * measure, the region for a line); reading a region's alerts re-evaluates the region, so postings and
 * payments made elsewhere in the book are reflected when a regulator looks. Alerts opened by a
 * committed evaluation are pushed to the live feed.
 */
public final class MonitoringService {
  private static final Set<AlertKind> INDICATORS = EnumSet.complementOf(EnumSet.of(AlertKind.NO_MEASURE));

  private final Database database;
  private final MonitoringRepository repository;
  private final HouseholdIncomeQueries income;
  private final AlertQueries indicators;
  private final ParticipantRepository participants;
  private final MonitoringSettings settings;
  private final AlertFeed feed;
  private final Ids ids;
  private final BusinessClock clock;

  public MonitoringService(Database database, ParticipantRepository participants, MonitoringSettings settings,
      AlertFeed feed, Ids ids, BusinessClock clock) {
    this.database = database;
    this.repository = new MonitoringRepository();
    this.income = new HouseholdIncomeQueries();
    this.indicators = new AlertQueries(income);
    this.participants = participants;
    this.settings = settings;
    this.feed = feed;
    this.ids = ids;
    this.clock = clock;
  }

  /** Which households an evaluation covers: as a condition on households and on their stored alerts. */
  private record Scope(Condition households, Condition alerts) {
    static Scope region(String prefix) {
      return new Scope(HOUSEHOLD.REGION_CODE.startsWith(prefix), MONITORING_ALERT.REGION_CODE.startsWith(prefix));
    }

    static Scope household(long id) {
      return new Scope(HOUSEHOLD.ID.eq(id), MONITORING_ALERT.HOUSEHOLD_ID.eq(id));
    }
  }

  /** A transaction's result plus the alerts it opened, pushed to the feed once it committed. */
  private record WithAlerts<T>(T result, List<JsonObject> opened) {
  }

  private <T> Future<T> txThenPublish(java.util.function.Function<DSLContext, WithAlerts<T>> work) {
    return database.tx(work).map(done -> {
      feed.publish(done.opened());
      return done.result();
    });
  }

  // ---- lines

  public Future<JsonObject> putLine(Principal caller, String regionPrefix, int year, long perCapitaFen) {
    if (caller.role() == Role.REGULATOR && !regionPrefix.startsWith(caller.scopeId())) {
      throw Problem.forbidden("outside your scope: region " + regionPrefix);
    }
    return txThenPublish(db -> {
      repository.putLine(db, regionPrefix, year, perCapitaFen, caller.userId(), clock.now());
      List<JsonObject> opened = evaluate(db, Scope.region(regionPrefix), year);
      return new WithAlerts<>(new JsonObject().put("regionPrefix", regionPrefix).put("year", year)
          .put("perCapitaIncomeFen", perCapitaFen), opened);
    });
  }

  // ---- income

  public Future<JsonObject> income(Principal caller, long householdId, int year) {
    return database.read(db -> {
      HouseholdRecord household = visible(db, caller, householdId);
      List<HouseholdIncomeQueries.Source> sources = income.sources(db, householdId, year);
      long total = sources.stream().mapToLong(HouseholdIncomeQueries.Source::amountFen).sum();
      return MonitoringJson.income(householdId, year, household.getMembers(), sources, total);
    });
  }

  // ---- the chain

  public Future<JsonObject> recordEvent(Principal caller, long householdId, NewEvent e) {
    return addStep(caller, householdId, e.date().getYear(), new MonitoringStepRecord()
        .setStep(ChainStep.EVENT).setKind(e.kind().name()).setAmountFen(e.amountFen())
        .setStartOn(e.date()).setNote(e.note()));
  }

  public Future<JsonObject> recordMeasure(Principal caller, long householdId, NewMeasure m) {
    return addStep(caller, householdId, m.start().getYear(), new MonitoringStepRecord()
        .setStep(ChainStep.MEASURE).setKind(m.kind().name()).setDepartment(m.department())
        .setAmountFen(m.amountFen()).setStartOn(m.start()).setEndOn(m.end()).setNote(m.note()));
  }

  public Future<JsonObject> refer(Principal caller, long householdId, NewReferral r) {
    return addStep(caller, householdId, clock.today().getYear(), new MonitoringStepRecord()
        .setStep(ChainStep.REFERRAL).setDepartment(r.department()).setDueOn(r.dueOn()).setNote(r.note()));
  }

  public Future<JsonObject> followUp(Principal caller, long householdId, NewFollowUp f) {
    return addStep(caller, householdId, clock.today().getYear(), new MonitoringStepRecord()
        .setStep(ChainStep.FOLLOW_UP).setRefersTo(f.referralId()).setNote(f.note()));
  }

  /**
   * 风险消除: closes the household's open alerts. An indicator that still trips opens a new alert at the
   * next evaluation: a risk is closed for good only when the figures agree.
   */
  public Future<JsonObject> close(Principal caller, long householdId, String note) {
    return database.tx(db -> {
      HouseholdRecord household = writable(db, caller, householdId);
      MonitoringStepRecord step = step(caller, household, new MonitoringStepRecord()
          .setStep(ChainStep.CLOSURE).setNote(note));
      repository.insertStep(db, step);
      repository.endAlerts(db, MONITORING_ALERT.HOUSEHOLD_ID.eq(householdId), AlertStatus.CLOSED,
          step.getCreatedAt());
      return MonitoringJson.step(step, clock.today(), Set.of());
    });
  }

  private Future<JsonObject> addStep(Principal caller, long householdId, int year, MonitoringStepRecord draft) {
    return txThenPublish(db -> {
      HouseholdRecord household = writable(db, caller, householdId);
      if (draft.getRefersTo() != null && !repository.referralExists(db, householdId, draft.getRefersTo())) {
        throw Problem.badRequest("referralId", "no referral " + draft.getRefersTo() + " on this household's chain");
      }
      MonitoringStepRecord step = step(caller, household, draft);
      repository.insertStep(db, step);
      // the household's indicators may have changed: re-evaluate it alone, now
      List<JsonObject> opened = evaluate(db, Scope.household(householdId), year);
      return new WithAlerts<>(MonitoringJson.step(step, clock.today(), Set.of()), opened);
    });
  }

  private MonitoringStepRecord step(Principal caller, HouseholdRecord household, MonitoringStepRecord draft) {
    return draft.setId(ids.next()).setHouseholdId(household.getId()).setRegionCode(household.getRegionCode())
        .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
  }

  public Future<JsonObject> chain(Principal caller, long householdId) {
    return database.read(db -> {
      visible(db, caller, householdId);
      return MonitoringJson.chain(householdId, repository.statusChanges(db, householdId),
          repository.alertsOf(db, householdId), repository.steps(db, householdId), clock.today());
    });
  }

  // ---- alerts

  public Future<List<JsonObject>> alerts(Principal caller, String regionPrefix, AlertKind kind, int year,
      AlertStatus status, int limit, int offset) {
    String prefix = regionPrefix != null ? regionPrefix : caller.scopeId() == null ? "" : caller.scopeId();
    if (caller.role() == Role.REGULATOR && !prefix.startsWith(caller.scopeId())) {
      throw Problem.forbidden("outside your scope: region " + prefix);
    }
    return txThenPublish(db -> {
      List<JsonObject> opened = evaluate(db, Scope.region(prefix), year);
      List<JsonObject> page = repository.alertsInRegion(db, prefix, kind, status, limit, offset).stream()
          .map(MonitoringJson::alert).toList();
      return new WithAlerts<>(page, opened);
    });
  }

  /**
   * Evaluates every indicator over the scope for the year and reconciles the stored alerts: a finding
   * without an open alert opens one, an open alert the indicators no longer show is resolved. NO_MEASURE
   * reads the open alerts, so it is evaluated after them. Returns the alerts opened, as JSON for the feed.
   */
  private List<JsonObject> evaluate(DSLContext db, Scope scope, int year) {
    LocalDateTime now = clock.now();
    List<JsonObject> opened = new ArrayList<>(reconcile(db, scope, year, INDICATORS,
        indicators.indicators(db, scope.households(), year, now, settings), now));
    opened.addAll(reconcile(db, scope, year, EnumSet.of(AlertKind.NO_MEASURE), indicators.noMeasure(db,
        scope.households(), year, now.minusDays(settings.noMeasureDays()), settings.noMeasureDays()), now));
    return opened;
  }

  private List<JsonObject> reconcile(DSLContext db, Scope scope, int year, Set<AlertKind> kinds,
      List<Finding> findings, LocalDateTime now) {
    Map<String, MonitoringAlertRecord> open = new HashMap<>();
    for (MonitoringAlertRecord alert : repository.openAlerts(db,
        scope.alerts().and(MONITORING_ALERT.KIND.in(kinds)), year)) {
      open.put(alert.getOpenKey(), alert);
    }
    List<JsonObject> opened = new ArrayList<>();
    for (Finding f : findings) {
      String key = f.householdId() + ":" + f.kind() + ":" + year;
      MonitoringAlertRecord existing = open.remove(key);
      if (existing == null) {
        MonitoringAlertRecord alert = new MonitoringAlertRecord().setId(ids.next()).setHouseholdId(f.householdId())
            .setRegionCode(f.regionCode()).setKind(f.kind()).setAlertYear(year).setDetail(f.detail())
            .setSince(now).setStatus(AlertStatus.OPEN).setOpenKey(key);
        if (repository.openAlert(db, alert)) {
          opened.add(MonitoringJson.alert(alert).put("regionCode", alert.getRegionCode()));
        }
      } else if (!existing.getDetail().equals(f.detail())) {
        repository.updateDetail(db, existing.getId(), f.detail());
      }
    }
    if (!open.isEmpty()) {
      repository.endAlerts(db, MONITORING_ALERT.ID.in(open.values().stream().map(MonitoringAlertRecord::getId)
          .toList()), AlertStatus.RESOLVED, now);
    }
    return opened;
  }

  // ---- scope

  /** The household as the caller may read it: itself, its cooperatives, its region's regulator, admin. */
  private HouseholdRecord visible(DSLContext db, Principal caller, long householdId) {
    HouseholdRecord household = participants.household(db, householdId)
        .orElseThrow(() -> Problem.notFound("household", Long.toString(householdId)));
    List<Long> related = caller.role() == Role.COOP ? participants.cooperativesRelatedTo(db, household) : List.of();
    Scopes.requireVisible(Scopes.maySeeHousehold(caller, householdId, household.getRegionCode(), related),
        "household", householdId);
    return household;
  }

  /** The household for a chain write: its region's regulator (or admin) only; the row is locked. */
  private HouseholdRecord writable(DSLContext db, Principal caller, long householdId) {
    HouseholdRecord household = participants.householdForUpdate(db, householdId)
        .orElseThrow(() -> Problem.notFound("household", Long.toString(householdId)));
    Scopes.requireVisible(Scopes.maySeeHousehold(caller, householdId, household.getRegionCode(), List.of()),
        "household", householdId);
    return household;
  }
}
