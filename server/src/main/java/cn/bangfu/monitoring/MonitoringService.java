package cn.bangfu.monitoring;

import static cn.bangfu.db.Tables.HOUSEHOLD;
import static cn.bangfu.db.Tables.MONITORING_ALERT;

import cn.bangfu.db.tables.records.HouseholdRecord;
import cn.bangfu.db.tables.records.HouseholdStatusChangeRecord;
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
import cn.bangfu.registry.Masking;
import cn.bangfu.registry.ParticipantRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
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
 * Monitoring: lines, the chain's steps, alerts. Alerts are evaluated when their inputs change and never
 * when they are read: a write of monitoring re-evaluates the households it touches in its own
 * transaction (one household for an event or a measure, the region for a line); registry and
 * distribution writes (deliveries, labour days, memberships, status decisions, a run posted, paid or
 * reversed) tell {@link #reevaluate} through platform.HouseholdChanges once they committed; what only
 * the passing of time changes (NO_MEASURE, UNPAID_DIVIDEND) is evaluated by the region's evaluation
 * command ({@link #evaluateRegion}, run daily). Alerts opened by a committed evaluation are pushed to the
 * live feed.
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

    /** The region's households with ids in {@code [from, to)}: one part of a region's evaluation. */
    static Scope part(String prefix, long from, long to) {
      return new Scope(HOUSEHOLD.REGION_CODE.startsWith(prefix).and(HOUSEHOLD.ID.ge(from)).and(HOUSEHOLD.ID.lt(to)),
          MONITORING_ALERT.REGION_CODE.startsWith(prefix).and(MONITORING_ALERT.HOUSEHOLD_ID.ge(from))
              .and(MONITORING_ALERT.HOUSEHOLD_ID.lt(to)));
    }

    static Scope households(java.util.Collection<Long> ids) {
      return new Scope(HOUSEHOLD.ID.in(ids), MONITORING_ALERT.HOUSEHOLD_ID.in(ids));
    }
  }

  /** What one evaluation changed: the alerts it opened (as JSON for the feed) and how many it resolved. */
  private record Outcome(List<MonitoringAlertRecord> opened, int resolved) {
    Outcome plus(Outcome other) {
      List<MonitoringAlertRecord> all = new ArrayList<>(opened);
      all.addAll(other.opened);
      return new Outcome(all, resolved + other.resolved);
    }
  }

  /** A transaction's result plus the announcements of the alerts it opened, pushed to the feed once it committed. */
  private record WithAlerts<T>(T result, List<JsonObject> announcements) {
    /** Built on the worker, inside the transaction's work: a province's alerts are counted there, not on an event loop. */
    static <T> WithAlerts<T> of(T result, List<MonitoringAlertRecord> opened) {
      return new WithAlerts<>(result, AlertFeed.announcements(opened));
    }
  }

  private <T> Future<T> txThenPublish(java.util.function.Function<DSLContext, WithAlerts<T>> work) {
    return database.tx(work).map(done -> {
      long started = System.nanoTime();
      feed.publish(done.announcements());
      if (done.announcements().size() >= LOGGED_FINDINGS) {
        LOG.info("{} announcements published in {} ms", done.announcements().size(),
            (System.nanoTime() - started) / 1_000_000);
      }
      return done.result();
    });
  }

  // ---- lines

  public Future<JsonObject> putLine(Principal caller, String regionPrefix, int year, long perCapitaFen) {
    if (caller.role() == Role.REGULATOR && !regionPrefix.startsWith(caller.scopeId())) {
      throw Problem.forbidden("outside your scope: region " + regionPrefix);
    }
    // the line first, then the region under it evaluated in parts (a province's line touches 2,000,000
    // households): should an evaluation fail, the line stands and the next evaluation applies it
    return database.tx(db -> {
      repository.putLine(db, regionPrefix, year, perCapitaFen, caller.userId(), clock.now());
      return null;
    }).compose(stored -> evaluateInParts(regionPrefix, year, caller.userId()))
        .map(counts -> new JsonObject().put("regionPrefix", regionPrefix).put("year", year)
            .put("perCapitaIncomeFen", perCapitaFen));
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
          step.getCreatedAt(), caller.userId());
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
      List<MonitoringAlertRecord> opened = evaluate(db, Scope.household(householdId), year, caller.userId()).opened();
      return WithAlerts.of(MonitoringJson.step(step, clock.today(), Set.of()), opened);
    });
  }

  private MonitoringStepRecord step(Principal caller, HouseholdRecord household, MonitoringStepRecord draft) {
    return draft.setId(ids.next()).setHouseholdId(household.getId()).setRegionCode(household.getRegionCode())
        .setCreatedAt(clock.now()).setCreatedBy(caller.userId());
  }

  /**
   * The household's chain in time order, with who did each step: the regulator and admin read the
   * account name, the household itself reads it masked (杨*明), as on public pages.
   */
  public Future<JsonObject> chain(Principal caller, long householdId) {
    return database.read(db -> {
      visible(db, caller, householdId);
      List<HouseholdStatusChangeRecord> changes = repository.statusChanges(db, householdId);
      List<MonitoringAlertRecord> alerts = repository.alertsOf(db, householdId);
      List<MonitoringStepRecord> steps = repository.steps(db, householdId);
      Set<Long> actors = new java.util.HashSet<>();
      changes.forEach(c -> actors.add(c.getChangedBy()));
      alerts.forEach(a -> {
        actors.add(a.getOpenedBy());
        actors.add(a.getEndedBy());
      });
      steps.forEach(s -> actors.add(s.getCreatedBy()));
      actors.remove(null);
      Map<Long, String> names = new HashMap<>(repository.userNames(db, actors));
      if (caller.role() == Role.HOUSEHOLD) {
        names.replaceAll((id, name) -> Masking.name(name));
      }
      return MonitoringJson.chain(householdId, changes, alerts, steps, names, clock.today());
    });
  }

  /**
   * The signed-in household's own assistance measures in force during {@code year}, for its page
   * (DESIGN.md 8.3: "the household page shows its own measures in plain words"): one indexed read.
   */
  /**
   * The household's own assistance measures of the year, as a read for the household page to run on its
   * connection beside the statement (one trip to a worker instead of two).
   */
  public java.util.function.Function<org.jooq.DSLContext, List<MonitoringStepRecord>> ownMeasuresRead(Principal caller,
      int year) {
    if (caller.role() != Role.HOUSEHOLD) {
      throw Problem.forbidden("only a household reads its own measures here");
    }
    return db -> repository.measures(db, caller.scopeEntityId(), year);
  }

  // ---- alerts

  /** The region a regulator asks about: the one named, inside its scope, or its whole scope. */
  private static String region(Principal caller, String regionPrefix) {
    String prefix = regionPrefix != null ? regionPrefix : caller.scopeId() == null ? "" : caller.scopeId();
    if (caller.role() == Role.REGULATOR && !prefix.startsWith(caller.scopeId())) {
      throw Problem.forbidden("outside your scope: region " + prefix);
    }
    return prefix;
  }

  /** How many alerts of the year are open in the caller's region (the console's count; one indexed count). */
  public Future<Integer> openAlerts(Principal caller, int year) {
    String prefix = region(caller, null);
    return database.read(db -> repository.countOpen(db, prefix, year));
  }

  public Future<List<JsonObject>> alerts(Principal caller, String regionPrefix, AlertKind kind, int year,
      AlertStatus status, int limit, int offset) {
    String prefix = region(caller, regionPrefix);
    // a read: the alerts stand as the last evaluation left them
    return database.read(db -> repository.alertsInRegion(db, prefix, kind, year, status, limit, offset).stream()
        .map(MonitoringJson::alert).toList());
  }

  /**
   * The evaluation command: every indicator over the region for the year, in one transaction, for what
   * only time changes (an alert left without measure, a dividend left unpaid) and after bulk loads. Run
   * daily by the county (README); returns how many alerts it opened and resolved and how many are open.
   */
  public Future<JsonObject> evaluateRegion(Principal caller, String regionPrefix, int year) {
    String prefix = region(caller, regionPrefix);
    return evaluateInParts(prefix, year, caller.userId()).compose(counts -> database.read(db ->
        new JsonObject().put("regionPrefix", prefix).put("year", year).put("opened", counts[0])
            .put("resolved", counts[1]).put("open", repository.countOpen(db, prefix, year))));
  }

  /** Households per part of a region's evaluation: a county of 50,000 is one part, a province 20. */
  static final int HOUSEHOLDS_PER_PART = 100_000;
  /** Parts evaluated at once: the indicator query keeps one core busy, the insert of alerts the other. */
  private static final int PARTS_AT_ONCE = 2;
  private volatile int householdsPerPart = HOUSEHOLDS_PER_PART;

  /** Tests only: smaller parts, so a village of a few households is evaluated in several. */
  void householdsPerPart(int households) {
    this.householdsPerPart = households;
  }

  /**
   * Every indicator over the region, a part of {@link #HOUSEHOLDS_PER_PART} households (by id) at a
   * time, each part its own transaction, {@link #PARTS_AT_ONCE} at once. A household's alerts depend on
   * that household alone, so the parts are independent; one transaction for a province opened 1.2
   * million alerts at once — a write set no Galera cluster should certify (issue 19), and on two cores
   * a minute and ten seconds where parts side by side keep both cores busy (issue 17). Answers
   * {opened, resolved}; each part's new alerts are announced once it committed.
   */
  private Future<int[]> evaluateInParts(String prefix, int year, Long by) {
    return database.read(db -> repository.partStarts(db, prefix, householdsPerPart)).compose(starts -> {
      List<Scope> parts = new ArrayList<>();
      for (int i = 0; i < starts.size(); i++) {
        // the first part from the lowest id, the last to the highest: a household registered meanwhile is in one
        parts.add(Scope.part(prefix, i == 0 ? Long.MIN_VALUE : starts.get(i),
            i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE));
      }
      if (parts.isEmpty()) {
        parts.add(Scope.region(prefix)); // no household left: its old alerts are still resolved
      }
      List<Future<int[]>> lanes = new ArrayList<>();
      for (int lane = 0; lane < Math.min(PARTS_AT_ONCE, parts.size()); lane++) {
        Future<int[]> done = Future.succeededFuture(new int[2]);
        for (int i = lane; i < parts.size(); i += PARTS_AT_ONCE) {
          Scope part = parts.get(i);
          done = done.compose(sum -> txThenPublish(db -> {
            Outcome outcome = evaluate(db, part, year, by);
            return WithAlerts.of(new int[] {sum[0] + outcome.opened().size(), sum[1] + outcome.resolved()},
                outcome.opened());
          }));
        }
        lanes.add(done);
      }
      return Future.all(lanes).map(all -> {
        int[] total = new int[2];
        for (Future<int[]> lane : lanes) {
          total[0] += lane.result()[0];
          total[1] += lane.result()[1];
        }
        return total;
      });
    });
  }

  /**
   * The daily evaluation (DESIGN.md 8.3): what only time changes — an alert left without a measure, a
   * dividend left unpaid — is found once a business day without anyone asking. Every instance's timer
   * calls this; the one whose transaction claims today's row evaluates every region for the current
   * year and the one before — in parts, like {@link #evaluateRegion}: every region is a province's
   * 2,000,000 households — the others find the row and do nothing. A failed evaluation gives its claim
   * back, so the next check (here or on another instance) runs it again; an instance dying mid-run
   * leaves the day claimed and the next day's run catches up (evaluations only converge). Alerts it
   * opens name no user (opened_by NULL: nobody asked). Answers the day's figures, or empty if already done.
   */
  public Future<java.util.Optional<JsonObject>> evaluateDaily() {
    LocalDate day = clock.today();
    return database.tx(db -> repository.claimDailyRun(db, day, clock.now())).compose(claimed -> {
      if (!claimed) {
        return Future.succeededFuture(java.util.Optional.<JsonObject>empty());
      }
      // last year too: a December dividend still unpaid in January is last year's alert
      return evaluateInParts("", day.getYear() - 1, null)
          .compose(last -> evaluateInParts("", day.getYear(), null)
              .map(now -> new int[] {last[0] + now[0], last[1] + now[1]}))
          .compose(total -> database.tx(db -> {
            repository.recordDailyRun(db, day, total[0], total[1]);
            return java.util.Optional.of(new JsonObject().put("day", day.toString()).put("opened", total[0])
                .put("resolved", total[1]));
          }))
          .recover(failure -> database.tx(db -> {
            repository.releaseDailyRun(db, day);
            return null;
          }).transform(released -> Future.failedFuture(failure)));
    });
  }

  /** The region's alerts of the year and its households under monitoring as an .xlsx workbook (a read). */
  public Future<byte[]> export(Principal caller, String regionPrefix, int year) {
    String prefix = region(caller, regionPrefix);
    return database.read(db -> {
      try (MonitoringExport workbook = new MonitoringExport(prefix, year)) {
        repository.forEachAlert(db, prefix, year, workbook::alert);
        repository.forEachMonitored(db, prefix, year, workbook::household);
        return workbook.bytes();
      }
    });
  }

  /**
   * HouseholdChanges' watcher: re-evaluates households a committed write of another capability changed,
   * for the year the change is dated in, the year after it (whose INCOME_DROP compares with it) while that
   * has begun, and the current year (status and unpaid dividends count now).
   */
  public Future<Void> reevaluate(java.util.Collection<Long> householdIds, LocalDate on, long causedBy) {
    int thisYear = clock.today().getYear();
    java.util.SortedSet<Integer> years = new java.util.TreeSet<>(List.of(on.getYear(), thisYear));
    if (on.getYear() + 1 <= thisYear) {
      years.add(on.getYear() + 1);
    }
    List<Long> ids = List.copyOf(householdIds);
    return txThenPublish(db -> {
      Outcome outcome = new Outcome(List.of(), 0);
      // a posted run can name 100,000 households: evaluated a bounded IN list at a time
      for (int from = 0; from < ids.size(); from += MonitoringRepository.CHUNK) {
        Scope chunk = Scope.households(ids.subList(from, Math.min(ids.size(), from + MonitoringRepository.CHUNK)));
        for (int year : years) {
          outcome = outcome.plus(evaluate(db, chunk, year, causedBy));
        }
      }
      return WithAlerts.<Void>of(null, outcome.opened());
    });
  }

  /**
   * Evaluates every indicator over the scope for the year and reconciles the stored alerts: a finding
   * without an open alert opens one, an open alert the indicators no longer show is resolved. NO_MEASURE
   * reads the open alerts, so it is evaluated after them. Returns the alerts opened, as JSON for the feed.
   */
  private Outcome evaluate(DSLContext db, Scope scope, int year, Long by) {
    LocalDateTime now = clock.now();
    long started = System.nanoTime();
    List<Finding> found = indicators.indicators(db, scope.households(), year, now, settings);
    long indicatedAt = System.nanoTime();
    Outcome indicated = reconcile(db, scope, year, INDICATORS, found, now, by);
    long reconciledAt = System.nanoTime();
    List<Finding> idle = indicators.noMeasure(db, scope.households(), year, now.minusDays(settings.noMeasureDays()),
        settings.noMeasureDays());
    long noMeasureAt = System.nanoTime();
    Outcome outcome = indicated.plus(reconcile(db, scope, year, EnumSet.of(AlertKind.NO_MEASURE), idle, now, by));
    if (found.size() + idle.size() >= LOGGED_FINDINGS) {
      // a region's evaluation (the province's takes a minute): where its time goes
      LOG.info("evaluation of {}: {} findings in {} ms, reconciled in {} ms ({} opened, {} resolved); {} without"
              + " measure in {} ms, reconciled in {} ms", year, found.size(), (indicatedAt - started) / 1_000_000,
          (reconciledAt - indicatedAt) / 1_000_000, indicated.opened().size(), indicated.resolved(), idle.size(),
          (noMeasureAt - reconciledAt) / 1_000_000, (System.nanoTime() - noMeasureAt) / 1_000_000);
    }
    return outcome;
  }

  private static final int LOGGED_FINDINGS = 10_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitoringService.class);

  private Outcome reconcile(DSLContext db, Scope scope, int year, Set<AlertKind> kinds,
      List<Finding> findings, LocalDateTime now, Long by) {
    Map<String, MonitoringAlertRecord> open = new HashMap<>();
    for (MonitoringAlertRecord alert : repository.openAlerts(db,
        scope.alerts().and(MONITORING_ALERT.KIND.in(kinds)), year)) {
      open.put(alert.getOpenKey(), alert);
    }
    List<MonitoringAlertRecord> fresh = new ArrayList<>();
    for (Finding f : findings) {
      String key = f.householdId() + ":" + f.kind() + ":" + year;
      MonitoringAlertRecord existing = open.remove(key);
      if (existing == null) {
        fresh.add(new MonitoringAlertRecord().setId(ids.next()).setHouseholdId(f.householdId())
            .setRegionCode(f.regionCode()).setKind(f.kind()).setAlertYear(year).setDetail(f.detail())
            .setSince(now).setStatus(AlertStatus.OPEN).setOpenKey(key).setOpenedBy(by));
      } else if (!existing.getDetail().equals(f.detail())) {
        repository.updateDetail(db, existing.getId(), f.detail());
      }
    }
    // a racing evaluation may have opened some of them first: only those inserted here are announced
    List<MonitoringAlertRecord> opened = repository.openAlerts(db, fresh);
    List<Long> ended = open.values().stream().map(MonitoringAlertRecord::getId).toList();
    for (int from = 0; from < ended.size(); from += MonitoringRepository.CHUNK) {
      repository.endAlerts(db, MONITORING_ALERT.ID.in(ended.subList(from, Math.min(ended.size(),
          from + MonitoringRepository.CHUNK))), AlertStatus.RESOLVED, now, by);
    }
    return new Outcome(opened, ended.size());
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
